/**
 * The one model of the answers: the three blueprint questions, every skill's own questions,
 * their defaults and allowed values, and how an option value on the command line is read.
 *
 * Every question here changes at least one generated file; a choice the generator does not
 * implement is not offered (issue 2: "an answer that would change no file must not be asked").
 */
import { basename } from 'node:path';

export const SKILLS = ['mlops', 'ai-data', 'experiments', 'serving', 'vector-db', 'observability', 'assembling'] as const;
export type Skill = (typeof SKILLS)[number];

/** The seed's skill names, as they appear in the deliverables specification. */
export const SEED_SKILL_NAMES: Record<Skill, string> = {
  mlops: 'implementing-mlops',
  'ai-data': 'engineering-ai-data',
  experiments: 'managing-experiments',
  serving: 'serving-models',
  'vector-db': 'designing-databases-vector',
  observability: 'implementing-observability',
  assembling: 'assembling-components',
};

export interface Choice<V extends string = string> {
  value: V;
  /** The seed's number for this option (questions 1-3 and the offer), when it has one. */
  number?: number;
  label: string;
  /** Other spellings accepted on the command line. */
  aliases?: readonly string[];
}

export const ML_TYPES = [
  { value: 'traditional-ml', number: 1, label: 'Traditional ML (classification, regression, clustering)', aliases: ['traditional', 'tabular', 'ml'] },
  { value: 'deep-learning', number: 2, label: 'Deep Learning (computer vision, NLP, generative)', aliases: ['dl', 'deep'] },
  { value: 'llm-rag', number: 3, label: 'LLM/RAG (large language models, retrieval-augmented generation)', aliases: ['llm', 'rag'] },
  { value: 'time-series', number: 4, label: 'Time Series (forecasting, anomaly detection)', aliases: ['timeseries', 'ts', 'forecasting'] },
] as const satisfies readonly Choice[];
export type MlType = (typeof ML_TYPES)[number]['value'];

export const INFRASTRUCTURES = [
  { value: 'local', number: 1, label: 'Local development (laptop/workstation)', aliases: ['laptop'] },
  { value: 'cloud-vms', number: 2, label: 'Cloud VMs (AWS EC2, GCP Compute, Azure VMs)', aliases: ['cloud', 'vms', 'vm'] },
  { value: 'kubernetes', number: 3, label: 'Kubernetes cluster (self-managed or managed)', aliases: ['k8s'] },
  { value: 'managed-platform', number: 4, label: 'Managed ML platform (SageMaker, Vertex AI)', aliases: ['managed'] },
] as const satisfies readonly Choice[];
export type Infrastructure = (typeof INFRASTRUCTURES)[number]['value'];

export const MATURITIES = [
  { value: 'starter', number: 1, label: 'Starter (manual workflows, exploration focused)' },
  { value: 'production', number: 2, label: 'Production (automated pipelines, business critical)', aliases: ['intermediate'] },
  { value: 'advanced', number: 3, label: 'Advanced (high-scale, multi-model, complex workflows)' },
] as const satisfies readonly Choice[];
export type Maturity = (typeof MATURITIES)[number]['value'];

/** The seed names the Production profile `intermediate`. */
export type MaturityProfile = 'starter' | 'intermediate' | 'advanced';
export const MATURITY_PROFILE: Record<Maturity, MaturityProfile> = {
  starter: 'starter',
  production: 'intermediate',
  advanced: 'advanced',
};

export const OFFER_MODES = [
  { value: 'blueprint', number: 1, label: 'Use blueprint (3 quick questions)' },
  { value: 'custom', number: 2, label: "Custom configuration (the 3 questions plus each skill's own)" },
  { value: 'skip', number: 3, label: 'Skip all questions (use all defaults)' },
] as const satisfies readonly Choice[];
export type OfferMode = (typeof OFFER_MODES)[number]['value'];

/** ML types that have templates today; the others stop before writing anything. */
export const IMPLEMENTED_ML_TYPES: readonly MlType[] = ['traditional-ml'];

