/**
 * The one derived, typed context every template reads. Each decision about what a project
 * contains is made here, from the answers, and nowhere else (templates only branch on these flags).
 */
import {
  MATURITY_PROFILE, toPackageName,
  type Answers, type Infrastructure, type MaturityProfile, type MlType,
} from './answers.js';
import { expectationsFor, type ExpectationsContext } from './deliverables.js';

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
  if (modelType === 'tabular' || modelType === 'time_series') {
    return { enabled: false, reason: `model_type is "${modelType}" (seed: skip_when model_type == "${modelType}"); no embeddings are required` };
  }
  return { enabled: false, reason: `no embeddings are required for model_type "${modelType}"` };
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
  const advanced = answers.maturity === 'advanced';
  const infra: Infrastructure = answers.infrastructure;
  return {
    featureStore: !starter,
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

export interface ProjectContext extends Answers {
  packageName: string;
  profile: MaturityProfile;
  is: {
    starter: boolean; production: boolean; advanced: boolean;
    local: boolean; cloudVms: boolean; kubernetes: boolean; managed: boolean;
  };
  features: Features;
  expectations: ExpectationsContext;
  /** Version of the generator that wrote the project (README, model card). */
  generatorVersion: string;
}

export function buildContext(answers: Answers, generatorVersion: string): ProjectContext {
  return {
    ...answers,
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
    },
    features: featuresFor(answers),
    expectations: expectationsFor(answers.maturity),
    generatorVersion,
  };
}
