/**
 * The `ml-pipeline` bin: the generators without `yo`, so they run as root and in CI.
 *
 *   ml-pipeline [skill] [goal] [options]     generate (skill: app by default)
 *   ml-pipeline validate [dir] [--maturity m] [--json]
 */
import { existsSync, readdirSync, rmdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEnv } from 'yeoman-environment';
import { COMMON_OPTIONS, generatorVersion } from './base-generator.js';
import { AnswerError, QUESTIONS, SKILLS, optionName, describeChoices } from './answers.js';
import { generatorEntry } from './paths.js';
import { checkTarget, TargetError } from './target.js';
import { validateCommand } from './validate-command.js';

export const GENERATORS = ['app', ...SKILLS, 'validate'] as const;

/** Options of the bin itself and of the app generator, besides one per question. */
const APP_OPTIONS = ['goal', 'mode', 'remediation', 'skip-validation'];
const BIN_OPTIONS = ['output', 'skip-install', 'help', 'version'];
const VALIDATE_OPTIONS = ['maturity', 'json', 'output', 'remediation', 'force', 'help'];

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  interactive: Boolean(process.stdin.isTTY),
};

export function helpText(): string {
  const lines = [
    `ml-pipeline ${generatorVersion()}: scaffold an ML pipeline project that runs (the ML Pipeline Blueprint)`,
    '',
    'Usage:',
    '  ml-pipeline [skill] [goal] [options]        generate into --output (default: the current folder)',
    '  ml-pipeline validate [dir] [--maturity m] [--json] [--remediation generate|continue|report]',
    '',
    `Skills: ${SKILLS.join(', ')} (default: app, which composes all of them)`,
    '',
    'Options:',
    '  -o, --output <dir>         folder to generate into',
    '  --goal <text>              what you want to build (the goal argument)',
    '  --mode <m>                 answer to the blueprint offer: blueprint (1), custom (2), skip (3)',
    '  --remediation <r>          below 90% completeness: generate (a), continue (b), report (c)',
    '  --skip-install             do not create .venv and pip install the project',
    '  --skip-validation          do not run the deliverables validator afterwards',
    ...COMMON_OPTIONS.map((o) => `  --${o.name.padEnd(25)}${o.description}`),
    '',
    'Questions (each one an option; unanswered ones are asked, or take their default with --defaults):',
  ];
  for (const q of QUESTIONS) {
    const values = q.choices ? ` [${describeChoices(q.choices)}]` : ` (${q.kind})`;
    lines.push(`  --${optionName(q.name).padEnd(25)}${q.description ?? q.message}${values}`);
  }
  return lines.join('\n');
}

function closest(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_v, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      let prev = row[0] ?? 0;
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cur = row[j] ?? 0;
        row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length] ?? Infinity;
  };
  const best = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? best.k : undefined;
}

interface Parsed {
  positionals: string[];
  options: Map<string, string | boolean>;
}

/** A small argv reader: `--name value`, `--name=value`, `--flag`, `--no-flag`, `-o dir`. */
export function parseArgv(argv: readonly string[], booleans: ReadonlySet<string>): Parsed {
  const positionals: string[] = [];
  const options = new Map<string, string | boolean>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '-o' || arg === '-h') {
      if (arg === '-h') options.set('help', true);
      else options.set('output', argv[++i] ?? '');
    } else if (arg.startsWith('--')) {
      const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) options.set(rawName, inline);
      else if (rawName.startsWith('no-') && booleans.has(rawName.slice(3))) options.set(rawName.slice(3), false);
      else if (booleans.has(rawName)) options.set(rawName, true);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) options.set(rawName, true);
        else options.set(rawName, argv[++i] ?? '');
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const questionOptions = QUESTIONS.map((q) => optionName(q.name));
  const booleanQuestions = QUESTIONS.filter((q) => q.kind === 'boolean').map((q) => optionName(q.name));
  const booleans = new Set([...COMMON_OPTIONS.map((o) => o.name), 'skip-install', 'skip-validation', 'json', 'help', 'version', ...booleanQuestions]);
  const { positionals, options } = parseArgv(argv, booleans);

  if (options.get('version')) {
    io.out(generatorVersion());
    return 0;
  }
  const first = positionals[0];
  const generator = first && (GENERATORS as readonly string[]).includes(first) ? first : 'app';
  const rest = generator === first ? positionals.slice(1) : positionals;
  if (options.get('help') || first === 'help') {
    io.out(helpText());
    return 0;
  }

  const allowed = generator === 'validate' ? VALIDATE_OPTIONS
    : [...questionOptions, ...COMMON_OPTIONS.map((o) => o.name), ...BIN_OPTIONS, ...(generator === 'app' ? APP_OPTIONS : [])];
  for (const name of options.keys()) {
    if (!allowed.includes(name)) {
      const hint = closest(name, allowed);
      io.err(`Unknown option --${name}${hint ? `. Did you mean --${hint}?` : ''} (see ml-pipeline --help). Nothing was written.`);
      return 2;
    }
  }

  try {
    if (generator === 'validate') return await validateCommand(rest, options, io);
    return await generate(generator, rest, options, io);
  } catch (error) {
    if (error instanceof AnswerError || error instanceof TargetError) {
      io.err(`Error: ${error.message}`);
      return 2;
    }
    io.err(`Error: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

async function generate(generator: string, positionals: string[], options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const cwd = resolve(String(options.get('output') ?? '.'));
  // The target is checked before the environment exists: yeoman-environment creates its cwd.
  checkTarget(cwd, { force: Boolean(options.get('force')) });
  const args = generator === 'app' && positionals.length > 0 ? [positionals.join(' ')] : [];
  await runGenerator(generator, cwd, args, options, io);
  return 0;
}

export async function runGenerator(generator: string, cwd: string, args: string[], options: Map<string, string | boolean>, io: CliIo): Promise<void> {
  const existed = existsSync(cwd);
  const generatorOptions: Record<string, unknown> = { skipInstall: Boolean(options.get('skip-install')) };
  if (!io.interactive) generatorOptions.nonInteractive = true;
  for (const [name, value] of options) {
    if (name === 'output' || name === 'skip-install') continue;
    args.push(value === false ? `--no-${name}` : value === true ? `--${name}` : `--${name}=${value}`);
  }
  const env = createEnv({ cwd, skipInstall: generatorOptions.skipInstall as boolean });
  for (const name of GENERATORS) env.register(generatorEntry(name), { namespace: `ml-pipeline:${name}` });
  try {
    await env.run([`ml-pipeline:${generator}`, ...args], generatorOptions);
  } finally {
    // A run that failed before writing leaves no empty folder behind either.
    if (!existed && existsSync(cwd) && readdirSync(cwd).length === 0) rmdirSync(cwd);
  }
}
