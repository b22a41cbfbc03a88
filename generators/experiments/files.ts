/**
 * managing-experiments: evaluation, prediction, hyperparameters, the registration gate and the
 * model configuration (training itself is implementing-mlops' "MLflow experiment tracking").
 */
import type { FileRow } from '../../lib/file-table.js';

export const files: readonly FileRow[] = [
  { path: 'src/models/__init__.py' },
  { path: 'src/models/evaluate.py' },
  { path: 'src/models/predict.py' },
  { path: 'src/models/hyperparameters.py' },
  { path: 'src/models/registry.py' },
  { path: 'config/model_config.yaml' },
  { path: 'models/trained/.gitkeep' },
  { path: 'models/checkpoints/.gitkeep' },
  { path: 'models/registered/.gitkeep' },
];
