#!/usr/bin/env node
// `npm run bench [runs]`: whole-process wall time of `ml-pipeline --defaults --skip-install` into a
// fresh folder, against the floor of any Yeoman generator: an empty yeoman-environment run
// (scripts/empty-generator-run.js: load, register, run one generator writing one file). Runs
// alternate between the two so that machine noise hits both alike; medians, the ratio and the
// machine are printed. A benchmark, not a test: nothing here passes or fails on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 7);
const bin = fileURLToPath(new URL('../bin/ml-pipeline.js', import.meta.url));
const empty = fileURLToPath(new URL('./empty-generator-run.js', import.meta.url));

/** Seconds of one process run into a fresh folder (exits on failure). */
function timed(label, args) {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-bench-'));
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...args, join(dir, 'project')], { stdio: 'ignore' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) {
    console.error(`${label} failed with exit code ${result.status}`);
    process.exit(1);
  }
  return seconds;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ours = [];
const floor = [];
for (let i = 0; i < runs; i += 1) {
  floor.push(timed('empty yeoman-environment run', [empty]));
  ours.push(timed(`run ${i + 1}`, [bin, '--defaults', '--skip-install', '--output']));
}
const cpu = cpus();
console.log(`ml-pipeline --defaults --skip-install against an empty yeoman-environment run, ${runs} runs each, alternating`);
console.log(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`ml-pipeline: median ${median(ours).toFixed(2)} s (min ${Math.min(...ours).toFixed(2)}, max ${Math.max(...ours).toFixed(2)})`);
console.log(`empty run:   median ${median(floor).toFixed(2)} s (min ${Math.min(...floor).toFixed(2)}, max ${Math.max(...floor).toFixed(2)})`);
console.log(`ratio: ${(median(ours) / median(floor)).toFixed(2)}x (goal: 1.2x or less)`);
