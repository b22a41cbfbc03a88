/** The seed's Blueprint Offer Message, with the detection result when a goal was given. */
import type { Detection } from './detection.js';

const WIDTH = 60;

function row(text = ''): string {
  return `│ ${text.padEnd(WIDTH - 1)}│`;
}

export function offerBox(detection?: Detection): string {
  const head = detection
    ? [row(`Your goal matches the ML Pipeline Blueprint (${detection.confidence}%)`), row(`Matched: ${detection.keywords.slice(0, 4).join(', ')}`.slice(0, WIDTH - 1))]
    : [row('Scaffold an end-to-end ML pipeline from the blueprint.')];
  return [
    `┌${'─'.repeat(WIDTH)}┐`,
    row('ML PIPELINE BLUEPRINT DETECTED'),
    `├${'─'.repeat(WIDTH)}┤`,
    ...head,
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
    row('Using blueprint reduces questions from 20 to 3!'),
    row(),
    row('Options:'),
    row(' 1. Use blueprint (3 quick questions)'),
    row(' 2. Custom configuration (about 20 questions)'),
    row(' 3. Skip all questions (use all defaults)'),
    `└${'─'.repeat(WIDTH)}┘`,
  ].join('\n');
}
