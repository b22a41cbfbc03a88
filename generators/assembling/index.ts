/** `yo ml-pipeline:assembling`: skill "assembling-components" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class AssemblingGenerator extends SkillGenerator {
  readonly skill = 'assembling' as const;
}
