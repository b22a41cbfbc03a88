/**
 * The one model of the answers: the three blueprint questions, every skill's own questions,
 * their defaults and allowed values, and how an option value on the command line is read.
 *
 * Every question here changes at least one generated file; a choice the generator does not
 * implement is not offered (issue 2: "an answer that would change no file must not be asked").
 */
import { basename } from 'node:path';
import { PYTHON_KEYWORDS, PYTHON_STDLIB_MODULES } from './python-stdlib.js';

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
  gpuTraining: boolean;
  // engineering-ai-data
  sampleRows: number;
  testSize: number;
  // managing-experiments
  modelType: 'random_forest' | 'gradient_boosting' | 'logistic_regression';
  primaryMetric: 'accuracy' | 'f1' | 'roc_auc';
  registrationThreshold: number;
  /** Time Series: the registration gate's highest backtest MASE (below 1.0 beats seasonal naive). */
  maxMase: number;
  cvFolds: number;
  architecture: 'mlp' | 'cnn';
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
  /** Allowed values of an integer or number question (every one of them has a range). */
  range?: NumberRange;
  /** Extra validation of a string answer: an error message, or undefined when valid. */
  check?: (value: string) => string | undefined;
  /**
   * Only relevant (asked, stored) when each named answer has one of the listed values; otherwise
   * the default applies silently, and giving it as an option is an error (irrelevantGiven).
   */
  onlyWhen?: { readonly [K in AnswerName]?: readonly string[] };
}

/** The allowed values of a numeric question, so that every error can state them. */
export interface NumberRange {
  min: number;
  max: number;
  /** Whether min and max themselves are excluded. */
  exclusive?: boolean;
  /** A band inside min..max that is not allowed either, and why. */
  gap?: { from: number; to: number; why: string };
  unit?: string;
}

export function describeRange(range: NumberRange): string {
  const unit = range.unit ? ` ${range.unit}` : '';
  const base = `between ${range.min} and ${range.max}${unit}${range.exclusive ? ' (exclusive)' : ''}`;
  return range.gap ? `${base} and outside ${range.gap.from}-${range.gap.to} (${range.gap.why})` : base;
}

function inRange(v: number, range: NumberRange): boolean {
  const within = range.exclusive ? v > range.min && v < range.max : v >= range.min && v <= range.max;
  return within && !(range.gap && v >= range.gap.from && v <= range.gap.to);
}

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

/**
 * The project name prefixes Kubernetes namespaces, labels and object names, SageMaker job names
 * (`<name>-train-20250102-030405`) and bucket names, which allow 63 characters.
 */
export const MAX_PROJECT_NAME_LENGTH = 40;

/**
 * Import names of the generated project's dependencies, by distribution, as listed in
 * generators/assembling/templates/shared/pyproject.toml.ejs (test/answers.spec.ts checks
 * that every distribution there is listed here). A project package of the same name would shadow
 * them once installed.
 */
export const DEPENDENCY_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  numpy: ['numpy'],
  pandas: ['pandas'],
  pyarrow: ['pyarrow'],
  'scikit-learn': ['sklearn'],
  matplotlib: ['matplotlib'],
  psutil: ['psutil'],
  pyyaml: ['yaml'],
  mlflow: ['mlflow'],
  prefect: ['prefect'],
  pydantic: ['pydantic'],
  fastapi: ['fastapi'],
  uvicorn: ['uvicorn'],
  'prometheus-client': ['prometheus_client'],
  'nvidia-ml-py': ['pynvml'],
  feast: ['feast'],
  'great-expectations': ['great_expectations'],
  evidently: ['evidently'],
  dvc: ['dvc'],
  boto3: ['boto3'],
  'dvc-s3': ['dvc_s3'],
  'google-cloud-storage': ['google'],
  'dvc-gs': ['dvc_gs'],
  'google-cloud-aiplatform': ['google', 'vertexai'],
  'qdrant-client': ['qdrant_client'],
  pypdf: ['pypdf'],
  openai: ['openai'],
  anthropic: ['anthropic'],
  'opentelemetry-sdk': ['opentelemetry'],
  'opentelemetry-exporter-otlp-proto-http': ['opentelemetry'],
  'sentence-transformers': ['sentence_transformers'],
  pytest: ['pytest'],
  'pytest-env': ['pytest_env'],
  'pytest-cov': ['pytest_cov'],
  httpx: ['httpx'],
  ruff: ['ruff'],
  mypy: ['mypy'],
  'pandas-stubs': [],
  'types-PyYAML': [],
  setuptools: ['setuptools', 'pkg_resources'],
  nbclient: ['nbclient'],
  nbformat: ['nbformat'],
  ipykernel: ['ipykernel'],
  orjson: ['orjson'],
  // Traditional ML: the compiled model
  skl2onnx: ['skl2onnx'],
  // Deep Learning
  pillow: ['PIL'],
  onnxruntime: ['onnxruntime'],
  'python-multipart': ['multipart', 'python_multipart'],
  torch: ['torch'],
  onnx: ['onnx'],
  onnxscript: ['onnxscript'],
  tensorboard: ['tensorboard'],
  // Time Series
  statsforecast: ['statsforecast'],
  utilsforecast: ['utilsforecast'],
  statsmodels: ['statsmodels'],
  scipy: ['scipy'],
  prophet: ['prophet'],
};

