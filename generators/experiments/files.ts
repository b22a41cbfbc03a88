/**
 * managing-experiments: evaluation, prediction, hyperparameters, the registration gate and the
 * model configuration (training itself is implementing-mlops' "MLflow experiment tracking").
 */
import { exceptTypes, forTypes, type FileRow } from '../../lib/file-table.js';

const dl = forTypes('deep-learning');
const rag = forTypes('llm-rag');
const ts = forTypes('time-series');

export const files: readonly FileRow[] = [
  { path: 'src/models/__init__.py' },
  { path: 'src/models/evaluate.py' },
  { path: 'src/models/predict.py' },
  { path: 'src/models/hyperparameters.py', when: forTypes('traditional-ml') },
  // The trained pipeline as ONNX for the API and the batch flow, checked against scikit-learn.
  { path: 'src/models/compiled.py', when: forTypes('traditional-ml') },
  // The network definitions and their ONNX/TorchScript export.
  { path: 'src/models/network.py', when: dl },
  { path: 'src/models/export.py', when: dl },
  // Retrieval-augmented generation: embed, retrieve, prompt, generate, and the chain MLflow logs.
  { path: 'src/models/embeddings.py', when: rag },
  { path: 'src/models/retrieval.py', when: rag },
  { path: 'src/models/prompts.py', when: rag },
  { path: 'src/models/generation.py', when: rag },
  { path: 'src/models/rag_chain.py', when: rag },
  // Forecasting: the candidate models, rolling-origin backtests, calibrated intervals, anomalies.
  { path: 'src/models/forecasters.py', when: ts },
  { path: 'src/models/backtest.py', when: ts },
  { path: 'src/models/intervals.py', when: ts },
  { path: 'src/models/anomaly.py', when: ts },
  { path: 'src/models/registry.py' },
  { path: 'config/model_config.yaml' },
  { path: 'config/prompts/answer_v1.txt', when: rag },
  { path: 'models/trained/.gitkeep' },
  { path: 'models/checkpoints/.gitkeep', when: exceptTypes('llm-rag') },
  { path: 'models/registered/.gitkeep' },
];
