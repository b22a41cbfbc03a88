/**
 * The package as a user gets it: `npm pack` from a checkout that was never built (a fresh clone),
 * the tarball installed into a temporary prefix, then its bin and yeoman-environment's own
 * lookup (what `yo` does) run from that prefix alone, nothing resolved from this repository.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { SKILLS } from '../lib/answers.js';
import { PACKAGE_ROOT } from '../lib/paths.js';
import { GENERATOR_KEY } from '../lib/storage-keys.js';

const NAME = 'generator-ml-pipeline';

function filesUnder(dir: string, root: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join('/')];
  });
}

/** Under `npm test`, npm exports its own settings (prefix, local prefix...): a nested npm must not inherit them. */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_registry', 'npm_config_cafile']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.has(key.toLowerCase())));
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The ESM entry of a package as Node would find it from `fromDir` (walking up node_modules folders). */
function resolveInstalled(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    if (existsSync(join(pkgDir, 'package.json'))) {
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown>; main?: string };
      const dot = pkg.exports?.['.'] as string | { import?: string; default?: string } | undefined;
      const entry = typeof dot === 'string' ? dot : dot?.import ?? dot?.default ?? pkg.main ?? 'index.js';
      return join(pkgDir, entry);
    }
    if (dirname(dir) === dir) throw new Error(`${name} is not installed above ${fromDir}`);
  }
}

/** The part of yeoman-environment's API this test uses. */
interface YeomanEnv {
  lookup(options: { npmPaths?: string[]; packagePaths?: string[] }): Promise<Array<{ namespace: string; packagePath: string }>>;
  run(args: string[], options: Record<string, unknown>): Promise<void>;
}

