/**
 * The one derived, typed context every template reads. Each decision about what a project
 * contains is made here, from the answers, and nowhere else (templates only branch on these flags).
 */
import {
  INFRASTRUCTURES, MATURITIES, MATURITY_PROFILE, ML_TYPES, choiceLabel, toPackageName,
  type Answers, type Infrastructure, type MaturityProfile, type MlType,
} from './answers.js';
import { expectationsFor, type ExpectationsContext } from './deliverables.js';
import { humanizeDuration } from './prometheus-format.js';
import type { DatasetSchema } from './data/infer-schema.js';
import { tableContext, type TableContext } from './data/table-context.js';

/** The seed's model_type vocabulary for the vector-db enabled_when / skip_when rules. */
export type SeedModelType = 'tabular' | 'image' | 'llm' | 'time_series' | 'embedding';

export const SEED_MODEL_TYPE: Record<MlType, SeedModelType> = {
  'traditional-ml': 'tabular',
  'deep-learning': 'image',
  'llm-rag': 'llm',
  'time-series': 'time_series',
};

export interface VectorDbDecision {
  enabled: boolean;
  reason: string;
}

/**
 * Seed (designing-databases-vector): enabled_when model_type == "embedding", or "llm" and
 * rag_enabled, or use_case in (recommendation, similarity_search); skip_when tabular or
 * time_series. LLM/RAG projects always retrieve, so rag_enabled holds for them.
 */
export function vectorDbDecision(mlType: MlType, useCase?: 'recommendation' | 'similarity_search'): VectorDbDecision {
  const modelType = SEED_MODEL_TYPE[mlType];
  if (modelType === 'embedding') return { enabled: true, reason: 'the model produces embeddings' };
  if (modelType === 'llm') return { enabled: true, reason: 'LLM/RAG retrieves context from a vector store' };
  if (useCase) return { enabled: true, reason: `the use case is ${useCase}` };
  // skip_when tabular / time_series / no_embeddings_required, in plain words for the log.
  const NO_VECTOR_DB: Record<Exclude<SeedModelType, 'embedding' | 'llm'>, string> = {
    tabular: 'Traditional ML models work on tables and need no embeddings, so no vector database is generated',
    time_series: 'Time Series models learn from past values and need no embeddings, so no vector database is generated',
    image: 'Deep Learning models here predict straight from their inputs and search no embeddings, so no vector database is generated',
  };
  return { enabled: false, reason: NO_VECTOR_DB[modelType] };
}

export interface Features {
  /** Feast offline/online store (seed: Production configures the feature store; Starter keeps infrastructure minimal). */
  featureStore: boolean;
  /** Great Expectations suite gating the pipeline (every maturity: bad data must never train a model). */
  dataValidation: boolean;
  /** Evidently drift detection + monitoring flow (seed: Starter has "no drift detection"). */
  driftMonitoring: boolean;
  /** Prometheus config, alert rules and Grafana dashboards. */
  observabilityStack: boolean;
  /** GitHub Actions: ci, train, deploy. */
  cicd: boolean;
  /** Deployment/Service/HPA manifests: required from Production up, or whenever training runs on Kubernetes. */
  kubernetesManifests: boolean;
  /** The Kubernetes infrastructure answer: training Job, monitoring stack, secrets template. */
  kubernetesCluster: boolean;
  /** Terraform for a VM and a bucket (Cloud VMs). */
  terraform: boolean;
  /** Submission to SageMaker / Vertex AI (Managed platform). */
  managedPlatform: boolean;
  /** Jupyter notebooks, quick start included (seed: Starter is notebook-driven). */
  notebooks: boolean;
  /** Docker Compose stack for local development (every answer: the local run must always work). */
  composeStack: boolean;
  /** Retraining triggered when the monitoring flow flags drift (Advanced). */
  autoRetrain: boolean;
  /** Canary deployment step and manifest (Advanced). */
  canary: boolean;
  /** DVC pipeline definition. */
  dataVersioning: boolean;
  /** Longer, teaching comments (Starter). */
  extensiveComments: boolean;
  vectorDb: boolean;
}

export function featuresFor(answers: Answers): Features {
  const starter = answers.maturity === 'starter';
  // Documents are retrieved from the vector store, not joined from a feature store.
  const rag = answers.mlType === 'llm-rag';
  const advanced = answers.maturity === 'advanced';
  const infra: Infrastructure = answers.infrastructure;
  return {
    featureStore: !starter && !rag,
    dataValidation: true,
    driftMonitoring: !starter,
    observabilityStack: !starter,
    cicd: !starter,
    kubernetesManifests: !starter || infra === 'kubernetes',
    kubernetesCluster: infra === 'kubernetes',
    terraform: infra === 'cloud-vms',
    managedPlatform: infra === 'managed-platform',
    notebooks: starter,
    composeStack: true,
    autoRetrain: advanced,
    canary: advanced,
    dataVersioning: answers.dataVersioning,
    extensiveComments: starter,
    vectorDb: vectorDbDecision(answers.mlType).enabled,
  };
}

