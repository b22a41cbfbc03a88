/**
 * serving-models: the FastAPI service, its configuration, the serving container and the
 * Kubernetes serving manifests (which the seed gives to the vector skill by mistake).
 */
import type { ProjectContext } from '../../lib/context.js';
import type { FileRow } from '../../lib/file-table.js';

const manifests = (c: ProjectContext) => c.features.kubernetesManifests;

export const files: readonly FileRow[] = [
  { path: 'src/serving/__init__.py' },
  { path: 'src/serving/api.py' },
  // What every ML type's API shares: request ids, metrics, errors as JSON, status routes.
  { path: 'src/serving/middleware.py' },
  { path: 'src/serving/service.py' },
  { path: 'src/serving/schemas.py' },
  { path: 'src/serving/model_loader.py' },
  { path: 'src/serving/preprocessing.py' },
  { path: 'src/serving/batching.py' },
  { path: 'src/serving/cache.py' },
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