export interface Answers {
  // project
  projectName: string;
  description: string;
  // the three blueprint questions
  mlType: MlType;
  infrastructure: Infrastructure;
  maturity: Maturity;
  // implementing-mlops
  dataVersioning: boolean;
  cloudProvider: 'aws' | 'gcp';
  managedPlatform: 'sagemaker' | 'vertex-ai';
  // engineering-ai-data
  sampleRows: number;
  testSize: number;
  // managing-experiments
  modelType: 'random_forest' | 'gradient_boosting' | 'logistic_regression';
  primaryMetric: 'accuracy' | 'f1' | 'roc_auc';
  registrationThreshold: number;
  cvFolds: number;
  registeredModelName: string;
  // serving-models
  apiPort: number;
  batching: boolean;
  caching: boolean;
  // implementing-observability
  driftThreshold: number;
  latencySloMs: number;
}
export type AnswerName = keyof Answers;

type Kind = 'choice' | 'string' | 'integer' | 'number' | 'boolean';

export interface QuestionSpec<N extends AnswerName = AnswerName> {
  name: N;
  /** Who asks it: the app (project + blueprint questions) or a skill. */
  owner: 'app' | Skill;
  kind: Kind;
  message: string;
  /** CLI option description (defaults to the message). */
  description?: string;
  choices?: readonly Choice[];
  /** Default, possibly derived from answers given so far. */
  default: (partial: Partial<Answers>, destination: string) => Answers[N];
  /** Extra validation of the parsed value: an error message, or undefined when valid. */
  check?: (value: unknown) => string | undefined;
  /** Only relevant (asked, stored) when this holds; otherwise the default applies silently. */
  relevant?: (partial: Partial<Answers>) => boolean;
}

/** Checks receive the parsed value; these adapters give them their kind's type. */
const numeric = (check: (v: number) => string | undefined) => (v: unknown) => check(Number(v));
const text = (check: (v: string) => string | undefined) => (v: unknown) => check(String(v));
const between = (lo: number, hi: number, what: string) =>
  numeric((v) => (v > lo && v < hi ? undefined : `${what} must be between ${lo} and ${hi} (exclusive), got ${v}`));

export function toKebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The Python import package for a project name: `churn-model` -> `churn_model`. */
export function toPackageName(projectName: string): string {
  const snake = projectName.replace(/-/g, '_');
  return /^[0-9]/.test(snake) ? `p_${snake}` : snake;
}

