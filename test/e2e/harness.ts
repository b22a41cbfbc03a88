/**
 * What the end-to-end specs share: running commands with captured output, free ports on
 * 127.0.0.1, waiting for HTTP endpoints, stopping the servers they start, and where generated
 * projects and the operations tools live.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packagePath } from '../../lib/paths.js';

// This machine's environment sets PYTHONDONTWRITEBYTECODE=1: each Python process of a project
// would compile MLflow, Prefect, pandas... from source again (`import mlflow, sklearn, pandas`:
// 12 s here, 4.5 s once their bytecode is written). The projects' processes keep their bytecode.
delete process.env.PYTHONDONTWRITEBYTECODE;

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

/**
 * Runs a command in the background (the event loop goes on, and so may a spawnSync: its output
 * goes to `<logBase>.out` and `<logBase>.err`, not to pipes that would fill); resolves on exit.
 */
export function runInBackground(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logBase: string): Promise<Result> {
  const start = Date.now();
  const out = openSync(`${logBase}.out`, 'w');
  const err = openSync(`${logBase}.err`, 'w');
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, err] });
    let finished = false;
    const done = (status: number, extra = ''): void => {
      if (finished) return;
      finished = true;
      closeSync(out);
      closeSync(err);
      const stdout = readFileSync(`${logBase}.out`, 'utf8');
      const stderr = extra + readFileSync(`${logBase}.err`, 'utf8');
      resolve({ status, stdout, stderr, seconds: (Date.now() - start) / 1000 });
    };
    child.once('error', (error) => done(1, `${error.message}\n`));
    child.once('exit', (code) => done(code ?? 1));
  });
}

export function must(result: Result, what: string): Result {
  assert.equal(result.status, 0, `${what} failed (exit ${result.status}):\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-6000)}`);
  return result;
}

/** Generates a project through the package's bin, as a user in CI would. */
export function generate(dir: string, args: string[], projectName: string): void {
  must(run(process.execPath, [BIN, ...args, '--skip-install', '--project-name', projectName, '--output', dir], packagePath()), `generation (${args.join(' ')})`);
}

/**
 * Generates many projects, `parallel` at a time (each generation is one node process that
 * keeps a core busy for about 3 s); fails with the first generation that fails.
 */
