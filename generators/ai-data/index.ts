/** `yo ml-pipeline:ai-data`: skill "engineering-ai-data" of the blueprint. Its files are the table in files.ts (lib/project-files.ts). */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class AiDataGenerator extends SkillGenerator {
  readonly skill = 'ai-data' as const;
}