const QUESTIONS_LIST: QuestionSpec[] = [
  {
    name: 'projectName', owner: 'app', kind: 'string',
    message: 'Project name (kebab-case; also names the Python package)',
    default: (_a, dest) => toKebab(basename(dest)) || 'ml-pipeline-project',
    check: text((v) => (/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(v) ? undefined
      : `project name must be kebab-case (lowercase letters, digits, single dashes, starting with a letter), got "${v}"`)),
  },
  {
    name: 'description', owner: 'app', kind: 'string',
    message: 'One-line project description',
    default: () => 'End-to-end ML pipeline: validated data, tracked training, gated registry, served and monitored model.',
    check: text((v) => (v.trim() && !/[\r\n"]/.test(v) ? undefined : 'description must be one non-empty line without double quotes')),
  },
  { name: 'mlType', owner: 'app', kind: 'choice', message: 'What type of ML problem are you solving?', choices: ML_TYPES, default: () => 'traditional-ml' },
  { name: 'infrastructure', owner: 'app', kind: 'choice', message: 'Where will model training run?', choices: INFRASTRUCTURES, default: () => 'cloud-vms' },
  { name: 'maturity', owner: 'app', kind: 'choice', message: "What's your MLOps maturity and requirements?", choices: MATURITIES, default: () => 'production' },

  {
    name: 'dataVersioning', owner: 'mlops', kind: 'boolean',
    message: 'Version data and pipeline stages with DVC (dvc.yaml, dvc repro)?', default: () => true,
  },
  {
    name: 'cloudProvider', owner: 'mlops', kind: 'choice',
    message: 'Object storage for the DVC remote and MLflow artifacts',
    choices: [{ value: 'aws', label: 'AWS S3 (+ EC2 in Terraform)', aliases: ['s3'] }, { value: 'gcp', label: 'Google Cloud Storage (+ Compute Engine in Terraform)', aliases: ['gcs'] }],
    default: () => 'aws', relevant: (a) => a.infrastructure === 'cloud-vms',
  },
  {
    name: 'managedPlatform', owner: 'mlops', kind: 'choice',
    message: 'Managed ML platform that runs training and hosts the endpoint',
    choices: [{ value: 'sagemaker', label: 'Amazon SageMaker' }, { value: 'vertex-ai', label: 'Google Vertex AI', aliases: ['vertex'] }],
    default: () => 'sagemaker', relevant: (a) => a.infrastructure === 'managed-platform',
  },

  {
    name: 'sampleRows', owner: 'ai-data', kind: 'integer',
    message: 'Rows in the generated sample data set', default: () => 10000,
    check: numeric((v) => (v >= 1000 && v <= 10_000_000 ? undefined : `sample rows must be between 1000 and 10000000, got ${v}`)),
  },
  { name: 'testSize', owner: 'ai-data', kind: 'number', message: 'Test split fraction (stratified)', default: () => 0.2, check: between(0, 0.5, 'test size') },

  {
    name: 'modelType', owner: 'experiments', kind: 'choice', message: 'Model family to train',
    choices: [
      { value: 'random_forest', label: 'Random forest (blueprint default)', aliases: ['rf', 'random-forest'] },
      { value: 'gradient_boosting', label: 'Gradient boosting', aliases: ['gb', 'gradient-boosting'] },
      { value: 'logistic_regression', label: 'Logistic regression', aliases: ['lr', 'logistic-regression'] },
    ],
    default: () => 'random_forest',
  },
  {
    name: 'primaryMetric', owner: 'experiments', kind: 'choice', message: 'Metric for cross-validation scoring and the registration gate',
    choices: [{ value: 'accuracy', label: 'Accuracy (blueprint default)' }, { value: 'f1', label: 'F1' }, { value: 'roc_auc', label: 'ROC AUC', aliases: ['auc'] }],
    default: () => 'accuracy',
  },
  {
    name: 'registrationThreshold', owner: 'experiments', kind: 'number',
    message: 'Minimum test score for a model to be registered', default: () => 0.85, check: between(0, 1, 'registration threshold'),
  },
  {
    name: 'cvFolds', owner: 'experiments', kind: 'integer', message: 'Cross-validation folds', default: () => 5,
    check: numeric((v) => (v >= 2 && v <= 20 ? undefined : `cross-validation folds must be between 2 and 20, got ${v}`)),
  },
  {
    name: 'registeredModelName', owner: 'experiments', kind: 'string', message: 'Registered model name in the MLflow registry',
    default: (a) => `${a.projectName ?? 'ml-pipeline-project'}-classifier`,
    check: text((v) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v) ? undefined : `model name may hold letters, digits, ".", "_" and "-", got "${v}"`)),
  },

  {
    name: 'apiPort', owner: 'serving', kind: 'integer', message: 'Port of the serving API',
    description: 'Port of the serving API (default 7070: Prefect\'s ephemeral API takes 8000-8999)',
    default: () => 7070,
    check: numeric((v) => (v >= 1024 && v <= 65535 && !(v >= 8000 && v <= 8999) ? undefined
      : `API port must be 1024-65535 and outside 8000-8999 (Prefect's ephemeral server uses that range), got ${v}`)),
  },
  { name: 'batching', owner: 'serving', kind: 'boolean', message: 'Enable dynamic micro-batching of predictions?', default: () => true },
  { name: 'caching', owner: 'serving', kind: 'boolean', message: 'Enable the LRU prediction cache?', default: () => true },

  {
    name: 'driftThreshold', owner: 'observability', kind: 'number', message: 'Feature drift score that raises an alert',
    default: () => 0.3, check: between(0, 1, 'drift threshold'), relevant: (a) => a.maturity !== 'starter',
  },
  {
    name: 'latencySloMs', owner: 'observability', kind: 'integer', message: 'P95 latency SLO in milliseconds',
    default: () => 500, check: numeric((v) => (v >= 1 && v <= 60000 ? undefined : `latency SLO must be 1-60000 ms, got ${v}`)),
    relevant: (a) => a.maturity !== 'starter',
  },

];

export const QUESTIONS: readonly QuestionSpec[] = QUESTIONS_LIST;
export const QUESTION_BY_NAME = new Map<AnswerName, QuestionSpec>(QUESTIONS.map((q) => [q.name, q]));
export const BLUEPRINT_QUESTIONS: readonly AnswerName[] = ['mlType', 'infrastructure', 'maturity'];

export function question(name: AnswerName): QuestionSpec {
  const spec = QUESTION_BY_NAME.get(name);
  if (!spec) throw new Error(`Unknown question ${name}`);
  return spec;
}

/** Questions a skill asks when run alone or in custom mode. */
export function questionsOf(owner: 'app' | Skill): QuestionSpec[] {
  return QUESTIONS.filter((q) => q.owner === owner);
}

/** CLI option name of a question: `registrationThreshold` -> `registration-threshold`. */
export function optionName(name: AnswerName): string {
  return toKebab(name);
}

export class AnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerError';
  }
}

