import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { QueuedAdapter, TerminalAdapter } from '@yeoman/adapter';
import { createEnv } from 'yeoman-environment';
import { PACKAGE_ROOT, packagePath } from '../lib/paths.js';
import { canPrompt } from '../lib/terminal.js';

/** Everything written to a stream, as text. */
function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('composition without a terminal', function () {
  this.timeout(120_000);
  let modules: string;
  let dir: string;
  beforeEach(() => {
    modules = mkdtempSync(join(tmpdir(), 'mlp-node-modules-'));
    symlinkSync(PACKAGE_ROOT, join(modules, 'generator-ml-pipeline'));
    dir = mkdtempSync(join(tmpdir(), 'mlp-composed-'));
  });
  afterEach(() => {
    process.chdir(PACKAGE_ROOT);
    rmSync(modules, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** The fixture composer in yeoman-environment, prompts on a stdin that is not a terminal (as in CI). */
  async function runComposer(options: Record<string, unknown>) {
    const out = sink();
    const err = sink();
    // A stream with no isTTY, already ended: what `< /dev/null` gives a real run.
    const stdin = new PassThrough();
    stdin.end();
    const terminal = new TerminalAdapter({ stdin: stdin as never, stdout: out.stream as never, stderr: err.stream as never });
    // Nothing may be asked here: a prompt drawn on stdout aborts the run (inquirer may otherwise
    // wait on the ended stream for ever).
    out.stream.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').startsWith('?')) terminal.abort(new Error(`A prompt was shown: ${chunk.toString('utf8').split('\n')[0]}`));
    });
    const env = createEnv({ cwd: dir, adapter: new QueuedAdapter({ adapter: terminal }) });
    await env.lookup({ packagePaths: [join(modules, 'generator-ml-pipeline'), packagePath('test', 'fixtures', 'generator-composer')] });
    const run = env.run(['composer:app'], { skipInstall: true, ...options });
    return { run, out, err };
  }

  it('names the missing option instead of a closed prompt, and writes nothing', async () => {
    const { run, out, err } = await runComposer({ defaults: false });
    await assert.rejects(run, (error: Error) => {
      assert.match(error.message, /No answer for --description and no terminal to ask: pass --description <value>, or --defaults\. Nothing was written\./);
      return true;
    });
    assert.deepEqual(readdirSync(dir), [], 'nothing written, not even .yo-rc.json or COMPOSED_BY.md');
    const log = out.text() + err.text();
    assert.doesNotMatch(log, /force closed/);
    assert.doesNotMatch(log, /An error occured/, 'the error is reported once, by whoever runs the generator');
  });

  it('still generates through the same adapter when every answer is known', async () => {
    const { run } = await runComposer({});
    await run;
    const files = readdirSync(dir);
    assert.ok(files.includes('COMPOSED_BY.md') && files.includes('.yo-rc.json') && files.includes('src'), files.join(', '));
  });

  it('tells a terminal from a pipe, and trusts adapters that answer prompts themselves', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    assert.equal(canPrompt(new QueuedAdapter({ adapter: new TerminalAdapter({ stdin: new PassThrough() as never }) })), false);
    assert.equal(canPrompt(new TerminalAdapter({ stdin: new PassThrough() as never })), false);
    assert.equal(canPrompt(new QueuedAdapter({ adapter: new TerminalAdapter({ stdin: tty as never }) })), true);
    assert.equal(canPrompt({ prompt: async () => ({}) }), true, 'an adapter that is not a TerminalAdapter answers by itself');
  });
});
