/**
 * `yo ml-pipeline:vector-db`: skill "designing-databases-vector". It runs only where the seed's
 * enabled_when holds (embeddings, LLM/RAG, recommendation or similarity search); for other
 * projects it says why it was skipped and writes nothing.
 */
import type { ProjectContext } from '../../lib/context.js';
import { vectorDbDecision } from '../../lib/context.js';
import { SkillGenerator } from '../../lib/skill-generator.js';
import { files } from './files.js';

export default class VectorDbGenerator extends SkillGenerator {
  readonly skill = 'vector-db' as const;
  readonly files = files;

  protected override skipReason(ctx: ProjectContext): string | undefined {
    const decision = vectorDbDecision(ctx.mlType);
    return decision.enabled ? undefined : decision.reason;
  }
}
