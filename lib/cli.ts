/**
 * The `ml-pipeline` bin: the generators without `yo`, so they run as root and in CI.
 *
 *   ml-pipeline [skill] [goal] [options]     generate (skill: app by default)
 *   ml-pipeline validate [dir] [--maturity m] [--json]
 */
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEnv } from 'yeoman-environment';
import { ProjectWriteError } from './atomic-commit.js';
import { DataError } from './data/data-error.js';
import { DATA_OPTIONS } from './data/options.js';
import { EXIT } from './exit-codes.js';
import { COMMON_OPTIONS, REMEDIATIONS, generatorVersion } from './base-generator.js';
import {
  AnswerError, OFFER_MODES, QUESTIONS, SKILLS, describeAllowed, describeChoices, optionName, parseAnswer, parseChoice,
  type QuestionSpec,
} from './answers.js';
import { MATURITIES, SEED_SKILL_NAMES, questionsOf, type Skill } from './answers.js';
import { GAP_REPORT_PATH } from './report.js';
import { GENERATOR_KEY } from './storage-keys.js';
import { generatorEntry } from './paths.js';
import { checkTarget, TargetError } from './target.js';
import { colorEnabled, createBinAdapter } from './terminal.js';
import { validateCommand } from './validate-command.js';

export const GENERATORS = ['app', ...SKILLS, 'validate'] as const;

/** Options of the bin itself and of the app generator, besides one per question. */
const APP_OPTIONS = ['goal', 'mode', 'remediation', 'skip-validation', ...DATA_OPTIONS.map((o) => o.name)];
/** ai-data re-derives a project's schema from a new table. */
const AI_DATA_OPTIONS = DATA_OPTIONS.map((o) => o.name);
const BIN_OPTIONS = ['output', 'skip-install', 'help', 'version'];
const VALIDATE_OPTIONS = ['maturity', 'json', 'output', 'remediation', 'force', 'defaults', 'help'];

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  interactive: boolean;
  /** ANSI colours in the generators' log (default: none). */
  color?: boolean;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  interactive: Boolean(process.stdin.isTTY),
  color: colorEnabled(process.stdout),
};

/** What each skill writes (README, Layout). */
export const SKILL_WRITES: Record<Skill, string> = {
  mlops: 'pipelines, orchestration, training code, DVC, training container, infrastructure',
  'ai-data': 'ingestion, validation, preprocessing, splitting, features, feature store, sample data',
  experiments: 'evaluation, registry gate, hyperparameters, model config',
  serving: 'FastAPI service, serving container, Kubernetes serving manifests',
  'vector-db': 'Qdrant retrieval (only where embeddings are needed)',
  observability: 'metrics, drift, alerting, Prometheus, Grafana',
  assembling: 'project files, tests, CI/CD, compose stack, docs, model card',
};

function optionLine(flag: string, description: string): string {
  return `  ${flag.padEnd(27)}${description}`;
}

function dataOptionLines(): string[] {
  return DATA_OPTIONS.map((o) => optionLine(`--${o.name} ${o.value}`, o.description));
}

function questionLines(specs: typeof QUESTIONS): string[] {
  return specs.map((q) => {
    const values = q.choices ? ` [${describeChoices(q.choices)}]` : ` (${q.kind})`;
    return optionLine(`--${optionName(q.name)}`, `${q.description ?? q.message}${values}`);
  });
}

const QUESTIONS_HEADING = 'Questions (each one an option; unanswered ones are asked, or take their default with --defaults):';

/** The exit codes of a generation (the app and each skill). */
function generationExitLines(): string[] {
  return [
    '',
    'Exit codes:',
    `  ${String(EXIT.ok).padEnd(4)}generated (a changed answer refreshes every file that depends on it; files you edited are kept)`,
    `  ${String(EXIT.usage).padEnd(4)}usage error: unknown option or command, bad value, missing answer, unusable folder (nothing written)`,
    `  ${String(EXIT.data).padEnd(4)}the --data table cannot be used: missing, not a UTF-8 table, or bad data (nothing written)`,
    `  ${String(EXIT.internal).padEnd(4)}an unexpected error (a bug: please report it)`,
    `  ${String(EXIT.ioError).padEnd(4)}writing stopped part-way (disk full, permission): each file is whole; run the same command again`,
  ];
}

