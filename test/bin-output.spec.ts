import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpText } from '../lib/cli.js';
import { packagePath } from '../lib/paths.js';
import { cli } from './helpers/cli.js';

interface Ran { status: number | null; stdout: string; stderr: string }

/** The bin as a user runs it, stdout and stderr pipes (not terminals). */
function bin(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Ran {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR']) if (!options.env || !(name in options.env)) delete env[name];
  const result = spawnSync(process.execPath, [packagePath('bin', 'ml-pipeline.js'), ...args], {
    cwd: options.cwd ?? packagePath(), env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ESC = '\x1b[';

describe('the bin\'s output', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mlp-bin-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the log and the report to stdout, in plain text when stdout is not a terminal, nothing to stderr', () => {
    const ran = bin(['--defaults', '--skip-install', '-o', join(dir, 'p')]);
    assert.equal(ran.status, 0, ran.stderr);
    assert.match(ran.stdout, /create src\/serving\/api\.py/);
    assert.match(ran.stdout, /Completeness: 12\/12 = 100%/);
    assert.equal(ran.stderr, '');
    assert.ok(!ran.stdout.includes(ESC), 'no ANSI escape on a pipe');
  });

  it('colours only when asked with FORCE_COLOR, and never with NO_COLOR (any value)', () => {
    const forced = bin(['--defaults', '--skip-install', '-o', join(dir, 'forced')], { env: { FORCE_COLOR: '1' } });
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(forced.stdout.includes(ESC), 'FORCE_COLOR colours the log');
    for (const value of ['', '1']) {
      const plain = bin(['--defaults', '--skip-install', '-o', join(dir, `plain${value}`)], { env: { FORCE_COLOR: '1', NO_COLOR: value } });
      assert.equal(plain.status, 0, plain.stderr);
      assert.match(plain.stdout, /Completeness:/);
      assert.ok(!plain.stdout.includes(ESC), `NO_COLOR="${value}" wins`);
    }
  });

  it('says why no vector database is generated in plain words', () => {
    const ran = bin(['--defaults', '--skip-install', '-o', join(dir, 'p')]);
    assert.match(ran.stdout, /\[vector-db\] skipped: Traditional ML models work on tables and need no embeddings, so no vector database is generated\./);
    assert.doesNotMatch(ran.stdout, /skip_when|model_type is/);
  });

  it('prints one error line on stderr for a failed run, without Yeoman\'s own', () => {
    const ran = bin(['--defaults', '--skip-install', '-o', '/proc/ml-pipeline-project']);
    assert.notEqual(ran.status, 0);
    const lines = ran.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, ran.stderr);
    assert.match(lines[0] ?? '', /^Error: Cannot generate into \/proc\/ml-pipeline-project: \/proc is not writable/);
  });

  it('ends with the next steps: cd (relative, or none when already there), make targets that exist, the README', () => {
    const ran = bin(['--defaults', '--skip-install', '-o', 'churn'], { cwd: dir });
    assert.equal(ran.status, 0, ran.stderr);
    const next = ran.stdout.slice(ran.stdout.indexOf('\nNext steps:'));
    assert.ok(ran.stdout.indexOf('Completeness:') < ran.stdout.indexOf('\nNext steps:'), 'after the report');
    const commands = next.split('\n').slice(2).map((line) => line.trim()).filter(Boolean);
    assert.deepEqual(commands.map((line) => line.replace(/ +#.*/, '')), [
      'cd churn',
      'python3 -m venv .venv && source .venv/bin/activate',
      'make setup && make all',
      'make serve',
      'Read churn/README.md for the rest; `make help` lists every target.',
    ]);
    const makefile = readFileSync(join(dir, 'churn', 'Makefile'), 'utf8');
    for (const target of next.match(/make \w+/g) ?? []) {
      assert.match(makefile, new RegExp(`^${target.slice(5)}:`, 'm'), `${target} is a target of the generated Makefile`);
    }
    readFileSync(join(dir, 'churn', 'README.md'));

    const here = bin(['--defaults', '--skip-install'], { cwd: join(dir, 'churn') });
    assert.equal(here.status, 0, here.stderr);
    const again = here.stdout.slice(here.stdout.indexOf('\nNext steps:'));
    assert.match(again, /Next steps:\n {2}python3 -m venv/, 'no cd when already there');
    assert.match(again, /Read README\.md for the rest/);
  });

  it('gives each skill its own help: its questions, the project ones, the common flags, and what it writes', async () => {
    const { code, out } = await cli(['serving', '--help']);
    assert.equal(code, 0);
    assert.notEqual(out.trim(), helpText(), 'not the app\'s help');
    assert.match(out, /^ml-pipeline serving .*serving-models/);
    assert.match(out, /Writes: FastAPI service, serving container, Kubernetes serving manifests\./);
    for (const flag of ['--api-port', '--batching', '--caching', '--ml-type', '--infrastructure', '--maturity', '--project-name',
      '--description', '--defaults', '--force', '--ask-answered', '--output', '--skip-install']) {
      assert.match(out, new RegExp(`${flag}\\b`), flag);
    }
    for (const flag of ['--model-type', '--drift-threshold', '--goal', '--mode', '--skip-validation', '--sample-rows']) {
      assert.doesNotMatch(out, new RegExp(`${flag}\\b`), `${flag} is not a serving option`);
    }
    const vectorDb = (await cli(['vector-db', '--help'])).out;
    assert.match(vectorDb, /Writes: Qdrant retrieval \(only where embeddings are needed\)\./);
    assert.equal((await cli(['help', 'experiments'])).out, (await cli(['experiments', '--help'])).out);
  });

  it('describes validate in validate --help: its options and exit codes', async () => {
    const { code, out } = await cli(['validate', '--help']);
    assert.equal(code, 0);
    assert.match(out, /^ml-pipeline validate .*check a project against the blueprint's deliverables/);
    for (const flag of ['--maturity', '--json', '--remediation', '--force', '--output']) assert.match(out, new RegExp(`${flag}\\b`), flag);
    assert.doesNotMatch(out, /--api-port|--goal/);
    assert.match(out, /--defaults +with --remediation generate/, 'validate accepts --defaults for remediation, and says so');
    assert.match(out, /Exit codes:\n {2}0 +success: 90% or more\n {2}1 +warning: 70-89%.*\n {2}2 +failure: below 70%.*\n {2}64 +usage error/);
  });
});
