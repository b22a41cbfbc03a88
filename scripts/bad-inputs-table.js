// Prints the bad-input table of test/bad-inputs.spec.ts as Markdown: each command line, the first
// line of its message, its exit code and how many files it changed (0 expected).
// Run after a build: npm run build && node scripts/bad-inputs-table.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_INPUTS, commandLine, generateProject, runRow } from '../dist/test/bad-inputs.spec.js';

const where = { empty: 'empty folder', project: 'generated project', file: 'folder with a file `a-file`', foreign: "someone else's files" };
const cell = (text) => text.replace(/\|/g, '\\|').replace(/`/g, "'");

const parent = mkdtempSync(join(tmpdir(), 'mlp-bad-inputs-table-'));
try {
  const project = await generateProject(parent);
  const lines = ['| # | Input | Run in | Message (first line) | Exit code | Files changed |', '| --- | --- | --- | --- | --- | --- |'];
  let failures = 0;
  for (const [i, input] of BAD_INPUTS.entries()) {
    const result = await runRow(input, project);
    const first = result.err.split('\n')[0] ?? '';
    const ok = result.code === input.code && input.message.test(first) && result.changed.length === 0;
    if (!ok) failures += 1;
    lines.push(`| ${i + 1} | \`${commandLine(input).replace(/`/g, "'")}\` | ${where[input.fixture]} | ${cell(first)} | ${result.code}${ok ? '' : ' ✗'} | ${result.changed.length} |`);
  }
  console.log(lines.join('\n'));
  if (failures > 0) {
    console.error(`${failures} row(s) did not behave as the table expects (marked ✗).`);
    process.exitCode = 1;
  }
} finally {
  rmSync(parent, { recursive: true, force: true });
}
