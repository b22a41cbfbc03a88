/** `yo ml-pipeline:serving`: skill "serving-models" of the blueprint. Its files are the table in files.ts. */
import { SkillGenerator } from '../../lib/skill-generator.js';
import { files } from './files.js';

export default class ServingGenerator extends SkillGenerator {
  readonly skill = 'serving' as const;
  readonly files = files;
}
