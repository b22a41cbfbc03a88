import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDefaults } from '../lib/answers.js';
import { buildContext } from '../lib/context.js';
import { contentHash, decideWrite, renderFile, resolveTemplate, selectFiles } from '../lib/file-table.js';

describe('file table', () => {
  let templates: string;
  before(() => {
    templates = mkdtempSync(join(tmpdir(), 'mlp-templates-'));
    mkdirSync(join(templates, 'shared/src'), { recursive: true });
    mkdirSync(join(templates, 'traditional-ml/src'), { recursive: true });
    writeFileSync(join(templates, 'shared/src/train.py.ejs'), 'shared <%= packageName %>\n');
    writeFileSync(join(templates, 'traditional-ml/src/train.py.ejs'), 'tabular <%= packageName %>\n');
    writeFileSync(join(templates, 'shared/src/only_shared.py.ejs'), '<% if (features.featureStore) { %>feast<% } else { %>plain<% } %>\n');
    writeFileSync(join(templates, 'shared/data.csv'), 'a,b\n<%= not rendered %>\n');
  });
  after(() => rmSync(templates, { recursive: true, force: true }));

  it('prefers the ML type variant over the shared template', () => {
    assert.match(resolveTemplate(templates, 'src/train.py', 'traditional-ml').source, /traditional-ml/);
    assert.match(resolveTemplate(templates, 'src/train.py', 'time-series').source, /shared/);
    assert.throws(() => resolveTemplate(templates, 'src/missing.py', 'traditional-ml'), /No template for src\/missing\.py/);
  });

  it('selects rows by their condition and renders templates, copying data files byte for byte', () => {
    const starter = buildContext(withDefaults({ maturity: 'starter', projectName: 'churn' }, '/tmp'), '0.0.0');
    const rows = [
      { path: 'src/train.py' },
      { path: 'src/only_shared.py' },
      { path: 'data.csv' },
      { path: 'k8s.yaml', template: 'data.csv', when: (c: typeof starter) => c.features.kubernetesManifests },
    ];
    const files = selectFiles(rows, starter, templates);
    assert.deepEqual(files.map((f) => f.path), ['src/train.py', 'src/only_shared.py', 'data.csv']);
    assert.equal(renderFile(files[0]!, starter).toString(), 'tabular churn\n');
    assert.equal(renderFile(files[1]!, starter).toString(), 'plain\n');
    assert.equal(renderFile(files[2]!, starter).toString(), 'a,b\n<%= not rendered %>\n');
    const production = buildContext(withDefaults({ maturity: 'production' }, '/tmp'), '0.0.0');
    assert.equal(selectFiles(rows, production, templates).length, 4);
  });

  it('never overwrites an edited file without --force, and refreshes one the generator wrote', () => {
    const next = Buffer.from('new content\n');
    const ours = Buffer.from('what we wrote last time\n');
    const edited = Buffer.from('what the user made of it\n');
    assert.equal(decideWrite(next, undefined, undefined, false), 'create');
    assert.equal(decideWrite(next, Buffer.from('new content\n'), undefined, false), 'identical');
    assert.equal(decideWrite(next, ours, contentHash(ours), false), 'update');
    assert.equal(decideWrite(next, edited, contentHash(ours), false), 'keep');
    assert.equal(decideWrite(next, edited, undefined, false), 'keep', 'a file that was never ours is kept');
    assert.equal(decideWrite(next, edited, contentHash(ours), true), 'force');
  });
});
