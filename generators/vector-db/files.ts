import type { ProjectContext } from '../../lib/context.js';
import type { FileRow } from '../../lib/file-table.js';

/**
 * designing-databases-vector: the Qdrant vector store (client, collection schema, indexing with an
 * alias swap, hybrid search, snapshots), its configuration and its Kubernetes StatefulSet. Only
 * ML types that retrieve embeddings enable the skill (lib/context.ts, vectorDbDecision).
 */
const vectorDb = (c: ProjectContext) => c.features.vectorDb;

export const files: readonly FileRow[] = [
  { path: 'src/vector_store/__init__.py', when: vectorDb },
  { path: 'src/vector_store/client.py', when: vectorDb },
  { path: 'src/vector_store/schema.py', when: vectorDb },
  { path: 'src/vector_store/indexing.py', when: vectorDb },
  { path: 'src/vector_store/search.py', when: vectorDb },
  { path: 'src/vector_store/snapshots.py', when: vectorDb },
  { path: 'config/vector_db_config.yaml', when: vectorDb },
  { path: 'tests/unit/test_vector_store.py', when: vectorDb },
  { path: 'tests/unit/test_snapshots.py', when: vectorDb },
  { path: 'infrastructure/kubernetes/qdrant.yaml', when: (c) => c.features.vectorDb && c.features.kubernetesManifests },
];
