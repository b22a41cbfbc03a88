import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatGapReport, formatRemediationOffer, formatReport } from '../lib/report.js';
import { packagePath } from '../lib/paths.js';
import { MAX_READ_BYTES, statusFor, validate } from '../lib/validator.js';
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
    unlinkSync(join(root, 'src/serving/api.py'));
    const one = validate(root, { maturity: 'production' });
    assert.equal(one.completeness, (11 / 12) * 100);
    assert.equal(one.status, 'success');
    unlinkSync(join(root, 'src/models/train.py'));
    assert.equal(validate(root, { maturity: 'production' }).status, 'warning');
    for (const file of ['src/data/validation.py', 'pipelines/training_pipeline.py', '.github/workflows/ci.yml']) unlinkSync(join(root, file));
    assert.equal(validate(root, { maturity: 'production' }).status, 'failure');
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
    assert.equal(report.results.find((r) => r.name === 'Grafana dashboards')?.fulfilled, true);
    const serving = report.results.find((r) => r.name === 'Model serving API');
    assert.equal(serving?.fulfilled, false, 'a FIFO is not a schemas file');
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
    assert.throws(() => validate(join(root, 'missing')), /not a folder/);
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
