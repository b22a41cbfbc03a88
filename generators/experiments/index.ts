/** `yo ml-pipeline:experiments`: skill "managing-experiments" of the blueprint. Its files are the table in files.ts. */
import { SkillGenerator } from '../../lib/skill-generator.js';
import { files } from './files.js';

export default class ExperimentsGenerator extends SkillGenerator {
  readonly skill = 'experiments' as const;
  readonly files = files;
}
