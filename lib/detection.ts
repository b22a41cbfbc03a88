/**
 * The seed's Blueprint Detection Logic: keyword matches on the user's goal, a confidence level,
 * and the ML type the goal points at.
 *
 * The seed scores how sure an assistant can be that a goal asks for an ML pipeline at all, and
 * presents the blueprint at 70% or more. Everyone who runs this generator already wants one, so a
 * plain goal such as "forecast weekly sales" (0% by the seed's keywords) still says what to build:
 * a goal that names an ML type shows the offer too, with that type preselected, instead of
 * dropping to the full question set. Only a goal that names neither goes to the full set, as the
 * seed does below 70%.
 */
import type { MlType } from './answers.js';

export const PRIMARY_KEYWORDS = [
  'ml pipeline', 'machine learning pipeline', 'mlops', 'training pipeline', 'ml workflow', 'model pipeline',
] as const;
export const SECONDARY_KEYWORDS = [
  'experiment tracking', 'model training', 'model serving', 'model deployment', 'feature store',
  'model registry', 'mlflow', 'kubeflow', 'sagemaker', 'vertex ai', 'model monitoring', 'ml infrastructure',
] as const;
export const SECONDARY_CONTEXT = ['pipeline', 'workflow', 'automation', 'deployment', 'infrastructure'] as const;
export const ML_PROBLEM_KEYWORDS = [
  'classification', 'regression', 'deep learning', 'neural network', 'llm', 'time series forecasting',
] as const;
export const PRODUCTION_KEYWORDS = ['end-to-end', 'production', 'deployment', 'serving', 'monitoring'] as const;
/** Infrastructure terms that lift a primary match to high confidence. */
export const INFRASTRUCTURE_TERMS = [
  'infrastructure', 'kubernetes', 'k8s', 'docker', 'deployment', 'deploy', 'serving', 'production', 'cloud',
  'aws', 'gcp', 'azure', 'sagemaker', 'vertex', 'monitoring', 'end-to-end', 'ci/cd', 'registry', 'feature store',
] as const;

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

export interface Detection {
  matched: boolean;
  /** 0-100; the offer box is shown at 70 or more. */
  confidence: number;
  level: ConfidenceLevel;
  /** Keywords found, in the order of the seed's three tests. */
  keywords: string[];
  /** The ML type the goal names, if it names one. */
  mlType?: MlType;
  /** The goal's word that named it ("forecast"). */
  mlTypeKeyword?: string;
}

export const OFFER_THRESHOLD = 70;

/** Whole-word (or whole-phrase) match, so that "rag" does not match "storage". */
function has(text: string, keyword: string): boolean {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}

function found(text: string, keywords: readonly string[]): string[] {
  return keywords.filter((k) => has(text, k));
}

/** Goal words that point at an ML type; the first type with a hit wins (most specific first). */
const ML_TYPE_HINTS: ReadonlyArray<[MlType, readonly string[]]> = [
  ['llm-rag', ['rag', 'retrieval-augmented', 'retrieval augmented', 'chatbot', 'semantic search', 'llm', 'llms',
    'large language model', 'document q&a', 'question answering', 'embeddings', 'vector search']],
  ['time-series', ['forecast', 'forecasting', 'time series', 'time-series', 'timeseries', 'anomaly detection',
    'predictive maintenance', 'demand planning']],
  ['deep-learning', ['image classification', 'image', 'images', 'computer vision', 'vision', 'object detection',
    'deep learning', 'neural network', 'cnn', 'transformer', 'text generation', 'generative', 'nlp', 'segmentation model']],
  ['traditional-ml', ['classification', 'regression', 'clustering', 'tabular', 'fraud', 'churn', 'price prediction',
    'customer segmentation', 'scoring', 'propensity', 'xgboost', 'scikit-learn', 'sklearn', 'recommendation']],
];

/** The ML type a goal names and the word that names it. */
export function detectMlTypeHint(goal: string): { mlType: MlType; keyword: string } | undefined {
  const text = goal.toLowerCase();
  for (const [mlType, words] of ML_TYPE_HINTS) {
    const keyword = words.find((w) => has(text, w));
    if (keyword) return { mlType, keyword };
  }
  return undefined;
}

export function detectMlType(goal: string): MlType | undefined {
  return detectMlTypeHint(goal)?.mlType;
}

export function detectBlueprint(goal: string): Detection {
  const text = goal.toLowerCase().replace(/\s+/g, ' ').trim();
  const primary = found(text, PRIMARY_KEYWORDS);
  const secondary = found(text, SECONDARY_KEYWORDS);
  const secondaryContext = found(text, SECONDARY_CONTEXT);
  const problem = found(text, ML_PROBLEM_KEYWORDS);
  const production = found(text, PRODUCTION_KEYWORDS);
  const infrastructure = found(text, INFRASTRUCTURE_TERMS);
  const hint = detectMlTypeHint(text);
  const named = hint ? { mlType: hint.mlType, mlTypeKeyword: hint.keyword } : {};

  // Seed: High (90%+) = primary keyword + infrastructure term; a primary keyword alone is a
  // clear statement of intent, kept in the medium band; Medium (70-89%) = ML tool + pipeline or
  // workflow; Low (50-69%) = ML problem + production/deployment terms.
  if (primary.length > 0) {
    const high = infrastructure.length > 0;
    return { matched: true, confidence: high ? 95 : 85, level: high ? 'high' : 'medium', keywords: [...primary, ...infrastructure], ...named };
  }
  if (secondary.length > 0 && secondaryContext.length > 0) {
    return { matched: true, confidence: 75, level: 'medium', keywords: [...secondary, ...secondaryContext], ...named };
  }
  if (problem.length > 0 && production.length > 0) {
    return { matched: true, confidence: 60, level: 'low', keywords: [...problem, ...production], ...named };
  }
  return { matched: false, confidence: 0, level: 'none', keywords: [], ...named };
}

/**
 * The offer is shown for the seed's 70% or more, and (see the top of this file) for any goal
 * that names an ML type; a goal that names neither goes to the full question set.
 */
export function shouldOfferBlueprint(detection: Detection): boolean {
  return detection.confidence >= OFFER_THRESHOLD || detection.mlType !== undefined;
}