export function describeChoices(choices: readonly Choice[]): string {
  return choices.map((c) => (c.number ? `${c.value} (${c.number})` : c.value)).join(', ');
}

/** Reads a choice given by name, number or alias. */
export function parseChoice<V extends string>(choices: readonly Choice<V>[], raw: unknown, what: string): V {
  const text = String(raw).trim().toLowerCase();
  const found = choices.find(
    (c) => c.value === text || String(c.number) === text || (c.aliases ?? []).includes(text),
  );
  if (!found) {
    throw new AnswerError(`Invalid value "${String(raw)}" for ${what}. Allowed values: ${describeChoices(choices)}.`);
  }
  return found.value;
}

const TRUE = ['true', 'yes', 'y', '1', 'on'];
const FALSE = ['false', 'no', 'n', '0', 'off'];

/** Reads one answer from a CLI option, a prompt or .yo-rc.json, and validates it. */
export function parseAnswer<N extends AnswerName>(name: N, raw: unknown): Answers[N] {
  const spec = question(name);
  const flag = `--${optionName(name)}`;
  let value: unknown;
  switch (spec.kind) {
    case 'choice':
      value = parseChoice(spec.choices ?? [], raw, flag);
      break;
    case 'boolean': {
      if (typeof raw === 'boolean') value = raw;
      else {
        const text = String(raw).trim().toLowerCase();
        if (TRUE.includes(text)) value = true;
        else if (FALSE.includes(text)) value = false;
        else throw new AnswerError(`Invalid value "${String(raw)}" for ${flag}. Allowed values: true, false.`);
      }
      break;
    }
    case 'integer':
    case 'number': {
      const num = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (String(raw).trim() === '' || !Number.isFinite(num) || (spec.kind === 'integer' && !Number.isInteger(num))) {
        throw new AnswerError(`Invalid value "${String(raw)}" for ${flag}. Expected ${spec.kind === 'integer' ? 'a whole number' : 'a number'}.`);
      }
      value = num;
      break;
    }
    case 'string':
      value = String(raw).trim();
      break;
  }
  const problem = spec.check?.(value);
  if (problem) throw new AnswerError(`Invalid value "${String(raw)}" for ${flag}: ${problem}.`);
  return value as Answers[N];
}

/**
 * Completes a partial set of answers with defaults, in declaration order so that derived
 * defaults (experiment name from project name) see the answers they depend on.
 */
export function withDefaults(partial: Partial<Answers>, destination: string): Answers {
  const out: Partial<Answers> = { ...partial };
  for (const q of QUESTIONS) {
    if (out[q.name] === undefined) {
      (out as Record<string, unknown>)[q.name] = q.default(out, destination);
    }
  }
  return out as Answers;
}

/** Parses every known answer found in a record (CLI options or stored config); unknown keys are ignored. */
export function parseAnswers(record: Record<string, unknown>): Partial<Answers> {
  const out: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    const raw = record[q.name];
    if (raw !== undefined && raw !== null) {
      (out as Record<string, unknown>)[q.name] = parseAnswer(q.name, raw);
    }
  }
  return out;
}

/** Whether a question matters for these answers (irrelevant ones are neither asked nor stored). */
export function isRelevant(spec: QuestionSpec, partial: Partial<Answers>): boolean {
  return spec.relevant ? spec.relevant(partial) : true;
}

/** The answers worth storing: every relevant one, so a later run reproduces this project. */
export function storable(answers: Answers): Partial<Answers> {
  const out: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    if (isRelevant(q, answers)) (out as Record<string, unknown>)[q.name] = answers[q.name];
  }
  return out;
}

export function choiceLabel(choices: readonly Choice[], value: string): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}
