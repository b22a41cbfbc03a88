/**
 * The schema of the user's table, decided from one scan (read-table.ts): each column's kind and
 * role, the task, and every problem that must stop generation before anything is written
 * (DataError) or that the report must mention (warnings). Pure: the same scan and options give
 * the same schema.
 */
import { BOOLEAN_WORDS, isMissing, type ColumnStats } from './column-stats.js';
import { DataError } from './data-error.js';
import { pythonFields } from './python-names.js';
import type { TableFormat, TableScan } from './read-table.js';

export type ColumnKind = 'integer' | 'float' | 'boolean' | 'categorical' | 'datetime' | 'text' | 'id';
export type ColumnRole = 'feature' | 'target' | 'id' | 'timestamp' | 'dropped';
export type Task = 'classification' | 'regression';
/** What a date feature becomes for the model: the parts that vary in the data, as numbers. */
export type DatePart = 'year' | 'month' | 'day' | 'day_of_week' | 'hour';
/** --timestamp-column none: no column of the file is the event timestamp (every date is a feature). */
export const NO_TIMESTAMP = 'none';
export const TASKS: readonly Task[] = ['classification', 'regression'];

/** Categories a categorical keeps; a column with more is high-cardinality. */
export const CATEGORY_CAP = 50;
/** An integer label with more distinct values than this is a regression target. */
export const MAX_CLASSES_FOR_INTEGERS = 20;
export const DEFAULT_MIN_ROWS = 100;
/** Free text: long values, mostly with spaces, mostly different. */
const TEXT_MEAN_LENGTH = 25;

export interface ColumnSchema {
  /** As in the file. */
  name: string;
  /** The Python identifier the project uses (python-names.ts). */
  field: string;
  kind: ColumnKind;
  role: ColumnRole;
  /** Share of missing cells, 0-1. */
  missingRate: number;
  /** Categories (most frequent first, at most CATEGORY_CAP), for categoricals and booleans. */
  categories?: string[];
  /** More distinct values than CATEGORY_CAP: the top ones are encoded, the rest grouped. */
  highCardinality?: boolean;
  /** Observed numeric range. */
  range?: [number, number];
  /** Observed date range (ISO text). */
  dateRange?: [string, string];
  /** A date feature's parts (datePartsOf): year only for years, + month for months, + day and weekday for days, + hour for times. */
  dateParts?: DatePart[];
  /** Why the column is dropped or what was decided about it. */
  note?: string;
}

export interface DatasetSchema {
  source: { file: string; format: TableFormat; delimiter: string; rows: number; sampledRows: number };
  task: Task;
  /** Field of the target column. */
  target: string;
  /** Classification: the labels, sorted. */
  classes?: string[];
  /** Classification: labeled rows per class (the whole file). */
  classCounts?: Record<string, number>;
  /** Regression: the observed range of the target. */
  targetRange?: [number, number];
  /** The project's test fixture holds synthetic rows, none of the table's (--fixture synthetic). */
  fixture?: 'synthetic';
  /** Rows without a label, dropped by the project's ingestion. */
  unlabeledRows: number;
  /** Field of the entity key, or null when the project numbers the rows. */
  idColumn: string | null;
  /** Field of the event timestamp, or null when the load time stands in; note says which. */
  timestampColumn: string | null;
  timestampNote: string;
  columns: ColumnSchema[];
  /** Names changed into Python identifiers. */
  renamed: { from: string; to: string }[];
  warnings: string[];
}

export interface InferOptions {
  target: string;
  idColumn?: string;
  timestampColumn?: string;
  task?: Task;
  drop?: readonly string[];
  minRows?: number;
}

const ID_NAME = /(^id$|_id$|^id_|[a-z]Id$|ID$|^uuid$|^key$)/;

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function topCategories(stats: ColumnStats): string[] {
  return [...stats.distinct.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CATEGORY_CAP).map(([value]) => value);
}

