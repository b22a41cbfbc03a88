/**
 * `yo ml-pipeline:vector-db`: skill "designing-databases-vector". It runs only where the seed's
 * enabled_when holds (embeddings, LLM/RAG, recommendation or similarity search); for other
 * projects it says why it was skipped and writes nothing (lib/project-files.ts skillSkipReason).
 */
import { SkillGenerator } from '../../lib/skill-generator.js';

export default class VectorDbGenerator extends SkillGenerator {
  readonly skill = 'vector-db' as const;
}
