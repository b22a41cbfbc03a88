/**
 * Where the generators' output goes and whether a person can answer a prompt.
 *
 * - `canPrompt`: a Yeoman TerminalAdapter reading a stdin that is not a terminal cannot ask
 *   anything (inquirer fails with "User force closed the prompt"); any other adapter (yeoman-test's,
 *   which answers prompts itself, or a custom one) is trusted to answer.
 * - `createBinAdapter`: the bin's adapter. The log and the validation report go to stdout, errors
 *   to stderr, plain text (no ANSI escapes) unless stdout is a colour terminal and NO_COLOR is unset.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { createLogger, QueuedAdapter, TerminalAdapter } from '@yeoman/adapter';

/** Whether prompts through this environment adapter can reach a person. */
export function canPrompt(adapter: unknown): boolean {
  const actual = (adapter as { actualAdapter?: unknown } | undefined)?.actualAdapter ?? adapter;
  const terminal = actual instanceof TerminalAdapter || (actual as object | undefined)?.constructor?.name === 'TerminalAdapter';
  if (!terminal) return true;
  return (actual as { stdin?: { isTTY?: boolean } }).stdin?.isTTY === true;
}

/**
 * Colours on a stream: never with NO_COLOR (any value, https://no-color.org), forced with
 * FORCE_COLOR (chalk's convention: any value but 0/false), otherwise only on a terminal.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Yeoman's own line for any failed task; the error itself is reported by whoever runs the generator. */
export const YEOMAN_TASK_ERROR = /^An error occured while running /;

/** A stream that hands complete lines to `line` (without ANSI escapes unless `color`). */
export class LineStream extends Writable {
  private pending = '';

  constructor(private readonly line: (text: string) => void, private readonly color: boolean) {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const l of lines) this.line(this.color ? l : stripAnsi(l));
    callback();
  }

  /** Hands over a last line that has no newline yet. */
  flushPending(): void {
    if (this.pending) this.line(this.color ? this.pending : stripAnsi(this.pending));
    this.pending = '';
  }
}

export interface BinOutput {
  /** Lines of the normal log, the offer and the validation report. */
  out: (text: string) => void;
  /** Error lines. */
  err: (text: string) => void;
  color: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Where prompts are drawn (a terminal). */
  promptOutput?: NodeJS.WritableStream;
}

export interface BinAdapter {
  adapter: QueuedAdapter;
  /** Waits for queued log lines and hands over any unterminated one. */
  flush: () => Promise<void>;
}

/** The bin's adapter: a TerminalAdapter for prompts, with a logger that writes to `out` and `err`. */
export function createBinAdapter(output: BinOutput): BinAdapter {
  const out = new LineStream(output.out, output.color);
  const err = new LineStream(output.err, output.color);
  const log = createLogger({
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: out as unknown as NodeJS.WriteStream,
    // Yeoman's plain `log(...)` lines go through console.error: they are normal output here.
    console: new Console(out, out),
    loggers: {
      // Yeoman's generic "An error occured while running x#task" would precede the bin's own,
      // clearer message; every other error line goes to stderr.
      error(this: unknown, ...args: unknown[]) {
        const text = args.map(String).join(' ');
        if (!YEOMAN_TASK_ERROR.test(text)) err.write(`✖ ${text}\n`);
        return this;
      },
    } as never,
  });
  const terminal = new TerminalAdapter({
    stdin: output.stdin as NodeJS.ReadStream | undefined,
    stdout: output.promptOutput as NodeJS.WriteStream | undefined,
    log,
  });
  // The spinner stream is ours too: not a terminal, so no spinner is drawn.
  const adapter = new QueuedAdapter({ adapter: terminal, stdout: out as unknown as NodeJS.WriteStream });
  return {
    adapter,
    flush: async () => {
      await adapter.onIdle();
      out.flushPending();
      err.flushPending();
    },
  };
}
