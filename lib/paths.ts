/**
 * Where the package's own files live. Code runs from dist/lib, templates and spec data stay at
 * the package root (they are not copied into dist), so everything resolves from the root.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`generator-ml-pipeline: no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

export function packagePath(...parts: string[]): string {
  return resolve(PACKAGE_ROOT, ...parts);
}

/** The templates folder of a generator (`generators/<name>/templates`). */
export function templatesOf(generator: string): string {
  return packagePath('generators', generator, 'templates');
}

/** The compiled entry of a generator, for registering it with an environment. */
export function generatorEntry(generator: string): string {
  return packagePath('dist', 'generators', generator, 'index.js');
}
