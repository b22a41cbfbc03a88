/** `yo ml-pipeline:observability`: skill "implementing-observability" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class ObservabilityGenerator extends SkillGenerator {
  readonly skill = 'observability' as const;
}
