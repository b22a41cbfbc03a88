/**
 * End to end, on generated projects (npm run test:e2e): each project is generated through the
 * bin, installed into its own virtual environment (pip cache shared across projects and runs),
 * and then proves what its README promises: its own tests pass, `make all` runs from a clean
 * state, the API serves the registered champion, the monitoring flow writes its drift report,
 * and a second training registers a new version only if it is better.
 *
 * E2E_PROJECTS=default,starter,advanced selects projects (default: all three).
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packagePath } from '../../lib/paths.js';

const E2E_ROOT = process.env.E2E_ROOT ?? packagePath('.e2e');
const PIP_CACHE = join(E2E_ROOT, 'pip-cache');
const BIN = packagePath('bin', 'ml-pipeline.js');

interface ProjectSpec {
  name: string;
  args: string[];
  drift: boolean;
}

const PROJECTS: ProjectSpec[] = [
  { name: 'default', args: ['--defaults'], drift: true },
  { name: 'starter', args: ['--defaults', '--maturity', 'starter', '--infrastructure', 'local'], drift: false },
  { name: 'advanced', args: ['--defaults', '--maturity', 'advanced', '--infrastructure', 'kubernetes'], drift: true },
];

const selected = (process.env.E2E_PROJECTS ?? PROJECTS.map((p) => p.name).join(',')).split(',');

function log(message: string): void {
  process.stdout.write(`      · ${message}\n`);
}

interface Result { status: number; stdout: string; stderr: string; seconds: number }

/** Runs a command to completion; output is captured and shown when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Result {
  const start = Date.now();
  const child = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: child.status ?? 1, stdout: child.stdout ?? '', stderr: child.stderr ?? '', seconds: (Date.now() - start) / 1000 };
}

function must(result: Result, what: string): Result {
  assert.equal(result.status, 0, `${what} failed (exit ${result.status}):\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-6000)}`);
  return result;
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    // Prefect's ephemeral API picks ports in 8000-8999: stay out of its way.
    if (port < 8000 || port > 8999) return port;
  }
}

async function waitFor(url: string, status: number, seconds: number): Promise<Response> {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return response;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer ${status} within ${seconds} s (last: ${last})`);
}

/** Stops a server started with `detached: true` (its own process group): TERM, then KILL. */
function stop(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    signalGroup('SIGTERM');
  });
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A real row of the project's own scoring batch, as the API expects it. */
function scoringRow(dir: string, python: string): Record<string, unknown> {
  const code = [
    'import json, pandas as pd',
    'row = pd.read_parquet("data/external/scoring_batch.parquet").drop(columns=["churned", "event_timestamp"]).iloc[0]',
    'print(json.dumps({k: (None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}))',
  ].join('\n');
  return JSON.parse(must(run(python, ['-c', code], dir), 'reading a scoring row').stdout) as Record<string, unknown>;
}

function registeredVersions(dir: string, python: string, modelName: string): string[] {
  const code = [
    'import json, mlflow',
    'from mlflow import MlflowClient',
    'mlflow.set_tracking_uri("sqlite:///mlruns/mlflow.db")',
    `print(json.dumps(sorted(str(v.version) for v in MlflowClient().search_model_versions("name='${modelName}'"))))`,
  ].join('\n');
  return JSON.parse(must(run(python, ['-c', code], dir), 'listing registered versions').stdout.trim().split('\n').pop() ?? '[]') as string[];
}

