/** `ml-pipeline validate` through the bin's main(): exit codes, argument errors and remediation. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../lib/exit-codes.js';
import { GAP_REPORT_PATH } from '../lib/report.js';
import { validate } from '../lib/validator.js';
import { writeTree, writeYoRc } from './helpers/deliverable-tree.js';
import { cleanupFolders, runIn } from './helpers/project.js';
import { cli } from './helpers/cli.js';

describe('ml-pipeline validate', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlp-validate-cmd-'));
    writeTree(dir);
    writeYoRc(dir, { maturity: 'production' });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    cleanupFolders();
  });

  it('exits 2 naming src/serving/api.py when it is deleted, though 11/12 is above 90%', async () => {
    unlinkSync(join(dir, 'src/serving/api.py'));
    const result = await cli(['validate', dir]);
    assert.equal(result.code, EXIT.failure, result.out);
    assert.match(result.out, /✗ Model serving API: src\/serving\/api\.py missing/);
    assert.match(result.out, /Completeness: 11\/12 = 91\.7% {2}FAILURE: critical features missing\n {2}critical deliverable missing: Model serving API/);
  });

  it('exits 2 and says "binary" for a binary src/serving/api.py', async () => {
    writeFileSync(join(dir, 'src/serving/api.py'), Buffer.from([0x00, 0x01, 0x02, 0x46, 0x61, 0x73, 0x74, 0x41, 0x50, 0x49]));
    const result = await cli(['validate', dir]);
    assert.equal(result.code, EXIT.failure, result.out);
    assert.match(result.out, /✗ Model serving API: src\/serving\/api\.py: is a binary file/);
  });

  it('exits 64 for a bad --maturity, naming the option and its values, and writes nothing', async () => {
    unlinkSync(join(dir, 'src/serving/api.py'));
    const result = await cli(['validate', dir, '--maturity', 'wrong', '--remediation', 'report']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.err, /Invalid value "wrong" for --maturity\. Allowed values: starter \(1\), production \(2\), advanced \(3\)\./);
    assert.equal(result.out, '', 'no report for a command that was not understood');
    assert.equal(existsSync(join(dir, 'reports')), false);
  });

  it('exits 64 for a bad --remediation, naming its values', async () => {
    const result = await cli(['validate', dir, '--remediation', 'later']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.err, /Invalid value "later" for --remediation\. Allowed values: generate, continue, report\./);
  });

  it('exits 64 for a target that does not exist or is a file, naming it', async () => {
    const missing = await cli(['validate', join(dir, 'no', 'such', 'folder')]);
    assert.equal(missing.code, EXIT.usage);
    assert.match(missing.err, /Cannot validate .*no\/such\/folder: there is no such folder\./);
    const file = await cli(['validate', join(dir, 'src/serving/api.py')]);
    assert.equal(file.code, EXIT.usage);
    assert.match(file.err, /Cannot validate .*api\.py: it is not a folder\./);
    assert.equal(existsSync(join(dir, 'no')), false);
  });

  it('--remediation report writes the gap report, says so, and exits with the status', async () => {
    unlinkSync(join(dir, 'monitoring/grafana/dashboards/training_metrics.json'));
    unlinkSync(join(dir, 'tests/unit/test_model_training.py'));
    const result = await cli(['validate', dir, '--remediation', 'report']);
    assert.equal(result.code, EXIT.warning, result.err);
    assert.match(result.out, /Gap report written to reports\/blueprint-gap-report\.md/);
    assert.match(readFileSync(join(dir, GAP_REPORT_PATH), 'utf8'), /## Grafana dashboards/);
  });

  it('--remediation report says clearly that the gap report was not written, and why, prints it, exits 74', async () => {
    unlinkSync(join(dir, 'src/serving/api.py'));
    writeFileSync(join(dir, 'reports'), 'a file where the reports folder would go');
    const result = await cli(['validate', dir, '--remediation', 'report']);
    assert.equal(result.code, EXIT.ioError);
    assert.match(result.out, /# Blueprint gap report[\s\S]*## Model serving API/, 'the report is printed all the same');
    assert.doesNotMatch(result.out + result.err, /Gap report written/i);
    assert.match(result.err, /Error: the gap report was not written to reports\/blueprint-gap-report\.md: could not create the folder .*\/reports: a file stands where the folder would go \(EEXIST\)\. It is printed above\./);
    // A folder where nothing may be created (procfs says ENOENT to mkdir).
    const proc = await cli(['validate', '/proc', '--maturity', 'starter', '--remediation', 'c']);
    assert.equal(proc.code, EXIT.ioError);
    assert.match(proc.err, /the gap report was not written .*: could not create the folder \/proc\/reports: .*\(ENOENT\)/);
  });

  it('the validate generator does not claim a gap report it could not write', async () => {
    unlinkSync(join(dir, 'src/serving/api.py'));
    writeFileSync(join(dir, 'reports'), 'a file');
    const logged: string[] = [];
    await runIn(dir, 'validate', { remediation: 'report' }).onGenerator((generator) => {
      const log = generator.log as unknown as Record<'info' | 'error', (text: string) => unknown>;
      for (const level of ['info', 'error'] as const) log[level] = (text: string) => logged.push(`${level}: ${text}`);
    });
    assert.ok(logged.some((l) => /^error: The gap report was not written to reports\/blueprint-gap-report\.md: .*EEXIST/.test(l)), logged.join('\n'));
    assert.ok(!logged.some((l) => /Gap report written/.test(l)), logged.join('\n'));
  });

  it('--remediation generate on an empty folder: the advice names --defaults, and the advised command works', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mlp-validate-empty-'));
    try {
      const advice = await cli(['validate', empty, '--remediation', 'generate']);
      assert.equal(advice.code, EXIT.usage);
      assert.match(advice.err, /has no \.yo-rc\.json.*pass --defaults/);
      assert.deepEqual(readdirSync(empty), [], 'nothing written');
      const fixed = await cli(['validate', empty, '--remediation', 'generate', '--defaults']);
      assert.equal(fixed.code, EXIT.ok, fixed.out + fixed.err);
      assert.ok(existsSync(join(empty, 'src/serving/api.py')));
      assert.equal(validate(empty).status, 'success');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
