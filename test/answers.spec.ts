import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  AnswerError, DEPENDENCY_IMPORTS, INFRASTRUCTURES, MATURITIES, MAX_PROJECT_NAME_LENGTH, ML_TYPES, QUESTIONS,
  defaultProjectName, irrelevantGiven, isRelevant, parseAnswer, parseAnswers, parseChoice, projectNameProblem,
  storable, toPackageName, withDefaults,
} from '../lib/answers.js';
import { packagePath } from '../lib/paths.js';

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

  it('reads integers only as plain decimal digits and numbers only in plain decimal notation', () => {
    assert.equal(parseAnswer('sampleRows', '20000'), 20000);
    assert.equal(parseAnswer('sampleRows', ' 20000 '), 20000);
    assert.equal(parseAnswer('testSize', '.25'), 0.25);
    assert.equal(parseAnswer('testSize', 0.3), 0.3);
    for (const raw of ['1e4', '0x2710', '10_000', '10,000', '+10000', '10000.0', '', '   ']) {
      assert.throws(() => parseAnswer('sampleRows', raw), /for --sample-rows.*between 1000 and 10000000/s, raw);
    }
    for (const raw of ['2e-1', '0x1', 'Infinity', '-Infinity', 'NaN', '2.', '+0.2', '0.2.1', '']) {
      assert.throws(() => parseAnswer('testSize', raw), /for --test-size.*between 0 and 0\.5 \(exclusive\)/s, raw);
    }
    assert.throws(() => parseAnswer('latencySloMs', '-0'), /negative zero/);
    assert.throws(() => parseAnswer('latencySloMs', -0), /negative zero/);
    assert.throws(() => parseAnswer('apiPort', Number.POSITIVE_INFINITY), /not a finite number/);
    assert.throws(() => parseAnswer('cvFolds', '-3'), /must be between 2 and 20, got -3/);
  });

  it('lists every yes/no spelling when a boolean answer is not one', () => {
    for (const [raw, value] of [['yes', true], ['OFF', false], ['1', true], ['n', false], [false, false]] as const) {
      assert.equal(parseAnswer('caching', raw), value);
    }
    assert.throws(() => parseAnswer('dataVersioning', ''), /Invalid value "" for --data-versioning\. Allowed values: true, false \(also yes\/no/);
  });

  it('refuses project names whose Python package is a keyword, a standard module or an import of the project', () => {
    assert.match(projectNameProblem('class') ?? '', /"class", a Python keyword/);
    assert.match(projectNameProblem('lambda') ?? '', /keyword/);
    assert.match(projectNameProblem('json') ?? '', /standard-library module/);
    assert.match(projectNameProblem('great-expectations') ?? '', /"great_expectations", the import name of great-expectations/);
    assert.match(projectNameProblem('sklearn') ?? '', /scikit-learn/);
    assert.match(projectNameProblem('src') ?? '', /own top-level packages/);
    assert.match(projectNameProblem('a'.repeat(MAX_PROJECT_NAME_LENGTH + 1)) ?? '', /at most 40 characters/);
    for (const ok of ['churn-model', 'class-project', 'json-tools', 'fraud-2024', 'a'.repeat(MAX_PROJECT_NAME_LENGTH)]) {
      assert.equal(projectNameProblem(ok), undefined, ok);
    }
  });

  it('knows the import name of every dependency in the generated pyproject.toml', () => {
    const template = readFileSync(packagePath('generators/assembling/templates/shared/pyproject.toml.ejs'), 'utf8');
    const required = /^dependencies = \[\n([\s\S]*?)^\]/m.exec(template)?.[1] ?? '';
    const optional = /^\[project\.optional-dependencies\]\n([\s\S]*?)^\[(?!project\.)/m.exec(template)?.[1] ?? '';
    const distributions = [...`${required}\n${optional}`.matchAll(/"([A-Za-z0-9][A-Za-z0-9_.-]*)[^"]*"/g)]
      .map((d) => (d[1] ?? '').toLowerCase());
    assert.ok(distributions.length > 30, `found ${distributions.length} dependencies`);
    const known = new Set(Object.keys(DEPENDENCY_IMPORTS).map((k) => k.toLowerCase()));
    assert.deepEqual(distributions.filter((d) => !known.has(d)), []);
  });

  it('derives a valid default project name from any folder name', () => {
    const cases: Array<[string, string]> = [
      ['/tmp/2024-churn', 'ml-2024-churn'], ['/tmp/My Project!', 'my-project'], ['/tmp/___', 'ml-pipeline-project'],
      ['/tmp/日本', 'ml-pipeline-project'], ['/tmp/Café Model', 'cafe-model'], ['/tmp/json', 'json-project'],
      ['/tmp/class', 'class-project'], ['/tmp/Churn Model', 'churn-model'],
    ];
    for (const [folder, name] of cases) {
      assert.equal(defaultProjectName(folder), name, folder);
      assert.equal(withDefaults({}, folder).projectName, name, folder);
    }
    const long = defaultProjectName(`/tmp/${'x'.repeat(80)}`);
    assert.equal(long.length, MAX_PROJECT_NAME_LENGTH);
    assert.equal(projectNameProblem(long), undefined);
  });

  it('checks the registered model name and the description for what their files can hold', () => {
    assert.equal(parseAnswer('registeredModelName', 'churn.v2_final-1'), 'churn.v2_final-1');
    assert.throws(() => parseAnswer('registeredModelName', 'Yes'), /boolean or null in config\/model_config\.yaml/);
    assert.throws(() => parseAnswer('registeredModelName', '2024'), /must start with a letter/);
    assert.throws(() => parseAnswer('registeredModelName', 'a/b'), /only letters, digits/);
    assert.throws(() => parseAnswer('registeredModelName', ' '), /must start with a letter/);
    assert.equal(parseAnswer('description', 'Churn: ünïcode, 100% fine (v2).'), 'Churn: ünïcode, 100% fine (v2).');
    for (const bad of ['R&D churn', 'C:\\models', '<b>bold</b>', "customers' churn", 'say "hi"']) {
      assert.throws(() => parseAnswer('description', bad), /without " \\ & < > or '/, bad);
    }
    for (const bad of ['', '   ', 'a\tb', 'a\u2028b']) assert.throws(() => parseAnswer('description', bad), /one non-empty line/, JSON.stringify(bad));
    assert.throws(() => parseAnswer('description', 'x'.repeat(201)), /at most 200 characters/);
  });

  it('names the options given for questions that do not apply to the answers', () => {
    const local = withDefaults({ infrastructure: 'local', maturity: 'starter' }, '/tmp/x');
    assert.deepEqual(irrelevantGiven({ cloudProvider: 'gcp', driftThreshold: 0.4, caching: false }, local), [
      '--cloud-provider applies only with --infrastructure cloud-vms, and here --infrastructure is local',
      '--drift-threshold applies only with --maturity production or advanced, and here --maturity is starter',
    ]);
    assert.deepEqual(irrelevantGiven({ managedPlatform: 'vertex-ai' }, withDefaults({}, '/tmp/x')), [
      '--managed-platform applies only with --infrastructure managed-platform, and here --infrastructure is cloud-vms',
    ]);
    assert.deepEqual(irrelevantGiven({ cloudProvider: 'gcp' }, withDefaults({ infrastructure: 'cloud-vms' }, '/tmp/x')), []);
    assert.deepEqual(irrelevantGiven({ cloudProvider: 'gcp' }, {}), [], 'not judged before the infrastructure is known');
  });

  it('refuses to complete answers with a derived default that is not valid', () => {
    assert.throws(() => withDefaults({ projectName: 'x'.repeat(195) }, '/tmp/x'),
      /^AnswerError: The default for --registered-model-name is not valid \(.*at most 200 characters.*\) Pass --registered-model-name <value>\.$/s);
  });
});
