import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatGapReport, formatRemediationOffer, formatReport } from '../lib/report.js';
import { packagePath } from '../lib/paths.js';
import { MAX_READ_BYTES, PYTHON_ENV, statusFor, validate } from '../lib/validator.js';
import { FILES_OF, writeTree, writeYoRc } from './helpers/deliverable-tree.js';

describe('validator', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlp-validate-'));
    writeTree(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('scores a tree that fulfils everything at 100% at every maturity', () => {
    for (const maturity of ['starter', 'production', 'advanced']) {
      const report = validate(root, { maturity });
      assert.equal(report.completeness, 100, `${maturity}: ${formatReport(report)}`);
      assert.equal(report.status, 'success');
    }
  });

  it('lowers the score by exactly the k deliverables whose files are deleted, and names them', () => {
    const names = Object.keys(FILES_OF);
    for (let k = 1; k <= names.length; k += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'mlp-validate-k-'));
      writeTree(dir);
      const removed = names.slice(0, k);
      for (const name of removed) for (const file of FILES_OF[name] ?? []) unlinkSync(join(dir, file));
      const report = validate(dir, { maturity: 'production' });
      assert.equal(report.fulfilled, report.required - k);
      assert.deepEqual(report.results.filter((r) => !r.fulfilled).map((r) => r.name).sort(), [...removed].sort());
      const text = formatReport(report);
      for (const name of removed) assert.match(text, new RegExp(`✗ ${name.replace(/[()]/g, '\\$&')}`));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('grades completeness: >= 90 success, 70-89 warning, < 70 failure', () => {
    assert.equal(statusFor(100), 'success');
    assert.equal(statusFor(90), 'success');
    assert.equal(statusFor(89.9), 'warning');
    assert.equal(statusFor(70), 'warning');
    assert.equal(statusFor(69.9), 'failure');
    // Deliverables that are not critical, so that only the percentage decides.
    unlinkSync(join(root, 'monitoring/grafana/dashboards/training_metrics.json'));
    const one = validate(root, { maturity: 'production' });
    assert.equal(one.completeness, (11 / 12) * 100);
    assert.equal(one.status, 'success');
    unlinkSync(join(root, 'tests/unit/test_model_training.py'));
    assert.equal(validate(root, { maturity: 'production' }).status, 'warning');
    for (const file of ['src/data/validation.py', 'src/features/feature_store.py', '.github/workflows/ci.yml']) unlinkSync(join(root, file));
    const low = validate(root, { maturity: 'production' });
    assert.deepEqual([low.fulfilled, low.criticalMissing, low.status], [7, [], 'failure']);
  });

  it('fails a project whose critical deliverable is missing, whatever the percentage, and says which', () => {
    unlinkSync(join(root, 'src/serving/api.py'));
    const report = validate(root, { maturity: 'production' });
    assert.equal(report.completeness, (11 / 12) * 100, 'above 90%');
    assert.equal(report.status, 'failure');
    assert.deepEqual(report.criticalMissing, ['Model serving API']);
    const text = formatReport(report);
    assert.match(text, /✗ Model serving API: src\/serving\/api\.py missing/);
    assert.match(text, /FAILURE: critical features missing\n {2}critical deliverable missing: Model serving API/);
    assert.match(formatGapReport(report), /- Critical deliverable missing: Model serving API/);
  });

  it('fails a binary file where a deliverable needs source, and says it is binary', () => {
    writeFileSync(join(root, 'src/serving/api.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x61, 0x70, 0x70]));
    const report = validate(root, { maturity: 'production' });
    assert.equal(report.status, 'failure');
    const serving = report.results.find((r) => r.name === 'Model serving API');
    assert.deepEqual(serving?.unhealthy, ['src/serving/api.py: is a binary file']);
    // The content check on it says nothing new, so the line names the binary file once.
    assert.match(formatReport(report), /✗ Model serving API: src\/serving\/api\.py: is a binary file\n/);
  });

  it('fails Python that does not parse, with the line, in a required file and in a checked folder', () => {
    writeFileSync(join(root, 'pipelines/training_pipeline.py'), 'from prefect import flow\nfrom class.data import load\n\n@flow\ndef training_pipeline():\n    return 1\n');
    writeFileSync(join(root, 'tests/unit/test_broken.py'), 'def test_x():\n    assert True\n  return\n');
    const report = validate(root, { maturity: 'production' });
    const byName = new Map(report.results.map((r) => [r.name, r]));
    assert.deepEqual(byName.get('Training pipeline orchestration')?.unhealthy, ['pipelines/training_pipeline.py: does not parse (line 2: invalid syntax)']);
    assert.match(byName.get('Unit tests')?.unhealthy.join('\n') ?? '', /^tests\/unit\/test_broken\.py: does not parse \(line 3: unindent does not match any outer indentation level\)$/);
    assert.deepEqual(report.criticalMissing, ['Training pipeline orchestration']);
    assert.equal(report.fulfilled, 10);
  });

  it('fails YAML and JSON that do not load; several YAML documents are fine', () => {
    const k8s = join(root, 'infrastructure/kubernetes/deployment.yaml');
    writeFileSync(k8s, 'apiVersion: apps/v1\nkind: Deployment\n---\nkind: ConfigMap\n');
    assert.equal(validate(root, { maturity: 'production' }).completeness, 100, 'two documents load');
    writeFileSync(k8s, 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: [1\n');
    writeFileSync(join(root, 'monitoring/grafana/dashboards/serving_metrics.json'), '{"title": "Serving",\n "panels": [}\n');
    const report = validate(root, { maturity: 'production' });
    const byName = new Map(report.results.map((r) => [r.name, r]));
    assert.match(byName.get('Kubernetes deployment manifests')?.unhealthy[0] ?? '', /^infrastructure\/kubernetes\/deployment\.yaml: does not load \(line \d+: /);
    assert.match(byName.get('Grafana dashboards')?.unhealthy[0] ?? '', /^monitoring\/grafana\/dashboards\/serving_metrics\.json: does not load \(line 2: /);
    assert.equal(report.fulfilled, 10);
  });

  it('fails a module that lacks a name its deliverable needs, and names it', () => {
    const api = join(root, 'src/serving/api.py');
    writeFileSync(api, 'from fastapi import FastAPI\napi = FastAPI()\n');
    const report = validate(root, { maturity: 'starter' });
    const serving = report.results.find((r) => r.name === 'Model serving API');
    assert.equal(serving?.fulfilled, false);
    assert.deepEqual(serving?.unhealthy, ['src/serving/api.py defines no `app`']);
    assert.equal(report.status, 'failure');
    // Defined another way at top level: imported, annotated, or inside a top-level try or if.
    for (const source of ['from .factory import app\n', 'app: object = object()\n', 'try:\n    from .factory import app\nexcept ImportError:\n    app = None\n',
      'import os\nif os.environ.get("X"):\n    app = 1\nelse:\n    app = 2\n', 'from fastapi import FastAPI\napp, other = FastAPI(), 1\n']) {
      writeFileSync(api, `# FastAPI\n${source}`);
      assert.equal(validate(root, { maturity: 'starter' }).status, 'success', source);
    }
    // A name only inside a function is not the module's.
    writeFileSync(api, '# FastAPI\ndef make():\n    app = 1\n    return app\n');
    assert.equal(validate(root, { maturity: 'starter' }).status, 'failure');
  });

  it('notes, and does not fail, when Python cannot be run (option or ML_PIPELINE_PYTHON)', () => {
    writeFileSync(join(root, 'src/serving/api.py'), '# FastAPI\ndef (:\n');
    const report = validate(root, { maturity: 'starter', python: 'no-such-python3' });
    assert.equal(report.status, 'success', formatReport(report));
    assert.ok(report.notes.includes('Python files were not parsed: no-such-python3 not found'), report.notes.join('\n'));
    const saved = process.env[PYTHON_ENV];
    process.env[PYTHON_ENV] = join(root, 'missing', 'python3');
    try {
      assert.match(validate(root, { maturity: 'starter' }).notes.join('\n'), /Python files were not parsed: .*missing\/python3 not found/);
    } finally {
      if (saved === undefined) delete process.env[PYTHON_ENV];
      else process.env[PYTHON_ENV] = saved;
    }
    // With Python, the same file fails: the note is not hiding a check that would have passed.
    assert.equal(validate(root, { maturity: 'starter' }).status, 'failure');
  });

  it('reports a required file it cannot reach as unreadable, with the errno, not as missing', () => {
    // Root reads through any permission bits; a symlink loop fails stat for everyone (ELOOP).
    const api = join(root, 'src/serving/api.py');
    unlinkSync(api);
    symlinkSync(api, api);
    const serving = validate(root, { maturity: 'starter' }).results.find((r) => r.name === 'Model serving API');
    assert.deepEqual([serving?.missingFiles, serving?.unhealthy], [[], ['src/serving/api.py: unreadable (ELOOP)']]);
  });

  it('reports the files of a folder it may not enter as unreadable (EACCES), not missing', function () {
    if (process.getuid?.() !== 0) this.skip();
    chmodSync(root, 0o755);
    chmodSync(join(root, 'src/serving'), 0o000);
    // Root enters anything: validate as an unprivileged user, in a child process.
    const script = `import { validate } from ${JSON.stringify(packagePath('dist/lib/validator.js'))};
      const r = validate(${JSON.stringify(root)}, { maturity: 'starter' });
      console.log(JSON.stringify(r.results.find((x) => x.name === 'Model serving API')));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: root });
    chmodSync(join(root, 'src/serving'), 0o755);
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout) as { missingFiles: string[]; unhealthy: string[] };
    assert.deepEqual(result.missingFiles, []);
    assert.deepEqual(result.unhealthy, ['src/serving/api.py: unreadable (EACCES)', 'src/serving/schemas.py: unreadable (EACCES)']);
  });

  it('fails a content check that does not match, and names the file and the pattern', () => {
    writeFileSync(join(root, 'src/models/train.py'), 'import mlflow\n');
    const report = validate(root, { maturity: 'starter' });
    const mlflow = report.results.find((r) => r.name === 'MLflow experiment tracking');
    assert.equal(mlflow?.fulfilled, false);
    assert.match(formatReport(report), /pattern \/mlflow\\\.log\|mlflow\\\.start_run\/ not found in src\/models\/train\.py/);
  });

  it('matches a folder check when any file under the folder matches, and says when the folder is empty', () => {
    rmSync(join(root, 'monitoring/grafana/dashboards'), { recursive: true });
    mkdirSync(join(root, 'monitoring/grafana/dashboards/nested'), { recursive: true });
    writeFileSync(join(root, 'monitoring/grafana/dashboards/training_metrics.json'), '{"title": "Training"}');
    writeFileSync(join(root, 'monitoring/grafana/dashboards/serving_metrics.json'), '{}');
    writeFileSync(join(root, 'monitoring/grafana/dashboards/nested/extra.json'), '{"type": "graph"}');
    assert.equal(validate(root, { maturity: 'production' }).completeness, 100);
    rmSync(join(root, 'monitoring/grafana/dashboards'), { recursive: true });
    mkdirSync(join(root, 'monitoring/grafana/dashboards'));
    const report = validate(root, { maturity: 'production' });
    assert.match(formatReport(report), /monitoring\/grafana\/dashboards\/ is empty/);
  });

  it('never crashes on an odd tree: binary, huge, special and looping files', () => {
    const dashboards = join(root, 'monitoring/grafana/dashboards');
    writeFileSync(join(dashboards, 'aaa-binary.json'), Buffer.from([0x7b, 0x00, 0x22, 0x74, 0x79, 0x70, 0x65, 0x00]));
    const huge = join(dashboards, 'huge.json');
    writeFileSync(huge, Buffer.alloc(MAX_READ_BYTES * 3, 'x'));
    const sparse = join(dashboards, 'sparse.bin');
    writeFileSync(sparse, '');
    truncateSync(sparse, MAX_READ_BYTES * 50);
    symlinkSync(dashboards, join(dashboards, 'loop'));
    symlinkSync(join(root, 'nowhere'), join(dashboards, 'dangling.json'));
    execFileSync('mkfifo', [join(dashboards, 'pipe.json')]);
    execFileSync('mkfifo', [join(root, 'src/serving/schemas.py.fifo')]);
    rmSync(join(root, 'src/serving/schemas.py'));
    symlinkSync(join(root, 'src/serving/schemas.py.fifo'), join(root, 'src/serving/schemas.py'));
    const report = validate(root, { maturity: 'production' });
    // A dashboard that is binary is broken; the huge one is only noted, the .bin data file, pipe,
    // dangling link and loop are not dashboards at all.
    const grafana = report.results.find((r) => r.name === 'Grafana dashboards');
    assert.deepEqual(grafana?.unhealthy, ['monitoring/grafana/dashboards/aaa-binary.json: is a binary file']);
    assert.ok(grafana?.checks.every((c) => c.passed), 'the patterns still match in the other files');
    const serving = report.results.find((r) => r.name === 'Model serving API');
    assert.equal(serving?.fulfilled, false, 'a FIFO is not a schemas file');
    assert.deepEqual(serving?.unhealthy, ['src/serving/schemas.py: is not a regular file']);
    assert.ok(report.notes.some((n) => n.includes('huge.json is larger than')), report.notes.join('\n'));
  });

  it('reports an unreadable file instead of failing', function () {
    const target = join(root, 'src/models/train.py');
    chmodSync(target, 0o000);
    chmodSync(root, 0o755);
    if (process.getuid?.() === 0) {
      // Root reads anything: check as an unprivileged user, in a child process.
      const script = `import { validate } from ${JSON.stringify(packagePath('dist/lib/validator.js'))};
        const r = validate(${JSON.stringify(root)}, { maturity: 'starter' });
        console.log(JSON.stringify(r.results.find((x) => x.name === 'MLflow experiment tracking')));`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: root });
      assert.equal(child.status, 0, child.stderr);
      const result = JSON.parse(child.stdout) as { fulfilled: boolean; checks: Array<{ detail: string }> };
      assert.equal(result.fulfilled, false);
      assert.match(result.checks[0]?.detail ?? '', /unreadable \(EACCES\)/);
    } else {
      const result = validate(root, { maturity: 'starter' }).results.find((x) => x.name === 'MLflow experiment tracking');
      assert.equal(result?.fulfilled, false);
      assert.match(result?.checks[0]?.detail ?? '', /unreadable \(EACCES\)/);
    }
  });

  it('takes the maturity from .yo-rc.json, the option, or the default with a note', () => {
    writeYoRc(root, { maturity: 'starter' });
    assert.equal(validate(root).maturity, 'starter');
    assert.equal(validate(root).maturitySource, '.yo-rc.json');
    assert.equal(validate(root, { maturity: 'advanced' }).maturity, 'advanced');
    rmSync(join(root, '.yo-rc.json'));
    const fallback = validate(root);
    assert.equal(fallback.maturity, 'production');
    assert.match(fallback.notes.join('\n'), /no \.yo-rc\.json/);
    writeFileSync(join(root, '.yo-rc.json'), '{ not json');
    assert.match(validate(root).notes.join('\n'), /could not be read/);
    assert.throws(() => validate(root, { maturity: 'expert' }), /Allowed values: starter \(1\), production \(2\), advanced \(3\)/);
    assert.throws(() => validate(join(root, 'missing')), /there is no such folder/);
    assert.throws(() => validate(join(root, 'src/models/train.py')), /it is not a folder/);
  });

  it('requires the deliverables of the ML type stored in .yo-rc.json: the vector store for LLM/RAG, Feast for the others', () => {
    writeYoRc(root, { maturity: 'production', mlType: 'llm-rag' });
    const rag = validate(root);
    assert.equal(rag.mlType, 'llm-rag');
    assert.deepEqual(rag.criticalMissing, ['Vector database (Qdrant)'], formatReport(rag));
    assert.ok(!rag.results.some((r) => r.name === 'Feature store (Feast)'));
    assert.ok(rag.skipped.includes('Feature store (Feast)'));
    writeYoRc(root, { maturity: 'production', mlType: 'deep-learning' });
    const dl = validate(root);
    assert.equal(dl.completeness, 100, formatReport(dl));
    assert.ok(dl.results.some((r) => r.name === 'Feature store (Feast)') && dl.skipped.includes('Vector database (Qdrant)'));
    writeYoRc(root, { maturity: 'production' });
    const unknown = validate(root);
    assert.equal(unknown.mlType, 'traditional-ml');
    assert.match(unknown.notes.join('\n'), /has no generator-ml-pipeline\.mlType; validating as a Traditional ML project/);
  });

  it('offers the seed remediation and writes a gap report naming each failed file and check', () => {
    for (const file of FILES_OF['Grafana dashboards'] ?? []) unlinkSync(join(root, file));
    unlinkSync(join(root, 'src/features/feature_store.py'));
    for (const file of ['src/data/validation.py', 'pipelines/training_pipeline.py']) unlinkSync(join(root, file));
    const report = validate(root, { maturity: 'production' });
    assert.ok(report.completeness < 90);
    const offer = formatRemediationOffer(report);
    assert.match(offer, /Missing deliverables detected:/);
    assert.match(offer, /- Grafana dashboards: monitoring\/grafana\/dashboards\/training_metrics\.json missing/);
    assert.match(offer, /a\) Generate missing components now\nb\) Continue with current implementation\nc\) See detailed gap report/);
    const gap = formatGapReport(report);
    assert.match(gap, /## Feature store \(Feast\)/);
    assert.match(gap, /required file `src\/features\/feature_store\.py` is missing/);
    assert.match(gap, /ml-pipeline ai-data/);
  });
});