/** `ml-pipeline --help`, `ml-pipeline <skill> --help`, `ml-pipeline validate --help`. */
export function helpText(generator = 'app'): string {
  if (generator === 'validate') return validateHelpText();
  if ((SKILLS as readonly string[]).includes(generator)) return skillHelpText(generator as Skill);
  return [
    `ml-pipeline ${generatorVersion()}: scaffold an ML pipeline project that runs (the ML Pipeline Blueprint)`,
    '',
    'Usage:',
    '  ml-pipeline [skill] [goal] [options]        generate into --output (default: the current folder)',
    '  ml-pipeline validate [dir] [--maturity m] [--json] [--remediation generate|continue|report]',
    '',
    `Skills: ${SKILLS.join(', ')} (default: app, which composes all of them; ml-pipeline <skill> --help)`,
    '',
    'Options:',
    optionLine('-o, --output <dir>', 'folder to generate into'),
    optionLine('--goal <text>', 'what you want to build (the goal argument)'),
    optionLine('--mode <m>', 'answer to the blueprint offer: blueprint (1), custom (2), skip (3)'),
    optionLine('--remediation <r>', 'below 90% completeness: generate (a), continue (b), report (c)'),
    optionLine('--skip-install', 'do not create .venv and pip install the project'),
    optionLine('--skip-validation', 'do not run the deliverables validator afterwards'),
    ...COMMON_OPTIONS.map((o) => optionLine(`--${o.name}`, o.description)),
    '',
    'Your own data (Traditional ML):',
    ...dataOptionLines(),
    '',
    QUESTIONS_HEADING,
    ...questionLines(QUESTIONS),
    ...generationExitLines(),
  ].join('\n');
}

function skillHelpText(skill: Skill): string {
  return [
    `ml-pipeline ${skill} ${generatorVersion()}: skill ${SKILLS.indexOf(skill) + 1} of the blueprint (${SEED_SKILL_NAMES[skill]})`,
    `Writes: ${SKILL_WRITES[skill]}.`,
    '',
    'Usage:',
    `  ml-pipeline ${skill} [options]        into --output (default: the current folder), alone or in a generated project`,
    '',
    'Options:',
    optionLine('-o, --output <dir>', 'folder to generate into'),
    optionLine('--skip-install', 'accepted as for the app; a skill installs nothing'),
    ...COMMON_OPTIONS.map((o) => optionLine(`--${o.name}`, o.description)),
    ...(skill === 'ai-data' ? ['', 'Your own data (Traditional ML; re-derives the schema of a generated project):', ...dataOptionLines()] : []),
    '',
    QUESTIONS_HEADING,
    ...questionLines(questionsOf('app')),
    ...questionLines(questionsOf(skill)),
    ...generationExitLines(),
  ].join('\n');
}

function validateHelpText(): string {
  return [
    `ml-pipeline validate ${generatorVersion()}: check a project against the blueprint's deliverables`,
    '',
    'Usage:',
    '  ml-pipeline validate [dir] [options]        dir: the project folder (default: the current folder)',
    '',
    'Every required file of the chosen maturity must exist and every content check must match, and the',
    'files must be healthy: Python parses, YAML and JSON load, a module defines what its deliverable',
    'needs. Completeness is fulfilled / required x 100.',
    '',
    'Options:',
    optionLine('--maturity <m>', `the maturity to check [${describeChoices(MATURITIES)}] (default: the one in .yo-rc.json)`),
    optionLine('--json', 'print the report as JSON'),
    optionLine('--remediation <r>', 'below 90%: generate (a) re-runs the skills that own what is missing, continue (b),'),
    optionLine('', `report (c) writes ${GAP_REPORT_PATH}`),
    optionLine('--force', 'with --remediation generate: overwrite files you edited'),
    optionLine('--defaults', 'with --remediation generate in a folder without .yo-rc.json: the blueprint defaults'),
    optionLine('-o, --output <dir>', 'same as dir'),
    '',
    'Exit codes:',
    `  ${String(EXIT.ok).padEnd(4)}success: 90% or more`,
    `  ${String(EXIT.warning).padEnd(4)}warning: 70-89%, some deliverables missing`,
    `  ${String(EXIT.failure).padEnd(4)}failure: below 70%, or a critical deliverable missing`,
    `  ${String(EXIT.usage).padEnd(4)}usage error: unknown option or command, bad value, a missing or unreadable folder`,
    `  ${String(EXIT.internal).padEnd(4)}an unexpected error (a bug: please report it)`,
    `  ${String(EXIT.ioError).padEnd(4)}writing failed (--remediation generate or report; the report is still printed)`,
  ].join('\n');
}