/** The cloud that object storage, DVC remotes and SDK extras target. */
export interface CloudContext {
  provider: 'aws' | 'gcp';
  /** URI scheme of the object store: s3://bucket, gs://bucket. */
  scheme: 's3' | 'gs';
  dvcRemotePlugin: 'dvc-s3' | 'dvc-gs';
  /** The pyproject extra with the SDK. */
  extra: 'cloud-aws' | 'cloud-gcp';
  storageName: 'S3' | 'GCS';
}

export function cloudFor(answers: Answers): CloudContext {
  const gcp = answers.infrastructure === 'cloud-vms' ? answers.cloudProvider === 'gcp'
    : answers.infrastructure === 'managed-platform' && answers.managedPlatform === 'vertex-ai';
  return gcp
    ? { provider: 'gcp', scheme: 'gs', dvcRemotePlugin: 'dvc-gs', extra: 'cloud-gcp', storageName: 'GCS' }
    : { provider: 'aws', scheme: 's3', dvcRemotePlugin: 'dvc-s3', extra: 'cloud-aws', storageName: 'S3' };
}

/**
 * Numbers for the alert rules and their promtool unit tests, derived from the thresholds so that
 * the tests fire just above and stay silent just below whatever the user chose: a threshold
 * moved by a few percent either way makes a rule test fail.
 */
export interface AlertingContext {
  latencySloSeconds: string;
  /** Histogram `le` bounds of the synthetic test series: SLO/5, SLO, 2*SLO. */
  latencyBuckets: [string, string, string];
  /** Requests per minute of the latency tests, and how many of them end within the SLO. */
  latencyRequests: number;
  latencyFiringWithinSlo: number;
  latencySilentWithinSlo: number;
  /** What humanizeDuration prints for the firing test's P95 (just above the SLO). */
  latencyFiringText: string;
  /** A drift score just above the threshold, with two decimals (the annotation prints %.2f). */
  driftFiringValue: string;
  /** Dashboard colour steps below the alert thresholds. */
  latencyWarnSeconds: string;
  driftWarnValue: string;
}

/** A number as PromQL and promtool read it, without float noise (0.3/5 -> 0.06). */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

const LATENCY_TEST_REQUESTS = 1000;

export function alertingFor(answers: Answers): AlertingContext {
  const slo = answers.latencySloMs / 1000;
  // histogram_quantile(0.95) of 1000 requests a minute, none under SLO/5, `within` of them in
  // (SLO/5, SLO] and the rest in (SLO, 2*SLO]. 949 within: rank 950 lies in the upper bucket,
  // P95 = SLO * (1 + 1/51), 2% above. 951 within: P95 = SLO/5 + 0.8 * SLO * 950/951, 0.1% below.
  const firingWithin = 949;
  const p95 = slo + (slo * (0.95 * LATENCY_TEST_REQUESTS - firingWithin)) / (LATENCY_TEST_REQUESTS - firingWithin);
  return {
    latencySloSeconds: promNumber(slo),
    latencyBuckets: [promNumber(slo / 5), promNumber(slo), promNumber(slo * 2)],
    latencyRequests: LATENCY_TEST_REQUESTS,
    latencyFiringWithinSlo: firingWithin,
    latencySilentWithinSlo: 951,
    latencyFiringText: humanizeDuration(Number(p95.toPrecision(12))),
    driftFiringValue: ((Math.floor(answers.driftThreshold * 100 + 1e-9) + 1) / 100).toFixed(2),
    latencyWarnSeconds: promNumber(slo * 0.6),
    driftWarnValue: promNumber((answers.driftThreshold * 2) / 3),
  };
}

/** The model families the generated factory supports, with the blueprint's default settings. */
export interface ModelFamily {
  /** `model_type` in config/model_config.yaml. */
  modelType: string;
  estimator: string;
  hyperparameters: Record<string, number>;
  /** Test accuracy measured on the generated 10,000-row sample (seed 42), for the model card. */
  referenceAccuracy: number;
}

export const MODEL_FAMILIES: Record<Answers['modelType'], ModelFamily> = {
  random_forest: {
    modelType: 'random_forest',
    estimator: 'RandomForestClassifier',
    hyperparameters: { n_estimators: 100, max_depth: 10, min_samples_split: 5, random_state: 42 },
    referenceAccuracy: 0.9185,
  },
  gradient_boosting: {
    modelType: 'gradient_boosting',
    estimator: 'GradientBoostingClassifier',
    hyperparameters: { n_estimators: 100, learning_rate: 0.1, max_depth: 3, random_state: 42 },
    referenceAccuracy: 0.922,
  },
  logistic_regression: {
    modelType: 'logistic_regression',
    estimator: 'LogisticRegression',
    hyperparameters: { C: 1.0, max_iter: 1000, random_state: 42 },
    referenceAccuracy: 0.924,
  },
};

