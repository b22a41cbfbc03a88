#!/usr/bin/env node
// `npm run test:matrix [--ml-type a,b] [--infrastructure a,b] [--maturity a,b]`: generates any
// subset of the 48 answer combinations (ML type x maturity x infrastructure, the rest on their
// defaults), runs each project's own test suite in one shared virtual environment per ML type,
// and prints a table of combination against result. Not in CI (it takes over an hour for all
// 48); CI keeps two end-to-end projects per ML type and lints the operations files of every
// combination. Exit status 1 when any combination fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { INFRASTRUCTURES, MATURITIES, ML_TYPES } from '../dist/lib/answers.js';
import { packagePath } from '../dist/lib/paths.js';
import { BIN, E2E_ROOT, UV_CACHE, installFirst, pipSettingsForUv, uv } from '../dist/test/e2e/harness.js';

/** Installed before a Deep Learning project: the CPU build on disk (a bare torch pulls CUDA). */
const FIRST = { 'deep-learning': ['torch==2.13.0'] };

function values(list) {
  return list.map((item) => (typeof item === 'string' ? item : item.value));
}

function option(name, allowed) {
  const index = process.argv.indexOf(name);
  if (index === -1) return allowed;
  const chosen = (process.argv[index + 1] ?? '').split(',').filter(Boolean);
  const unknown = chosen.filter((c) => !allowed.includes(c));
  if (chosen.length === 0 || unknown.length > 0) {
    console.error(`${name}: ${unknown.join(', ') || 'no value'} is not one of ${allowed.join(', ')}`);
    process.exit(64);
  }
  return chosen;
}

function run(command, args, cwd, env = {}) {
  const start = Date.now();
  const child = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: child.status ?? 1, out: `${child.stdout ?? ''}${child.stderr ?? ''}`, seconds: (Date.now() - start) / 1000 };
}

const mlTypes = option('--ml-type', values(ML_TYPES));
const maturities = option('--maturity', values(MATURITIES));
const infrastructures = option('--infrastructure', values(INFRASTRUCTURES));
const root = join(E2E_ROOT, 'matrix');
const rows = [];

for (const mlType of mlTypes) {
  const venv = join(root, mlType, '.venv');
  const python = join(venv, 'bin', 'python');
  const env = { PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}` };
  for (const maturity of maturities) {
    for (const infrastructure of infrastructures) {
      const name = `${mlType}/${maturity}/${infrastructure}`;
      const dir = join(root, mlType, `${maturity}-${infrastructure}`, 'matrix-project');
      rmSync(join(dir, '..'), { recursive: true, force: true });
      mkdirSync(join(dir, '..'), { recursive: true });
      const generated = run(process.execPath, [BIN, '--defaults', '--ml-type', mlType, '--maturity', maturity, '--infrastructure', infrastructure,
        '--skip-install', '--project-name', 'matrix-project', '--output', dir], packagePath());
      if (generated.status !== 0) {
        rows.push({ name, result: `FAILED to generate: ${generated.out.trim().split('\n').pop()}`, ok: false, seconds: generated.seconds });
        continue;
      }
      if (!existsSync(python)) {
        run('python3', ['-m', 'venv', venv], root);
        installFirst(python, root, env, FIRST[mlType] ?? []);
      }
      // The same venv for every combination of a type: the editable install now points here.
      const installed = run(uv(), ['pip', 'install', '--quiet', '--python', python, '--cache-dir', UV_CACHE, ...pipSettingsForUv(), '-e', '.[all,dev]'], dir, env);
      if (installed.status !== 0) {
        rows.push({ name, result: `FAILED to install: ${installed.out.trim().split('\n').slice(-3).join(' ')}`, ok: false, seconds: installed.seconds });
        continue;
      }
      const tests = run(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], dir, env);
      const summary = tests.out.trim().split('\n').pop() ?? '';
      const ok = tests.status === 0 && /\d+ passed/.test(summary) && !/failed|error|skipped/.test(summary);
      rows.push({ name, result: ok ? summary.replace(/=+/g, '').trim() : `FAILED: ${summary}`, ok, seconds: installed.seconds + tests.seconds });
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${summary}`);
      if (!ok) console.log(tests.out.split('\n').filter((l) => /^(FAILED|ERROR)/.test(l)).slice(0, 20).join('\n'));
    }
  }
}

const cpu = cpus();
const width = Math.max(...rows.map((r) => r.name.length), 'combination'.length);
console.log(`\nmachine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`| ${'combination'.padEnd(width)} | result | seconds |`);
console.log(`|${'-'.repeat(width + 2)}|---|---|`);
for (const row of rows) console.log(`| ${row.name.padEnd(width)} | ${row.result} | ${row.seconds.toFixed(0)} |`);
const failed = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length - failed} of ${rows.length} combinations pass`);
process.exit(failed > 0 ? 1 : 0);
