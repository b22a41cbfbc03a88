/**
 * One streaming pass over the user's table (CSV, CSV.gz or parquet): a column's statistics over
 * every row, and a seeded random sample of rows (reservoir) for the checks that compare columns
 * row by row. The file is never loaded whole: memory is bounded by the sample size, the
 * distinct-value cap and, for parquet, one batch of rows.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import { addValue, newColumnStats, type ColumnStats } from './column-stats.js';
import { DataError } from './data-error.js';

export type TableFormat = 'csv' | 'csv.gz' | 'parquet';

export interface TableScan {
  path: string;
  format: TableFormat;
  /** The CSV field delimiter (sniffed from the header line). */
  delimiter: string;
  header: string[];
  rows: number;
  stats: ColumnStats[];
  /** Up to sampleRows rows, drawn uniformly from the file (the whole file when it is smaller). */
  sample: (string | null)[][];
}

export interface ScanOptions {
  /** Rows kept for the row-by-row checks (default 20,000). */
  sampleRows?: number;
  seed?: number;
  /** Called every 100,000 rows (for progress, and for the memory test). */
  onProgress?: (rows: number) => void;
}

export const DEFAULT_SAMPLE_ROWS = 20_000;
const PARQUET_BATCH_ROWS = 65_536;
const DELIMITERS = [',', ';', '\t', '|'];

export function tableFormat(path: string): TableFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv.gz')) return 'csv.gz';
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return 'parquet';
  if (['.csv', '.tsv', '.txt'].includes(extname(lower))) return 'csv';
  return undefined;
}

/** mulberry32: a small seeded generator, so that the same file gives the same sample (and fixture). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Accumulates rows: statistics of every row, a reservoir sample of them. */
class RowSink {
  readonly stats: ColumnStats[];
  readonly sample: (string | null)[][] = [];
  rows = 0;
  private readonly next: () => number;

  constructor(readonly header: string[], private readonly sampleRows: number, seed: number, private readonly onProgress?: (rows: number) => void) {
    this.stats = header.map((name) => newColumnStats(name));
    this.next = random(seed);
  }

  add(row: (string | null)[]): void {
    this.rows += 1;
    for (let i = 0; i < this.stats.length; i += 1) addValue(this.stats[i] as ColumnStats, row[i] ?? null);
    if (this.sample.length < this.sampleRows) this.sample.push(row);
    else {
      const slot = Math.floor(this.next() * this.rows);
      if (slot < this.sampleRows) this.sample[slot] = row;
    }
    if (this.rows % 100_000 === 0) this.onProgress?.(this.rows);
  }
}

/** Byte offset of the first byte that is not valid UTF-8 (-1 when all of it is). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return -1; // cut by the chunk: the next chunk decides
    for (let k = 1; k < length; k += 1) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** Refuses bytes that are not UTF-8 text, naming the offset; passes the rest through. */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  constructor(private readonly path: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.offset === 0 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      done(new DataError('encoding', `${this.path} is UTF-16 text; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)`));
      return;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      done(new DataError('not-a-table', `${this.path} is not a table: it holds binary data (a zero byte at offset ${this.offset + nul})`));
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      const at = firstInvalidUtf8(chunk);
      done(new DataError('encoding', `${this.path} is not UTF-8: byte 0x${(chunk[Math.max(at, 0)] ?? 0).toString(16).padStart(2, '0')} at offset ${this.offset + Math.max(at, 0)}; save it as UTF-8 (for example: iconv -f LATIN1 -t UTF-8)`));
      return;
    }
    this.offset += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(new DataError('encoding', `${this.path} is not UTF-8: it ends inside a character`));
    }
  }
}

/** The delimiter of the header line: the most frequent of , ; tab | outside quotes. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

async function firstLine(path: string, gzipped: boolean): Promise<string> {
  const source = createReadStream(path, { highWaterMark: 64 * 1024 });
  const stream = gzipped ? source.pipe(createGunzip()) : source;
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      const end = text.search(/\r?\n/);
      if (end >= 0) return text.slice(0, end);
      if (text.length > 1024 * 1024) break;
    }
  } catch (error) {
    throw new DataError('not-a-table', `${path} is not a gzip file: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
  return text;
}

async function scanCsv(path: string, format: 'csv' | 'csv.gz', options: Required<Omit<ScanOptions, 'onProgress'>> & ScanOptions): Promise<TableScan> {
  const delimiter = path.toLowerCase().endsWith('.tsv') ? '\t' : sniffDelimiter((await firstLine(path, format === 'csv.gz')).replace(/^\uFEFF/, ''));
  let sink: RowSink | undefined;
  const parser = parse({ delimiter, bom: true, skip_empty_lines: true, trim: false, relax_column_count: false });
  const rows = new Transform({
    objectMode: true,
    transform(record: string[], _encoding, done) {
      if (sink === undefined) sink = new RowSink(record.map((name) => name.trim()), options.sampleRows, options.seed, options.onProgress);
      else sink.add(record);
      done();
    },
  });
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stages = format === 'csv.gz' ? [source, createGunzip(), new Utf8Check(path), parser, rows] : [source, new Utf8Check(path), parser, rows];
  try {
    await pipeline(stages);
  } catch (error) {
    if (error instanceof DataError) throw error;
    if (error instanceof CsvError) {
      throw new DataError('not-a-table', `${path} is not a table: ${error.message.replace(/^Invalid Record Length: /, '')}`);
    }
    if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') throw new DataError('not-a-table', `${path} is not a gzip file: ${(error as Error).message}`);
    throw error;
  }
  if (sink === undefined) throw new DataError('not-a-table', `${path} is not a table: it has no header line`);
  return { path, format, delimiter, header: sink.header, rows: sink.rows, stats: sink.stats, sample: sink.sample };
}

/** A parquet cell as the text a CSV would hold (null for missing). */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace('.000Z', 'Z');
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

async function scanParquet(path: string, options: Required<Omit<ScanOptions, 'onProgress'>> & ScanOptions): Promise<TableScan> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const file = await asyncBufferFromFile(path);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DataError('not-a-table', `${path} is not a parquet file: ${(error as Error).message}`);
  }
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  const sink = new RowSink(header, options.sampleRows, options.seed, options.onProgress);
  const total = Number(metadata.num_rows);
  for (let start = 0; start < total; start += PARQUET_BATCH_ROWS) {
    const batch: unknown[][] = [];
    await parquetRead({ file, metadata, compressors, rowStart: start, rowEnd: Math.min(start + PARQUET_BATCH_ROWS, total), onComplete: (rows) => batch.push(...(rows as unknown[][])) });
    for (const row of batch) sink.add(row.map(cellText));
  }
  return { path, format: 'parquet', delimiter: ',', header, rows: sink.rows, stats: sink.stats, sample: sink.sample };
}

/** Reads the table at path once; a DataError says what is wrong with it. */
export async function scanTable(path: string, options: ScanOptions = {}): Promise<TableScan> {
  const format = tableFormat(path);
  if (format === undefined) throw new DataError('not-a-table', `${path} is not a table file: use .csv, .csv.gz, .tsv or .parquet`);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DataError('missing', `${path} is not a file`);
    size = info.size;
    await (await open(path, 'r')).close(); // readable?
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError('missing', code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? String(error)})`);
  }
  if (size === 0) throw new DataError('not-a-table', `${path} is empty`);
  const settings = { sampleRows: options.sampleRows ?? DEFAULT_SAMPLE_ROWS, seed: options.seed ?? 42, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  return format === 'parquet' ? scanParquet(path, settings) : scanCsv(path, format, settings);
}
