/**
 * assembling-components: the project around the code (pyproject, environment, Makefile, README,
 * model card, settings), the test suite, CI/CD and the local Docker Compose stack.
 */
import { onManagedPlatform, type ProjectContext } from '../../lib/context.js';
import { exceptTypes, forTypes, type FileRow } from '../../lib/file-table.js';

const cicd = (c: ProjectContext) => c.features.cicd;

/** Unit tests every ML type has (shared or per-type templates of the same name). */
const unitTests = [
  'test_api', 'test_config', 'test_data_ingestion', 'test_data_validation',
  'test_errors', 'test_evaluate', 'test_feature_engineering', 'test_logging', 'test_metrics_logger',
  'test_mlflow_stores', 'test_model_loader', 'test_model_training', 'test_package', 'test_pipeline_helpers',
  'test_predict', 'test_preprocessing', 'test_registry', 'test_runtime', 'test_sample_data', 'test_serving_schemas',
  'test_storage',
];

/** Unit tests of one type's own modules. */
const tabularOrImage = ['test_batching', 'test_cache', 'test_serving_preprocessing', 'test_splitting'];
const typeUnitTests: Record<ProjectContext['mlType'], string[]> = {
  'traditional-ml': [...tabularOrImage, 'test_compiled', 'test_hyperparameters'],
  'deep-learning': [...tabularOrImage, 'test_network', 'test_export'],
  'llm-rag': [
    'test_chunking', 'test_embeddings', 'test_retrieval', 'test_prompts', 'test_generation', 'test_rag_chain',
    'test_llm_tracing', 'test_secrets',
  ],
  'time-series': ['test_anomaly', 'test_backtest', 'test_forecasters', 'test_intervals'],
};

export const files: readonly FileRow[] = [
  { path: 'pyproject.toml' },
  { path: 'environment.yml' },
  { path: '.env.example' },
  { path: '.gitignore', template: 'gitignore' },
  { path: '.yamllint.yaml' },
  { path: 'Makefile' },
  { path: 'README.md' },
  { path: 'model_card.md' },

  { path: 'tests/__init__.py' },
  { path: 'tests/conftest.py' },
  // One migrated MLflow store per session, copied into each test's fresh store.
  { path: 'tests/mlflow_stores.py' },
  // LLM/RAG's tests generate their corpus into a temporary project (tests/conftest.py).
  { path: 'tests/fixtures/test_config.yaml', when: exceptTypes('llm-rag') },
  { path: 'tests/unit/__init__.py' },
  // One alphabetical list, so that the record of files reads in the order of the folder.
  ...[
    ...unitTests.map((name) => ({ path: `tests/unit/${name}.py` })),
    ...Object.entries(typeUnitTests).flatMap(([mlType, names]) =>
      names.map((name) => ({ path: `tests/unit/${name}.py`, when: forTypes(mlType as ProjectContext['mlType']) }))),
  ].sort((a, b) => a.path.localeCompare(b.path)),
  { path: 'tests/unit/test_feature_store.py', when: (c) => c.features.featureStore },
  { path: 'tests/unit/test_feature_definitions.py', when: exceptTypes('llm-rag') },
  { path: 'tests/unit/test_drift_detection.py', when: (c) => c.features.driftMonitoring },
  { path: 'tests/unit/test_alerting.py', when: (c) => c.features.driftMonitoring },
  { path: 'tests/unit/test_check_dashboards.py', when: (c) => c.features.observabilityStack },
  { path: 'tests/unit/test_managed_platform.py', template: 'tests/unit/test_managed_platform.sagemaker.py', when: onManagedPlatform('sagemaker') },
  { path: 'tests/unit/test_managed_platform.py', template: 'tests/unit/test_managed_platform.vertex-ai.py', when: onManagedPlatform('vertex-ai') },
  { path: 'tests/integration/__init__.py' },
  // Deep Learning trains one model per session for its integration tests.
  { path: 'tests/integration/conftest.py', when: forTypes('deep-learning') },
  { path: 'tests/integration/test_notebooks.py', when: (c) => c.features.notebooks },
  { path: 'tests/integration/test_training_pipeline.py' },
  { path: 'tests/integration/test_serving_pipeline.py' },
  { path: 'tests/integration/test_end_to_end.py' },
  { path: 'tests/integration/test_prefect_server.py' },
  { path: 'tests/integration/test_monitoring_pipeline.py', when: (c) => c.features.driftMonitoring },

  { path: '.github/workflows/ci.yml', when: cicd },
  { path: '.github/workflows/train.yml', when: cicd },
  { path: '.github/workflows/deploy.yml', when: (c) => c.features.cicd && !c.features.canary },
  { path: '.github/workflows/deploy.yml', template: '.github/workflows/deploy.advanced.yml', when: (c) => c.features.cicd && c.features.canary },

  { path: 'infrastructure/docker/docker-compose.yml', when: (c) => c.features.composeStack },
];
