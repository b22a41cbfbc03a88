/**
 * What the end-to-end specs share: running commands with captured output, free ports on
 * 127.0.0.1, waiting for HTTP endpoints, stopping the servers they start, and where generated
 * projects and the operations tools live.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packagePath } from '../../lib/paths.js';

export const E2E_ROOT = process.env.E2E_ROOT ?? packagePath('.e2e');
export const BIN = packagePath('bin', 'ml-pipeline.js');
/** The linters' virtual environment, installed by scripts/install-ops-tools.sh. */
const OPS_TOOLS_VENV = process.env.OPS_TOOLS_VENV ?? packagePath('.e2e', 'ops-tools');

export function log(message: string): void {
  process.stdout.write(`      · ${message}\n`);
}

export interface Result { status: number; stdout: string; stderr: string; seconds: number }

/** Runs a command to completion; output is captured and shown when it fails. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Result {
  const start = Date.now();
  const child = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const stderr = child.error ? `${child.error.message}\n${child.stderr ?? ''}` : (child.stderr ?? '');
  return { status: child.status ?? 1, stdout: child.stdout ?? '', stderr, seconds: (Date.now() - start) / 1000 };
}

export function must(result: Result, what: string): Result {
  assert.equal(result.status, 0, `${what} failed (exit ${result.status}):\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-6000)}`);
  return result;
}

/** Generates a project through the package's bin, as a user in CI would. */
export function generate(dir: string, args: string[], projectName: string): void {
  must(run(process.execPath, [BIN, ...args, '--skip-install', '--project-name', projectName, '--output', dir], packagePath()), `generation (${args.join(' ')})`);
}

/** A tool of the operations-tools venv; fails with the install command when it is missing. */
export function opsTool(name: string): string {
  const path = join(OPS_TOOLS_VENV, 'bin', name);
  assert.ok(existsSync(path), `${path} is missing: run scripts/install-ops-tools.sh first (npm run test:e2e does)`);
  return path;
}

/** A Debian-packaged binary on PATH (prometheus, promtool, shellcheck). */
export function systemTool(name: string): string {
  const found = run('sh', ['-c', `command -v ${name}`], packagePath()).stdout.trim();
  assert.ok(found, `${name} is not on PATH: run scripts/install-ops-tools.sh first (npm run test:e2e does)`);
  return found;
}

export async function freePort(): Promise<number> {
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

export async function waitFor(url: string, status: number, seconds: number): Promise<Response> {
  return poll(`${url} answering ${status}`, seconds, async () => {
    const response = await fetch(url);
    if (response.status === status) return response;
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  });
}

/** Retries `attempt` every half second until it returns, or fails with its last error. */
export async function poll<T>(what: string, seconds: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last = 'not tried';
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no ${what} within ${seconds} s (last: ${last})`);
}

/** Stops a server started with `detached: true` (its own process group): TERM, then KILL. */
export function stop(child: ChildProcess): Promise<void> {
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

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The versions of a registered model in a project's local MLflow registry (its own venv). */
export function registeredVersions(dir: string, python: string, modelName: string): string[] {
  const code = [
    'import json, mlflow',
    'from mlflow import MlflowClient',
    'mlflow.set_tracking_uri("sqlite:///mlruns/mlflow.db")',
    `print(json.dumps(sorted(str(v.version) for v in MlflowClient().search_model_versions("name='${modelName}'"))))`,
  ].join('\n');
  return JSON.parse(must(run(python, ['-c', code], dir), 'listing registered versions').stdout.trim().split('\n').pop() ?? '[]') as string[];
}

export interface TestCase { name: string; outcome: 'passed' | 'failed' | 'skipped' }

/** The test cases of a pytest JUnit XML report, with their outcome. */
export function testCases(xml: string): TestCase[] {
  return [...xml.matchAll(/<testcase\b[^>]*\bname="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const body = m[2] ?? '';
    const outcome = /<(failure|error)\b/.test(body) ? 'failed' : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    return { name: m[1] ?? '', outcome };
  });
}

/** uv, pinned, from the operations-tools venv (scripts/install-ops-tools.sh). */
export function uv(): string {
  return opsTool('uv');
}

/**
 * The pip settings of this machine that uv does not read (it ignores pip.conf): find-links
 * folders and constraint files that exist. Without them uv would not see the CPU torch on disk.
 */
export function pipSettingsForUv(): string[] {
  const listed = run('python3', ['-m', 'pip', 'config', 'list'], packagePath()).stdout;
  const args: string[] = [];
  for (const [, key, value] of listed.matchAll(/^[^.\n]*\.(find-links|constraint)='([^']*)'$/gm)) {
    for (const path of (value ?? '').split(/\s+/).filter((p) => p && existsSync(p))) {
      const flag = key === 'find-links' ? '--find-links' : '--constraint';
      if (!args.includes(path)) args.push(flag, path);
    }
  }
  return args;
}

/** The uv cache every project of a run shares (hard links into the venvs: same file system). */
export const UV_CACHE = join(E2E_ROOT, 'uv-cache');

/**
 * A fresh venv in `venv`, `first` installed before the project with pip (torch's CPU build, found
 * by pip's own configuration here: the project's open range must keep it), then the project
 * editable with every extra through uv: the same resolution as pip (checked: identical freeze),
 * about 50 s faster a project, which keeps CI within its budget.
 */
export function installProject(dir: string, venv: string, env: NodeJS.ProcessEnv, first: string[] = []): { firstSeconds: number; seconds: number; size: string } {
  const python = join(venv, 'bin', 'python');
  must(run('python3', ['-m', 'venv', venv], dir), 'venv');
  const before = first.length > 0 ? must(run(python, ['-m', 'pip', 'install', '--quiet', ...first], dir, env), `pip install ${first.join(' ')}`).seconds : 0;
  const install = must(run(uv(), ['pip', 'install', '--quiet', '--python', python, '--cache-dir', UV_CACHE, ...pipSettingsForUv(), '-e', '.[all,dev]'], dir, env), 'uv pip install');
  return { firstSeconds: before, seconds: install.seconds, size: run('du', ['-sh', venv], dir).stdout.split('\t')[0] ?? '' };
}

/** Runs a project's own pytest suite (JUnit report to `junit`): everything passes, nothing skipped. */
export function passesOwnTests(dir: string, python: string, env: NodeJS.ProcessEnv, junit: string): void {
  const result = must(run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${junit}`], dir, env), 'pytest');
  const summary = result.stdout.trim().split('\n').pop() ?? '';
  log(`pytest: ${summary} (${result.seconds.toFixed(0)} s)`);
  assert.match(summary, /\d+ passed/);
  assert.doesNotMatch(summary, /failed|error|skipped/);
}

