import type { FileRow } from '../../lib/file-table.js';

/**
 * Only ML types that need embeddings enable this skill (lib/context.ts, vectorDbDecision), and
 * none of those has templates yet: the LLM/RAG issue adds the Qdrant rows here.
 */
export const files: readonly FileRow[] = [];
