/**
 * The project follows its answers: a changed answer, given to a skill run alone or to the app,
 * leaves exactly the project a fresh generation with the new answers writes — every file that
 * depends on it refreshed whichever skill owns it, and the files it no longer selects removed —
 * except the files the user edited, which are kept and listed.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MlPipelineBase } from '../lib/base-generator.js';
import { validate } from '../lib/validator.js';
import { cli } from './helpers/cli.js';
import { assertSameProject, cleanupFolders, freshFolder, readTree, runIn } from './helpers/project.js';

const PROJECT = { projectName: 'churn-model', defaults: true };

async function generated(answers: Record<string, unknown>): Promise<string> {
  const dir = join(freshFolder(), 'churn-model');
  mkdirSync(dir);
  await runIn(dir, 'app', { ...PROJECT, ...answers });
  return dir;
}

const CHANGES: Array<{ through: string; answers: Record<string, unknown>; label: string }> = [
  { through: 'serving', answers: { apiPort: 9100 }, label: 'the API port' },
  { through: 'app', answers: { apiPort: 9100 }, label: 'the API port' },
  { through: 'serving', answers: { maturity: 'starter' }, label: 'a lower maturity' },
  { through: 'app', answers: { maturity: 'starter' }, label: 'a lower maturity' },
  { through: 'experiments', answers: { maturity: 'advanced' }, label: 'a higher maturity' },
  { through: 'mlops', answers: { infrastructure: 'kubernetes' }, label: 'another infrastructure' },
  { through: 'app', answers: { infrastructure: 'managed-platform' }, label: 'another infrastructure' },
  { through: 'observability', answers: { infrastructure: 'local', maturity: 'starter' }, label: 'two answers at once' },
];

describe('a changed answer, through a skill or the app', function () {
  this.timeout(120_000);
  afterEach(() => cleanupFolders());

  for (const change of CHANGES) {
    const given = Object.entries(change.answers).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    it(`${change.label} (${given}) through ${change.through}: the same project as a fresh generation`, async () => {
      const dir = await generated({});
      const expected = readTree(await generated(change.answers));
      const run = await runIn(dir, change.through, change.answers);
      assert.deepEqual(run.askedQuestions, [], 'nothing is asked: the other answers are stored');
      assertSameProject(dir, expected);
      assert.equal(validate(dir).completeness, 100);
    });
  }

  it('through the bin, with no terminal: the removals and refreshes are decided, never asked', async () => {
    // Below a dot folder too, where Yeoman's own glob for .yo-rc.json does not match.
    const dir = join(freshFolder(), '.work', 'churn-model');
    const first = await cli(['--defaults', '--skip-install', '--project-name', 'churn-model', '-o', dir]);
    assert.equal(first.code, 0, first.err);
    const lower = await cli(['--maturity', 'starter', '--skip-install', '-o', dir]);
    assert.equal(lower.code, 0, lower.err);
    const port = await cli(['serving', '--api-port', '9100', '--skip-install', '-o', dir]);
    assert.equal(port.code, 0, port.err);
    assertSameProject(dir, readTree(await generated({ maturity: 'starter', apiPort: 9100 })));
  });

  it('keeps and lists a file the user edited that the lower maturity no longer selects', async () => {
    const dir = await generated({ maturity: 'advanced' });
    const edited = join(dir, 'infrastructure/kubernetes/canary-deployment.yaml');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}# my tweak\n`);
    const run = await runIn(dir, 'serving', { maturity: 'starter' });
    assert.match(readFileSync(edited, 'utf8'), /# my tweak/);
    const tree = readTree(dir);
    const fresh = readTree(await generated({ maturity: 'starter' }));
    assert.deepEqual([...tree.keys()].filter((p) => !fresh.has(p)), ['infrastructure/kubernetes/canary-deployment.yaml'],
      'only the edited file stays beyond what Starter selects');
    assert.deepEqual((run.generator as unknown as MlPipelineBase).removal.kept, ['infrastructure/kubernetes/canary-deployment.yaml']);
    assert.ok((run.generator as unknown as MlPipelineBase).removal.removed.length > 20, 'the other Advanced-only files went');
    // Even --force keeps it: a removal never touches an edit.
    await runIn(dir, 'app', { force: true });
    assert.match(readFileSync(edited, 'utf8'), /# my tweak/);
  });
});
