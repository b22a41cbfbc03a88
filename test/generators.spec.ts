import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import yoAssert from 'yeoman-assert';
import { INFRASTRUCTURES, MATURITIES, SKILLS, withDefaults, type Answers } from '../lib/answers.js';
import { buildContext } from '../lib/context.js';
import { requiredDeliverables } from '../lib/deliverables.js';
import { selectFiles } from '../lib/file-table.js';
import { PACKAGE_ROOT, packagePath, templatesOf } from '../lib/paths.js';
import { formatReport } from '../lib/report.js';
import { validate } from '../lib/validator.js';
import type AppGenerator from '../generators/app/index.js';
import type { SkillGenerator } from '../lib/skill-generator.js';
import { cleanupFolders, freshFolder, matchSnapshot, mtimes, readTree, runGenerator, runIn } from './helpers/project.js';

const PROJECT = { projectName: 'churn-model' };

/**
 * Stub markers in generated Python: a function whose body is `pass` or `...` (after an optional
 * docstring), a TODO, NotImplementedError, assert False. (`pass` in an except clause is code.)
 */
function stubs(tree: Map<string, Buffer>): string[] {
  const marker = /^\s*(?:async\s+)?def [^\n]*:\n(?:\s*(?:"""[\s\S]*?"""|'[^'\n]*'|"[^"\n]*")\s*\n)?\s*(?:pass|\.\.\.)\s*$|\bTODO\b|NotImplementedError|assert False/m;
  return [...tree].filter(([path, text]) => path.endsWith('.py') && marker.test(text.toString('utf8'))).map(([path]) => path);
}

async function skillFiles(skill: string, answers: Answers): Promise<string[]> {
  const { files } = (await import(packagePath('dist', 'generators', skill, 'files.js'))) as { files: Parameters<typeof selectFiles>[0] };
  return selectFiles(files, buildContext(answers, '0.0.0'), templatesOf(skill)).map((f) => f.path);
}

describe('generators', function () {
  this.timeout(120_000);
  afterEach(() => cleanupFolders());

  describe('Traditional ML x 4 infrastructures x 3 maturities, from options alone', () => {
    for (const infrastructure of INFRASTRUCTURES.map((i) => i.value)) {
      for (const maturity of MATURITIES.map((m) => m.value)) {
        it(`${infrastructure} / ${maturity}: scores 100% and matches its snapshot`, async () => {
          const result = await runGenerator('app', { ...PROJECT, mlType: 'traditional-ml', infrastructure, maturity, mode: 'skip' });
          const report = validate(result.cwd);
          assert.equal(report.maturity, maturity);
          assert.equal(report.completeness, 100, formatReport(report));
          assert.equal(result.askedQuestions.length, 0, 'options answer everything');
          // What the infrastructure and maturity answers select (seed: blueprint adjustments).
          const expect = (present: boolean, files: string[]) => (present ? yoAssert.file(files) : yoAssert.noFile(files));
          expect(maturity === 'starter', ['notebooks/01_quickstart.ipynb', 'notebooks/04_evaluation.ipynb']);
          expect(maturity !== 'starter', ['src/features/feature_store.py', 'pipelines/monitoring_pipeline.py', '.github/workflows/ci.yml', 'monitoring/prometheus/alert_rules.yml']);
          expect(maturity !== 'starter' || infrastructure === 'kubernetes', ['infrastructure/kubernetes/deployment.yaml', 'infrastructure/kubernetes/serving-deployment.yaml', 'infrastructure/kubernetes/secrets.yaml']);
          expect(maturity !== 'starter', ['infrastructure/kubernetes/monitoring-stack.yaml']);
          expect(infrastructure === 'kubernetes', ['infrastructure/kubernetes/training-job.yaml']);
          expect(infrastructure === 'cloud-vms', ['infrastructure/terraform/main.tf', 'infrastructure/terraform/variables.tf']);
          expect(infrastructure === 'managed-platform', ['src/cloud/managed_platform.py', 'config/platform_config.yaml']);
          expect(maturity === 'advanced', ['infrastructure/kubernetes/canary-deployment.yaml']);
          yoAssert.file(['infrastructure/docker/docker-compose.yml', 'infrastructure/docker/Dockerfile.serving', 'src/serving/api.py']);
          yoAssert.noFile(['src/vector_store/client.py', 'config/vector_db_config.yaml']);
          yoAssert.fileContent('config/monitoring_config.yaml', maturity === 'advanced' ? /enabled: true/ : /baseline_accuracy/);
          const tree = readTree(result.cwd);
          assert.deepEqual(stubs(tree), [], 'generated Python is working code');
          matchSnapshot(`traditional-ml/${infrastructure}-${maturity}`, tree);
        });
      }
    }
  });

  describe('Traditional ML typed from a real table (--data)', () => {
    // A fixed path: the project names the user's file (README, model card, .yo-rc.json), and
    // snapshots must not depend on where the repository is cloned.
    const tables = join(tmpdir(), 'mlp-snapshot-tables');
    const cases = [
      { name: 'penguins', file: 'penguins.csv', target: 'sex', maturity: 'production', label: /^LABEL_CLASSES: tuple\[str, \.\.\.\] = \("female", "male"\)$/m },
      { name: 'breast-cancer', file: 'breast_cancer.csv', target: 'target', maturity: 'starter', label: /^ {4}"mean radius": "mean_radius",$/m },
      // More than two classes: argmax over every class, macro metrics, every class's probability.
      { name: 'species', file: 'penguins.csv', target: 'species', maturity: 'production', label: /^LABEL_CLASSES: tuple\[str, \.\.\.\] = \("Adelie", "Chinstrap", "Gentoo"\)$/m },
      { name: 'wine', file: 'wine.csv', target: 'target', maturity: 'starter', label: /^LABEL_CLASSES: tuple\[str, \.\.\.\] = \("0", "1", "2"\)$/m },
      // Regression: the label's accepted range instead of classes, regressors, r2 gate.
      { name: 'diabetes', file: 'diabetes.csv', target: 'target', maturity: 'production', label: /^LABEL_RANGE: tuple\[float, float\] = \(0, 380\)$/m },
      { name: 'cars', file: 'cars.csv', target: 'Miles_per_Gallon', maturity: 'starter', label: /^TIMESTAMP_COLUMN = "year"$/m },
      // A date as a feature (--timestamp-column none): its year, month, day and weekday; five classes.
      {
        name: 'seattle-weather', file: 'seattle_weather.csv', target: 'weather', maturity: 'production', extra: { 'timestamp-column': 'none' },
        label: /^ {8}\("date_year", "date_month", "date_day", "date_day_of_week"\),$/m,
      },
    ];
    for (const c of cases) {
      it(`${c.name} (${c.maturity}): scores 100%, no stubs, no churn column, and matches its snapshot`, async () => {
        mkdirSync(tables, { recursive: true });
        copyFileSync(packagePath('test', 'fixtures', 'tables', c.file), join(tables, c.file));
        const result = await runGenerator('app', { projectName: `${c.name}-model`, maturity: c.maturity, mode: 'skip', data: join(tables, c.file), target: c.target, ...c.extra });
        const report = validate(result.cwd);
        assert.equal(report.completeness, 100, formatReport(report));
        yoAssert.fileContent('src/features/feature_definitions.py', c.label);
        const tree = readTree(result.cwd);
        assert.deepEqual(stubs(tree), [], 'generated Python is working code');
        const churn = /\b(tenure_months|monthly_charges|total_charges|contract_type|customer_id|churned|churn|CustomerFeatures|ChurnFeatureEngineer)\b/;
        assert.deepEqual([...tree].filter(([path, text]) => !path.startsWith('data/') && churn.test(text.toString('utf8'))).map(([path]) => path), [], 'files naming churn columns');
        assert.equal(tree.get(`data/raw/${c.file}`)?.equals(readFileSync(join(tables, c.file))), true, 'the copy of the table');
        matchSnapshot(`traditional-ml/table-${c.name}`, tree);
      });
    }
  });

  describe('Deep Learning x 4 infrastructures x 3 maturities, from options alone', () => {
    for (const infrastructure of INFRASTRUCTURES.map((i) => i.value)) {
      for (const maturity of MATURITIES.map((m) => m.value)) {
        it(`${infrastructure} / ${maturity}: scores 100%, has no stub, asks for a GPU where it trains on one, and matches its snapshot`, async () => {
          const result = await runGenerator('app', { ...PROJECT, mlType: 'deep-learning', infrastructure, maturity, mode: 'skip' });
          const report = validate(result.cwd);
          assert.equal(report.maturity, maturity);
          assert.equal(report.completeness, 100, formatReport(report));
          assert.equal(result.askedQuestions.length, 0, 'options answer everything');
          const tree = readTree(result.cwd);
          assert.deepEqual(stubs(tree), [], 'generated Python is working code');
          const gpu = infrastructure !== 'local';
          yoAssert.file(['src/models/network.py', 'src/models/export.py', 'tests/fixtures/images/0/0000.png', 'src/serving/api.py']);
          yoAssert.noFile(['src/models/hyperparameters.py', 'tests/fixtures/sample_data.csv', 'notebooks/01_exploration.ipynb']);
          yoAssert.noFile(['src/vector_store/client.py', 'config/vector_db_config.yaml']);
          yoAssert.fileContent('config/model_config.yaml', /architecture: mlp/);
          (gpu ? yoAssert.fileContent : yoAssert.noFileContent)('infrastructure/docker/Dockerfile.training', /^FROM \S*cuda/m);
          if (infrastructure === 'kubernetes') yoAssert.fileContent('infrastructure/kubernetes/training-job.yaml', /nvidia\.com\/gpu/);
          matchSnapshot(`deep-learning/${infrastructure}-${maturity}`, tree);
        });
      }
    }
  });

  describe('LLM/RAG x 4 infrastructures x 3 maturities, from options alone', () => {
    for (const infrastructure of INFRASTRUCTURES.map((i) => i.value)) {
      for (const maturity of MATURITIES.map((m) => m.value)) {
        it(`${infrastructure} / ${maturity}: scores 100% with the vector store required, has no stub, and matches its snapshot`, async () => {
          const result = await runGenerator('app', { ...PROJECT, mlType: 'llm-rag', infrastructure, maturity, mode: 'skip' });
          const report = validate(result.cwd);
          assert.equal(report.mlType, 'llm-rag');
          assert.ok(report.results.some((r) => r.name === 'Vector database (Qdrant)' && r.fulfilled), formatReport(report));
          assert.ok(report.results.every((r) => r.name !== 'Feature store (Feast)'), 'documents are not served from Feast');
          assert.equal(report.completeness, 100, formatReport(report));
          assert.equal(result.askedQuestions.length, 0, 'options answer everything');
          const tree = readTree(result.cwd);
          assert.deepEqual(stubs(tree), [], 'generated Python is working code');
          yoAssert.file(['src/vector_store/indexing.py', 'src/models/rag_chain.py', 'src/data/chunking.py', 'config/vector_db_config.yaml', 'config/prompts/answer_v1.txt']);
          yoAssert.noFile(['src/features/feature_store.py', 'src/serving/batching.py', 'src/data/splitting.py', 'tests/fixtures/sample_data.csv']);
          const manifests = maturity !== 'starter' || infrastructure === 'kubernetes';
          (manifests ? yoAssert.file : yoAssert.noFile)(['infrastructure/kubernetes/qdrant.yaml']);
          yoAssert.fileContent('infrastructure/docker/docker-compose.yml', /qdrant\/qdrant:/);
          (maturity !== 'starter' ? yoAssert.file : yoAssert.noFile)(['monitoring/grafana/dashboards/llm_metrics.json', 'pipelines/monitoring_pipeline.py']);
          matchSnapshot(`llm-rag/${infrastructure}-${maturity}`, tree);
        });
      }
    }
  });

  describe('Time Series x 4 infrastructures x 3 maturities, from options alone', () => {
    for (const infrastructure of INFRASTRUCTURES.map((i) => i.value)) {
      for (const maturity of MATURITIES.map((m) => m.value)) {
        it(`${infrastructure} / ${maturity}: scores 100%, has no stub, backtests instead of splitting, and matches its snapshot`, async () => {
          const result = await runGenerator('app', { ...PROJECT, mlType: 'time-series', infrastructure, maturity, mode: 'skip' });
          const report = validate(result.cwd);
          assert.equal(report.mlType, 'time-series');
          assert.equal(report.completeness, 100, formatReport(report));
          assert.equal(result.askedQuestions.length, 0, 'options answer everything');
          const tree = readTree(result.cwd);
          assert.deepEqual(stubs(tree), [], 'generated Python is working code');
          yoAssert.file(['src/models/forecasters.py', 'src/models/backtest.py', 'src/models/intervals.py', 'src/models/anomaly.py', 'config/data_config.yaml', 'tests/fixtures/sample_series.csv']);
          // Never a random split; forecasts are neither micro-batched nor cached.
          yoAssert.noFile(['src/data/splitting.py', 'src/serving/batching.py', 'src/serving/cache.py', 'src/models/hyperparameters.py', 'tests/fixtures/sample_data.csv']);
          yoAssert.noFile(['src/vector_store/client.py', 'config/vector_db_config.yaml']);
          (maturity !== 'starter' ? yoAssert.file : yoAssert.noFile)(['src/features/feature_store.py', 'monitoring/grafana/dashboards/forecast_metrics.json', 'pipelines/monitoring_pipeline.py']);
          yoAssert.fileContent('config/model_config.yaml', /max_mase: 1\b/);
          yoAssert.fileContent('Makefile', /^backtest:/m);
          yoAssert.fileContent('Makefile', /^forecast:/m);
          matchSnapshot(`time-series/${infrastructure}-${maturity}`, tree);
        });
      }
    }
  });

  describe('each skill alone', () => {
    for (const skill of SKILLS) {
      it(`${skill}: writes its own files with --defaults, checks its deliverables, and asks nothing on a re-run`, async () => {
        const first = await runGenerator(skill, { defaults: true, ...PROJECT });
        const generator = first.generator as unknown as SkillGenerator;
        const answers = withDefaults({ ...PROJECT }, first.cwd);
        const expected = await skillFiles(skill, answers);
        const written = [...readTree(first.cwd).keys()].filter((p) => p !== '.yo-rc.json').sort();
        assert.deepEqual(written, [...expected].sort());
        const owned = requiredDeliverables('intermediate').filter((d) => d.primarySkill === skill).map((d) => d.name);
        assert.deepEqual(generator.deliverableResults.map((r) => r.name), owned);
        assert.ok(generator.deliverableResults.every((r) => r.fulfilled), JSON.stringify(generator.deliverableResults, null, 2));
        if (skill === 'vector-db') assert.equal(written.length, 0, 'Traditional ML needs no vector database');

        const before = mtimes(first.cwd);
        const again = await runIn(first.cwd, skill);
        assert.deepEqual(again.askedQuestions, [], '.yo-rc.json answers everything');
        assert.deepEqual(mtimes(first.cwd), before, 'nothing rewritten');
      });
    }

    it('asks its own questions and the blueprint ones when run alone without --defaults', async () => {
      const result = await runGenerator('serving', PROJECT).withAnswers({ mlType: 'traditional-ml', infrastructure: 'kubernetes', maturity: 'advanced', apiPort: '9100', batching: false });
      const asked = result.askedQuestions.map((q) => q.name);
      for (const name of ['mlType', 'infrastructure', 'maturity', 'apiPort', 'batching', 'caching']) assert.ok(asked.includes(name), name);
      assert.ok(!asked.includes('modelType'), 'another skill\'s question is not asked');
      const config = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-ml-pipeline'];
      assert.equal(config.apiPort, 9100);
      assert.equal(config.batching, false);
      assert.match(readFileSync(join(result.cwd, 'config/serving_config.yaml'), 'utf8'), /9100/);
    });
  });

  describe('custom questions', () => {
    // An alternative value per question; each must change at least one generated file.
    const ALTERNATIVES: Record<string, { base?: Record<string, unknown>; value: unknown }> = {
      projectName: { value: 'other-name' },
      description: { value: 'Another description.' },
      infrastructure: { value: 'local' },
      maturity: { value: 'advanced' },
      dataVersioning: { value: false },
      cloudProvider: { value: 'gcp' },
      managedPlatform: { base: { infrastructure: 'managed-platform' }, value: 'vertex-ai' },
      sampleRows: { value: 20000 },
      testSize: { value: 0.25 },
      modelType: { value: 'logistic_regression' },
      primaryMetric: { value: 'f1' },
      registrationThreshold: { value: 0.8 },
      cvFolds: { value: 3 },
      registeredModelName: { value: 'other-model' },
      apiPort: { value: 9100 },
      batching: { value: false },
      caching: { value: false },
      driftThreshold: { value: 0.25 },
      latencySloMs: { value: 300 },
      architecture: { base: { mlType: 'deep-learning' }, value: 'cnn' },
      gpuTraining: { base: { mlType: 'deep-learning' }, value: false },
      maxMase: { base: { mlType: 'time-series' }, value: 0.9 },
    };

    it('every question that custom mode asks changes at least one generated file', async () => {
      const { QUESTIONS } = await import('../lib/answers.js');
      const asked = QUESTIONS.map((q) => q.name).filter((name) => name !== 'mlType');
      assert.deepEqual([...asked].sort(), Object.keys(ALTERNATIVES).sort(), 'every question has an alternative here');
      const trees = new Map<string, Map<string, Buffer>>();
      const treeOf = async (options: Record<string, unknown>) => {
        const key = JSON.stringify(options);
        if (!trees.has(key)) trees.set(key, readTree((await runGenerator('app', { ...PROJECT, defaults: true, skipValidation: true, ...options })).cwd));
        return trees.get(key) as Map<string, Buffer>;
      };
      for (const [name, { base = {}, value }] of Object.entries(ALTERNATIVES)) {
        const before = await treeOf(base);
        const after = await treeOf({ ...base, [name]: value });
        const changed = [...new Set([...before.keys(), ...after.keys()])]
          .filter((path) => path !== '.yo-rc.json' && !(before.get(path)?.equals(after.get(path) ?? Buffer.alloc(0)) ?? false));
        assert.ok(changed.length > 0, `--${name} ${String(value)} changed no file`);
      }
    });
  });

  describe('interactive flow', () => {
    const custom = {
      mlType: 'traditional-ml', infrastructure: 'kubernetes', maturity: 'advanced', projectName: 'fraud-scoring',
      description: 'Scores card transactions for fraud.', modelType: 'gradient_boosting', primaryMetric: 'f1',
      registrationThreshold: 0.8, cvFolds: 3, apiPort: 9100, batching: false, caching: true, driftThreshold: 0.25,
      latencySloMs: 300, sampleRows: 20000, testSize: 0.25, dataVersioning: false, registeredModelName: 'fraud-model',
    };

    it('writes the same tree and contents from prompts (custom mode) as from options', async () => {
      const prompted = await runGenerator('app').withAnswers({ mode: 'custom', ...custom });
      const asked = prompted.askedQuestions.map((q) => q.name);
      assert.ok(asked.length >= 15 && asked.length <= 21, `custom mode asked ${asked.length}: ${asked.join(', ')}`);
      const options = await runGenerator('app', { ...custom, mode: 'skip' });
      assert.equal(options.askedQuestions.length, 0);
      yoAssert.fileContent([
        [join(options.cwd, 'config/serving_config.yaml'), /port: 9100/],
        [join(options.cwd, 'config/serving_config.yaml'), /batching:.*\n {2}enabled: false/],
        [join(options.cwd, 'config/model_config.yaml'), /model_type: gradient_boosting/],
        [join(options.cwd, 'config/model_config.yaml'), /threshold: 0\.8 /],
        [join(options.cwd, 'monitoring/prometheus/alert_rules.yml'), /ml_feature_drift_score\) > 0\.25/],
      ]);
      yoAssert.noFile(join(options.cwd, 'dvc.yaml'));
      const a = readTree(prompted.cwd);
      const b = readTree(options.cwd);
      assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
      for (const [path, content] of a) assert.ok(content.equals(b.get(path) ?? Buffer.alloc(0)), `${path} differs`);
    });

    it('asks exactly the three quick questions in blueprint mode, after the offer', async () => {
      const prompted = await runGenerator('app', PROJECT).withAnswers({ mode: 'blueprint', mlType: 'traditional-ml', infrastructure: 'local', maturity: 'starter' });
      assert.deepEqual(prompted.askedQuestions.map((q) => q.name), ['mode', 'mlType', 'infrastructure', 'maturity']);
      const options = await runGenerator('app', { ...PROJECT, infrastructure: 'local', maturity: '1', defaults: true });
      const a = readTree(prompted.cwd);
      const b = readTree(options.cwd);
      assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
      for (const [path, content] of a) assert.ok(content.equals(b.get(path) ?? Buffer.alloc(0)), `${path} differs`);
    });

    it('preselects the ML type named by the goal, and generates that type', async () => {
      const result = await runGenerator('app', PROJECT).withArguments(['forecast weekly sales with an ml pipeline']).withAnswers({ mode: 'blueprint' });
      assert.equal(result.askedQuestions.find((q) => q.name === 'mlType')?.answer, 'time-series');
      yoAssert.file(['src/models/forecasters.py', 'src/models/backtest.py']);
    });

    it('skips the offer for a goal that names neither a pipeline nor an ML type, and asks the full set', async () => {
      const result = await runGenerator('app', PROJECT).withArguments(['a model for our team']);
      const asked = result.askedQuestions.map((q) => q.name);
      assert.ok(!asked.includes('mode'));
      assert.ok(asked.includes('modelType') && asked.includes('apiPort'));
    });
  });

  describe('re-runs and edits', () => {
    it('writes no changed file on a re-run, keeps an edited file, and overwrites it only with --force', async () => {
      const first = await runGenerator('app', { ...PROJECT, defaults: true });
      const dir = first.cwd;
      const before = mtimes(dir);
      await runIn(dir, 'app', {});
      assert.deepEqual(mtimes(dir), before, 'a re-run with the same answers rewrites nothing');

      const readme = join(dir, 'README.md');
      const config = join(dir, 'config/model_config.yaml');
      writeFileSync(readme, '# My own notes\n');
      const pristineConfig = readFileSync(config, 'utf8');
      const rerun = await runIn(dir, 'app', { modelType: 'gradient_boosting' });
      assert.deepEqual(rerun.askedQuestions, []);
      assert.equal(readFileSync(readme, 'utf8'), '# My own notes\n', 'the edit survives a re-run');
      assert.notEqual(readFileSync(config, 'utf8'), pristineConfig, 'an untouched file follows the new answer');
      assert.match(readFileSync(config, 'utf8'), /gradient_boosting/);

      await runIn(dir, 'app', { force: true });
      assert.notEqual(readFileSync(readme, 'utf8'), '# My own notes\n', '--force overwrites');
    });

    it('asks the stored questions again with --ask-answered, the stored answers as defaults', async () => {
      const first = await runGenerator('app', { ...PROJECT, defaults: true, maturity: 'advanced' });
      const again = await runIn(first.cwd, 'app', { askAnswered: true });
      assert.deepEqual(again.askedQuestions.map((q) => q.name), ['mode', 'mlType', 'infrastructure', 'maturity']);
      assert.equal(again.askedQuestions.find((q) => q.name === 'maturity')?.answer, 'advanced');
    });

    it('refuses a folder of someone else\'s files, and accepts it with --force', async () => {
      const dir = freshFolder();
      writeFileSync(join(dir, 'analysis.R'), 'x <- 1');
      await assert.rejects(runIn(dir, 'app', { defaults: true }),
        /is not empty and was not generated by generator-ml-pipeline/);
      assert.deepEqual([...readTree(dir).keys()], ['analysis.R']);
      await runIn(dir, 'app', { defaults: true, force: true, ...PROJECT });
      assert.equal(readFileSync(join(dir, 'analysis.R'), 'utf8'), 'x <- 1');
    });

    it('rejects an unknown option value before writing anything', async () => {
      const dir = freshFolder();
      await assert.rejects(runIn(dir, 'app', { defaults: true, maturity: 'expert' }),
        /Invalid value "expert" for --maturity\. Allowed values: starter \(1\), production \(2\), advanced \(3\)\./);
      assert.deepEqual([...readTree(dir).keys()], []);
    });
  });

  describe('deliverables and remediation', () => {
    const DELETE: Record<string, string[]> = {
      'Grafana dashboards': ['monitoring/grafana/dashboards/training_metrics.json'],
      'Model serving API': ['src/serving/schemas.py'],
      'Unit tests': ['tests/unit/test_model_training.py'],
    };

    it('loses exactly the k deleted deliverables, names them, and remediation (a) restores them', async () => {
      const first = await runGenerator('app', { ...PROJECT, defaults: true });
      const dir = first.cwd;
      const names = Object.keys(DELETE);
      for (const name of names) for (const file of DELETE[name] ?? []) unlinkSync(join(dir, file));
      const damaged = validate(dir);
      assert.equal(damaged.fulfilled, damaged.required - names.length);
      assert.deepEqual(damaged.results.filter((r) => !r.fulfilled).map((r) => r.name).sort(), [...names].sort());
      const text = formatReport(damaged);
      for (const file of Object.values(DELETE).flat()) assert.match(text, new RegExp(`${file.replace(/\./g, '\\.')} missing`));

      const fixed = await runIn(dir, 'validate', { remediation: 'a' });
      const gen = fixed.generator as unknown as AppGenerator;
      assert.equal(gen.reports.length, 2, 'validated, remediated, validated again');
      assert.equal(gen.reports[0]?.fulfilled, damaged.fulfilled);
      assert.equal(gen.reports[1]?.completeness, 100);
      assert.equal(validate(dir).completeness, 100);
    });

    it('writes the detailed gap report into the project with remediation (c)', async () => {
      const first = await runGenerator('app', { ...PROJECT, defaults: true });
      for (const file of [...(DELETE['Grafana dashboards'] ?? []), 'src/data/validation.py', 'pipelines/training_pipeline.py']) unlinkSync(join(first.cwd, file));
      await runIn(first.cwd, 'validate', { remediation: 'report' });
      const gap = readFileSync(join(first.cwd, 'reports/blueprint-gap-report.md'), 'utf8');
      assert.match(gap, /## Grafana dashboards/);
      assert.match(gap, /`monitoring\/grafana\/dashboards\/training_metrics\.json` is missing/);
      assert.match(gap, /## Data validation \(Great Expectations\)/);
    });
  });

  describe('composition from another package', () => {
    it('composeWith("ml-pipeline:serving") from another generator writes the same files as the skill alone', async () => {
      const modules = mkdtempSync(join(tmpdir(), 'mlp-node-modules-'));
      symlinkSync(PACKAGE_ROOT, join(modules, 'generator-ml-pipeline'));
      const composer = packagePath('test', 'fixtures', 'generator-composer');
      const composed = await helpers.create('composer:app', { autoCleanup: false })
        .cd(freshFolder())
        .withLookups({ packagePaths: [join(modules, 'generator-ml-pipeline'), composer] })
        .withOptions({ skipInstall: true })
        .run();
      const alone = await runGenerator('serving', { defaults: true, projectName: 'composed-service' });
      const a = readTree(composed.cwd);
      assert.equal(a.get('COMPOSED_BY.md')?.toString(), 'Composed by generator-composer.\n');
      a.delete('COMPOSED_BY.md');
      const b = readTree(alone.cwd);
      assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
      for (const [path, content] of a) assert.ok(content.equals(b.get(path) ?? Buffer.alloc(0)), `${path} differs`);
      rmSync(modules, { recursive: true, force: true });
    });
  });
});