/**
 * A regression target takes the regressor of the chosen family; the linear family is ridge
 * regression (a penalised least squares, as logistic regression is for classes).
 */
export const REGRESSION_FAMILIES: Record<Answers['modelType'], ModelFamily> = {
  // The tree ensembles keep their hyperparameters; no reference accuracy (a number is not a class).
  random_forest: { ...MODEL_FAMILIES.random_forest, estimator: 'RandomForestRegressor', referenceAccuracy: 0 },
  gradient_boosting: { ...MODEL_FAMILIES.gradient_boosting, estimator: 'GradientBoostingRegressor', referenceAccuracy: 0 },
  logistic_regression: { modelType: 'ridge', estimator: 'Ridge', hyperparameters: { alpha: 1.0, random_state: 42 }, referenceAccuracy: 0 },
};

/**
 * What the registration gate measures. A regression target is gated on the test R²: it has no
 * unit, so one threshold means the same on any table (0.3: the model explains at least 30% of
 * the target's variance on rows it never saw). RMSE and MAE are logged beside it, in the target's unit.
 * The classification answers (--primary-metric, --registration-threshold) apply to class labels.
 */
export interface EvaluationContext {
  metrics: string[];
  primaryMetric: string;
  threshold: number;
  /**
   * The served model's test metric that the degradation alert (ModelAccuracyDegraded) watches,
   * and its baseline (monitoring_config.yaml baseline_accuracy): accuracy against the blueprint's
   * 0.90 for classes; for a regression target, r2 against the gate's threshold (a registered
   * model met it, so the alert means the served model fell below what the gate accepts).
   */
  monitored: { metric: string; baseline: number };
}

export const REGRESSION_MIN_R2 = 0.3;

export function evaluationFor(answers: Pick<Answers, 'primaryMetric' | 'registrationThreshold'>, table: TableContext): EvaluationContext {
  return table.regression
    ? { metrics: ['rmse', 'mae', 'r2'], primaryMetric: 'r2', threshold: REGRESSION_MIN_R2, monitored: { metric: 'r2', baseline: REGRESSION_MIN_R2 } }
    : {
      metrics: ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'], primaryMetric: answers.primaryMetric,
      threshold: answers.registrationThreshold, monitored: { metric: 'accuracy', baseline: 0.9 },
    };
}

/** Share of rows held out for validation (config/pipeline_config.yaml `split.validation_size`). */
export const VALIDATION_SIZE = 0.2;

export function pythonExtrasFor(features: Features, cloud: CloudContext, mlType: MlType = 'traditional-ml'): string[] {
  return [
    features.featureStore && 'features',
    features.dataValidation && 'quality',
    // LLM/RAG measures query-embedding drift with a domain classifier (scikit-learn), not Evidently.
    features.driftMonitoring && mlType !== 'llm-rag' && 'monitoring',
    features.dataVersioning && 'versioning',
    // The platform SDK is how a managed-platform project trains and deploys at all.
    features.managedPlatform && cloud.extra,
  ].filter((extra): extra is string => Boolean(extra));
}

/** File-table condition: the project trains on a managed platform (a given one, or any). */
export function onManagedPlatform(platform?: Answers['managedPlatform']) {
  return (ctx: ProjectContext): boolean => ctx.features.managedPlatform && (platform === undefined || ctx.managedPlatform === platform);
}

/** What a Deep Learning project needs beyond the answers (templates read `dl.*`). */
export interface DeepLearningContext {
  architecture: Answers['architecture'];
  /** Train on a GPU: CUDA training image, GPU instance and node types, nvidia.com/gpu requests. */
  gpu: boolean;
}

export function deepLearningFor(answers: Answers): DeepLearningContext {
  return { architecture: answers.architecture, gpu: answers.mlType === 'deep-learning' && answers.gpuTraining };
}

