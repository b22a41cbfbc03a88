#!/usr/bin/env node
// `npm run demo`: generates the default project (Traditional ML, Cloud VMs, Production) into
// ./demo-project through the package's own bin, then prints its tree and validation report.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'demo-project');
const bin = join(root, 'bin', 'ml-pipeline.js');

function run(args) {
  console.log(`\n$ ml-pipeline ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
  return result.status ?? 1;
}

function tree(dir, prefix = '') {
  const entries = readdirSync(dir).filter((e) => !['.venv', 'node_modules', '.git'].includes(e)).sort();
  entries.forEach((entry, index) => {
    const path = join(dir, entry);
    const last = index === entries.length - 1;
    console.log(`${prefix}${last ? '└── ' : '├── '}${entry}`);
    if (statSync(path).isDirectory()) tree(path, `${prefix}${last ? '    ' : '│   '}`);
  });
}

rmSync(target, { recursive: true, force: true });
const generated = run(['--defaults', '--skip-install', '--skip-validation', '--output', target]);
if (generated !== 0) process.exit(generated);
console.log(`\nGenerated ${relative(process.cwd(), target) || target}:`);
tree(target);
const status = run(['validate', target]);
console.log(`\nNext: cd ${relative(process.cwd(), target)} && make setup && make all   (see its README.md)`);
process.exit(status);
