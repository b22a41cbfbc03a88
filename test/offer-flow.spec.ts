import { strict as assert } from 'node:assert';
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