/**
 * Packages the generated code imports, or that its dependencies install, without being listed in
 * pyproject.toml (the main ones: MLflow's and Prefect's own dependencies). Not exhaustive.
 */
export const INDIRECT_IMPORTS: readonly string[] = [
  'starlette', 'botocore', 'scipy', 'joblib', 'sqlalchemy', 'alembic', 'flask', 'requests', 'click',
  'jinja2', 'anyio', 'typer', 'rich', 'docker', 'git', 'graphene', 'gunicorn', 'markdown', 'websockets',
];

/** Top-level packages of the generated project itself (pyproject maps them under the package). */
export const PROJECT_PACKAGES: readonly string[] = ['src', 'tests', 'pipelines', 'tools', 'scripts', 'notebooks', 'feature_repo'];

/** Why a Python package name cannot be used, or undefined when it can. */
export function reservedPackageName(pkg: string): string | undefined {
  if (PYTHON_KEYWORDS.includes(pkg)) {
    return `a Python keyword, so the generated imports ("from ${pkg}.data import ...") would not parse`;
  }
  if (PYTHON_STDLIB_MODULES.includes(pkg)) {
    return `the name of a Python standard-library module, which the project's package would shadow`;
  }
  const dependency = Object.entries(DEPENDENCY_IMPORTS).find(([, names]) => names.includes(pkg));
  if (dependency) return `the import name of ${dependency[0]}, a dependency of the generated project, which its package would shadow`;
  if (INDIRECT_IMPORTS.includes(pkg)) return `the import name of a package the generated project's dependencies use, which its package would shadow`;
  if (PROJECT_PACKAGES.includes(pkg)) return `the name of one of the generated project's own top-level packages (${pkg}/)`;
  return undefined;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why a project name cannot be used, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  if (!KEBAB.test(name)) {
    return `project name must be kebab-case (lowercase letters, digits, single dashes, starting with a letter), got ${shown(name)}`;
  }
  if (name.length > MAX_PROJECT_NAME_LENGTH) {
    return `project name must be at most ${MAX_PROJECT_NAME_LENGTH} characters, got ${name.length} ` +
      '(it prefixes Kubernetes, SageMaker and bucket names, which allow 63 with the suffixes the project adds)';
  }
  const pkg = toPackageName(name);
  const why = reservedPackageName(pkg);
  if (why) {
    const alternative = `${name}-project`;
    return `its Python package would be "${pkg}", ${why}. Choose another name` +
      (alternative.length <= MAX_PROJECT_NAME_LENGTH ? `, e.g. "${alternative}"` : '');
  }
  return undefined;
}

const FALLBACK_PROJECT_NAME = 'ml-pipeline-project';

/**
 * The default project name, from the folder's name: always a valid one. `2024-churn` becomes
 * `ml-2024-churn`, `My Project!` `my-project`, `Café` `cafe`, a name with nothing usable
 * (`___`, `日本`) `ml-pipeline-project`, a reserved one (`json`) `json-project`.
 */
