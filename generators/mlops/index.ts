/** `yo ml-pipeline:mlops`: skill "implementing-mlops" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class MlopsGenerator extends SkillGenerator {
  readonly skill = 'mlops' as const;
}
