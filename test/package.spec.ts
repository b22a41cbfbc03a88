import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../lib/paths.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(PACKAGE_ROOT, path).split(sep).join('/')];
  });
}

describe('published package', function () {
  this.timeout(60_000);

  it('ships every template, the spec data and the compiled generators', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    const packed = new Set((JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path));
    const generators = readdirSync(join(PACKAGE_ROOT, 'generators'));
    const templates = generators.flatMap((g) => {
      const dir = join(PACKAGE_ROOT, 'generators', g, 'templates');
      try {
        return filesUnder(dir);
      } catch {
        return [];
      }
    });
    assert.ok(templates.length > 100, `${templates.length} templates found`);
    assert.deepEqual(templates.filter((t) => !packed.has(t)), [], 'templates missing from the package');
    for (const file of ['lib/spec/deliverables.yaml', 'lib/spec/maturity-profiles.yaml', 'bin/ml-pipeline.js', 'dist/lib/cli.js']) {
      assert.ok(packed.has(file), file);
    }
    for (const g of generators) assert.ok(packed.has(`dist/generators/${g}/index.js`), g);
  });
});
