/**
 * serving-models: the FastAPI service, its configuration, the serving container and the
 * Kubernetes serving manifests (which the seed gives to the vector skill by mistake).
 */
import type { ProjectContext } from '../../lib/context.js';
import { exceptTypes, type FileRow } from '../../lib/file-table.js';

const manifests = (c: ProjectContext) => c.features.kubernetesManifests;
// Rows and images are scored in micro-batches and cached; a RAG answer and a forecast are neither.
const scoresRows = exceptTypes('llm-rag', 'time-series');

export const files: readonly FileRow[] = [
  { path: 'src/serving/__init__.py' },
  { path: 'src/serving/api.py' },
  // What every ML type's API shares: request ids, metrics, errors as JSON, status routes.
  { path: 'src/serving/middleware.py' },
  // Body limit (413), short 422s and the documented error responses of every ML type's API.
  { path: 'src/serving/errors.py' },
  // The lifespan, uvicorn and the garbage collector's settings of every ML type's API.
  { path: 'src/serving/runtime.py' },
  { path: 'src/serving/service.py', when: scoresRows },
  { path: 'src/serving/schemas.py' },
  { path: 'src/serving/model_loader.py' },
  { path: 'src/serving/preprocessing.py', when: scoresRows },
  { path: 'src/serving/batching.py', when: scoresRows },
  { path: 'src/serving/cache.py', when: scoresRows },
  { path: 'config/serving_config.yaml' },
  { path: 'infrastructure/docker/Dockerfile.serving' },
  { path: '.dockerignore' },
  { path: 'infrastructure/kubernetes/namespace.yaml', when: manifests },
  { path: 'infrastructure/kubernetes/deployment.yaml', when: manifests },
  { path: 'infrastructure/kubernetes/service.yaml', when: manifests },
  { path: 'infrastructure/kubernetes/hpa.yaml', when: manifests },
  // The one-file bundle that deploy.yml applies: wherever the serving manifests are.
  { path: 'infrastructure/kubernetes/serving-deployment.yaml', when: manifests },
  { path: 'infrastructure/kubernetes/canary-deployment.yaml', when: (c) => c.features.canary },
];