/** The parts of a date column that vary at its resolution: a year column (every value 1 January) gives its year only. */
export function datePartsOf(stats: ColumnStats): DatePart[] {
  if (stats.dateWithTime > 0) return ['year', 'month', 'day', 'day_of_week', 'hour'];
  if (stats.dateNotFirstDay > 0) return ['year', 'month', 'day', 'day_of_week'];
  if (stats.dateNotJanuary > 0) return ['year', 'month'];
  return ['year'];
}

/** --timestamp-column none, unless the file has a column of that name. */
function noTimestamp(scan: TableScan, options: InferOptions): boolean {
  return options.timestampColumn === NO_TIMESTAMP && !scan.header.includes(NO_TIMESTAMP);
}

function sampleUnique(scan: TableScan, index: number): boolean {
  const seen = new Set<string>();
  for (const row of scan.sample) {
    const value = row[index];
    if (value === null || value === undefined) continue;
    if (seen.has(value)) return false;
    seen.add(value);
  }
  return seen.size > 0;
}

/** The kind of a column from its values alone; 'mixed' when numbers and text share it. */
function valueKind(stats: ColumnStats, unique: boolean): ColumnKind | 'mixed' {
  const present = stats.present;
  if (stats.datetime === present) return 'datetime';
  if (stats.booleanWord === present && stats.distinct.size <= 2 && !stats.overflow) return 'boolean';
  if (stats.numeric === present) {
    if (stats.leadingZero > 0) return 'categorical'; // 02139: a code, read as text
    return stats.integer === present ? 'integer' : 'float';
  }
  if (share(stats.numeric, present) >= 0.5) return 'mixed';
  const meanLength = share(stats.lengthSum, present);
  if (meanLength >= TEXT_MEAN_LENGTH && share(stats.withSpace, present) >= 0.5 && (unique || stats.overflow)) return 'text';
  return 'categorical';
}

function ensureColumns(scan: TableScan, names: readonly string[], option: string): void {
  for (const name of names) {
    if (!scan.header.includes(name)) {
      throw new DataError(option === '--target' ? 'no-target' : 'bad-option', `${option} ${JSON.stringify(name)} is not a column of ${scan.path}; its columns: ${scan.header.join(', ')}`);
    }
  }
}

/**
 * A feature that equals the target in every sampled row, or (classification) whose values map
 * one to one onto the labels.
 */
function leaksLabel(scan: TableScan, feature: number, target: number, task: Task): boolean {
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  let equal = true;
  let oneToOne = task === 'classification';
  let pairs = 0;
  for (const row of scan.sample) {
    const f = row[feature] ?? null;
    const t = row[target] ?? null;
    if (isMissing(f) || isMissing(t)) continue;
    pairs += 1;
    if (f.trim() !== t.trim() && Number(f) !== Number(t)) equal = false;
    if (oneToOne && ((forward.get(f) ?? t) !== t || (backward.get(t) ?? f) !== f)) oneToOne = false;
    forward.set(f, t);
    backward.set(t, f);
    if (!equal && !oneToOne) return false;
  }
  return pairs > 0 && (equal || (oneToOne && forward.size >= 2));
}