export interface ProjectContext extends Omit<Answers, 'primaryMetric' | 'modelType'> {
  /** The gate's metric: the answer, or r2 for a regression table (evaluationFor). */
  primaryMetric: string;
  /** `model_type` of config/model_config.yaml (ModelFamily.modelType). */
  modelType: string;
  /** What training scores and the gate compares (evaluationFor). */
  evaluation: EvaluationContext;
  packageName: string;
  profile: MaturityProfile;
  is: {
    starter: boolean; production: boolean; advanced: boolean;
    local: boolean; cloudVms: boolean; kubernetes: boolean; managed: boolean;
    /** The ML type, for the shared templates' few type-specific lines. */
    tml: boolean; dl: boolean; rag: boolean; ts: boolean;
  };
  dl: DeepLearningContext;
  features: Features;
  cloud: CloudContext;
  alerting: AlertingContext;
  model: ModelFamily;
  /** The stratified split in percent (the validation share is fixed at 20%). */
  splitPercent: { train: number; validation: number; test: number };
  validationSize: number;
  /** The pyproject extras that `all` installs: one per concern the project contains. */
  pythonExtras: string[];
  /** Human-readable answers, for documentation. */
  labels: { mlType: string; infrastructure: string; maturity: string };
  /** Name of the MLflow experiment (the project name). */
  experimentName: string;
  expectations: ExpectationsContext;
  /** Version of the generator that wrote the project (README, model card). */
  generatorVersion: string;
  /** The schema of the user's table (--data), or undefined for the churn sample. */
  dataset?: DatasetSchema;
  /** The table the Traditional ML templates are typed from: the user's, or the churn sample. */
  table: TableContext;
  /** The Makefile targets `make all` runs, in order. */
  makeAll: string[];
}

/**
 * The registered model's name: the answer, except that the default name of a Traditional ML
 * project (<project>-classifier) reads <project>-regressor when the table's target is a number.
 */
export function registeredModelNameFor(answers: Pick<Answers, 'projectName' | 'registeredModelName'>, table: TableContext): string {
  const classifier = `${answers.projectName}-classifier`;
  return table.regression && answers.registeredModelName === classifier ? `${answers.projectName}-regressor` : answers.registeredModelName;
}

export function buildContext(answers: Answers, generatorVersion: string, dataset?: DatasetSchema): ProjectContext {
  const features = featuresFor(answers);
  const table = tableContext(dataset);
  const evaluation = evaluationFor(answers, table);
  const model = (table.regression ? REGRESSION_FAMILIES : MODEL_FAMILIES)[answers.modelType];
  const context: Omit<ProjectContext, 'makeAll'> = {
    ...answers,
    primaryMetric: evaluation.primaryMetric,
    registrationThreshold: evaluation.threshold,
    modelType: model.modelType,
    registeredModelName: registeredModelNameFor(answers, table),
    evaluation,
    packageName: toPackageName(answers.projectName),
    profile: MATURITY_PROFILE[answers.maturity],
    is: {
      starter: answers.maturity === 'starter',
      production: answers.maturity === 'production',
      advanced: answers.maturity === 'advanced',
      local: answers.infrastructure === 'local',
      cloudVms: answers.infrastructure === 'cloud-vms',
      kubernetes: answers.infrastructure === 'kubernetes',
      managed: answers.infrastructure === 'managed-platform',
      tml: answers.mlType === 'traditional-ml',
      dl: answers.mlType === 'deep-learning',
      rag: answers.mlType === 'llm-rag',
      ts: answers.mlType === 'time-series',
    },
    dl: deepLearningFor(answers),
    features,
    cloud: cloudFor(answers),
    alerting: alertingFor(answers),
    model,
    validationSize: VALIDATION_SIZE,
    splitPercent: {
      train: Math.round((1 - answers.testSize - VALIDATION_SIZE) * 100),
      validation: Math.round(VALIDATION_SIZE * 100),
      test: Math.round(answers.testSize * 100),
    },
    pythonExtras: pythonExtrasFor(features, cloudFor(answers), answers.mlType),
    experimentName: answers.projectName,
    labels: {
      mlType: choiceLabel(ML_TYPES, answers.mlType),
      infrastructure: choiceLabel(INFRASTRUCTURES, answers.infrastructure),
      maturity: choiceLabel(MATURITIES, answers.maturity),
    },
    expectations: expectationsFor(answers.maturity, answers.mlType),
    generatorVersion,
    ...(dataset ? { dataset } : {}),
    table,
  };
  return { ...context, makeAll: makeAllStages(context) };
}

/** What `make all` runs, in order (the Makefile's `all` target; the bin's next steps say it). */
export function makeAllStages(ctx: Pick<ProjectContext, 'is' | 'features'>): string[] {
  const stages = ctx.is.rag ? ['data', 'ingest', 'evaluate', 'predict']
    : ctx.is.ts ? ['data', 'validate', 'train', 'forecast'] : ['data', 'validate', 'train', 'evaluate', 'predict'];
  return ctx.features.driftMonitoring ? [...stages, 'monitor'] : stages;
}

/** What `make serve` starts, in the bin's next steps. */
export function serviceName(ctx: ProjectContext): string {
  return ctx.is.rag ? 'question-answering API' : ctx.is.ts ? 'forecasting API' : 'prediction API';
}
