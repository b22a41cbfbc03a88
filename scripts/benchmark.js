#!/usr/bin/env node
// `npm run bench`: whole-process wall time of `ml-pipeline --defaults --skip-install` into a
// fresh folder, as a median over several runs, with the machine it ran on. A benchmark, not a
// test: nothing here passes or fails on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 7);
const bin = fileURLToPath(new URL('../bin/ml-pipeline.js', import.meta.url));
const times = [];
for (let i = 0; i < runs; i += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, '--defaults', '--skip-install', '--output', join(dir, 'project')], { stdio: 'ignore' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) {
    console.error(`run ${i + 1} failed with exit code ${result.status}`);
    process.exit(1);
  }
  times.push(seconds);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
const cpu = cpus();
console.log(`ml-pipeline --defaults --skip-install, ${runs} runs`);
console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`median ${median.toFixed(2)} s, min ${sorted[0].toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s`);
console.log(`runs: ${times.map((t) => t.toFixed(2)).join(' ')}`);
