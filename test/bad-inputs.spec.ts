/**
 * Bad command lines for the bin, one row each. Every row must exit 64 (EXIT.usage) with a message
 * that names the option and what it allows (values or range), and leave the disk as it was: every
 * file's sha256 and every folder of the row's whole sandbox, before and after. Rows with the
 * `project` fixture run inside a copy of a project generated once in `before`, so "nothing
 * changed" is proven on a real project too.
 *
 * The table and its runner are exported (the `describe` below only runs under mocha):
 * `node scripts/bad-inputs-table.js` prints it as Markdown after `npm run build`.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as cli from '../lib/cli.js';
import { EXIT } from '../lib/exit-codes.js';

/**
 * The folder the command runs in (its working directory, inside a sandbox that is checksummed
 * whole): empty, a copy of a generated project, one holding a file `a-file`, or one holding
 * someone else's files (notes.txt, src/main.py).
 */
export type Fixture = 'empty' | 'project' | 'file' | 'foreign';

export interface BadInput {
  /** Which point of the brief it covers: yes/no, names, folders, arguments, numbers, values, options. */
  about: string;
  /** The arguments after `ml-pipeline`. */
  argv: readonly string[];
  fixture: Fixture;
  code: number;
  /** The first line of stderr must match: the option (or command, or folder) and what it allows. */
  message: RegExp;
}

const row = (about: string, argv: readonly string[], message: RegExp, fixture: Fixture = 'empty'): BadInput =>
  ({ about, argv, fixture, code: EXIT.usage, message });

/** `--defaults --skip-install -o p` plus the row's own arguments: a fresh target that must not appear. */
const fresh = (...args: string[]): string[] => ['--defaults', '--skip-install', ...args, '-o', 'p'];

const BLUEPRINT_ML = /Allowed values: traditional-ml \(1\), deep-learning \(2\), llm-rag \(3\), time-series \(4\)/;
const YES_NO = /Allowed values: true, false \(also yes\/no, y\/n, on\/off, 1\/0\)/;