export async function generateAll(projects: { dir: string; args: string[]; projectName: string }[], parallel = 2): Promise<void> {
  const queue = [...projects];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      mkdirSync(join(next.dir, '..'), { recursive: true });
      const args = [BIN, ...next.args, '--skip-install', '--project-name', next.projectName, '--output', next.dir];
      must(await runInBackground(process.execPath, args, packagePath(), {}, join(next.dir, '..', 'generation')), `generation (${next.args.join(' ')})`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
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
 * Read once a run: every install asks for them.
 */
let machinePipSettings: { findLinks: string[]; constraints: string[] } | undefined;
export function pipSettings(): { findLinks: string[]; constraints: string[] } {
  if (machinePipSettings) return machinePipSettings;
  const listed = run('python3', ['-m', 'pip', 'config', 'list'], packagePath()).stdout;
  const settings = { findLinks: [] as string[], constraints: [] as string[] };
  for (const [, key, value] of listed.matchAll(/^[^.\n]*\.(find-links|constraint)='([^']*)'$/gm)) {
    const paths = key === 'find-links' ? settings.findLinks : settings.constraints;
    for (const path of (value ?? '').split(/\s+/).filter((p) => p && existsSync(p))) {
      if (!paths.includes(path)) paths.push(path);
    }
  }
  machinePipSettings = settings;
  return settings;
}

/** Each path after its flag, as uv takes them. */
function flagged(flag: string, paths: string[]): string[] {
  return paths.flatMap((path) => [flag, path]);
}

/** pipSettings() as uv's flags. */
export function pipSettingsForUv(): string[] {
  const { findLinks, constraints } = pipSettings();
  return [...flagged('--find-links', findLinks), ...flagged('--constraint', constraints)];
}

/** The uv cache every project of a run shares (hard links into the venvs: same file system). */
export const UV_CACHE = join(E2E_ROOT, 'uv-cache');

/**
 * The mypy cache a project's `make lint` shares with the other projects of the run
 * (MYPY_CACHE_DIR). mypy keeps a module's cached result while the source's hash and the options
 * that affect it are unchanged, whichever venv or project folder the file is in: `make lint` took
 * 12.5 s instead of 100 s here on a copy of a Traditional ML venv. Venvs with IPython (projects
 * with notebooks) get a cache of their own: an importable IPython changes `rich`'s optional
 * import, which made rich and everything importing it (prefect, openai) stale at every switch
 * between the two kinds of venv, and those lints took 80-135 s.
 */
export function mypyCache(venv: string): string {
  const lib = join(venv, 'lib');
  const withIPython = existsSync(lib) && readdirSync(lib).some((python) => existsSync(join(lib, python, 'site-packages', 'IPython')));
  return join(E2E_ROOT, 'mypy-cache', withIPython ? 'with-ipython' : 'without-ipython');
}

/**
 * `first` (torch's CPU build) into the venv before the project, as the project's README says.
 * From this machine's find-links folder through uv, without an index and without its
 * dependencies (the project's resolution adds those): 3 s where pip took 38-44 s. Where no
 * find-links folder has it, pip installs it with its own configuration.
 */
export function installFirst(python: string, dir: string, env: NodeJS.ProcessEnv, first: string[]): number {
  if (first.length === 0) return 0;
  const { findLinks } = pipSettings();
  if (findLinks.length > 0) {
    const fromDisk = run(uv(), ['pip', 'install', '--quiet', '--python', python, '--cache-dir', UV_CACHE, '--no-index', '--no-deps', ...flagged('--find-links', findLinks), ...first], dir, env);
    if (fromDisk.status === 0) return fromDisk.seconds;
  }
  return must(run(python, ['-m', 'pip', 'install', '--quiet', ...first], dir, env), `pip install ${first.join(' ')}`).seconds;
}

/**
 * A fresh venv in `venv`, `first` installed before the project (installFirst: the project's open
 * range must keep it), then the project editable with every extra through uv: the same
 * resolution as pip (checked: identical freeze), about 50 s faster a project, which keeps CI
 * within its budget.
 */
export function installProject(dir: string, venv: string, env: NodeJS.ProcessEnv, first: string[] = []): { firstSeconds: number; seconds: number; size: string } {
  const python = join(venv, 'bin', 'python');
  must(run('python3', ['-m', 'venv', venv], dir), 'venv');
  const before = installFirst(python, dir, env, first);
  const install = must(run(uv(), ['pip', 'install', '--quiet', '--python', python, '--cache-dir', UV_CACHE, ...pipSettingsForUv(), '-e', '.[all,dev]'], dir, env), 'uv pip install');
  return { firstSeconds: before, seconds: install.seconds, size: run('du', ['-sh', venv], dir).stdout.split('\t')[0] ?? '' };
}

/** A project's own pytest command (JUnit report to `junit`). */
export function pytestArgs(junit: string): string[] {
  return ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--junitxml=${junit}`];
}

/** A project's own suite passed: everything passes, nothing skipped. */
export function assertSuitePassed(result: Result): void {
  must(result, 'pytest');
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

export interface ProjectHandle {
  dir: string;
  python: string;
  env: () => NodeJS.ProcessEnv;
  /**
   * env() plus PREFECT_API_URL: a Prefect server kept for the project's flow commands, started at
   * the first call (a project without such commands starts none).
   */
  flowEnv: () => Promise<NodeJS.ProcessEnv>;
  /**
   * The environment of `make all`. A project that runs flow commands after it (keptServer) runs it
   * against the kept server, the README's way of using a running server: one server start less
   * (20-25 s of CPU). Its pair of the same ML type runs it with no PREFECT_API_URL, so that
   * `make all` starts and stops its own server as it does on a fresh checkout.
   */
  makeAllEnv: (keptServer: boolean) => Promise<NodeJS.ProcessEnv>;
  junit: string;
  /** The project's own suite, started in `before`: resolves when it has finished. */
  suite: () => Promise<Result>;
}

/** A project generated, installed, and with its own suite and `make lint` running. */
interface Prepared {
  suite: Promise<Result>;
  lint: Promise<Result>;
}

/**
 * The end-to-end projects of this run, in the order Mocha runs them (their describes register
 * them as the spec files load), and the preparations already started.
 */
const projectsOfRun: { name: string; prepare: (early: boolean) => Promise<Prepared> }[] = [];
const preparations = new Map<string, Promise<Prepared>>();

function prepareOnce(project: (typeof projectsOfRun)[number], early: boolean): Promise<Prepared> {
  let preparation = preparations.get(project.name);
  if (!preparation) {
    preparation = project.prepare(early);
    preparation.catch(() => undefined); // reported by the project's own before hook
    preparations.set(project.name, preparation);
  }
  return preparation;
}

/**
 * The cases every end-to-end project has, inside its `describe`: generated and installed in
 * `before`; `make lint` first; then the spec's own steps; its own suite (nothing skipped) and
 * its notebooks last, in a nested `describe` (Mocha runs a suite's tests before its children).
 *
 * Two cores, both used: the project's own suite starts in `before` and runs beside `make lint`
 * and then beside the spec's steps (the tests write only to temporary folders), and one Prefect
 * server, started by the first flowEnv(), serves the project's later flow commands (`make
 * monitor`, a second `make train`), which would each start Prefect's temporary server; that
 * project's `make all` uses it too, and its pair's `make all` starts its own (makeAllEnv).
 * `make lint` ends before those steps: `make clean` removes the build/ folder it type-checks.
 *
 * While a project's own suite finishes (a starter project's steps end minutes before its suite),
 * the next project of the run is generated and installed, and its suite and `make lint` start:
 * its `before` then finds them running. On this saturated 2-core machine that gains little
 * (3,868 s for the whole run against 4,063 s, with the shared mypy cache and uv's torch).
 */
export function projectBasics(spec: E2eProject, afterInstall?: (handle: ProjectHandle) => void): ProjectHandle {
  const dir = join(E2E_ROOT, spec.name, spec.projectName);
  const venv = join(dir, '.venv');
  const python = join(venv, 'bin', 'python');
  const junit = join(E2E_ROOT, spec.name, 'pytest-junit.xml');
  const env = (): NodeJS.ProcessEnv => ({ PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}`, PIP_CACHE_DIR: join(E2E_ROOT, 'pip-cache'), MYPY_CACHE_DIR: mypyCache(venv) });
  const prefect: { server?: ChildProcess; apiUrl?: Promise<string> } = {};
  const startPrefect = async (): Promise<string> => {
    const port = await freePort();
    // Its state lives beside the project: `make clean` removes the project's .prefect.
    prefect.server = spawn(python, ['-m', 'prefect', 'server', 'start', '--host', '127.0.0.1', '--port', String(port), '--no-ui', '--analytics-off'], {
      cwd: dir, env: { ...process.env, ...env(), PREFECT_HOME: join(E2E_ROOT, spec.name, 'prefect-home') }, detached: true, stdio: 'ignore',
    });
    const apiUrl = `http://127.0.0.1:${port}/api`;
    await waitFor(`${apiUrl}/health`, 200, 180);
    return apiUrl;
  };
  const flowEnv = async (): Promise<NodeJS.ProcessEnv> => {
    prefect.apiUrl ??= startPrefect();
    return { ...env(), PREFECT_API_URL: await prefect.apiUrl };
  };
  let suite: Promise<Result> | undefined;
  let lint: Promise<Result> | undefined;
  const started = <T>(promise: Promise<T> | undefined, what: string): Promise<T> => {
    assert.ok(promise, `${what} was not started: the project's before hook failed`);
    return promise;
  };
  const makeAllEnv = async (keptServer: boolean): Promise<NodeJS.ProcessEnv> => {
    const chosen = keptServer ? await flowEnv() : env();
    log(`make all ${chosen.PREFECT_API_URL ? `against the kept Prefect server (PREFECT_API_URL=${chosen.PREFECT_API_URL})` : 'with no PREFECT_API_URL: it starts its own Prefect server'}`);
    return chosen;
  };
  const handle: ProjectHandle = { dir, python, env, flowEnv, makeAllEnv, junit, suite: () => started(suite, 'its own suite') };

  // Synchronous up to the suite's start: a preparation started early runs here, in the hook of the
  // project before it, while that project's suite (a child process) goes on.
  const prepare = async (early: boolean): Promise<Prepared> => {
    const say = (message: string): void => log(early ? `${spec.name} (prepared beside the suite above): ${message}` : message);
    rmSync(join(E2E_ROOT, spec.name), { recursive: true, force: true });
    mkdirSync(join(E2E_ROOT, 'pip-cache'), { recursive: true });
    say(`generating into ${dir}`);
    generate(dir, spec.args, spec.projectName);
    const installed = installProject(dir, venv, env(), spec.first ?? []);
    const first = spec.first?.length ? `${spec.first.join(' ')} in ${installed.firstSeconds.toFixed(0)} s, ` : '';
    say(`${first}the project installed in ${installed.seconds.toFixed(0)} s; .venv is ${installed.size}`);
    afterInstall?.(handle);
    return {
      suite: runInBackground(python, pytestArgs(junit), dir, env(), join(E2E_ROOT, spec.name, 'pytest')),
      lint: runInBackground('make', ['lint'], dir, env(), join(E2E_ROOT, spec.name, 'lint')),
    };
  };
  const project = { name: spec.name, prepare };
  projectsOfRun.push(project);

  before(async () => {
    const prepared = await prepareOnce(project, false);
    suite = prepared.suite;
    lint = prepared.lint;
  });

  after(async () => {
    if (prefect.server) await stop(prefect.server);
    await Promise.all([lint, suite]);
  });

  it('is lint clean (ruff, ruff format, mypy strict)', async () => {
    const result = must(await started(lint, 'make lint'), 'make lint');
    log(`make lint: ${result.seconds.toFixed(0)} s (beside its own suite)`);
  });

  describe('its own suite (run beside the steps above)', () => {
    before(() => {
      const next = projectsOfRun[projectsOfRun.indexOf(project) + 1];
      if (next) void prepareOnce(next, true);
    });

    it('passes its own test suite', async () => assertSuitePassed(await started(suite, 'its own suite')));

    if (spec.notebooks.length > 0) {
      it(`executed its notebooks top to bottom (nbclient, in that suite): ${spec.notebooks.join(', ')}`, () => assertNotebooksRan(junit, spec.notebooks));
    }
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