describe('published package', function () {
  this.timeout(300_000);

  let work = '';
  let packed: string[] = [];
  let prefix = '';
  let installed = '';
  const expected = readdirSync(join(PACKAGE_ROOT, 'generators')).filter((g) => existsSync(join(PACKAGE_ROOT, 'generators', g, 'index.ts'))).sort();

  before(function () {
    work = mkdtempSync(join(tmpdir(), 'mlp-package-'));
    // A checkout as `git clone` gives it, plus uncommitted work: no dist/, no build run yet.
    const checkout = join(work, 'checkout');
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    for (const file of tracked.split('\0').filter(Boolean)) {
      if (!existsSync(join(PACKAGE_ROOT, file))) continue;
      mkdirSync(dirname(join(checkout, file)), { recursive: true });
      copyFileSync(join(PACKAGE_ROOT, file), join(checkout, file));
    }
    assert.ok(!existsSync(join(checkout, 'dist')), 'the checkout has no dist/');
    symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(checkout, 'node_modules'));

    const started = Date.now();
    const out = join(work, 'out');
    mkdirSync(out);
    run('npm', ['pack', '--pack-destination', out, '--loglevel', 'warn'], checkout);
    const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    assert.equal(tarballs.length, 1, `one tarball: ${tarballs.join(', ')}`);
    const tarball = join(out, tarballs[0] ?? '');
    packed = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    const packSeconds = (Date.now() - started) / 1000;

    prefix = join(work, 'prefix');
    const installStarted = Date.now();
    run('npm', ['install', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn'], work);
    installed = join(prefix, 'node_modules', NAME);
    console.log(`      (npm pack with its build: ${packSeconds.toFixed(1)} s; npm install of the tarball: ${((Date.now() - installStarted) / 1000).toFixed(1)} s)`);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs from a checkout that was never built: the build runs first, and every template, the spec data and the compiled generators ship', () => {
    const files = new Set(packed);
    const templates = expected.flatMap((g) => {
      const dir = join(PACKAGE_ROOT, 'generators', g, 'templates');
      return existsSync(dir) ? filesUnder(dir, PACKAGE_ROOT) : [];
    });
    assert.ok(templates.length > 100, `${templates.length} templates found`);
    assert.deepEqual(templates.filter((t) => !files.has(t)), [], 'templates missing from the package');
    for (const file of ['package.json', 'README.md', 'bin/ml-pipeline.js', 'lib/spec/deliverables.yaml', 'lib/spec/maturity-profiles.yaml', 'dist/lib/cli.js', 'dist/lib/paths.js']) {
      assert.ok(files.has(file), `${file} is in the package`);
    }
    for (const g of expected) assert.ok(files.has(`dist/generators/${g}/index.js`), `dist/generators/${g}/index.js is in the package`);
    assert.deepEqual(packed.filter((f) => f.startsWith('dist/test/') || f.startsWith('test/') || f.startsWith('node_modules/')), [], 'no tests or modules in the package');
  });

  it('installs from the tarball without running its build, and without the devDependencies', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    assert.ok(pkg.scripts?.prepare, 'the package has a prepare script (which must not run here)');
    assert.ok(!existsSync(join(prefix, 'node_modules', 'typescript')), 'typescript (a devDependency) is not installed');
    assert.ok(!existsSync(join(installed, 'tsconfig.json')), 'no tsconfig.json shipped: a build could not have run');
    assert.ok(existsSync(join(prefix, 'node_modules', '.bin', 'ml-pipeline')), 'the bin is linked');
  });

  it('its bin prints the usage and generates a project from the install prefix, with no terminal', () => {
    const bin = join(prefix, 'node_modules', '.bin', 'ml-pipeline');
    const help = run(bin, ['--help'], work);
    assert.match(help, /^ml-pipeline \d+\.\d+\.\d+: /);
    assert.match(help, /Usage:\n {2}ml-pipeline \[skill\] \[goal\] \[options\]/);
    assert.match(help, /ml-pipeline validate \[dir\]/);

    const project = join(work, 'bin-project');
    run(bin, ['--defaults', '--skip-install', '-o', project], work);
    assert.ok(existsSync(join(project, 'src', 'serving', 'api.py')), 'src/serving/api.py was generated');
    const stored = (JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)[GENERATOR_KEY];
    assert.equal(stored?.mlType, 'traditional-ml');
    assert.equal(stored?.infrastructure, 'cloud-vms');
    assert.equal(stored?.maturity, 'production');
  });

  it('yeoman-environment from the install prefix finds every generator as yo does, and runs ml-pipeline:app without asking anything', async () => {
    // The environment the installed package itself depends on, not this repository's.
    const envEntry = createRequire(join(installed, 'package.json')).resolve('yeoman-environment');
    assert.ok(envEntry.startsWith(join(prefix, 'node_modules') + sep), envEntry);
    const { createEnv } = (await import(pathToFileURL(envEntry).href)) as { createEnv: (options: Record<string, unknown>) => YeomanEnv };
    const { QueuedAdapter, TerminalAdapter } = (await import(pathToFileURL(resolveInstalled('@yeoman/adapter', installed)).href)) as {
      QueuedAdapter: new (options: Record<string, unknown>) => unknown;
      TerminalAdapter: new (options: Record<string, unknown>) => unknown;
    };

    const project = join(work, 'env-project');
    mkdirSync(project);
    let output = '';
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const prompted: string[] = [];
    const promptModule = async (questions: unknown): Promise<never> => {
      const names = ([] as Array<{ name?: string }>).concat(questions as never).map((q) => q.name);
      prompted.push(...names.map(String));
      throw new Error(`prompted for ${names.join(', ')}`);
    };
    const adapter = new QueuedAdapter({ adapter: new TerminalAdapter({ stdout: sink, stderr: sink, promptModule }) });
    const env = createEnv({ cwd: project, skipInstall: true, adapter });

    // `yo` looks generator-* packages up in its node_modules paths; here, the prefix's only.
    const found = await env.lookup({ npmPaths: [join(prefix, 'node_modules')] });
    const namespaces = found.map((m) => m.namespace).sort();
    assert.deepEqual(namespaces, expected.map((g) => `ml-pipeline:${g}`).sort());
    for (const ns of ['ml-pipeline:app', 'ml-pipeline:serving', 'ml-pipeline:validate', ...SKILLS.map((s) => `ml-pipeline:${s}`)]) {
      assert.ok(namespaces.includes(ns), `${ns} is registered`);
    }
    for (const meta of found) assert.equal(realpathSync(meta.packagePath), realpathSync(installed), `${meta.namespace} comes from the installed package`);

    const cwd = process.cwd();
    try {
      await env.run(['ml-pipeline:app'], { defaults: true, skipInstall: true });
    } catch (error) {
      assert.fail(`ml-pipeline:app failed: ${(error as Error).message}\n${output}`);
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(prompted, [], 'nothing was asked');
    assert.ok(existsSync(join(project, 'src', 'serving', 'api.py')), `src/serving/api.py was generated\n${output}`);
    const stored = (JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)[GENERATOR_KEY];
    assert.equal(stored?.maturity, 'production');
  });
});
