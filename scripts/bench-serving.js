#!/usr/bin/env node
// `npm run bench:serving`: the default Traditional ML project's API against `mlflow models serve`
// on the same registered model, machine and rows (scripts/bench_serving.py). Generates the
// project into .e2e/serving-bench, installs it (uv), trains it (`make all`), then prints the
// table of ratios. BENCH_PROJECT=<dir> reuses a trained default project instead. A benchmark,
// not a test: nothing passes or fails on time. Needs wrk (Debian: apt-get install wrk).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_ROOT, generate, installProject, must, run } from '../dist/test/e2e/harness.js';
import { packagePath } from '../dist/lib/paths.js';

// Not "bench-serving": its package, bench_serving, would be shadowed by scripts/bench_serving.py
// (the script's folder comes first on sys.path).
const NAME = 'serving-bench';
const PKG = 'serving_bench';

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  if (process.getuid?.() === 0) {
    must(run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk'], packagePath()), 'apt-get install wrk');
  } else {
    console.error('bench:serving needs wrk: sudo apt-get install wrk');
    process.exit(1);
  }
}

const dir = process.env.BENCH_PROJECT ?? join(E2E_ROOT, NAME, NAME);
const venv = join(dir, '.venv');
const env = { PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}` };
if (!process.env.BENCH_PROJECT) {
  console.log(`generating, installing and training the default project in ${dir}`);
  generate(dir, ['--defaults'], NAME);
  installProject(dir, venv, env);
  must(run('make', ['all'], dir, env), 'make all');
} else if (!existsSync(join(venv, 'bin', 'python'))) {
  console.error(`${dir} has no .venv: BENCH_PROJECT must be a trained default project`);
  process.exit(1);
}
const pkg = process.env.BENCH_PACKAGE ?? PKG;
const bench = spawnSync(join(venv, 'bin', 'python'), [packagePath('scripts', 'bench_serving.py'), ...process.argv.slice(2)], {
  cwd: dir, env: { ...process.env, ...env, PKG: pkg }, stdio: 'inherit',
});
process.exit(bench.status ?? 1);
