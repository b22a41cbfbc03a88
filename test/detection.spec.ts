import { strict as assert } from 'node:assert';
import { detectBlueprint, detectMlType, shouldOfferBlueprint } from '../lib/detection.js';

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
    assert.equal(shouldOfferBlueprint(low), false);
    assert.deepEqual(detectBlueprint('a recipe blog').level, 'none');
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