/** The known option closest to a mistyped one (`infrastucture` -> `infrastructure`), within 3 edits. */
function closest(name: string, known: readonly string[]): string | undefined {
  const best = known.map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? best.k : undefined;
}

interface Parsed {
  positionals: string[];
  options: Map<string, string | boolean>;
}

/**
 * A small argv reader: `--name value`, `--name=value`, `-o dir`, `-h`, `--` (the rest are
 * positionals). `flags` are pure flags (`--force`, `--no-force`, never a value); `yesNo` options
 * (the yes/no questions) are `--caching`, `--no-caching`, `--caching=false` or `--caching false`:
 * a next word that does not start with `-` is their value. Any other option takes the next word
 * unless it is an option itself. A command line that cannot be read throws an AnswerError.
 */
export function parseArgv(argv: readonly string[], flags: ReadonlySet<string>, yesNo: ReadonlySet<string> = new Set()): Parsed {
  const positionals: string[] = [];
  const options = new Map<string, string | boolean>();
  const show = (v: string | boolean) => (typeof v === 'string' ? `"${v}"` : v ? 'on' : 'off');
  const set = (name: string, value: string | boolean) => {
    const before = options.get(name);
    if (before !== undefined && before !== value) {
      throw new AnswerError(`--${name} is given twice (${show(before)} and ${show(value)}): give it once. Nothing was written.`);
    }
    options.set(name, value);
  };
  const needsFolder = (got?: string) => new AnswerError(
    `--output needs a folder: -o <dir>${got ? ` (got the option ${got}; for a folder whose name starts with "-", write -o ./${got})` : ''}. Nothing was written.`,
  );
  const isOption = (word: string) => word.startsWith('--') || word === '-o' || word === '-h';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    } else if (arg === '-h') {
      set('help', true);
    } else if (arg === '-o' || arg === '--output') {
      if (next === undefined || next.trim() === '') throw needsFolder();
      if (next.startsWith('-')) throw needsFolder(next);
      set('output', next);
      i += 1;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const negated = name.startsWith('no-') && (flags.has(name.slice(3)) || yesNo.has(name.slice(3))) ? name.slice(3) : undefined;
      if (inline !== undefined) {
        if (flags.has(name) || negated) throw new AnswerError(`--${name} takes no value (got "--${name}=${inline}"). Nothing was written.`);
        if (name === 'output' && inline.trim() === '') throw needsFolder();
        set(name, inline);
      } else if (negated) {
        set(negated, false);
      } else if (flags.has(name)) {
        set(name, true);
      } else if (yesNo.has(name)) {
        if (next !== undefined && !next.startsWith('-')) {
          set(name, next);
          i += 1;
        } else set(name, true);
      } else if (next !== undefined && !isOption(next)) {
        set(name, next);
        i += 1;
      } else {
        set(name, true);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new AnswerError(`Unknown option ${arg} (see ml-pipeline --help). Nothing was written.`);
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

/** Commands the first word can name. */
const COMMANDS: readonly string[] = [...GENERATORS, 'help'];

/** Optimal string alignment distance: a swap of two neighbours counts as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_v, i) => Array.from({ length: b.length + 1 }, (_w, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The command a one-word goal most likely mistypes (`servng` -> `serving`), or undefined: one
 * edit for words of up to 4 letters (so that `rag` or `ops` stay goals), two for longer ones.
 */
export function mistypedCommand(word: string): string | undefined {
  if (/\s/.test(word) || COMMANDS.includes(word)) return undefined;
  const lower = word.toLowerCase();
  const limit = lower.length <= 4 ? 1 : 2;
  const best = COMMANDS.map((c) => ({ c, d: editDistance(lower, c) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= limit ? best.c : undefined;
}

/** Yeoman names composed generators by their path (`tmp:nc:repo:mlops#initializing`); errors show the command. */
export function publicMessage(message: string): string {
  return message.replace(/\b(?:[\w.@-]+:)+([a-z-]+)(?:#\w+)?/g, (whole, name: string) => ((GENERATORS as readonly string[]).includes(name) ? `ml-pipeline ${name}` : whole));
}

/** The value of a known option given without one (`--maturity` at the end of the line). */
function needsValue(name: string, spec: QuestionSpec | undefined): AnswerError {
  const what = spec ? `${describeAllowed(spec)}.`
    : name === 'mode' ? `Allowed values: ${describeChoices(OFFER_MODES)}.`
      : name === 'remediation' ? `Allowed values: ${describeChoices(REMEDIATIONS)} (or a, b, c).`
        : name === 'goal' ? 'What you want to build, e.g. --goal "churn prediction".' : '';
  return new AnswerError(`--${name} needs a value. ${what} Nothing was written.`.replace(/\s+Nothing/, ' Nothing'));
}

/**
 * Every argument is checked before any generator runs: option values, the goal and the words
 * after a command. A bad one throws an AnswerError that names the option and what it allows.
 */
function checkArguments(generator: string, rest: readonly string[], options: Map<string, string | boolean>, flags: ReadonlySet<string>): void {
  const questions = new Map(QUESTIONS.map((q) => [optionName(q.name), q]));
  for (const [name, value] of options) {
    const spec = questions.get(name);
    if (flags.has(name)) continue;
    if (value === true && spec?.kind !== 'boolean') throw needsValue(name, spec);
    if (typeof value === 'string' && value.trim() === '' && !spec) throw needsValue(name, spec);
    if (spec) parseAnswer(spec.name, value);
    else if (name === 'mode') parseChoice(OFFER_MODES, value, '--mode');
    else if (name === 'remediation') parseChoice(REMEDIATIONS, value, '--remediation');
  }
  if (generator === 'validate' && rest.length > 1) {
    throw new AnswerError(`validate takes one folder, got ${rest.length}: ${rest.map((r) => `"${r}"`).join(', ')}. Nothing was written.`);
  }
  if (generator !== 'app' && generator !== 'validate' && rest.length > 0) {
    throw new AnswerError(
      `The ${generator} skill takes no goal or other word (got ${rest.map((r) => `"${r}"`).join(', ')}). Nothing was written. ` +
        `A goal goes to the app: ml-pipeline "${rest.join(' ')}".`,
    );
  }
  if (generator === 'app' && rest.length > 0 && options.has('goal')) {
    throw new AnswerError(`The goal is given twice ("${rest.join(' ')}" and --goal "${String(options.get('goal'))}"): give it once. Nothing was written.`);
  }
}

/**
 * An answer the generators read from their in-memory config is reported as "stored in
 * .yo-rc.json"; when the file on disk does not hold that value, the run derived it.
 */
export function honestOrigin(error: unknown, cwd: string): unknown {
  const match = error instanceof AnswerError ? /^Invalid value "(.*)" stored in \.yo-rc\.json for --([a-z-]+)/s.exec(error.message) : null;
  if (!match) return error;
  const [, value, option] = match;
  let stored: unknown;
  try {
    const data = JSON.parse(readFileSync(join(cwd, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    stored = Object.entries(data[GENERATOR_KEY] ?? {}).find(([key]) => optionName(key as QuestionSpec['name']) === option)?.[1];
  } catch {
    stored = undefined;
  }
  if (stored !== undefined && String(stored) === value) return error;
  return new AnswerError(
    (error as AnswerError).message.replace(' stored in .yo-rc.json for', ' derived during this run (not read from any file) for')
      .replace(/ Fix or remove it in \.yo-rc\.json\.$/, ` Pass --${option ?? ''} <value>.`),
  );
}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const questionOptions = QUESTIONS.map((q) => optionName(q.name));
  const yesNo = new Set(QUESTIONS.filter((q) => q.kind === 'boolean').map((q) => optionName(q.name)));
  const flags = new Set([...COMMON_OPTIONS.map((o) => o.name), 'skip-install', 'skip-validation', 'json', 'help', 'version']);
  let parsed: Parsed;
  try {
    parsed = parseArgv(argv, flags, yesNo);
  } catch (error) {
    io.err(`Error: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const { positionals, options } = parsed;

  if (options.get('version')) {
    io.out(generatorVersion());
    return 0;
  }
  const first = positionals[0];
  const generator = first && (GENERATORS as readonly string[]).includes(first) ? first : 'app';
  const rest = generator === first ? positionals.slice(1) : positionals;
  if (options.get('help') || first === 'help') {
    io.out(helpText(first === 'help' ? positionals[1] : generator));
    return 0;
  }
  const typo = first !== undefined && positionals.length === 1 ? mistypedCommand(first) : undefined;
  if (typo) {
    io.err(`Unknown command ${first}. Did you mean ${typo}? (Commands: ${COMMANDS.join(', ')}; a goal of one word that is not close to a command, or of several words, also works.) Nothing was written.`);
    return EXIT.usage;
  }

  const allowed = generator === 'validate' ? VALIDATE_OPTIONS
    : [
      ...questionOptions, ...COMMON_OPTIONS.map((o) => o.name), ...BIN_OPTIONS,
      ...(generator === 'app' ? APP_OPTIONS : generator === 'ai-data' ? AI_DATA_OPTIONS : []),
    ];
  for (const name of options.keys()) {
    if (!allowed.includes(name)) {
      const hint = closest(name, allowed);
      io.err(`Unknown option --${name}${hint ? `. Did you mean --${hint}?` : ''} (see ml-pipeline --help). Nothing was written.`);
      return EXIT.usage;
    }
  }

  try {
    checkArguments(generator, rest, options, flags);
    if (generator === 'validate') return await validateCommand(rest, options, io);
    return await generate(generator, rest, options, io);
  } catch (error) {
    if (error instanceof AnswerError || error instanceof TargetError) {
      io.err(`Error: ${publicMessage(error.message)}`);
      return EXIT.usage;
    }
    if (error instanceof ProjectWriteError) {
      io.err(`Error: ${error.message}`);
      return EXIT.ioError;
    }
    if (error instanceof DataError) {
      io.err(`Error: ${error.message}. Nothing was written.`);
      return EXIT.data;
    }
    io.err(`Error: ${(error as Error).message ?? String(error)}`);
    return EXIT.internal;
  }
}

async function generate(generator: string, positionals: string[], options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const cwd = resolve(String(options.get('output') ?? '.'));
  // The target is checked before the environment exists: yeoman-environment creates its cwd.
  checkTarget(cwd, { force: Boolean(options.get('force')) });
  const args = generator === 'app' && positionals.length > 0 ? [positionals.join(' ')] : [];
  try {
    await runGenerator(generator, cwd, args, options, io);
  } catch (error) {
    throw honestOrigin(error, cwd);
  }
  return EXIT.ok;
}

export async function runGenerator(generator: string, cwd: string, args: string[], options: Map<string, string | boolean>, io: CliIo): Promise<void> {
  const existed = existsSync(cwd);
  const generatorOptions: Record<string, unknown> = { skipInstall: Boolean(options.get('skip-install')) };
  if (!io.interactive) generatorOptions.nonInteractive = true;
  for (const [name, given] of options) {
    if (name === 'output' || name === 'skip-install') continue;
    // The table is named from where the command runs; the generators run in the output folder.
    const value = name === 'data' && typeof given === 'string' && given.trim() !== '' ? resolve(given) : given;
    args.push(value === false ? `--no-${name}` : value === true ? `--${name}` : `--${name}=${value}`);
  }
  // The log and the report go to io.out (stdout), errors to io.err; prompts to the terminal.
  const { adapter, flush } = createBinAdapter({
    out: io.out, err: io.err, color: io.color ?? false,
    promptOutput: process.stdout.isTTY || !process.stderr.isTTY ? process.stdout : process.stderr,
  });
  const env = createEnv({ cwd, skipInstall: generatorOptions.skipInstall as boolean, adapter });
  // A Python project: Yeoman's npm install step (and its "No change to package.json" line) has no
  // place here; the app installs the project's own virtual environment.
  env.watchForPackageManagerInstall = () => undefined;
  for (const name of GENERATORS) env.register(generatorEntry(name), { namespace: `ml-pipeline:${name}` });
  try {
    await env.run([`ml-pipeline:${generator}`, ...args], generatorOptions);
  } finally {
    await flush();
    // A run that failed before writing leaves no empty folder behind either.
    if (!existed && existsSync(cwd) && readdirSync(cwd).length === 0) rmdirSync(cwd);
  }
}
