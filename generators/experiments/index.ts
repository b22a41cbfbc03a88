/** `yo ml-pipeline:experiments`: skill "managing-experiments" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class ExperimentsGenerator extends SkillGenerator {
  readonly skill = 'experiments' as const;
}