export function inferSchema(scan: TableScan, options: InferOptions): DatasetSchema {
  const drop = options.drop ?? [];
  ensureColumns(scan, [options.target], '--target');
  ensureColumns(scan, drop, '--drop');
  if (options.idColumn !== undefined) ensureColumns(scan, [options.idColumn], '--id-column');
  if (options.timestampColumn !== undefined && !noTimestamp(scan, options)) ensureColumns(scan, [options.timestampColumn], '--timestamp-column');
  if (drop.includes(options.target)) throw new DataError('bad-option', `--drop names the target ${options.target}`);

  const fields = pythonFields(scan.header);
  const warnings: string[] = [];
  const targetIndex = scan.header.indexOf(options.target);
  const targetStats = scan.stats[targetIndex] as ColumnStats;
  const labeled = targetStats.present;
  const minRows = options.minRows ?? DEFAULT_MIN_ROWS;

  if (labeled === 0) throw new DataError('no-target', `the target ${options.target} has no values`);
  if (targetStats.distinct.size === 1 && !targetStats.overflow) {
    throw new DataError('constant-target', `the target ${options.target} is constant (${[...targetStats.distinct.keys()][0] ?? ''}): there is nothing to learn`);
  }
  if (labeled < minRows) {
    throw new DataError('too-few-rows', `${scan.path} has ${labeled} labeled rows; at least ${minRows} are needed (--min-rows)`);
  }
  if (targetStats.missing > 0) warnings.push(`${targetStats.missing} rows have no ${options.target} and are dropped`);
  if (scan.sample.length < scan.rows) warnings.push(`${scan.rows} rows: the row-by-row checks used a random sample of ${scan.sample.length}`);

  // The task, from the label unless given.
  const targetKind = valueKind(targetStats, false);
  const numericTarget = targetKind === 'integer' || targetKind === 'float';
  const manyValues = targetStats.overflow || targetStats.distinct.size > MAX_CLASSES_FOR_INTEGERS;
  const task: Task = options.task ?? (targetKind === 'float' || (targetKind === 'integer' && manyValues) ? 'regression' : 'classification');
  if (task === 'regression' && !numericTarget) {
    throw new DataError('bad-option', `--task regression needs a numeric target; ${options.target} holds ${targetKind === 'mixed' ? 'numbers and text' : 'text'} (e.g. ${targetStats.notNumbers.join(', ')})`);
  }
  if (task === 'classification' && (targetStats.overflow || targetStats.distinct.size > CATEGORY_CAP)) {
    throw new DataError('bad-option', `${options.target} has more than ${CATEGORY_CAP} distinct values: too many classes; is it a regression target (--task regression)?`);
  }

  const columns: ColumnSchema[] = scan.header.map((name, index) => {
    const stats = scan.stats[index] as ColumnStats;
    const field = fields[index] as string;
    const missingRate = share(stats.missing, stats.present + stats.missing);
    if (index === targetIndex) {
      return { name, field, kind: targetKind === 'mixed' ? 'categorical' : targetKind, role: 'target', missingRate, ...(task === 'regression' ? { range: [stats.min, stats.max] as [number, number] } : {}) };
    }
    if (drop.includes(name)) return { name, field, kind: 'categorical', role: 'dropped', missingRate, note: 'dropped by --drop' };
    if (stats.present === 0) {
      throw new DataError('empty-column', `column ${name} has no values (100% missing): remove it or pass --drop ${name}`);
    }
    const unique = sampleUnique(scan, index);
    const kind = valueKind(stats, unique);
    if (kind === 'mixed') {
      throw new DataError('mixed-types', `column ${name} mixes numbers and text: ${stats.present - stats.numeric} of ${stats.present} values are not numbers (e.g. ${stats.notNumbers.map((v) => JSON.stringify(v)).join(', ')}); fix them or pass --drop ${name}`);
    }
    const column: ColumnSchema = { name, field, kind, role: 'feature', missingRate };
    if (kind === 'integer' || kind === 'float') column.range = [stats.min, stats.max];
    if (kind === 'datetime') Object.assign(column, { dateRange: [stats.dateMin, stats.dateMax], dateParts: datePartsOf(stats) });
    if (kind === 'boolean') column.categories = [...stats.distinct.keys()].sort((a, b) => Number(BOOLEAN_WORDS.get(b.toLowerCase())) - Number(BOOLEAN_WORDS.get(a.toLowerCase())));
    if (kind === 'categorical') {
      column.categories = topCategories(stats);
      if (stats.overflow || stats.distinct.size > CATEGORY_CAP) column.highCardinality = true;
    }
    if (kind === 'text') {
      column.role = 'dropped';
      column.note = 'free text: not used as a feature (the preprocessing encodes numbers, categories, booleans and dates)';
    }
    return column;
  });

  // The entity key: given, or a unique column named like an id.
  let idColumn: ColumnSchema | undefined;
  if (options.idColumn !== undefined) {
    idColumn = columns[scan.header.indexOf(options.idColumn)];
    if (!sampleUnique(scan, scan.header.indexOf(options.idColumn))) throw new DataError('bad-option', `--id-column ${options.idColumn} has repeated values: an id must identify one row`);
  } else {
    idColumn = columns.find((c, i) => c.role === 'feature' && ID_NAME.test(c.name) && (c.kind === 'integer' || c.kind === 'categorical') && sampleUnique(scan, i));
  }
  if (idColumn) Object.assign(idColumn, { kind: 'id', role: 'id', note: 'the entity key (Feast), not a feature' });

  // Left-over nearly unique categoricals carry no signal a model can use: dropped, said. Other
  // high-cardinality ones are dropped too: the API types a categorical as an enum of its values,
  // and values past the cap would be refused at serving time.
  for (const [index, column] of columns.entries()) {
    if (column.role === 'feature' && column.kind === 'categorical' && column.highCardinality) {
      const note = sampleUnique(scan, index)
        ? 'nearly every value is different (an identifier?): not used as a feature'
        : `more than ${CATEGORY_CAP} categories: not used as a feature (encode it yourself, e.g. as counts, or pass --drop)`;
      Object.assign(column, { role: 'dropped', note });
    }
  }

  // The event timestamp Feast needs.
  let timestamp: ColumnSchema | undefined;
  if (noTimestamp(scan, options)) {
    timestamp = undefined;
  } else if (options.timestampColumn !== undefined) {
    timestamp = columns[scan.header.indexOf(options.timestampColumn)];
    if (timestamp?.kind !== 'datetime') throw new DataError('bad-option', `--timestamp-column ${options.timestampColumn} does not hold dates (ISO 8601, e.g. 2024-05-31 or 2024-05-31T12:00:00)`);
  } else {
    timestamp = columns.find((c) => c.role === 'feature' && c.kind === 'datetime');
  }
  if (timestamp) Object.assign(timestamp, { role: 'timestamp', note: "Feast's event timestamp" });
  const timestampNote = timestamp
    ? `${timestamp.name} is the event timestamp`
    : noTimestamp(scan, options)
      ? '--timestamp-column none: the time the file was last modified stands in for the event timestamp Feast needs'
      : 'no date column: the time the file was last modified stands in for the event timestamp Feast needs';

  for (const column of columns) {
    if (column.role === 'dropped' && column.note && !column.note.startsWith('dropped by')) warnings.push(`${column.name}: ${column.note}`);
  }

  for (const [index, column] of columns.entries()) {
    if (column.role === 'feature' && leaksLabel(scan, index, targetIndex, task)) {
      throw new DataError('label-leak', `column ${column.name} equals the target ${options.target} on every row (a label leak): pass --drop ${column.name}`);
    }
  }
  if (!columns.some((c) => c.role === 'feature')) {
    throw new DataError('no-features', `${scan.path} has no column left to learn ${options.target} from`);
  }

  const classes = task === 'classification' ? [...targetStats.distinct.keys()].sort() : undefined;
  const classCounts = classes ? Object.fromEntries(classes.map((c) => [c, targetStats.distinct.get(c) ?? 0])) : undefined;
  return {
    source: { file: scan.path, format: scan.format, delimiter: scan.delimiter, rows: scan.rows, sampledRows: scan.sample.length },
    task,
    target: fields[targetIndex] as string,
    ...(classes ? { classes, classCounts } : { targetRange: [targetStats.min, targetStats.max] as [number, number] }),
    unlabeledRows: targetStats.missing,
    idColumn: idColumn?.field ?? null,
    timestampColumn: timestamp?.field ?? null,
    timestampNote,
    columns,
    renamed: scan.header.flatMap((name, i) => (fields[i] === name ? [] : [{ from: name, to: fields[i] as string }])),
    warnings,
  };
}