/** Each notebook was executed, and passed, by the suite's test_notebook_runs_in_order. */
export function assertNotebooksRan(junit: string, notebooks: string[]): void {
  const cases = testCases(readFileSync(junit, 'utf8'));
  for (const notebook of notebooks) {
    const executed = cases.filter((c) => c.name.startsWith('test_notebook_runs_in_order[') && c.name.includes(notebook));
    assert.equal(executed.length, 1, `no test case executed ${notebook}.ipynb (cases: ${cases.map((c) => c.name).join(', ')})`);
    assert.equal(executed[0]?.outcome, 'passed', `${notebook}.ipynb: ${executed[0]?.outcome}`);
  }
}

/** An end-to-end project: generated through the bin into its own folder and virtual environment. */
export interface E2eProject {
  /** Folder under E2E_ROOT, and the name E2E_*_PROJECTS selects it by. */
  name: string;
  args: string[];
  projectName: string;
  /** The notebooks its own suite executes (nbclient). */
  notebooks: string[];
  /** Installed with pip before the project (torch's CPU build). */
  first?: string[];
}

export interface ProjectHandle { dir: string; python: string; env: () => NodeJS.ProcessEnv; junit: string }

/**
 * The cases every end-to-end project starts with, inside its `describe`: generated and installed
 * in `before`, then its own suite (nothing skipped), its notebooks, and `make lint`.
 */
export function projectBasics(spec: E2eProject, afterInstall?: (handle: ProjectHandle) => void): ProjectHandle {
  const dir = join(E2E_ROOT, spec.name, spec.projectName);
  const venv = join(dir, '.venv');
  const python = join(venv, 'bin', 'python');
  const env = (): NodeJS.ProcessEnv => ({ PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}`, PIP_CACHE_DIR: join(E2E_ROOT, 'pip-cache') });
  const handle: ProjectHandle = { dir, python, env, junit: join(E2E_ROOT, spec.name, 'pytest-junit.xml') };

  before(() => {
    rmSync(join(E2E_ROOT, spec.name), { recursive: true, force: true });
    mkdirSync(join(E2E_ROOT, 'pip-cache'), { recursive: true });
    log(`generating into ${dir}`);
    generate(dir, spec.args, spec.projectName);
    const installed = installProject(dir, venv, env(), spec.first ?? []);
    const first = spec.first?.length ? `${spec.first.join(' ')} in ${installed.firstSeconds.toFixed(0)} s, ` : '';
    log(`${first}the project installed in ${installed.seconds.toFixed(0)} s; .venv is ${installed.size}`);
    afterInstall?.(handle);
  });

  it('passes its own test suite', () => passesOwnTests(dir, python, env(), handle.junit));

  if (spec.notebooks.length > 0) {
    it(`executed its notebooks top to bottom (nbclient, in that suite): ${spec.notebooks.join(', ')}`, () => assertNotebooksRan(handle.junit, spec.notebooks));
  }

  it('is lint clean (ruff, ruff format, mypy strict)', () => {
    const result = must(run('make', ['lint'], dir, env()), 'make lint');
    log(`make lint: ${result.seconds.toFixed(0)} s`);
  });
  return handle;
}

/** POSTs JSON; the response's status and parsed (or raw) body. */
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the raw text stands.
  }
  return { status: response.status, body: parsed, text };
}
