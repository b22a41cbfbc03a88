import { strict as assert } from 'node:assert';
import {
  AnswerError, INFRASTRUCTURES, MATURITIES, ML_TYPES, QUESTIONS, isRelevant, parseAnswer, parseAnswers, parseChoice,
  storable, toPackageName, withDefaults,
} from '../lib/answers.js';

describe('answers model', () => {
  it('accepts the seed names, numbers and aliases for the three blueprint questions', () => {
    assert.equal(parseChoice(ML_TYPES, 'traditional-ml', '--ml-type'), 'traditional-ml');
    assert.equal(parseChoice(ML_TYPES, '3', '--ml-type'), 'llm-rag');
    assert.equal(parseChoice(ML_TYPES, 4, '--ml-type'), 'time-series');
    assert.equal(parseChoice(INFRASTRUCTURES, 'K8s', '--infrastructure'), 'kubernetes');
    assert.equal(parseChoice(INFRASTRUCTURES, '2', '--infrastructure'), 'cloud-vms');
    assert.equal(parseChoice(MATURITIES, 'intermediate', '--maturity'), 'production');
    assert.equal(parseChoice(MATURITIES, '3', '--maturity'), 'advanced');
  });

  it('rejects an unknown value with an error that lists every allowed value', () => {
    assert.throws(() => parseAnswer('infrastructure', 'mainframe'), (error: Error) => {
      assert.ok(error instanceof AnswerError);
      assert.match(error.message, /Invalid value "mainframe" for --infrastructure/);
      assert.match(error.message, /local \(1\), cloud-vms \(2\), kubernetes \(3\), managed-platform \(4\)/);
      return true;
    });
    assert.throws(() => parseAnswer('maturity', '4'), /starter \(1\), production \(2\), advanced \(3\)/);
  });

  it('reads numbers, booleans and free text, and checks their ranges', () => {
    assert.equal(parseAnswer('registrationThreshold', '0.9'), 0.9);
    assert.equal(parseAnswer('cvFolds', 10), 10);
    assert.equal(parseAnswer('batching', 'no'), false);
    assert.equal(parseAnswer('caching', true), true);
    assert.throws(() => parseAnswer('cvFolds', '2.5'), /whole number/);
    assert.throws(() => parseAnswer('registrationThreshold', '1.5'), /between 0 and 1/);
    assert.throws(() => parseAnswer('apiPort', 8080), /outside 8000-8999/);
    assert.throws(() => parseAnswer('projectName', 'My Project'), /kebab-case/);
    assert.throws(() => parseAnswer('batching', 'maybe'), /Allowed values: true, false/);
    assert.throws(() => parseAnswer('description', 'two\nlines'), /one non-empty line/);
  });

  it('defaults to the blueprint: Traditional ML, Cloud VMs, Production', () => {
    const answers = withDefaults({}, '/tmp/Churn Model');
    assert.equal(answers.mlType, 'traditional-ml');
    assert.equal(answers.infrastructure, 'cloud-vms');
    assert.equal(answers.maturity, 'production');
    assert.equal(answers.projectName, 'churn-model');
    assert.equal(answers.registrationThreshold, 0.85);
    assert.equal(answers.cvFolds, 5);
    assert.equal(answers.modelType, 'random_forest');
    assert.equal(answers.driftThreshold, 0.3);
    assert.equal(answers.latencySloMs, 500);
  });

  it('derives dependent defaults from earlier answers', () => {
    const answers = withDefaults({ projectName: 'fraud-scoring' }, '/tmp/x');
    assert.equal(answers.registeredModelName, 'fraud-scoring-classifier');
    assert.equal(toPackageName('fraud-scoring'), 'fraud_scoring');
    assert.equal(toPackageName('2024-model'), 'p_2024_model');
  });

  it('stores only the answers that matter for the project', () => {
    const starterOnVms = withDefaults({ maturity: 'starter', infrastructure: 'local' }, '/tmp/x');
    const stored = storable(starterOnVms);
    assert.equal(stored.cloudProvider, undefined, 'no object storage question without Cloud VMs');
    assert.equal(stored.driftThreshold, undefined, 'no drift question at starter (no drift detection)');
    assert.equal(stored.maturity, 'starter');
    const managed = withDefaults({ infrastructure: 'managed-platform' }, '/tmp/x');
    assert.equal(storable(managed).managedPlatform, 'sagemaker');
  });

  it('parses a stored record and ignores keys that are not answers', () => {
    const parsed = parseAnswers({ maturity: '1', batching: 'false', somethingElse: 'x' });
    assert.deepEqual(parsed, { maturity: 'starter', batching: false });
  });

  it('offers between 15 and 20 questions in custom mode for the default answers', () => {
    const defaults = withDefaults({}, '/tmp/x');
    const asked = QUESTIONS.filter((q) => isRelevant(q, defaults));
    assert.ok(asked.length >= 15 && asked.length <= 20, `custom mode asks ${asked.length} questions`);
  });
});
