/**
 * implementing-mlops: the package root and shared utilities, the training code (the seed's
 * "MLflow experiment tracking" deliverable), the Prefect flows, DVC, the training container, and
 * the infrastructure that runs training (cluster Job, Terraform, managed platform).
 */
import { onManagedPlatform, type ProjectContext } from '../../lib/context.js';
import { both, forTypes, type FileRow } from '../../lib/file-table.js';

const dvc = (c: ProjectContext) => c.features.dataVersioning;
const cluster = (c: ProjectContext) => c.features.kubernetesCluster;
const terraform = (provider: 'aws' | 'gcp') => (c: ProjectContext) => c.features.terraform && c.cloud.provider === provider;
const notebooks = (c: ProjectContext) => c.features.notebooks;
// The exploration notebooks walk through tabular features; every type has the quick start.
const tabularNotebooks = both(notebooks, forTypes('traditional-ml'));
const managed = onManagedPlatform;

export const files: readonly FileRow[] = [
  { path: 'src/__init__.py' },
  { path: 'src/utils/__init__.py' },
  { path: 'src/utils/config.py' },
  { path: 'src/utils/logging.py' },
  { path: 'src/utils/storage.py' },
  { path: 'config/pipeline_config.yaml' },
  { path: 'src/models/train.py' },

  { path: 'pipelines/__init__.py' },
  // LLM/RAG: ingest and index documents (the training pipeline runs it, then evaluates and registers).
  { path: 'pipelines/ingestion_pipeline.py', when: forTypes('llm-rag') },
  { path: 'pipelines/training_pipeline.py' },
  { path: 'pipelines/inference_pipeline.py' },
  { path: 'pipelines/monitoring_pipeline.py', when: (c) => c.features.driftMonitoring },
  // One local Prefect server for every step of `make all`.
  { path: 'pipelines/prefect_server.py' },

  { path: 'dvc.yaml', when: dvc },
  { path: '.dvcignore', when: dvc },
  { path: '.dvc/config', when: dvc },
  { path: '.dvc/.gitignore', template: '.dvc/gitignore', when: dvc },

  { path: 'infrastructure/docker/Dockerfile.training' },
  { path: 'infrastructure/kubernetes/training-job.yaml', when: cluster },
  // Read by the serving manifests (MLflow auth), the training Job and monitoring-stack's Grafana.
  { path: 'infrastructure/kubernetes/secrets.yaml', when: (c) => c.features.kubernetesManifests },

  { path: 'infrastructure/terraform/main.tf', template: 'infrastructure/terraform/main.aws.tf', when: terraform('aws') },
  { path: 'infrastructure/terraform/variables.tf', template: 'infrastructure/terraform/variables.aws.tf', when: terraform('aws') },
  { path: 'infrastructure/terraform/outputs.tf', template: 'infrastructure/terraform/outputs.aws.tf', when: terraform('aws') },
  { path: 'infrastructure/terraform/main.tf', template: 'infrastructure/terraform/main.gcp.tf', when: terraform('gcp') },
  { path: 'infrastructure/terraform/variables.tf', template: 'infrastructure/terraform/variables.gcp.tf', when: terraform('gcp') },
  { path: 'infrastructure/terraform/outputs.tf', template: 'infrastructure/terraform/outputs.gcp.tf', when: terraform('gcp') },

  { path: 'src/cloud/__init__.py', when: managed() },
  { path: 'src/cloud/managed_platform.py', template: 'src/cloud/managed_platform.sagemaker.py', when: managed('sagemaker') },
  { path: 'src/cloud/managed_platform.py', template: 'src/cloud/managed_platform.vertex-ai.py', when: managed('vertex-ai') },
  { path: 'config/platform_config.yaml', template: 'config/platform_config.sagemaker.yaml', when: managed('sagemaker') },
  { path: 'config/platform_config.yaml', template: 'config/platform_config.vertex-ai.yaml', when: managed('vertex-ai') },

  { path: 'notebooks/01_quickstart.ipynb', when: notebooks },
  { path: 'notebooks/01_exploration.ipynb', when: tabularNotebooks },
  { path: 'notebooks/02_feature_engineering.ipynb', when: tabularNotebooks },
  { path: 'notebooks/03_model_training.ipynb', when: tabularNotebooks },
  { path: 'notebooks/04_evaluation.ipynb', when: tabularNotebooks },
];
