/**
 * managing-experiments: evaluation, prediction, hyperparameters, the registration gate and the
 * model configuration (training itself is implementing-mlops' "MLflow experiment tracking").
 */
import { forTypes, type FileRow } from '../../lib/file-table.js';

const dl = forTypes('deep-learning');

export const files: readonly FileRow[] = [
  { path: 'src/models/__init__.py' },
  { path: 'src/models/evaluate.py' },
  { path: 'src/models/predict.py' },
  { path: 'src/models/hyperparameters.py', when: forTypes('traditional-ml') },
  // The network definitions and their ONNX/TorchScript export.
  { path: 'src/models/network.py', when: dl },
  { path: 'src/models/export.py', when: dl },
  { path: 'src/models/registry.py' },
  { path: 'config/model_config.yaml' },
  { path: 'models/trained/.gitkeep' },
  { path: 'models/checkpoints/.gitkeep' },
  { path: 'models/registered/.gitkeep' },
];
