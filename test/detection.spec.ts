import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { QUESTIONS } from '../lib/answers.js';
import { vectorDbDecision } from '../lib/context.js';
import { detectBlueprint, detectMlType, shouldOfferBlueprint } from '../lib/detection.js';
import { offerBox, questionCounts } from '../lib/offer.js';
import { packagePath } from '../lib/paths.js';

describe('blueprint detection', () => {
  it('offers the blueprint for the seed example goals that its detection logic matches', () => {
    for (const goal of [
      'ml pipeline for image classification',
      'machine learning pipeline with experiment tracking',
      'end-to-end mlops workflow',
      'training pipeline with feature store',
      'model serving infrastructure',
      'ml pipeline with mlflow and model registry',
      'production ml pipeline for recommendation system',
    ]) {
      const detection = detectBlueprint(goal);
      assert.ok(shouldOfferBlueprint(detection), `${goal}: ${detection.confidence}%`);
    }
  });

  it('grades confidence as the seed does', () => {
    assert.equal(detectBlueprint('mlops platform on kubernetes').level, 'high');
    assert.ok(detectBlueprint('mlops platform on kubernetes').confidence >= 90);
    const medium = detectBlueprint('mlflow tracking workflow');
    assert.equal(medium.level, 'medium');
    assert.ok(medium.confidence >= 70 && medium.confidence < 90);
    const low = detectBlueprint('fraud classification in production');
    assert.equal(low.level, 'low');
    assert.ok(low.confidence >= 50 && low.confidence < 70);
    assert.deepEqual(detectBlueprint('a recipe blog').level, 'none');
  });

  it('offers the blueprint at 70% or more, or for a goal that names an ML type, and preselects that type', () => {
    for (const [goal, mlType, keyword] of [
      ['rag chatbot over our docs', 'llm-rag', 'rag'],
      ['forecast weekly sales', 'time-series', 'forecast'],
      ['image classification for product photos', 'deep-learning', 'image classification'],
      ['fraud classification in production', 'traditional-ml', 'classification'],
    ] as const) {
      const detection = detectBlueprint(goal);
      assert.ok(detection.confidence < 70, `${goal} scores below the seed's threshold`);
      assert.equal(detection.mlType, mlType, goal);
      assert.equal(detection.mlTypeKeyword, keyword, goal);
      assert.ok(shouldOfferBlueprint(detection), goal);
    }
    for (const goal of ['a recipe blog', 'a model for our team', 'mlflow']) {
      assert.equal(shouldOfferBlueprint(detectBlueprint(goal)), false, `${goal} names neither a pipeline nor an ML type`);
    }
  });

  it('needs pipeline context for a secondary keyword, as the seed code does', () => {
    assert.equal(detectBlueprint('mlflow').matched, false);
    assert.equal(detectBlueprint('mlflow pipeline').matched, true);
  });

  it('preselects the ML type the goal names', () => {
    assert.equal(detectMlType('ml pipeline for image classification'), 'deep-learning');
    assert.equal(detectMlType('rag over our wiki'), 'llm-rag');
    assert.equal(detectMlType('support chatbot pipeline'), 'llm-rag');
    assert.equal(detectMlType('semantic search mlops'), 'llm-rag');
    assert.equal(detectMlType('LLM evaluation pipeline'), 'llm-rag');
    assert.equal(detectMlType('sales forecast pipeline'), 'time-series');
    assert.equal(detectMlType('time series anomaly pipeline'), 'time-series');
    assert.equal(detectMlType('churn classification'), 'traditional-ml');
    assert.equal(detectMlType('ml pipeline'), undefined);
  });

  it('matches whole words only', () => {
    assert.equal(detectMlType('pipeline with object storage'), undefined, '"storage" is not "rag"');
    assert.equal(detectMlType('an imagery-free pipeline'), undefined, '"imagery" is not "image"');
  });
});

describe('blueprint offer', () => {
  const box = (goal?: string) => offerBox(goal === undefined ? undefined : detectBlueprint(goal));

  it('says DETECTED only when the goal matched the blueprint', () => {
    assert.doesNotMatch(box(), /DETECTED/);
    assert.match(box(), /ML PIPELINE BLUEPRINT/);
    assert.doesNotMatch(box('forecast weekly sales'), /DETECTED/);
    assert.match(box('ml pipeline on kubernetes'), /ML PIPELINE BLUEPRINT DETECTED/);
    assert.match(box('ml pipeline on kubernetes'), /Your goal matches the ML Pipeline Blueprint \(95%\)\.[ │\n]*Matched: ml pipeline, kubernetes/);
  });

  it('says which ML type the goal named and that it is preselected', () => {
    const text = box('forecast weekly sales').replace(/ *│\n│ */g, ' ');
    assert.match(text, /Your goal names an ML type: "forecast" → Time Series \(preselected\)\./);
    assert.doesNotMatch(text, /no templates/, 'every ML type generates');
    assert.match(box('churn classification ml pipeline').replace(/ *│\n│ */g, ' '), /"classification" → Traditional ML \(preselected\)\.(?![^│]*no templates)/);
    for (const line of box('image classification for product photos at scale with a very long goal').split('\n')) {
      assert.equal([...line].length, 62, `every row of the box has its width: ${line}`);
    }
  });

  it('counts the questions each mode really asks: 20 in custom mode for the defaults (your table among them), as the README says', () => {
    assert.equal(QUESTIONS.length, 23);
    assert.deepEqual(questionCounts(), { blueprint: 3, custom: 20 });
    // Deep Learning: no sample rows, model family, metric or folds; an architecture and the GPU.
    assert.deepEqual(questionCounts({ mlType: 'deep-learning' }), { blueprint: 2, custom: 16 });
    // Time Series: no sample rows, split, model family, metric, score threshold or folds; a MASE ceiling.
    assert.deepEqual(questionCounts({ mlType: 'time-series' }), { blueprint: 2, custom: 13 });
    assert.deepEqual(questionCounts({ maturity: 'starter' }), { blueprint: 2, custom: 17 }, 'no drift threshold or SLO at Starter, maturity given');
    assert.deepEqual(questionCounts({ maturity: 'starter' }, true), { blueprint: 3, custom: 18 });
    assert.match(box(), /reduces questions from 20 to 3!/);
    assert.match(box(), /1\. Use blueprint \(3 quick questions\)/);
    assert.match(box(), /2\. Custom configuration \(20 questions\)/);
    assert.match(readFileSync(packagePath('README.md'), 'utf8'), /20\s+for the defaults/);
  });

  it('says in plain words why no vector database is generated, for every ML type without one', () => {
    for (const mlType of ['traditional-ml', 'deep-learning', 'time-series'] as const) {
      const decision = vectorDbDecision(mlType);
      assert.equal(decision.enabled, false, mlType);
      assert.match(decision.reason, /need no embeddings|search no embeddings/, mlType);
      assert.match(decision.reason, /so no vector database is generated$/, mlType);
      assert.doesNotMatch(decision.reason, /model_type|skip_when|seed|"/, `${mlType}: no spec jargon`);
    }
    assert.equal(vectorDbDecision('traditional-ml').reason, 'Traditional ML models work on tables and need no embeddings, so no vector database is generated');
  });
});
