/**
 * `--data` and its companions: the user's table and what to learn from it. Parsed and checked
 * before anything is read or written; a bad combination is a usage error (exit 64) that names
 * the option, a table that cannot be used is a DataError (exit 65).
 */
import { isAbsolute, resolve } from 'node:path';
import { AnswerError } from '../answers.js';
import { DataError } from './data-error.js';
import { DEFAULT_MIN_ROWS, TASKS, inferSchema, type DatasetSchema, type InferOptions, type Task } from './infer-schema.js';
import { scanTable } from './read-table.js';

export interface DataOptionSpec {
  name: string;
  value: string;
  description: string;
}

export const DATA_OPTIONS: readonly DataOptionSpec[] = [
  { name: 'data', value: '<file>', description: 'your table (.csv, .csv.gz, .tsv, .parquet): a Traditional ML project typed from it' },
  { name: 'target', value: '<column>', description: 'with --data: the column to predict' },
  { name: 'task', value: '<t>', description: `with --data: ${TASKS.join(' or ')} (default: inferred from the target)` },
  { name: 'id-column', value: '<column>', description: 'with --data: the column that identifies a row (default: one named like an id)' },
  { name: 'timestamp-column', value: '<column>', description: 'with --data: the event time for Feast (default: the first date column; none: the file\'s time, every date column a feature)' },
  { name: 'drop', value: '<a,b>', description: 'with --data: columns to leave out' },
  { name: 'min-rows', value: '<n>', description: `with --data: fewest labeled rows accepted (default ${DEFAULT_MIN_ROWS})` },
  { name: 'fixture', value: '<f>', description: "with --data: the tests' fixture: rows (300 of your rows, ids replaced; default) or synthetic (drawn from the schema: none of your rows in the repository)" },
];

export const FIXTURES = ['rows', 'synthetic'] as const;
export type FixtureKind = (typeof FIXTURES)[number];

export interface DataRequest extends InferOptions {
  /** Absolute path of the table. */
  data: string;
  /** What the project's test fixture holds (--fixture); undefined: rows, or what the project chose before. */
  fixture?: FixtureKind;
}

function text(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === false) return undefined;
  return String(raw).trim();
}

/**
 * The data request from the options (`option(name)` gives an option's raw value), or undefined
 * when --data is not given. A relative --data is resolved from `cwd` (where the command runs).
 */
export function dataRequest(option: (name: string) => unknown, cwd: string): DataRequest | undefined {
  const data = text(option('data'));
  const companions = DATA_OPTIONS.slice(1).map((o) => o.name).filter((name) => text(option(name)) !== undefined);
  if (data === undefined) {
    if (companions.length > 0) throw new AnswerError(`--${companions[0] ?? ''} goes with --data <file> (your table). Nothing was written.`);
    return undefined;
  }
  if (data === '') throw new AnswerError('--data needs a file: your table (.csv, .csv.gz, .tsv or .parquet). Nothing was written.');
  const target = text(option('target'));
  if (!target) throw new AnswerError('--data needs --target <column>: the column to predict. Nothing was written.');
  const request: DataRequest = { data: isAbsolute(data) ? data : resolve(cwd, data), target };
  const task = text(option('task'));
  if (task !== undefined) {
    if (!(TASKS as readonly string[]).includes(task)) throw new AnswerError(`Invalid value "${task}" for --task. Allowed: ${TASKS.join(', ')}. Nothing was written.`);
    request.task = task as Task;
  }
  const idColumn = text(option('id-column'));
  if (idColumn) request.idColumn = idColumn;
  const timestampColumn = text(option('timestamp-column'));
  if (timestampColumn) request.timestampColumn = timestampColumn;
  const drop = text(option('drop'));
  if (drop !== undefined) {
    const names = drop.split(',').map((name) => name.trim()).filter(Boolean);
    if (names.length === 0) throw new AnswerError('--drop needs column names, separated by commas. Nothing was written.');
    request.drop = names;
  }
  const fixture = text(option('fixture'));
  if (fixture !== undefined) {
    if (!(FIXTURES as readonly string[]).includes(fixture)) throw new AnswerError(`Invalid value "${fixture}" for --fixture. Allowed: ${FIXTURES.join(', ')}. Nothing was written.`);
    request.fixture = fixture as FixtureKind;
  }
  const minRows = text(option('min-rows'));
  if (minRows !== undefined) {
    if (!/^[1-9][0-9]*$/.test(minRows)) throw new AnswerError(`Invalid value "${minRows}" for --min-rows: a whole number of rows, 1 or more. Nothing was written.`);
    request.minRows = Number(minRows);
  }
  return request;
}

/** Reads the table once and infers its schema; a DataError says what is wrong with it. */
export async function loadDataset(request: DataRequest): Promise<DatasetSchema> {
  const scan = await scanTable(request.data);
  const schema = supported(inferSchema(scan, request));
  return request.fixture === 'synthetic' ? { ...schema, fixture: 'synthetic' } : schema;
}

/** Labeled rows a class needs: the stratified split puts a fifth of them in each of validation and test. */
export const MIN_ROWS_PER_CLASS = 10;

/**
 * What this version can type a project for: a class label (two or more classes, each with enough
 * rows for the stratified split) or a number, and features that the checks can shift and blank.
 * Anything else is refused before anything is written.
 */
export function supported(schema: DatasetSchema): DatasetSchema {
  const counts = Object.entries(schema.classCounts ?? {});
  const rare = counts.filter(([, n]) => n < MIN_ROWS_PER_CLASS);
  if (schema.task === 'classification' && rare.length > 0) {
    const listed = rare.slice(0, 5).map(([c, n]) => `${c}: ${n}`).join(', ');
    throw new DataError('unsupported-task', `${schema.target} has classes with fewer than ${MIN_ROWS_PER_CLASS} labeled rows (${listed}${rare.length > 5 ? ', ...' : ''}): each class needs at least ${MIN_ROWS_PER_CLASS} for the stratified train/validation/test split; merge the rare classes or remove their rows`);
  }
  // The drift checks, the compiled model and the tests shift and blank a numeric feature.
  const features = schema.columns.filter((c) => c.role === 'feature' && c.kind !== 'datetime');
  if (!features.some((c) => c.kind === 'integer' || c.kind === 'float') || features.length < 2) {
    throw new DataError('unsupported-task', `${schema.source.file} leaves ${features.length} feature(s) (${features.map((c) => `${c.name}: ${c.kind}`).join(', ') || 'none'}): this version needs at least two, one of them numeric`);
  }
  return schema;
}

export { DataError };
