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
  { name: 'timestamp-column', value: '<column>', description: "with --data: the event time for Feast (default: the first date column)" },
  { name: 'drop', value: '<a,b>', description: 'with --data: columns to leave out' },
  { name: 'min-rows', value: '<n>', description: `with --data: fewest labeled rows accepted (default ${DEFAULT_MIN_ROWS})` },
];

export interface DataRequest extends InferOptions {
  /** Absolute path of the table. */
  data: string;
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
  return supported(inferSchema(scan, request));
}

/**
 * This version types projects for binary classification and regression; a multiclass target is
 * refused before anything is written rather than generated into a project that mislabels it.
 */
export function supported(schema: DatasetSchema): DatasetSchema {
  const classes = schema.classes ?? [];
  if (schema.task === 'classification' && classes.length !== 2) {
    throw new DataError('unsupported-task', `${schema.target} has ${classes.length} classes (${classes.slice(0, 5).join(', ')}${classes.length > 5 ? ', ...' : ''}): this version generates classification projects for two classes only (or, for a numeric target, --task regression)`);
  }
  // The drift checks, the compiled model and the tests shift and blank a numeric feature.
  const features = schema.columns.filter((c) => c.role === 'feature' && c.kind !== 'datetime');
  if (!features.some((c) => c.kind === 'integer' || c.kind === 'float') || features.length < 2) {
    throw new DataError('unsupported-task', `${schema.source.file} leaves ${features.length} feature(s) (${features.map((c) => `${c.name}: ${c.kind}`).join(', ') || 'none'}): this version needs at least two, one of them numeric`);
  }
  return schema;
}

export { DataError };