for (const spec of PROJECTS.filter((p) => selected.includes(p.name))) {
  describe(`e2e: ${spec.name} project (${spec.args.join(' ')})`, function () {
    this.timeout(30 * 60 * 1000);
    const dir = join(E2E_ROOT, spec.name, 'churn-e2e');
    const venv = join(dir, '.venv');
    const python = join(venv, 'bin', 'python');
    const env = () => ({ PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}`, PIP_CACHE_DIR: PIP_CACHE });

    before(() => {
      rmSync(join(E2E_ROOT, spec.name), { recursive: true, force: true });
      mkdirSync(PIP_CACHE, { recursive: true });
      log(`generating into ${dir}`);
      must(run(process.execPath, [BIN, ...spec.args, '--skip-install', '--project-name', 'churn-e2e', '--output', dir], packagePath()), 'generation');
      log('creating the virtual environment and installing the project (.[all,dev])');
      must(run('python3', ['-m', 'venv', venv], dir), 'venv');
      must(run(python, ['-m', 'pip', 'install', '--quiet', '--upgrade', 'pip'], dir, env()), 'pip upgrade');
      const install = must(run(python, ['-m', 'pip', 'install', '--quiet', '-e', '.[all,dev]'], dir, env()), 'pip install');
      const size = run('du', ['-sh', venv], dir).stdout.split('\t')[0];
      log(`installed in ${install.seconds.toFixed(0)} s; .venv is ${size}`);
    });

    it('passes its own test suite', () => {
      const result = must(run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], dir, env()), 'pytest');
      const summary = result.stdout.trim().split('\n').pop() ?? '';
      log(`pytest: ${summary} (${result.seconds.toFixed(0)} s)`);
      assert.match(summary, /\d+ passed/);
      assert.doesNotMatch(summary, /failed|error|skipped/);
    });

    it('is lint clean (ruff, ruff format, mypy strict)', () => {
      const result = must(run('make', ['lint'], dir, env()), 'make lint');
      log(`make lint: ${result.seconds.toFixed(0)} s`);
    });

    it('runs `make all` from a clean state: trains, registers the champion and scores a batch', () => {
      must(run('make', ['clean'], dir, env()), 'make clean');
      const result = must(run('make', ['all'], dir, env()), 'make all');
      log(`make all: ${result.seconds.toFixed(0)} s`);
      const training = readJson(join(dir, 'reports/training/metrics.json'));
      assert.equal(training.registered, true, JSON.stringify(training));
      assert.equal(training.model_version, '1');
      assert.ok(existsSync(join(dir, 'data/predictions/predictions.parquet')));
      assert.ok(existsSync(join(dir, 'reports/evaluation/champion_metrics.json')));
    });

    it('serves the champion: ready, a real prediction, 422 on bad input, Prometheus metrics', async () => {
      const port = await freePort();
      const server = spawn(python, ['-m', 'churn_e2e.serving.api'], {
        cwd: dir, env: { ...process.env, ...env(), API_PORT: String(port), API_HOST: '127.0.0.1' }, detached: true, stdio: 'ignore',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        const ready = await (await waitFor(`${base}/ready`, 200, 120)).json() as Record<string, unknown>;
        assert.equal(ready.model_version, '1');
        const row = scoringRow(dir, python);
        const response = await fetch(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(row) });
        assert.equal(response.status, 200, await response.clone().text());
        assert.ok(response.headers.get('x-request-id'));
        const prediction = await response.json() as { prediction: number; probability: number; model_version: string };
        assert.ok([0, 1].includes(prediction.prediction));
        assert.ok(prediction.probability >= 0 && prediction.probability <= 1);
        assert.equal(prediction.model_version, '1');
        const bad = await fetch(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...row, tenure_months: -5, contract_type: 'weekly' }) });
        assert.equal(bad.status, 422);
        const fields = JSON.stringify(await bad.json());
        assert.match(fields, /tenure_months/);
        assert.match(fields, /contract_type/);
        const metrics = await (await fetch(`${base}/metrics`)).text();
        assert.match(metrics, /ml_api_request_duration_seconds_bucket\{/);
        assert.match(metrics, /ml_predictions_total\{model_name="churn-e2e-classifier",model_version="1"\} 1\.0/);
        assert.match(metrics, /ml_api_errors_total\{route="\/predict",status_code="422"\} 1\.0/);
        assert.match(metrics, /ml_model_loaded 1\.0/);
        log(`served on port ${port}: prediction ${prediction.prediction} (p=${prediction.probability.toFixed(3)})`);
      } finally {
        await stop(server);
      }
    });

    if (spec.drift) {
      it('monitoring flow writes the drift report with a score per feature', () => {
        const result = must(run('make', ['monitor'], dir, env()), 'make monitor');
        log(`make monitor: ${result.seconds.toFixed(0)} s`);
        const latest = readJson(join(dir, 'reports/drift/latest.json'));
        const scores = latest.feature_scores as Record<string, number>;
        assert.ok(Object.keys(scores).length >= 8, JSON.stringify(latest));
        assert.ok(Object.values(scores).every((s) => typeof s === 'number' && s >= 0));
        assert.equal(latest.drift_detected, false, 'the scoring batch comes from the training distribution');
        assert.ok(existsSync(join(dir, 'reports/drift/latest.html')));
      });
    }

    it('registers a second training only if it is better', () => {
      const result = must(run('make', ['train'], dir, env()), 'second make train');
      log(`second make train: ${result.seconds.toFixed(0)} s`);
      const training = readJson(join(dir, 'reports/training/metrics.json'));
      assert.equal(training.registered, false, JSON.stringify(training));
      assert.match(String(training.reason), /does not beat champion v1/);
      assert.deepEqual(registeredVersions(dir, python, 'churn-e2e-classifier'), ['1']);
    });
  });
}