export const BAD_INPUTS: readonly BadInput[] = [
  // 1. Yes/no questions take an optional yes/no value; pure flags take none.
  row('yes/no', fresh('--caching', 'maybe'), new RegExp(`Invalid value "maybe" for --caching\\. ${YES_NO.source}`)),
  row('yes/no', fresh('--batching', 'maybe'), new RegExp(`Invalid value "maybe" for --batching\\. ${YES_NO.source}`)),
  row('yes/no', fresh('--data-versioning', 'perhaps'), new RegExp(`Invalid value "perhaps" for --data-versioning\\. ${YES_NO.source}`)),
  row('yes/no', fresh('--caching='), new RegExp(`Invalid value "" for --caching\\. ${YES_NO.source}`)),
  row('yes/no', fresh('--no-caching=false'), /--no-caching takes no value \(got "--no-caching=false"\)/),
  row('yes/no', fresh('--force=yes'), /--force takes no value \(got "--force=yes"\)/),
  row('yes/no', ['--skip-install', '--caching', 'maybe'], new RegExp(`Invalid value "maybe" for --caching\\. ${YES_NO.source}`), 'project'),

  // 2. Names: the Python package must be importable and shadow nothing; files must carry the text.
  row('names', fresh('--project-name', 'class'), /Invalid value "class" for --project-name: its Python package would be "class", a Python keyword.*would not parse.*"class-project"/),
  row('names', fresh('--project-name', 'import'), /Invalid value "import" for --project-name: .*"import", a Python keyword/),
  row('names', fresh('--project-name', 'lambda'), /Invalid value "lambda" for --project-name: .*"lambda", a Python keyword/),
  row('names', fresh('--project-name', 'json'), /Invalid value "json" for --project-name: .*"json", the name of a Python standard-library module/),
  row('names', fresh('--project-name', 'mlflow'), /Invalid value "mlflow" for --project-name: .*"mlflow", the import name of mlflow, a dependency/),
  row('names', fresh('--project-name', 'great-expectations'), /for --project-name: .*"great_expectations", the import name of great-expectations/),
  row('names', fresh('--project-name', 'src'), /Invalid value "src" for --project-name: .*own top-level packages \(src\/\)/),
  row('names', fresh('--project-name', 'tests'), /Invalid value "tests" for --project-name: .*own top-level packages \(tests\/\)/),
  row('names', fresh('--project-name', 'My-Project'), /Invalid value "My-Project" for --project-name: project name must be kebab-case \(lowercase letters, digits, single dashes, starting with a letter\)/),
  row('names', fresh('--project-name', '2024-churn'), /Invalid value "2024-churn" for --project-name: project name must be kebab-case/),
  row('names', fresh('--project-name', 'a'.repeat(41)), /for --project-name: project name must be at most 40 characters, got 41/),
  row('names', fresh('--project-name', '  '), /Invalid value " {2}" for --project-name: project name must be kebab-case/),
  row('names', ['--skip-install', '--project-name', 'class'], /Invalid value "class" for --project-name: .*a Python keyword/, 'project'),
  row('names', fresh('--registered-model-name', 'yes'), /Invalid value "yes" for --registered-model-name: model name "yes" would be read as a boolean or null/),
  row('names', fresh('--registered-model-name', '2024'), /for --registered-model-name: model name must start with a letter and hold only letters, digits, "\.", "_" and "-"/),
  row('names', fresh('--registered-model-name', 'churn/v2'), /for --registered-model-name: model name must start with a letter and hold only letters, digits/),
  row('names', fresh('--description', 'R&D churn'), /Invalid value "R&D churn" for --description: description must be one non-empty line without " \\ & < > or '/),
  row('names', fresh('--description', 'C:\\models'), /for --description: description must be one non-empty line without " \\ & < > or '/),
  row('names', fresh('--description', '   '), /Invalid value " {3}" for --description: description must be one non-empty line/),
  row('names', fresh('--description', 'two\nlines'), /for --description: description must be one non-empty line/),

  // 4. Arguments.
  row('arguments', ['--defaults', '--skip-install', '--output'], /^Error: --output needs a folder: -o <dir>\. Nothing was written\./),
  row('arguments', ['--defaults', '--skip-install', '-o'], /^Error: --output needs a folder: -o <dir>\./),
  row('arguments', ['-o', '--skip-install', '--defaults'], /--output needs a folder: -o <dir> \(got the option --skip-install; for a folder whose name starts with "-", write -o \.\/--skip-install\)/),
  row('arguments', ['--defaults', '--skip-install', '--output='], /--output needs a folder/),
  row('arguments', ['servng', '--defaults', '--skip-install', '-o', 'p'], /^Unknown command servng\. Did you mean serving\?/),
  row('arguments', ['experiment', '--defaults', '--skip-install', '-o', 'p'], /^Unknown command experiment\. Did you mean experiments\?/),
  row('arguments', ['valdiate'], /^Unknown command valdiate\. Did you mean validate\?/),
  row('arguments', ['servng', '--skip-install'], /^Unknown command servng\. Did you mean serving\?/, 'project'),
  row('arguments', ['serving', 'foo', '--defaults', '--skip-install', '-o', 'p'], /The serving skill takes no goal or other word \(got "foo"\)/),
  row('arguments', ['mlops', 'churn', 'model', '--skip-install'], /The mlops skill takes no goal or other word \(got "churn", "model"\)/, 'project'),
  row('arguments', fresh('--infrastructure', 'local', '--cloud-provider', 'gcp'), /--cloud-provider applies only with --infrastructure cloud-vms, and here --infrastructure is local/),
  row('arguments', fresh('--managed-platform', 'vertex-ai'), /--managed-platform applies only with --infrastructure managed-platform, and here --infrastructure is cloud-vms/),
  row('arguments', fresh('--maturity', 'starter', '--drift-threshold', '0.4'), /--drift-threshold applies only with --maturity production or advanced, and here --maturity is starter/),
  row('arguments', fresh('--maturity', 'starter', '--latency-slo-ms', '300'), /--latency-slo-ms applies only with --maturity production or advanced, and here --maturity is starter/),
  row('arguments', ['serving', ...fresh('--infrastructure', 'kubernetes', '--cloud-provider', 'gcp')], /--cloud-provider applies only with --infrastructure cloud-vms, and here --infrastructure is kubernetes/),
  row('arguments', ['--skip-install', '--infrastructure', 'local', '--cloud-provider', 'gcp'], /--cloud-provider applies only with --infrastructure cloud-vms, and here --infrastructure is local/, 'project'),
  row('arguments', ['--skip-install', '--managed-platform', 'sagemaker'], /--managed-platform applies only with --infrastructure managed-platform, and here --infrastructure is cloud-vms/, 'project'),
  row('arguments', ['observability', '--skip-install', '--maturity', 'starter', '--drift-threshold', '0.5'], /--drift-threshold applies only with --maturity production or advanced, and here --maturity is starter/, 'project'),
  row('arguments', fresh('--maturity', 'starter', '--maturity', 'advanced'), /--maturity is given twice \("starter" and "advanced"\): give it once/),
  row('arguments', ['churn', ...fresh('--goal', 'fraud')], /The goal is given twice \("churn" and --goal "fraud"\)/),
  row('arguments', fresh('--goal', ' '), /--goal needs a value\. What you want to build/),
  row('arguments', fresh('--maturity'), /--maturity needs a value\. Allowed values: starter \(1\), production \(2\), advanced \(3\)/),
  row('arguments', ['validate', 'one', 'two'], /validate takes one folder, got 2: "one", "two"/),

  // Numbers: plain decimal digits (integers) and plain decimal notation (numbers), in range.
  row('numbers', fresh('--sample-rows', '1e4'), /Invalid value "1e4" for --sample-rows: not a whole number in plain decimal digits\. .*between 1000 and 10000000/),
  row('numbers', fresh('--sample-rows', '0x2710'), /Invalid value "0x2710" for --sample-rows: not a whole number in plain decimal digits\. .*between 1000 and 10000000/),
  row('numbers', fresh('--sample-rows', '10,000'), /Invalid value "10,000" for --sample-rows: .*between 1000 and 10000000/),
  row('numbers', fresh('--latency-slo-ms', '-0'), /Invalid value "-0" for --latency-slo-ms: negative zero\. .*between 1 and 60000 ms/),
  row('numbers', fresh('--test-size', 'Infinity'), /Invalid value "Infinity" for --test-size: not a number in plain decimal notation\. .*between 0 and 0\.5 \(exclusive\)/),
  row('numbers', fresh('--test-size', ''), /Invalid value "" for --test-size: empty\. .*between 0 and 0\.5 \(exclusive\)/),
  row('numbers', fresh('--cv-folds', '   '), /Invalid value " {3}" for --cv-folds: empty\. .*between 2 and 20/),
  row('numbers', fresh('--registration-threshold', '9e-1'), /Invalid value "9e-1" for --registration-threshold: .*between 0 and 1 \(exclusive\)/),
  row('numbers', fresh('--api-port', '+9100'), /Invalid value "\+9100" for --api-port: .*between 1024 and 65535 and outside 8000-8999/),
  row('numbers', fresh('--api-port', '9100.5'), /Invalid value "9100\.5" for --api-port: not a whole number in plain decimal digits/),
  row('numbers', ['--skip-install', '--sample-rows', '1e4'], /Invalid value "1e4" for --sample-rows: .*between 1000 and 10000000/, 'project'),

  // Out-of-range values of every numeric question.
  row('values', fresh('--sample-rows', '999'), /Invalid value "999" for --sample-rows: must be between 1000 and 10000000, got 999/),
  row('values', fresh('--test-size', '0.5'), /Invalid value "0\.5" for --test-size: must be between 0 and 0\.5 \(exclusive\), got 0\.5/),
  row('values', fresh('--registration-threshold', '1'), /Invalid value "1" for --registration-threshold: must be between 0 and 1 \(exclusive\), got 1/),
  row('values', fresh('--cv-folds', '21'), /Invalid value "21" for --cv-folds: must be between 2 and 20, got 21/),
  row('values', fresh('--cv-folds', '2.5'), /Invalid value "2\.5" for --cv-folds: not a whole number in plain decimal digits\. .*between 2 and 20/),
  row('values', fresh('--api-port', '8080'), /Invalid value "8080" for --api-port: must be between 1024 and 65535 and outside 8000-8999 \(Prefect's ephemeral server uses that range\), got 8080/),
  row('values', fresh('--api-port', '80'), /Invalid value "80" for --api-port: must be between 1024 and 65535/),
  row('values', fresh('--drift-threshold', '0'), /Invalid value "0" for --drift-threshold: must be between 0 and 1 \(exclusive\), got 0/),
  row('values', fresh('--latency-slo-ms', '60001'), /Invalid value "60001" for --latency-slo-ms: must be between 1 and 60000 ms, got 60001/),
  row('values', ['serving', '--skip-install', '--api-port', '8500'], /Invalid value "8500" for --api-port: must be between 1024 and 65535 and outside 8000-8999/, 'project'),

  // Unknown values of every choice question, and of --mode and --remediation.
  row('values', fresh('--ml-type', 'quantum'), new RegExp(`Invalid value "quantum" for --ml-type\\. ${BLUEPRINT_ML.source}`)),
  row('values', fresh('--infrastructure', 'mainframe'), /Invalid value "mainframe" for --infrastructure\. Allowed values: local \(1\), cloud-vms \(2\), kubernetes \(3\), managed-platform \(4\)/),
  row('values', fresh('--maturity', 'expert'), /Invalid value "expert" for --maturity\. Allowed values: starter \(1\), production \(2\), advanced \(3\)/),
  row('values', fresh('--cloud-provider', 'azure'), /Invalid value "azure" for --cloud-provider\. Allowed values: aws, gcp/),
  row('values', fresh('--infrastructure', 'managed-platform', '--managed-platform', 'azure-ml'), /Invalid value "azure-ml" for --managed-platform\. Allowed values: sagemaker, vertex-ai/),
  row('values', fresh('--model-type', 'xgboost'), /Invalid value "xgboost" for --model-type\. Allowed values: random_forest, gradient_boosting, logistic_regression/),
  row('values', fresh('--primary-metric', 'rmse'), /Invalid value "rmse" for --primary-metric\. Allowed values: accuracy, f1, roc_auc/),
  row('values', fresh('--mode', '4'), /Invalid value "4" for --mode\. Allowed values: blueprint \(1\), custom \(2\), skip \(3\)/),
  row('values', fresh('--remediation', 'd'), /Invalid value "d" for --remediation\. Allowed values: generate, continue, report/),
  row('values', ['validate', '--maturity', 'expert'], /Invalid value "expert" for --maturity\. Allowed values: starter \(1\), production \(2\), advanced \(3\)/),
  row('values', ['--skip-install', '--infrastructure', 'mainframe'], /Invalid value "mainframe" for --infrastructure\. Allowed values: local \(1\)/, 'project'),

  // Unknown options.
  row('options', fresh('--infrastucture', 'local'), /^Unknown option --infrastucture\. Did you mean --infrastructure\?/),
  row('options', fresh('-x'), /^Error: Unknown option -x \(see ml-pipeline --help\)/),
  row('options', ['serving', ...fresh('--goal', 'churn')], /^Unknown option --goal/),
  row('options', ['validate', '--caching'], /^Unknown option --caching/),

  // 3. Folders, and what cannot be answered or generated.
  row('folders', ['--defaults', '--skip-install', '-o', 'a-file/project'], /Cannot generate into .*a-file\/project: .*a-file is a file, not a folder/, 'file'),
  row('folders', ['--defaults', '--skip-install', '-o', 'a-file'], /Cannot generate into .*a-file: it is a file, not a folder/, 'file'),
  row('folders', ['--defaults', '--skip-install', '-o', '/proc/ml-pipeline-project'], /Cannot generate into \/proc\/ml-pipeline-project: \/proc is not writable/),
  row('folders', ['--defaults', '--skip-install'], /is not empty and was not generated by generator-ml-pipeline \(it holds: notes\.txt, src\)\. Nothing was written\. .*--force/, 'foreign'),
  row('folders', ['serving', '--defaults', '--skip-install'], /is not empty and was not generated by generator-ml-pipeline \(it holds: notes\.txt, src\)/, 'foreign'),
  row('folders', ['--mode', 'blueprint', '--skip-install', '-o', 'p'], /No answer for --ml-type and no terminal to ask: pass --ml-type <value>, or --defaults/),
];

/** Every file's sha256 and every folder under root (paths relative to it). */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const key = relative(root, path);
      if (entry.isDirectory()) {
        out.set(`${key}/`, 'folder');
        walk(path);
      } else if (entry.isSymbolicLink()) {
        out.set(key, `link to ${readlinkSync(path)}`);
      } else {
        out.set(key, createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(root);
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

export interface RowResult {
  code: number;
  out: string;
  err: string;
  /** Paths of the sandbox that the command added, removed or changed. */
  changed: string[];
}

/** Runs `main` in a sandbox prepared for the row's fixture; `project` is the generated project to copy. */
export async function runRow(input: BadInput, project?: string): Promise<RowResult> {
  const sandbox = mkdtempSync(join(tmpdir(), 'mlp-bad-input-'));
  const cwd = join(sandbox, 'here');
  try {
    if (input.fixture === 'project') {
      if (!project) throw new Error('the project fixture needs a generated project');
      cpSync(project, cwd, { recursive: true });
    } else {
      mkdirSync(cwd);
    }
    if (input.fixture === 'file') writeFileSync(join(cwd, 'a-file'), 'not a folder');
    if (input.fixture === 'foreign') {
      writeFileSync(join(cwd, 'notes.txt'), 'my notes');
      mkdirSync(join(cwd, 'src'));
      writeFileSync(join(cwd, 'src', 'main.py'), 'print("mine")');
    }
    const before = snapshot(sandbox);
    let out = '';
    let err = '';
    const previous = process.cwd();
    process.chdir(cwd);
    let code: number;
    try {
      code = await cli.main(input.argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, interactive: false });
    } finally {
      process.chdir(previous);
    }
    return { code, out, err, changed: changes(before, snapshot(sandbox)) };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

/** Generates the project the `project` rows run in (defaults, no install); returns its folder. */
export async function generateProject(parent: string): Promise<string> {
  const dir = join(parent, 'churn-model');
  const silent = { out: () => undefined, err: () => undefined, interactive: false };
  const code = await cli.main(['--defaults', '--skip-install', '--skip-validation', '-o', dir], silent);
  if (code !== 0) throw new Error(`generating the project for the bad-input rows exited ${code}`);
  return dir;
}

/** How a row reads on a command line (for test titles and the Markdown table). */
export function commandLine(input: BadInput): string {
  const quote = (a: string) => (/[\p{Cc}]/u.test(a) ? `$'${a.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
    : a === '' || /[\s"'\\&<>$!|;*?]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a);
  return ['ml-pipeline', ...input.argv.map(quote)].join(' ');
}

/** Namespaces Yeoman gives generators registered by path, or a task name: never shown to users. */
const INTERNAL = /[\w.-]+:[\w.-]+:[a-z-]+|#(initializing|prompting|configuring|composing|writing|install|end)\b/;

async function runGenerated(argv: string[], cwd: string): Promise<{ code: number; err: string }> {
  let err = '';
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await cli.main(argv, { out: () => undefined, err: (t) => { err += `${t}\n`; }, interactive: false });
    return { code, err };
  } finally {
    process.chdir(previous);
  }
}

if (typeof describe === 'function') {
  describe('bad inputs to the bin: exit 64, a message naming the option and what it allows, nothing written', function () {
    this.timeout(120_000);
    let parent: string;
    let project: string;
    before(async () => {
      parent = mkdtempSync(join(tmpdir(), 'mlp-bad-inputs-'));
      project = await generateProject(parent);
    });
    after(() => rmSync(parent, { recursive: true, force: true }));

    it('has at least 40 rows, and rows for every question option, inside a project too', () => {
      assert.ok(BAD_INPUTS.length >= 40, `${BAD_INPUTS.length} rows`);
      assert.ok(BAD_INPUTS.filter((r) => r.fixture === 'project').length >= 8);
      const named = new Set(BAD_INPUTS.flatMap((r) => r.argv.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0])));
      for (const option of ['--ml-type', '--infrastructure', '--maturity', '--project-name', '--description', '--data-versioning',
        '--cloud-provider', '--managed-platform', '--sample-rows', '--test-size', '--model-type', '--primary-metric',
        '--registration-threshold', '--cv-folds', '--registered-model-name', '--api-port', '--batching', '--caching',
        '--drift-threshold', '--latency-slo-ms', '--mode', '--remediation', '--output', '--goal']) {
        assert.ok(named.has(option), `no row for ${option}`);
      }
    });

    for (const input of BAD_INPUTS) {
      it(`${input.about}: ${commandLine(input)}${input.fixture === 'empty' ? '' : ` (in ${input.fixture === 'project' ? 'a generated project' : input.fixture === 'file' ? 'a folder holding a file a-file' : "a folder of someone else's files"})`}`, async () => {
        const result = await runRow(input, project);
        assert.equal(result.code, input.code, `exit code; stderr: ${result.err}`);
        const first = result.err.split('\n')[0] ?? '';
        assert.match(first, input.message);
        assert.doesNotMatch(result.err, INTERNAL, 'no Yeoman namespace or task name in the message');
        assert.deepEqual(result.changed, [], 'nothing written, changed or removed');
      });
    }
  });

  describe('inputs the bad-input fixes must keep working', function () {
    this.timeout(120_000);
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'mlp-good-inputs-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const stored = (project: string): Record<string, unknown> =>
      (JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-ml-pipeline'] ?? {};

    it('reads --caching false, --data-versioning no, --batching=off, --caching alone and --no-batching as the user meant', async () => {
      const result = await runGenerated(['--defaults', '--skip-install', '--skip-validation', '--caching', 'false', '--data-versioning', 'no',
        '--batching=off', '-o', 'p'], dir);
      assert.equal(result.code, 0, result.err);
      const answers = stored(join(dir, 'p'));
      assert.deepEqual([answers.caching, answers.dataVersioning, answers.batching], [false, false, false]);
      const flagged = await runGenerated(['--defaults', '--skip-install', '--skip-validation', '--caching', '--no-batching', '-o', 'q'], dir);
      assert.equal(flagged.code, 0, flagged.err);
      assert.deepEqual([stored(join(dir, 'q')).caching, stored(join(dir, 'q')).batching], [true, false]);
    });

    it('reads the yes/no forms and stops a value at the next option', () => {
      const flags = new Set(['defaults', 'force', 'skip-install']);
      const yesNo = new Set(['caching', 'batching']);
      const parsed = cli.parseArgv(['--caching', 'false', '--batching', '--defaults', 'churn'], flags, yesNo);
      assert.deepEqual(Object.fromEntries(parsed.options), { caching: 'false', batching: true, defaults: true });
      assert.deepEqual(parsed.positionals, ['churn']);
      const more = cli.parseArgv(['--no-caching', '--batching=yes', '--force', '--', '--not-an-option'], flags, yesNo);
      assert.deepEqual(Object.fromEntries(more.options), { caching: false, batching: 'yes', force: true });
      assert.deepEqual(more.positionals, ['--not-an-option']);
    });

    it('generates into a folder whose name starts with a digit, naming the project after it', async () => {
      const folder = join(dir, '2024-churn');
      mkdirSync(folder);
      const result = await runGenerated(['--defaults', '--skip-install', '--skip-validation'], folder);
      assert.equal(result.code, 0, result.err);
      assert.doesNotMatch(result.err, /stored in \.yo-rc\.json/);
      assert.equal(stored(folder).projectName, 'ml-2024-churn');
    });

    it('accepts --cloud-provider alone in a Cloud VMs project, and a goal near no command or of several words', async () => {
      const result = await runGenerated(['servng', 'model', '--defaults', '--skip-install', '--skip-validation', '-o', 'p'], dir);
      assert.equal(result.code, 0, result.err);
      const gcp = await runGenerated(['--cloud-provider', 'gcp', '--skip-install', '--skip-validation'], join(dir, 'p'));
      assert.equal(gcp.code, 0, gcp.err);
      assert.equal(stored(join(dir, 'p')).cloudProvider, 'gcp');
      for (const goal of ['rag', 'llm', 'ops', 'churn', 'fraud', 'forecasting', 'chatbot', 'vision', 'images', 'tabular', 'monitoring',
        'deployment', 'pipeline', 'regression', 'clustering', 'mlflow', 'data', 'vector', 'observe', 'assemble']) {
        assert.equal(cli.mistypedCommand(goal), undefined, goal);
      }
      for (const [typo, command] of [['servng', 'serving'], ['Serving', 'serving'], ['mlop', 'mlops'], ['valdiate', 'validate'], ['hlep', 'help'],
        ['observabilty', 'observability'], ['vectordb', 'vector-db'], ['ai_data', 'ai-data'], ['asembling', 'assembling']] as const) {
        assert.equal(cli.mistypedCommand(typo), command, typo);
      }
    });

    it('says "stored in .yo-rc.json" only of a value that the file on disk holds', async () => {
      const { AnswerError } = await import('../lib/answers.js');
      const stored = new AnswerError('Invalid value "2024-churn" stored in .yo-rc.json for --project-name: bad. Fix or remove it in .yo-rc.json.');
      const derived = cli.honestOrigin(stored, dir) as Error;
      assert.equal(derived.message, 'Invalid value "2024-churn" derived during this run (not read from any file) for --project-name: bad. Pass --project-name <value>.');
      writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'generator-ml-pipeline': { projectName: '2024-churn' } }));
      assert.equal(cli.honestOrigin(stored, dir), stored);
    });

    it('never shows Yeoman\'s internal namespace', () => {
      assert.equal(cli.publicMessage('An error occured while running tmp:nc:repo:mlops#initializing'), 'An error occured while running ml-pipeline mlops');
      assert.equal(cli.publicMessage('models:/churn@champion failed; Allowed values: local'), 'models:/churn@champion failed; Allowed values: local');
    });
  });
}
