/** `yo ml-pipeline:serving`: skill "serving-models" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class ServingGenerator extends SkillGenerator {
  readonly skill = 'serving' as const;
}
