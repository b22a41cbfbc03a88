/**
 * The seed's Blueprint Offer Message, with what the goal matched when one was given, and the
 * real number of questions each mode asks.
 */
import {
  BLUEPRINT_QUESTIONS, ML_TYPES, SKILLS, choiceLabel, isRelevant, question, questionsOf, withDefaults,
  type Answers, type QuestionSpec,
} from './answers.js';
import type { Detection } from './detection.js';

const WIDTH = 60;

function row(text = ''): string {
  return `│ ${text.padEnd(WIDTH - 1)}│`;
}

/** Rows of at most WIDTH - 1 characters, broken between words. */
function rows(text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH - 1) {
      out.push(row(line));
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  out.push(row(line));
  return out;
}

export interface QuestionCounts {
  /** Blueprint mode: the three quick questions. */
  blueprint: number;
  /** Custom mode: the app's questions (project and blueprint) plus each skill's own. */
  custom: number;
}

/**
 * How many questions each mode asks: those relevant for the known answers completed with the
 * defaults (19 in custom mode for the defaults: the managed platform is only asked for
 * managed-platform infrastructure), less those already answered unless they are asked again.
 */
export function questionCounts(known: Partial<Answers> = {}, askAnswered = false): QuestionCounts {
  const answers = withDefaults(known, '.');
  const asked = (q: QuestionSpec) => isRelevant(q, answers) && (askAnswered || known[q.name] === undefined);
  return {
    blueprint: BLUEPRINT_QUESTIONS.map(question).filter(asked).length,
    // Custom mode also asks a Traditional ML project for the user's table (and its target, when one is given).
    custom: [...questionsOf('app'), ...SKILLS.flatMap((skill) => questionsOf(skill))].filter(asked).length + (answers.mlType === 'traditional-ml' ? 1 : 0),
  };
}

/** "Time Series (forecasting, anomaly detection)" -> "Time Series". */
function shortLabel(mlType: Answers['mlType']): string {
  return choiceLabel(ML_TYPES, mlType).replace(/ \(.*$/, '');
}

function goalRows(detection: Detection | undefined): string[] {
  if (!detection) return rows('Scaffold an end-to-end ML pipeline from the blueprint.');
  const out = detection.matched
    ? [...rows(`Your goal matches the ML Pipeline Blueprint (${detection.confidence}%).`), ...rows(`Matched: ${[...new Set(detection.keywords)].join(', ')}`)]
    : rows('Scaffold an end-to-end ML pipeline from the blueprint.');
  if (detection.mlType) {
    out.push(...rows(`Your goal names an ML type: "${detection.mlTypeKeyword}" → ${shortLabel(detection.mlType)} (preselected).`));
  }
  return out;
}

export function offerBox(detection?: Detection, counts: QuestionCounts = questionCounts()): string {
  return [
    `┌${'─'.repeat(WIDTH)}┐`,
    row(detection?.matched ? 'ML PIPELINE BLUEPRINT DETECTED' : 'ML PIPELINE BLUEPRINT'),
    `├${'─'.repeat(WIDTH)}┤`,
    ...goalRows(detection),
    row(),
    row('Pre-configured features:'),
    row(' ✓ End-to-end ML pipeline (data → training → serving)'),
    row(' ✓ MLflow experiment tracking & model registry'),
    row(' ✓ Feature store (Feast) for feature management'),
    row(' ✓ Model serving API (FastAPI) with monitoring'),
    row(' ✓ Data validation & drift detection'),
    row(' ✓ Kubernetes-ready containerized deployment'),
    row(' ✓ Prometheus + Grafana observability stack'),
    row(' ✓ Automated CI/CD with testing'),
    row(),
    row(`Using blueprint reduces questions from ${counts.custom} to ${counts.blueprint}!`),
    row(),
    row('Options:'),
    row(` 1. Use blueprint (${counts.blueprint} quick questions)`),
    row(` 2. Custom configuration (${counts.custom} questions)`),
    row(' 3. Skip all questions (use all defaults)'),
    `└${'─'.repeat(WIDTH)}┘`,
  ].join('\n');
}
