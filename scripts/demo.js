#!/usr/bin/env node
// `npm run demo`: the main job on defaults. Generates the default project (Traditional ML,
// Cloud VMs, Production) through the package's own bin, prints its tree and validation report,
// then runs the end-to-end harness on it: its own virtual environment, its test suite,
// `make all` (data -> validate -> train -> register -> evaluate -> predict -> monitor), the API
// serving a real prediction, and a second training that must not register.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const demoRoot = join(root, 'demo');
const project = join(demoRoot, 'default', 'churn-e2e');
const bin = join(root, 'bin', 'ml-pipeline.js');
const SKIP = new Set(['.venv', 'node_modules', '.git', '__pycache__', '.prefect', '.mypy_cache', '.ruff_cache', 'build', 'mlruns']);

function tree(dir, prefix = '') {
  const entries = readdirSync(dir).filter((e) => !SKIP.has(e) && !e.endsWith('.egg-info')).sort();
  entries.forEach((entry, index) => {
    const path = join(dir, entry);
    const last = index === entries.length - 1;
    console.log(`${prefix}${last ? '└── ' : '├── '}${entry}`);
    if (statSync(path).isDirectory()) tree(path, `${prefix}${last ? '    ' : '│   '}`);
  });
}

console.log('== 1/2 Generate the default project and run it end to end (over 20 minutes on 2 cores) ==\n');
// Only the default project's specs: the other ML types' specs run both of their projects
// whatever E2E_PROJECTS says (that is npm run test:e2e, about 50 minutes).
const specs = ['ops-files', 'pipeline'].map((name) => join('dist', 'test', 'e2e', `${name}.e2e.js`));
const e2e = spawnSync('npx', ['mocha', '--no-config', '--timeout', '1800000', '--reporter', 'spec', ...specs], {
  cwd: root,
  stdio: 'inherit',
  // E2E_FULL: every answer change and back (CI runs none of them, for time).
  env: { ...process.env, E2E_PROJECTS: 'default', E2E_FULL: '1', E2E_ROOT: demoRoot },
});

console.log(`\n== 2/2 The project: ${relative(process.cwd(), project) || project} ==\n`);
tree(project);
console.log('');
const validation = spawnSync(process.execPath, [bin, 'validate', project], { stdio: 'inherit' });

const rel = relative(process.cwd(), project);
console.log(`
Where to look (in ${rel}):
  mlruns/mlflow.db, mlruns/artifacts/   MLflow runs and the model registry (mlflow ui --backend-store-uri sqlite:///mlruns/mlflow.db)
  reports/training/metrics.json         the last training: metrics, registration decision and reason
  reports/validation/latest.json        the Great Expectations result
  reports/drift/latest.html|json        the drift report of the monitoring flow
  data/predictions/                     batch predictions; logs/predictions/ the API's prediction log
Continue: cd ${rel} && source .venv/bin/activate && make serve   (then curl localhost:7070/ready)`);
process.exit(e2e.status === 0 ? (validation.status ?? 1) : (e2e.status ?? 1));
