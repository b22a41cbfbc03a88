import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_KEY } from '../lib/storage-keys.js';
import { cleanupFolders, runGenerator } from './helpers/project.js';

/**
 * yeoman-test's adapter logs into spies made by `spyFactory`: these keep what every log call
 * (log, writeln, info, ok, error...) was given, as text.
 */
function capturedLog(): { spyFactory: (options: { returns?: unknown }) => unknown; text: () => string } {
  const calls: string[] = [];
  const spyFactory = ({ returns }: { returns?: unknown }) => (...args: unknown[]) => {
    calls.push(args.map(String).join(' '));
    return returns;
  };
  return { spyFactory, text: () => calls.join('\n') };
}

describe('the app flow: offer, goal, log', function () {
  this.timeout(120_000);
  afterEach(() => cleanupFolders());

  it('offers the blueprint for a plain goal that names an ML type, with that type preselected', async () => {
    const captured = capturedLog();
    const run = runGenerator('app', { projectName: 'sales' })
      .withArguments(['forecast weekly sales'])
      .withAnswers({ mode: 'blueprint' })
      .withAdapterOptions({ spyFactory: captured.spyFactory });
    await run;
    assert.deepEqual(run.askedQuestions.map((q) => q.name), ['mode', 'mlType', 'infrastructure', 'maturity']);
    assert.equal(run.askedQuestions.find((q) => q.name === 'mlType')?.answer, 'time-series');
    const box = captured.text();
    assert.match(box, /│ ML PIPELINE BLUEPRINT +│/);
    assert.doesNotMatch(box, /DETECTED/);
    assert.match(box, /Your goal names an ML type: "forecast" → Time Series/);
  });

  it('asks in custom mode exactly as many questions as the offer says', async () => {
    const captured = capturedLog();
    const run = await runGenerator('app', { skipValidation: true }).withAnswers({ mode: 'custom' }).withAdapterOptions({ spyFactory: captured.spyFactory });
    const asked = run.askedQuestions.map((q) => q.name).filter((name) => name !== 'mode');
    const said = /Custom configuration \((\d+) questions\)/.exec(captured.text());
    assert.ok(said, captured.text());
    assert.equal(Number(said[1]), asked.length, `asked: ${asked.join(', ')}`);
    assert.match(captured.text(), new RegExp(`reduces questions from ${asked.length} to 3!`));
  });

  describe("custom mode asks for the user's table", () => {
    let dir: string;
    let data: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'mlp-ask-table-'));
      data = join(dir, 'members.csv');
      writeFileSync(data, `${['fee,plan,left', ...Array.from({ length: 150 }, (_, i) => `${20 + (i % 30)},${['a', 'b'][i % 2] ?? 'a'},${i % 3 === 0 ? 'yes' : 'no'}`)].join('\n')}\n`);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('previews the schema inferred from it and, confirmed, types the project from it', async () => {
      const captured = capturedLog();
      const run = await runGenerator('app', { skipValidation: true })
        .withAnswers({ mode: 'custom', data, target: 'left', confirmed: true })
        .withAdapterOptions({ spyFactory: captured.spyFactory });
      assert.deepEqual(run.askedQuestions.map((q) => q.name).slice(-3), ['data', 'target', 'confirmed']);
      assert.match(captured.text(), /The schema inferred from your table:[\s\S]*fee +integer +feature +0% +20 to 49/);
      const stored = JSON.parse(readFileSync(join(run.cwd, '.yo-rc.json'), 'utf8')) as Record<string, { target?: string }>;
      assert.equal(stored[DATASET_KEY]?.target, 'left');
      assert.match(readFileSync(join(run.cwd, 'src', 'features', 'feature_definitions.py'), 'utf8'), /^LABEL_CLASSES: tuple\[str, \.\.\.\] = \("no", "yes"\)$/m);
    });

    it('writes nothing when the schema is declined', async () => {
      await assert.rejects(
        runGenerator('app', { skipValidation: true }).withAnswers({ mode: 'custom', data, target: 'left', confirmed: false }),
        /You declined the inferred schema: --task, --id-column, --timestamp-column and --drop change what is inferred\. Nothing was written\./,
      );
    });

    it('an empty answer keeps the churn sample', async () => {
      const run = await runGenerator('app', { skipValidation: true }).withAnswers({ mode: 'custom', data: '' });
      assert.equal(run.askedQuestions.some((q) => q.name === 'target'), false);
      assert.match(readFileSync(join(run.cwd, 'src', 'features', 'feature_definitions.py'), 'utf8'), /^LABEL_COLUMN = "churned"$/m);
    });
  });

  it('logs a failed run\'s error once, without Yeoman\'s generic task-failure line', async () => {
    const captured = capturedLog();
    await assert.rejects(
      runGenerator('app', { defaults: true, maturity: 'expert' }).withAdapterOptions({ spyFactory: captured.spyFactory }),
      /Invalid value "expert" for --maturity/,
    );
    assert.doesNotMatch(captured.text(), /error occured/i);
  });

  it('ends a generation with the next steps, after the report', async () => {
    const captured = capturedLog();
    await runGenerator('app', { defaults: true, projectName: 'churn' }).withAdapterOptions({ spyFactory: captured.spyFactory });
    const text = captured.text();
    const next = text.slice(text.indexOf('Next steps:'));
    assert.ok(text.indexOf('Completeness:') < text.indexOf('Next steps:'), 'after the report');
    // yeoman-test runs in the project folder: no `cd`; --skip-install: the venv is left to the user.
    assert.doesNotMatch(next, /\bcd /);
    assert.match(next, /python3 -m venv \.venv && source \.venv\/bin\/activate\n\s+make setup && make all +# install, then data → validate → train → evaluate → predict → monitor\n\s+make serve +# the prediction API on port 7070\n\s+Read README\.md/);
  });
});
