/**
 * What a user-table project carries of the user's data: the test fixture (a few hundred real
 * rows, ids replaced by row numbers) and the copy of the table under data/raw. Both are written
 * from the table itself at generation, never from .yo-rc.json, which holds only the schema.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetSchema } from './infer-schema.js';
import { random, type TableScan } from './read-table.js';

export const FIXTURE_PATH = 'tests/fixtures/sample_data.csv';
export const FIXTURE_ROWS = 300;

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The fixture: `rows` rows drawn at random from the scan's sample and kept in the sample's
 * order (a sorted file does not give a one-class fixture), as CSV with the file's own header.
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
  const chosen = order.slice(0, rows).sort((a, b) => a - b);
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