export function defaultProjectName(destination: string): string {
  const cut = (name: string, max: number) => name.slice(0, max).replace(/-+$/, '');
  let name = toKebab(basename(destination).normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
  if (/^[0-9]/.test(name)) name = `ml-${name}`;
  name = cut(name, MAX_PROJECT_NAME_LENGTH);
  if (name && projectNameProblem(name)) name = `${cut(name, MAX_PROJECT_NAME_LENGTH - '-project'.length)}-project`;
  return name && !projectNameProblem(name) ? name : FALLBACK_PROJECT_NAME;
}

/** Words YAML 1.1 (PyYAML) reads as a boolean or null rather than a string. */
const YAML_NON_STRINGS = ['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null'];

const QUESTIONS_LIST: QuestionSpec[] = [
  {
    name: 'projectName', owner: 'app', kind: 'string',
    message: 'Project name (kebab-case; also names the Python package)',
    default: (_a, dest) => defaultProjectName(dest),
    check: projectNameProblem,
  },
  {
    name: 'description', owner: 'app', kind: 'string',
    message: 'One-line project description',
    default: () => 'End-to-end ML pipeline: validated data, tracked training, gated registry, served and monitored model.',
    // It lands in a TOML basic string (pyproject.toml) through EJS, which writes & < > ' as HTML
    // entities: those, quotes, backslashes and control characters would not survive.
    check: (v) => (!v.trim() || /[\p{Cc}\u2028\u2029]/u.test(v) ? 'description must be one non-empty line'
      : /["\\&<>']/.test(v) ? `description must be one non-empty line without " \\ & < > or ' (pyproject.toml and the README would not show them as written), got ${shown(v)}`
        : v.length > 200 ? `description must be one line of at most 200 characters, got ${v.length}` : undefined),
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
    default: () => 'aws', onlyWhen: { infrastructure: ['cloud-vms'] },
  },
  {
    name: 'managedPlatform', owner: 'mlops', kind: 'choice',
    message: 'Managed ML platform that runs training and hosts the endpoint',
    choices: [{ value: 'sagemaker', label: 'Amazon SageMaker' }, { value: 'vertex-ai', label: 'Google Vertex AI', aliases: ['vertex'] }],
    default: () => 'sagemaker', onlyWhen: { infrastructure: ['managed-platform'] },
  },
  {
    name: 'gpuTraining', owner: 'mlops', kind: 'boolean',
    message: 'Train on a GPU (CUDA image, GPU instance types; falls back to the CPU with a warning when none is present)?',
    // A laptop rarely has a CUDA GPU; the cloud targets rent one by the hour.
    default: (a) => a.infrastructure !== 'local', onlyWhen: { mlType: ['deep-learning'] },
  },

  {
    name: 'sampleRows', owner: 'ai-data', kind: 'integer',
    message: 'Rows in the generated sample data set', default: () => 10000,
    range: { min: 1000, max: 10_000_000 }, onlyWhen: { mlType: ['traditional-ml'] },
  },
  {
    name: 'testSize', owner: 'ai-data', kind: 'number', message: 'Test split fraction (stratified)', default: () => 0.2,
    // LLM/RAG evaluates on its question set, not on a held-out split of the documents.
    range: { min: 0, max: 0.5, exclusive: true }, onlyWhen: { mlType: ['traditional-ml', 'deep-learning'] },
  },

  {
    name: 'modelType', owner: 'experiments', kind: 'choice', message: 'Model family to train',
    choices: [
      { value: 'random_forest', label: 'Random forest (blueprint default)', aliases: ['rf', 'random-forest'] },
      { value: 'gradient_boosting', label: 'Gradient boosting', aliases: ['gb', 'gradient-boosting'] },
      { value: 'logistic_regression', label: 'Logistic regression', aliases: ['lr', 'logistic-regression'] },
    ],
    default: () => 'random_forest', onlyWhen: { mlType: ['traditional-ml'] },
  },
  {
    name: 'architecture', owner: 'experiments', kind: 'choice', message: 'Network architecture',
    choices: [
      { value: 'mlp', label: 'MLP (blueprint default: 0.90 accuracy after one epoch on 2 CPU cores)' },
      { value: 'cnn', label: 'Small CNN (more accurate, about twice the training time on a CPU)' },
    ],
    default: () => 'mlp', onlyWhen: { mlType: ['deep-learning'] },
  },
  {
    name: 'primaryMetric', owner: 'experiments', kind: 'choice', message: 'Metric for cross-validation scoring and the registration gate',
    choices: [{ value: 'accuracy', label: 'Accuracy (blueprint default)' }, { value: 'f1', label: 'F1' }, { value: 'roc_auc', label: 'ROC AUC', aliases: ['auc'] }],
    default: () => 'accuracy', onlyWhen: { mlType: ['traditional-ml'] },
  },
  {
    name: 'registrationThreshold', owner: 'experiments', kind: 'number',
    message: 'Minimum test score for a model to be registered',
    // The blueprint's thresholds: 0.85 for Traditional ML, 0.90 for Deep Learning. LLM/RAG gates
    // on the MRR of its question set (the local embedder measures about 0.8 on the default corpus).
    default: (a) => (a.mlType === 'deep-learning' ? 0.9 : a.mlType === 'llm-rag' ? 0.6 : 0.85), range: { min: 0, max: 1, exclusive: true },
    // Time Series gates on an error that must stay low (maxMase), not on a score.
    onlyWhen: { mlType: ['traditional-ml', 'deep-learning', 'llm-rag'] },
  },
  {
    name: 'maxMase', owner: 'experiments', kind: 'number',
    message: 'Highest backtest MASE for a forecaster to be registered (1.0: it must beat seasonal naive)',
    default: () => 1.0, range: { min: 0, max: 10, exclusive: true }, onlyWhen: { mlType: ['time-series'] },
  },
  {
    name: 'cvFolds', owner: 'experiments', kind: 'integer', message: 'Cross-validation folds', default: () => 5,
    range: { min: 2, max: 20 }, onlyWhen: { mlType: ['traditional-ml'] },
  },
  {
    name: 'registeredModelName', owner: 'experiments', kind: 'string', message: 'Registered model name in the MLflow registry',
    default: (a) => `${a.projectName ?? 'ml-pipeline-project'}-${a.mlType === 'llm-rag' ? 'rag' : a.mlType === 'time-series' ? 'forecaster' : 'classifier'}`,
    // Unquoted in config/model_config.yaml: a leading digit could read as a number or a date.
    check: (v) => (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(v)
      ? `model name must start with a letter and hold only letters, digits, ".", "_" and "-", got ${shown(v)}`
      : YAML_NON_STRINGS.includes(v.toLowerCase()) ? `model name "${v}" would be read as a boolean or null in config/model_config.yaml`
        : v.length > 200 ? `model name must be at most 200 characters, got ${v.length}` : undefined),
  },

  {
    name: 'apiPort', owner: 'serving', kind: 'integer', message: 'Port of the serving API',
    description: 'Port of the serving API (default 7070: Prefect\'s ephemeral API takes 8000-8999)',
    default: () => 7070,
    range: { min: 1024, max: 65535, gap: { from: 8000, to: 8999, why: "Prefect's ephemeral server uses that range" } },
  },
  { name: 'batching', owner: 'serving', kind: 'boolean', message: 'Enable dynamic micro-batching of predictions?', default: () => true },
  { name: 'caching', owner: 'serving', kind: 'boolean', message: 'Enable the LRU prediction cache?', default: () => true },

  {
    name: 'driftThreshold', owner: 'observability', kind: 'number', message: 'Feature drift score that raises an alert',
    default: () => 0.3, range: { min: 0, max: 1, exclusive: true }, onlyWhen: { maturity: ['production', 'advanced'] },
  },
  {
    name: 'latencySloMs', owner: 'observability', kind: 'integer', message: 'P95 latency SLO in milliseconds',
    default: () => 500, range: { min: 1, max: 60000, unit: 'ms' }, onlyWhen: { maturity: ['production', 'advanced'] },
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

/** A value as an error shows it: in quotes, on one line (control characters escaped). */
export function shown(raw: unknown): string {
  const text = String(raw);
  return /[\p{Cc}\u2028\u2029]/u.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Reads a choice given by name, number or alias. */
export function parseChoice<V extends string>(choices: readonly Choice<V>[], raw: unknown, what: string): V {
  const text = String(raw).trim().toLowerCase();
  const found = choices.find(
    (c) => c.value === text || String(c.number) === text || (c.aliases ?? []).includes(text),
  );
  if (!found) {
    throw new AnswerError(`Invalid value ${shown(raw)} for ${what}. Allowed values: ${describeChoices(choices)}.`);
  }
  return found.value;
}

const TRUE = ['true', 'yes', 'y', '1', 'on'];
const FALSE = ['false', 'no', 'n', '0', 'off'];
export const YES_NO_VALUES = 'true, false (also yes/no, y/n, on/off, 1/0)';

/** Integers: plain decimal digits. Numbers: plain decimal notation, `0.2` or `.2`. An optional `-` lets the range explain. */
const INTEGER_TEXT = /^-?[0-9]+$/;
const NUMBER_TEXT = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/;

/** Reads a yes/no answer, or undefined when the text is not one. */
export function parseYesNo(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  return TRUE.includes(text) ? true : FALSE.includes(text) ? false : undefined;
}

/** What a value of this question looks like, for errors and --help. */
export function describeAllowed(spec: QuestionSpec): string {
  switch (spec.kind) {
    case 'choice': return `Allowed values: ${describeChoices(spec.choices ?? [])}`;
    case 'boolean': return `Allowed values: ${YES_NO_VALUES}`;
    case 'integer': return `Expected a whole number in plain decimal digits (no exponent, hex, "+" or separators), ${describeRange(spec.range ?? { min: -Infinity, max: Infinity })}`;
    case 'number': return `Expected a number in plain decimal notation like 0.2 or .2 (no exponent, hex, "+" or separators), ${describeRange(spec.range ?? { min: -Infinity, max: Infinity })}`;
    case 'string': return 'Expected a non-empty text';
  }
}

function parseNumber(spec: QuestionSpec, raw: unknown, flag: string): number {
  const bad = (why: string) => new AnswerError(`Invalid value ${shown(raw)} for ${flag}: ${why}. ${describeAllowed(spec)}.`);
  let num: number;
  if (typeof raw === 'number') {
    num = raw;
    if (!Number.isFinite(num)) throw bad('not a finite number');
    if (spec.kind === 'integer' && !Number.isInteger(num)) throw bad('not a whole number');
  } else {
    const text = String(raw).trim();
    if (text === '') throw bad('empty');
    if (!(spec.kind === 'integer' ? INTEGER_TEXT : NUMBER_TEXT).test(text)) {
      throw bad(spec.kind === 'integer' ? 'not a whole number in plain decimal digits' : 'not a number in plain decimal notation');
    }
    num = Number(text);
  }
  if (Object.is(num, -0)) throw bad('negative zero');
  const range = spec.range;
  if (range && !inRange(num, range)) throw new AnswerError(`Invalid value ${shown(raw)} for ${flag}: must be ${describeRange(range)}, got ${num}.`);
  return num;
}

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
      value = parseYesNo(raw);
      if (value === undefined) throw new AnswerError(`Invalid value ${shown(raw)} for ${flag}. Allowed values: ${YES_NO_VALUES}.`);
      break;
    }
    case 'integer':
    case 'number':
      value = parseNumber(spec, raw, flag);
      break;
    case 'string': {
      value = String(raw).trim();
      const problem = spec.check?.(value as string);
      if (problem) throw new AnswerError(`Invalid value ${shown(raw)} for ${flag}: ${problem}.`);
      break;
    }
  }
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
      const value = q.default(out, destination);
      // A derived default is checked like an answer: nothing invalid is ever stored.
      try {
        parseAnswer(q.name, value);
      } catch (error) {
        const flag = `--${optionName(q.name)}`;
        throw new AnswerError(`The default for ${flag} is not valid (${(error as Error).message}) Pass ${flag} <value>.`);
      }
      (out as Record<string, unknown>)[q.name] = value;
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
  return Object.entries(spec.onlyWhen ?? {}).every(([name, values]) => {
    const value = partial[name as AnswerName];
    return value !== undefined && (values as readonly string[]).includes(String(value));
  });
}

/**
 * Options given on this run for questions that do not apply to the answers (stored, given or
 * default): `--cloud-provider gcp` with `--infrastructure local`. One message per option, naming
 * the rule; a rule whose answers are not all known yet is not judged.
 */
export function irrelevantGiven(given: Partial<Answers>, answers: Partial<Answers>): string[] {
  const problems: string[] = [];
  for (const q of QUESTIONS) {
    const rule = Object.entries(q.onlyWhen ?? {}) as [AnswerName, readonly string[]][];
    if (given[q.name] === undefined || rule.length === 0) continue;
    if (rule.some(([name]) => answers[name] === undefined)) continue;
    const failing = rule.filter(([name, values]) => !values.includes(String(answers[name])));
    if (failing.length === 0) continue;
    const needs = rule.map(([name, values]) => `--${optionName(name)} ${values.join(' or ')}`).join(' and ');
    const is = failing.map(([name]) => `--${optionName(name)} is ${String(answers[name])}`).join(' and ');
    problems.push(`--${optionName(q.name)} applies only with ${needs}, and here ${is}`);
  }
  return problems;
}

/** Throws when irrelevantGiven finds anything: such an option would be silently ignored. */
export function assertRelevantGiven(given: Partial<Answers>, answers: Partial<Answers>): void {
  const problems = irrelevantGiven(given, answers);
  if (problems.length > 0) {
    throw new AnswerError(
      `${problems.join('; ')}: it would be ignored. Nothing was written. Drop the option, or change the answer it depends on.`,
    );
  }
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
