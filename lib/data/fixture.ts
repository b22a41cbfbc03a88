/**
 * What a user-table project carries of the user's data: the test fixture (a few hundred real
 * rows, ids replaced by row numbers) and the copy of the table under data/raw. Both are written
 * from the table itself at generation, never from .yo-rc.json, which holds only the schema.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ColumnSchema, DatasetSchema } from './infer-schema.js';
import { isMissing } from './column-stats.js';
import { random, type TableScan } from './read-table.js';

export const FIXTURE_PATH = 'tests/fixtures/sample_data.csv';
export const FIXTURE_ROWS = 300;
/** Rows of each class the fixture holds at least (or all the table has): the project's tests split it, stratified. */
export const FIXTURE_MIN_PER_CLASS = 20;

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The fixture: `rows` rows drawn at random from the scan's sample and kept in the sample's
 * order (a sorted file does not give a one-class fixture), with at least FIXTURE_MIN_PER_CLASS
 * rows of every class the sample has enough of, as CSV with the file's own header.
 * The id column, when there is one, is replaced by row numbers: the fixture is committed to
 * the project's repository, and ids are what ties a row to a person.
 */
export function fixtureCsv(scan: TableScan, schema: DatasetSchema, rows = FIXTURE_ROWS): string {
  const next = random(20_251_202);
  const order = scan.sample.map((_, index) => index);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const chosen = withEveryClass(scan, schema, order, rows).sort((a, b) => a - b);
  const idName = schema.columns.find((c) => c.field === schema.idColumn)?.name;
  const idIndex = idName === undefined ? -1 : scan.header.indexOf(idName);
  const lines = [scan.header.map(csvCell).join(',')];
  chosen.forEach((sampleIndex, n) => {
    const row = [...(scan.sample[sampleIndex] ?? [])];
    if (idIndex >= 0) row[idIndex] = String(n + 1);
    lines.push(scan.header.map((_, column) => csvCell(row[column] ?? null)).join(','));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The first `rows` of `order`, where a class that drew fewer than FIXTURE_MIN_PER_CLASS rows takes
 * more of its rows from the rest of `order`, in place of rows of the class that drew the most (a
 * rare class would otherwise be missing from the project's test split). Unchanged for a
 * regression target and when every class drew enough.
 */
function withEveryClass(scan: TableScan, schema: DatasetSchema, order: number[], rows: number): number[] {
  const chosen = order.slice(0, rows);
  const labelName = schema.columns.find((c) => c.field === schema.target)?.name;
  const labelIndex = labelName === undefined ? -1 : scan.header.indexOf(labelName);
  if (schema.task !== 'classification' || labelIndex < 0 || order.length <= rows) return chosen;
  const labelOf = (index: number): string | null => {
    const raw = scan.sample[index]?.[labelIndex] ?? null;
    // An unlabeled row ("NA", blank) is no class: ingestion drops it.
    return isMissing(raw) ? null : raw.trim();
  };
  const byClass = new Map<string, number[]>();
  for (const index of chosen) {
    const label = labelOf(index);
    if (label !== null) byClass.set(label, [...(byClass.get(label) ?? []), index]);
  }
  for (const index of order.slice(rows)) {
    const label = labelOf(index);
    if (label === null) continue;
    const drawn = byClass.get(label) ?? [];
    if (drawn.length >= FIXTURE_MIN_PER_CLASS || byClass.size === 0) continue;
    const [, largest] = [...byClass.entries()].reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const given = largest.pop() as number;
    chosen.splice(chosen.indexOf(given), 1, index);
    byClass.set(label, [...drawn, index]);
  }
  return chosen;
}

/** Significant digits of a synthetic float: enough to look like a measurement. */
const SYNTHETIC_DIGITS = 4;

function uniformIn(next: () => number, [low, high]: [number, number]): number {
  return low + (high - low) * next();
}

function numberCell(value: number, column: ColumnSchema): string {
  if (column.kind === 'integer') return String(Math.round(value));
  const [low, high] = column.range ?? [0, 1];
  const decimals = Math.max(0, SYNTHETIC_DIGITS - Math.ceil(Math.log10(Math.max(high - low, 1e-9))));
  return value.toFixed(Math.min(decimals, 10));
}

/** A normal draw (Box-Muller), for the noise that keeps the synthetic label from being a pure rule. */
function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * Rows of each class: proportional to the class's labeled rows in the table, at least
 * FIXTURE_MIN_PER_CLASS each, summing to `rows`.
 */
function classSizes(schema: DatasetSchema, rows: number): number[] {
  const classes = schema.classes ?? [];
  const counts = classes.map((c) => schema.classCounts?.[c] ?? 1);
  const total = counts.reduce((a, b) => a + b, 0);
  const sizes = counts.map((n) => Math.max(FIXTURE_MIN_PER_CLASS, Math.round((rows * n) / total)));
  // Rounding and the minimum leave a remainder: the largest class absorbs it.
  const largest = sizes.indexOf(Math.max(...sizes));
  sizes[largest] = (sizes[largest] ?? 0) + rows - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

/**
 * The fixture for a user who keeps the table's rows out of the project's repository (--fixture
 * synthetic): `rows` rows drawn from the inferred schema alone, in the file's columns. Numbers
 * are uniform within their observed range, categories uniform, dates within their observed
 * range, cells blank at each column's observed missing rate, ids numbered; columns left out
 * stay blank. The label follows a fixed rule of the features plus noise (a weighted sum of the
 * scaled numbers and the categories' positions), cut into the classes in proportion to the
 * table's class counts or mapped onto the target's range, so that the project's learning tests
 * have a signal to find. No value of the table is copied except category names and ranges.
 */
export function syntheticFixtureCsv(schema: DatasetSchema, rows = FIXTURE_ROWS): string {
  const next = random(20_251_202);
  const columns = schema.columns;
  const used = (c: ColumnSchema): boolean => c.role === 'feature';
  const cells: string[][] = Array.from({ length: rows }, () => columns.map(() => ''));
  const score = new Array<number>(rows).fill(0);
  let weight = 1;
  columns.forEach((column, j) => {
    for (let i = 0; i < rows; i += 1) {
      const row = cells[i] as string[];
      if (column.role === 'id') row[j] = String(i + 1);
      else if ((used(column) || column.role === 'timestamp') && column.kind === 'datetime' && column.dateRange) {
        const [from, to] = column.dateRange.map((d) => Date.parse(d)) as [number, number];
        const date = new Date(uniformIn(next, [from, to]));
        row[j] = column.dateRange[0].length <= 10 ? date.toISOString().slice(0, 10) : date.toISOString().replace('.000Z', 'Z');
      } else if (used(column) && column.range) {
        const value = uniformIn(next, column.range);
        row[j] = numberCell(value, column);
        const [low, high] = column.range;
        score[i] = (score[i] ?? 0) + weight * (high > low ? (2 * (value - low)) / (high - low) - 1 : 0);
      } else if (used(column) && column.categories && column.categories.length > 0) {
        const pick = Math.floor(next() * column.categories.length);
        row[j] = column.categories[pick] ?? '';
        const k = column.categories.length;
        score[i] = (score[i] ?? 0) + weight * (k > 1 ? (2 * pick) / (k - 1) - 1 : 0);
      }
    }
    if (used(column) && (column.range || column.categories)) weight = -weight * 0.8;
  });
  // Blanks after the label's score: a gap in a feature is not a different row.
  columns.forEach((column, j) => {
    if (!used(column) || column.missingRate === 0) return;
    for (const row of cells) if (next() < column.missingRate) row[j] = '';
  });
  const noisy = score.map((value) => value + 0.25 * gaussian(next));
  const target = columns.findIndex((c) => c.field === schema.target);
  const order = noisy.map((_, i) => i).sort((a, b) => (noisy[a] ?? 0) - (noisy[b] ?? 0));
  if (schema.task === 'classification') {
    // The lowest scores take the first class, the next ones the second, and so on.
    const classes = schema.classes ?? [];
    let rank = 0;
    classSizes(schema, rows).forEach((size, c) => {
      for (const i of order.slice(rank, rank + size)) (cells[i] as string[])[target] = classes[c] ?? '';
      rank += size;
    });
  } else {
    const column = columns[target] as ColumnSchema;
    const [low, high] = schema.targetRange ?? column.range ?? [0, 1];
    const [least, most] = [Math.min(...noisy), Math.max(...noisy)];
    noisy.forEach((value, i) => {
      const scaled = most > least ? low + ((value - least) / (most - least)) * (high - low) : (low + high) / 2;
      (cells[i] as string[])[target] = numberCell(scaled, { ...column, range: [low, high] });
    });
  }
  const lines = [columns.map((c) => csvCell(c.name)).join(','), ...cells.map((row) => row.map((cell) => csvCell(cell === '' ? null : cell)).join(','))];
  return `${lines.join('\n')}\n`;
}

/**
 * The project's fixture: the table's rows, or synthetic ones when the user keeps them out. The
 * table is read only for its rows: a synthetic fixture needs the schema alone.
 */
export async function projectFixtureCsv(readScan: () => Promise<TableScan>, schema: DatasetSchema): Promise<string> {
  return schema.fixture === 'synthetic' ? syntheticFixtureCsv(schema) : fixtureCsv(await readScan(), schema);
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type CopyOutcome = 'copied' | 'identical' | 'kept' | 'replaced';

/**
 * Copies the user's table into the project (streamed: a table is never held in memory). A copy
 * that differs from the table is the user's to keep unless `force`.
 */
export async function copyTable(source: string, target: string, force: boolean): Promise<CopyOutcome> {
  if (existsSync(target)) {
    const same = statSync(target).size === statSync(source).size && (await sha256(target)) === (await sha256(source));
    if (same) return 'identical';
    if (!force) return 'kept';
    await copyFile(source, target);
    return 'replaced';
  }
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
  return 'copied';
}
