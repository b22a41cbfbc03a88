/**
 * The inferred schema as the user confirms it: one line per column (name, type, role, missing
 * share, and its categories or range), then what was decided for them (task, id, timestamp,
 * renamed columns, warnings). Plain text, so that the bin's log and a terminal show the same.
 */
import type { ColumnSchema, DatasetSchema } from './infer-schema.js';

const MAX_SHOWN_CATEGORIES = 4;

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function values(column: ColumnSchema): string {
  if (column.kind === 'id') return 'unique';
  if (column.range) return `${formatNumber(column.range[0])} to ${formatNumber(column.range[1])}`;
  if (column.dateRange) {
    const parts = column.role === 'feature' && column.dateParts ? ` (as ${column.dateParts.join(', ')})` : '';
    return `${column.dateRange[0]} to ${column.dateRange[1]}${parts}`;
  }
  if (column.categories) {
    const shown = column.categories.slice(0, MAX_SHOWN_CATEGORIES).join(', ');
    const more = column.categories.length - MAX_SHOWN_CATEGORIES;
    return column.highCardinality ? `${shown}, ... (over ${column.categories.length})` : more > 0 ? `${shown} and ${more} more` : shown;
  }
  return '';
}

function percent(share: number): string {
  if (share === 0) return '0%';
  return share < 0.001 ? '<0.1%' : `${Number((share * 100).toFixed(1))}%`;
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export function schemaPreview(schema: DatasetSchema): string {
  const { source } = schema;
  const sampled = source.sampledRows < source.rows ? ` (row checks on a sample of ${source.sampledRows})` : '';
  const rows = [['column', 'type', 'role', 'missing', 'values']];
  for (const column of schema.columns) {
    const name = column.field === column.name ? column.name : `${column.name} -> ${column.field}`;
    rows.push([name, column.kind, column.role, percent(column.missingRate), values(column)]);
  }
  const target = schema.columns.find((c) => c.role === 'target');
  // Each class with its labeled rows, so that a rare class shows before training does.
  const counted = (c: string): string => (schema.classCounts?.[c] === undefined ? c : `${c}: ${schema.classCounts[c]}`);
  const task = schema.task === 'classification'
    ? `classification of ${target?.name ?? schema.target} into ${schema.classes?.length ?? 0} classes (${(schema.classes ?? []).slice(0, 6).map(counted).join(', ')}${(schema.classes?.length ?? 0) > 6 ? ', ...' : ''})`
    : `regression of ${target?.name ?? schema.target} (${formatNumber(schema.targetRange?.[0] ?? 0)} to ${formatNumber(schema.targetRange?.[1] ?? 0)})`;
  return [
    `${source.file}: ${source.rows} rows, ${schema.columns.length} columns, ${source.format}${source.format === 'parquet' ? '' : ` (delimiter ${JSON.stringify(source.delimiter)})`}${sampled}`,
    '',
    ...table(rows).map((line) => `  ${line}`),
    '',
    `Task: ${task}`,
    `Entity key: ${schema.idColumn ?? 'none: the rows are numbered (row_id)'}`,
    `Event timestamp: ${schema.timestampNote}`,
    ...(schema.fixture === 'synthetic' ? ["Test fixture: 300 synthetic rows drawn from this schema (--fixture synthetic): none of the table's rows go into the project's repository"] : []),
    ...schema.warnings.map((warning) => `Note: ${warning}`),
  ].join('\n');
}
