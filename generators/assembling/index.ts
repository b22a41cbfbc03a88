/** `yo ml-pipeline:assembling`: skill "assembling-components" of the blueprint. Its files are the table in files.ts. */
import { SkillGenerator } from '../../lib/skill-generator.js';
import { files } from './files.js';

export default class AssemblingGenerator extends SkillGenerator {
  readonly skill = 'assembling' as const;
  readonly files = files;
}
