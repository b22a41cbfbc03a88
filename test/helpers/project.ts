/** Helpers to run the generators with yeoman-test and read what they wrote. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { strict as assert } from 'node:assert';
import helpers from 'yeoman-test';
import { generatorEntry, PACKAGE_ROOT, packagePath } from '../../lib/paths.js';

const created: string[] = [];

/** A new empty folder, removed by cleanupFolders(). */
export function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-test-'));
  created.push(dir);
  return dir;
}

export function cleanupFolders(): void {
  // yeoman-test runs the generator with the folder as the process cwd: leave it first.
  process.chdir(PACKAGE_ROOT);
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs a generator in a folder of our own: yeoman-test's auto-cleanup would delete the previous
 * run's folder when the next run starts, and several tests re-run in the same project.
 */
export function runIn(dir: string, name: string, options: Record<string, unknown> = {}) {
  // yeoman-test forces overwrites by default; the generators' own --force is what is tested here.
  return helpers.run(generatorEntry(name), { autoCleanup: false }).cd(dir).withOptions({ skipInstall: true, force: false, ...options } as Record<string, unknown>);
}

export function runGenerator(name: string, options: Record<string, unknown> = {}) {
  return runIn(freshFolder(), name, options);
}

/** Every file under a folder, keyed by its project-relative path. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

export function mtimes(root: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const path of readTree(root).keys()) out.set(path, statSync(join(root, path)).mtimeMs);
  return out;
}

export function hashes(tree: Map<string, Buffer>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of [...tree.keys()].sort()) out[path] = createHash('sha256').update(tree.get(path) ?? '').digest('hex').slice(0, 16);
  return out;
}

/**
 * Compares a generated tree with its snapshot (paths and content hashes) under test/__snapshots__.
 * UPDATE_SNAPSHOTS=1 accepts the current output; a missing snapshot fails rather than passes.
 */
export function matchSnapshot(name: string, tree: Map<string, Buffer>): void {
  const file = packagePath('test', '__snapshots__', `${name}.json`);
  const actual = hashes(tree);
  if (process.env.UPDATE_SNAPSHOTS) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.ok(existsSync(file), `No snapshot ${name}: run UPDATE_SNAPSHOTS=1 npm test and review the new file`);
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `files of ${name} differ from the snapshot`);
  assert.deepEqual(actual, expected, `contents of ${name} differ from the snapshot (UPDATE_SNAPSHOTS=1 to accept)`);
}

/** Same files, same bytes; .yo-rc.json compared as data (its manifest's key order follows the write order). */
export function assertSameProject(dir: string, expected: Map<string, Buffer>): void {
  const actual = readTree(dir);
  const parsed = (tree: Map<string, Buffer>) => JSON.parse(tree.get('.yo-rc.json')?.toString('utf8') ?? '{}') as unknown;
  assert.deepEqual(parsed(actual), parsed(expected), '.yo-rc.json: answers and manifest');
  for (const tree of [actual, expected]) tree.delete('.yo-rc.json');
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), 'the same files');
  for (const [path, content] of actual) assert.ok(content.equals(expected.get(path) ?? Buffer.alloc(0)), `${path} differs`);
}
