import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { DataError, type DataProblem } from '../lib/data/data-error.js';
import { packagePath } from '../lib/paths.js';
import { inferSchema, type DatasetSchema, type InferOptions } from '../lib/data/infer-schema.js';
import { hasTimeOfDay } from '../lib/data/column-stats.js';
import { schemaPreview } from '../lib/data/preview.js';
import { pythonFields, snakeCase } from '../lib/data/python-names.js';
import { firstInvalidUtf8, scanTable, sniffDelimiter } from '../lib/data/read-table.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlp-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A CSV of `rows` rows from a function of the row number. */
function csv(name: string, header: string[], rows: number, row: (i: number) => (string | number)[]): string {
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i += 1) lines.push(row(i).join(','));
  return file(name, `${lines.join('\n')}\n`);
}

async function infer(path: string, options: InferOptions): Promise<DatasetSchema> {
  return inferSchema(await scanTable(path), options);
}

async function refused(path: string, options: InferOptions, kind: DataProblem, message: RegExp): Promise<void> {
  await assert.rejects(infer(path, options), (error: unknown) => {
    assert.ok(error instanceof DataError, String(error));
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, message);
    return true;
  });
}

const column = (schema: DatasetSchema, name: string) => {
  const found = schema.columns.find((c) => c.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
};

describe('data inference: column kinds and roles', () => {
  it('reads missing cells as pandas does (NA, empty, null, N/A) and counts their share', async () => {
    const path = csv('nulls.csv', ['income', 'city', 'label'], 200, (i) => [i % 4 === 0 ? ['NA', '', 'null', 'N/A'][i % 16 / 4] ?? '' : 1000 + i, i % 5 === 0 ? '' : ['a', 'b', 'c'][i % 3] ?? 'a', i % 2]);
    const schema = await infer(path, { target: 'label' });
    assert.deepEqual([column(schema, 'income').kind, column(schema, 'income').missingRate], ['integer', 0.25]);
    assert.deepEqual([column(schema, 'city').kind, column(schema, 'city').missingRate, column(schema, 'city').categories?.sort()], ['categorical', 0.2, ['a', 'b', 'c']]);
    assert.equal(schema.task, 'classification');
    assert.deepEqual(schema.classes, ['0', '1']);
  });

  it('finds the id column by name and uniqueness, and the event timestamp among the dates', async () => {
    const path = csv('ids.csv', ['customer_id', 'signup', 'spend', 'churned'], 150, (i) => [`C${String(i).padStart(5, '0')}`, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, (i * 1.5).toFixed(2), i % 3 === 0 ? 'yes' : 'no']);
    const schema = await infer(path, { target: 'churned' });
    assert.deepEqual([column(schema, 'customer_id').kind, column(schema, 'customer_id').role], ['id', 'id']);
    assert.equal(schema.idColumn, 'customer_id');
    assert.deepEqual([column(schema, 'signup').kind, column(schema, 'signup').role, column(schema, 'signup').dateRange], ['datetime', 'timestamp', ['2024-01-01', '2024-01-28']]);
    assert.equal(schema.timestampColumn, 'signup');
    assert.deepEqual([column(schema, 'spend').kind, column(schema, 'spend').range], ['float', [0, 223.5]]);
    assert.deepEqual(schema.classes, ['no', 'yes']);
  });

  it('reads a date other than the event timestamp as a feature, with the parts that vary at its resolution', async () => {
    const day = (i: number) => String((i % 28) + 1).padStart(2, '0');
    const month = (i: number) => String((i % 12) + 1).padStart(2, '0');
    const path = csv('dates.csv', ['seen', 'built', 'billed', 'signup', 'login', 'label'], 150, (i) => [
      `2024-02-${day(i)}`, `${1990 + (i % 30)}-01-01`, `2023-${month(i)}-01`, `2023-${month(i)}-${day(i)}`,
      i % 10 === 0 ? '' : `2024-01-${day(i)}T${String(i % 24).padStart(2, '0')}:30:00`, i % 2,
    ]);
    const schema = await infer(path, { target: 'label', timestampColumn: 'seen' });
    assert.equal(schema.timestampColumn, 'seen');
    assert.equal(column(schema, 'seen').dateParts?.join(), 'year,month,day,day_of_week', 'the timestamp keeps its parts for --timestamp-column none later');
    const parts = ['built', 'billed', 'signup', 'login'].map((name) => [column(schema, name).role, column(schema, name).dateParts?.join(' ')]);
    assert.deepEqual(parts, [
      ['feature', 'year'], ['feature', 'year month'], ['feature', 'year month day day_of_week'], ['feature', 'year month day day_of_week hour'],
    ]);
    assert.equal(column(schema, 'login').missingRate, 0.1);
  });

  it('counts a time as a time of day unless it is midnight UTC: an offset moves midnight to another hour', () => {
    const cases: [string, boolean][] = [
      ['2024-05-31', false], ['2024-05-31T00:00', false], ['2024-05-31 00:00:00.000', false], ['2024-05-31T00:00:00Z', false],
      ['2024-05-31T00:00:00+00:00', false], ['2024-05-31T00:00:00-0000', false], ['2024-05-31T12:00', true],
      ['2024-05-31T00:00:01', true], ['2024-05-31T00:00:00+02:00', true], ['2024-05-31T00:00-0530', true],
    ];
    assert.deepEqual(cases.map(([value]) => [value, hasTimeOfDay(value)]), cases);
  });

  it('--timestamp-column none: no column is the event timestamp, every date is a feature, and the preview says so', async () => {
    const path = csv('none.csv', ['day', 'x', 'y'], 120, (i) => [`2023-03-${String((i % 28) + 1).padStart(2, '0')}`, i % 7, i % 2]);
    assert.equal((await infer(path, { target: 'y' })).timestampColumn, 'day');
    const schema = await infer(path, { target: 'y', timestampColumn: 'none' });
    assert.deepEqual([schema.timestampColumn, column(schema, 'day').role, column(schema, 'day').dateParts], [null, 'feature', ['year', 'month', 'day', 'day_of_week']]);
    assert.match(schema.timestampNote, /^--timestamp-column none: the time the file was last modified stands in/);
    assert.ok(schemaPreview(schema).split('\n').includes('  day     datetime  feature  0%       2023-03-01 to 2023-03-28 (as year, month, day, day_of_week)'), schemaPreview(schema));
    // A column named "none" is that column.
    const named = csv('named.csv', ['none', 'x', 'y'], 120, (i) => [`2023-03-${String((i % 28) + 1).padStart(2, '0')}`, i % 7, i % 2]);
    assert.equal((await infer(named, { target: 'y', timestampColumn: 'none' })).timestampColumn, 'none');
  });

  it('says what stands in for the event timestamp when there is no date column, and that no id means numbered rows', async () => {
    const schema = await infer(csv('plain.csv', ['x', 'y'], 120, (i) => [i % 7, i % 2]), { target: 'y' });
    assert.equal(schema.timestampColumn, null);
    assert.match(schema.timestampNote, /no date column: the time the file was last modified stands in/);
    assert.equal(schema.idColumn, null);
  });

  it('reads yes/no, true/false and Y/N as booleans, true first', async () => {
    const path = csv('bools.csv', ['paperless', 'active', 'flag', 'label'], 120, (i) => [i % 4 < 2 ? 'Yes' : 'No', i % 3 ? 'true' : 'false', i % 2 ? 'Y' : 'N', i % 2]);
    const schema = await infer(path, { target: 'label', drop: ['flag'] });
    assert.deepEqual([column(schema, 'paperless').kind, column(schema, 'paperless').categories], ['boolean', ['Yes', 'No']]);
    assert.deepEqual([column(schema, 'active').kind, column(schema, 'active').categories], ['boolean', ['true', 'false']]);
    assert.equal(column(schema, 'flag').role, 'dropped');
  });

  it('keeps numeric-looking codes with leading zeros (zip codes) as categories, not numbers', async () => {
    const zips = ['02139', '10001', '02115', '94105'];
    const schema = await infer(csv('zips.csv', ['zip', 'amount', 'label'], 160, (i) => [zips[i % 4] ?? '', i, i % 2]), { target: 'label' });
    assert.deepEqual([column(schema, 'zip').kind, column(schema, 'zip').categories?.sort()], ['categorical', ['02115', '02139', '10001', '94105']]);
  });

  it('maps unicode and odd column names to Python fields and records the mapping', async () => {
    const path = csv('unicode.csv', ['Température (°C)', '数量', 'class', 'MonthlyCharges', 'ok_name'], 120, (i) => [20 + (i % 9), i, i % 2, i * 2, i % 4]);
    const schema = await infer(path, { target: 'class' });
    assert.deepEqual(schema.columns.map((c) => c.field), ['temperature_c', 'column_2', 'class_', 'monthly_charges', 'ok_name']);
    assert.deepEqual(schema.renamed, [
      { from: 'Température (°C)', to: 'temperature_c' }, { from: '数量', to: 'column_2' }, { from: 'class', to: 'class_' }, { from: 'MonthlyCharges', to: 'monthly_charges' },
    ]);
    assert.equal(schema.target, 'class_');
  });

  it('gives fields that are unique, not keywords, and never start with a digit', () => {
    assert.deepEqual(pythonFields(['a b', 'a-b', 'A_B', '1st', 'def', '', '__x']), ['a_b', 'a_b_2', 'a_b_3', 'col_1st', 'def_', 'column_6', 'x']);
    assert.equal(snakeCase('ÉtatCivil'), 'etat_civil');
  });

  it('drops a high-cardinality categorical, a nearly unique one and free text, each with a warning', async () => {
    const path = csv('cards.csv', ['product', 'serial', 'review', 'price', 'label'], 3000, (i) => [`p${i % 200}`, `S-${i}-${(i * 7919) % 10007}`, `"this product was ${['great', 'fine', 'bad'][i % 3] ?? ''} and arrived on day ${i}"`, i % 17, i % 2]);
    const schema = await infer(path, { target: 'label' });
    assert.deepEqual([column(schema, 'product').role, column(schema, 'product').highCardinality, column(schema, 'product').categories?.length], ['dropped', true, 50]);
    assert.deepEqual([column(schema, 'serial').role, column(schema, 'review').role, column(schema, 'review').kind], ['dropped', 'dropped', 'text']);
    assert.ok(schema.warnings.some((w) => w.startsWith('product: more than 50 categories: not used as a feature')), schema.warnings.join('\n'));
    assert.ok(schema.warnings.some((w) => w.startsWith('serial: nearly every value is different')));
    assert.ok(schema.warnings.some((w) => w.startsWith('review: free text')));
  });

  it('chooses regression for a continuous or many-valued numeric label, classification otherwise, and --task overrides', async () => {
    const continuous = csv('reg.csv', ['x', 'price'], 150, (i) => [i, (i * 3.7).toFixed(2)]);
    const regression = await infer(continuous, { target: 'price' });
    assert.equal(regression.task, 'regression');
    assert.deepEqual(regression.targetRange, [0, 551.3]);
    const counts = csv('counts.csv', ['x', 'visits'], 150, (i) => [i % 11, i % 40]);
    assert.equal((await infer(counts, { target: 'visits' })).task, 'regression');
    const grades = csv('grades.csv', ['x', 'grade'], 150, (i) => [i, i % 5]);
    assert.equal((await infer(grades, { target: 'grade' })).task, 'classification');
    assert.equal((await infer(grades, { target: 'grade', task: 'regression' })).task, 'regression');
  });

  it('drops unlabeled rows with their count in the warnings', async () => {
    const schema = await infer(csv('unlabeled.csv', ['x', 'y'], 130, (i) => [i % 9, i % 13 === 0 ? '' : i % 2]), { target: 'y' });
    assert.equal(schema.unlabeledRows, 10);
    assert.ok(schema.warnings.includes('10 rows have no y and are dropped'));
  });

  it('reads semicolon CSVs and gzip CSVs the same way', async () => {
    const lines = ['a;b;label', ...Array.from({ length: 120 }, (_, i) => `${i};${i % 3 ? 'u' : 'v'};${i % 2}`)].join('\n');
    const semicolon = await scanTable(file('semi.csv', lines));
    assert.equal(semicolon.delimiter, ';');
    assert.deepEqual(semicolon.header, ['a', 'b', 'label']);
    const gzipped = await scanTable(file('semi.csv.gz', gzipSync(lines)));
    assert.deepEqual([gzipped.format, gzipped.rows, gzipped.header], ['csv.gz', 120, ['a', 'b', 'label']]);
    assert.equal(sniffDelimiter('"a,b";c;d'), ';');
  });

  it('reads parquet written by pandas (snappy): typed values become the same kinds', async () => {
    const schema = await infer(packagePath('test', 'fixtures', 'data', 'members.parquet'), { target: 'defaulted' });
    assert.deepEqual([schema.source.format, schema.source.rows, schema.task, schema.classes], ['parquet', 150, 'classification', ['0', '1']]);
    assert.deepEqual(schema.columns.map((c) => [c.name, c.kind, c.role]), [
      ['member_id', 'id', 'id'], ['joined', 'datetime', 'timestamp'], ['age', 'integer', 'feature'], ['balance', 'float', 'feature'],
      ['segment', 'categorical', 'feature'], ['active', 'boolean', 'feature'], ['defaulted', 'integer', 'target'],
    ]);
    assert.equal(column(schema, 'age').missingRate, 0.1);
    assert.deepEqual(column(schema, 'joined').dateRange, ['2024-01-01T00:00:00Z', '2024-05-29T00:00:00Z']);
  });

  it('previews the schema for confirmation: type, role, missing share, categories or range, and the decisions', async () => {
    const path = packagePath('test', 'fixtures', 'data', 'members.parquet');
    assert.equal(schemaPreview(await infer(path, { target: 'defaulted' })), [
      `${path}: 150 rows, 7 columns, parquet`,
      '',
      '  column     type         role       missing  values',
      '  member_id  id           id         0%       unique',
      '  joined     datetime     timestamp  0%       2024-01-01T00:00:00Z to 2024-05-29T00:00:00Z',
      '  age        integer      feature    10%      21 to 69',
      '  balance    float        feature    0%       370.81 to 1561.19',
      '  segment    categorical  feature    0%       corporate, retail, sme',
      '  active     boolean      feature    0%       true, false',
      '  defaulted  integer      target     0%',
      '',
      'Task: classification of defaulted into 2 classes (0: 128, 1: 22)',
      'Entity key: member_id',
      'Event timestamp: joined is the event timestamp',
    ].join('\n'));
    const renamed = await infer(csv('r.csv', ['Monthly Fee', 'label'], 120, (i) => [i % 9, i % 2]), { target: 'label' });
    assert.ok(schemaPreview(renamed).split('\n').includes('  Monthly Fee -> monthly_fee  integer  feature  0%       0 to 8'), schemaPreview(renamed));
    assert.match(schemaPreview(renamed), /^Entity key: none: the rows are numbered \(row_id\)$/m);
  });
});

describe('data inference: bad data is refused with a clear message', () => {
  const good = (i: number) => [i, i % 3, i % 2];

  it('a file that does not exist, is empty, or is not a table file', async () => {
    await refused(join(dir, 'nope.csv'), { target: 'y' }, 'missing', /nope\.csv does not exist/);
    await refused(file('empty.csv', ''), { target: 'y' }, 'not-a-table', /empty\.csv is empty/);
    await refused(file('table.xlsx', 'x'), { target: 'y' }, 'not-a-table', /use \.csv, \.csv\.gz, \.tsv or \.parquet/);
  });

  it('rows with another number of fields than the header, binary content, a broken gzip or parquet', async () => {
    await refused(file('ragged.csv', 'a,b,y\n1,2,3\n4,5\n'), { target: 'y' }, 'not-a-table', /ragged\.csv is not a table: .*(2|fields)/);
    await refused(file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a])), { target: 'y' }, 'not-a-table', /binary data \(a zero byte at offset 4\)/);
    await refused(file('broken.csv.gz', 'not gzip at all'), { target: 'y' }, 'not-a-table', /not a gzip file/);
    await refused(file('broken.parquet', 'PAR1 not really'), { target: 'y' }, 'not-a-table', /not a parquet file/);
  });

  it('text that is not UTF-8 (Latin-1, UTF-16), naming the byte', async () => {
    await refused(file('latin1.csv', Buffer.concat([Buffer.from('name,y\nJos'), Buffer.from([0xe9]), Buffer.from(',1\n')])), { target: 'y' }, 'encoding', /is not UTF-8: byte 0xe9 at offset 10; save it as UTF-8/);
    await refused(file('utf16.csv', Buffer.from('\ufeffa,y\n', 'utf16le')), { target: 'y' }, 'encoding', /UTF-16/);
    assert.equal(firstInvalidUtf8(Buffer.from('héllo')), -1);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0x28])), 1);
  });

  it('no such target, a constant target, too few labeled rows', async () => {
    const path = csv('t.csv', ['x', 'z', 'y'], 150, good);
    await refused(path, { target: 'label' }, 'no-target', /--target "label" is not a column of .*; its columns: x, z, y/);
    await refused(csv('const.csv', ['x', 'y'], 150, (i) => [i, 1]), { target: 'y' }, 'constant-target', /the target y is constant \(1\)/);
    await refused(csv('small.csv', ['x', 'y'], 99, (i) => [i, i % 2]), { target: 'y' }, 'too-few-rows', /has 99 labeled rows; at least 100 are needed/);
    assert.equal((await infer(csv('small2.csv', ['x', 'y'], 99, (i) => [i, i % 2]), { target: 'y', minRows: 50 })).source.rows, 99);
  });

  it('a column with no values at all, a label leak, and numbers mixed with text', async () => {
    await refused(csv('empty-col.csv', ['x', 'blank', 'y'], 150, (i) => [i, '', i % 2]), { target: 'y' }, 'empty-column', /column blank has no values \(100% missing\): remove it or pass --drop blank/);
    await refused(csv('leak.csv', ['x', 'copy', 'y'], 150, (i) => [i % 7, i % 2 ? 'yes' : 'no', i % 2 ? 'churn' : 'stay']), { target: 'y' }, 'label-leak', /column copy equals the target y on every row \(a label leak\): pass --drop copy/);
    await refused(csv('mixed.csv', ['x', 'amount', 'y'], 150, (i) => [i, i % 10 === 0 ? 'unknown' : i * 2, i % 2]), { target: 'y' }, 'mixed-types', /column amount mixes numbers and text: 15 of 150 values are not numbers \(e\.g\. "unknown"\); fix them or pass --drop amount/);
  });

  it('options that do not fit the data', async () => {
    const path = csv('o.csv', ['x', 'name', 'y'], 150, (i) => [i, `n${i % 4}`, i % 2 ? 'a' : 'b']);
    await refused(path, { target: 'y', drop: ['nope'] }, 'bad-option', /--drop "nope" is not a column/);
    await refused(path, { target: 'y', drop: ['y'] }, 'bad-option', /--drop names the target y/);
    await refused(path, { target: 'y', task: 'regression' }, 'bad-option', /--task regression needs a numeric target/);
    await refused(path, { target: 'y', idColumn: 'name' }, 'bad-option', /--id-column name has repeated values/);
    await refused(path, { target: 'y', timestampColumn: 'x' }, 'bad-option', /--timestamp-column x does not hold dates/);
  });
});

describe('data inference: a large file', function () {
  this.timeout(300_000);

  it('streams a 1-million-row CSV: statistics of every row, a 20,000-row sample, within a 96 MB heap', async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write('id,age,plan,score,churned\n');
    const plans = ['basic', 'plus', 'pro'];
    for (let i = 0; i < 1_000_000; i += 1) {
      if (!out.write(`${i},${18 + (i % 60)},${plans[i % 3] ?? ''},${((i * 37) % 1000) / 10},${i % 5 === 0 ? 1 : 0}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    // Memory bounded: the scan runs in a Node whose heap is capped at 96 MB. The file is 40 MB of
    // text; held whole, or as parsed rows (hundreds of MB), it would not fit, and Node would abort.
    const script = `import { scanTable } from ${JSON.stringify(pathToFileURL(packagePath('dist', 'lib', 'data', 'read-table.js')).href)};
      const scan = await scanTable(${JSON.stringify(path)});
      console.log(JSON.stringify({ rows: scan.rows, sample: scan.sample.length }));`;
    const capped = spawnSync(process.execPath, ['--max-old-space-size=96', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(capped.status, 0, capped.stderr);
    assert.deepEqual(JSON.parse(capped.stdout), { rows: 1_000_000, sample: 20_000 });

    const scan = await scanTable(path);
    assert.deepEqual([scan.rows, scan.sample.length], [1_000_000, 20_000]);
    const schema = inferSchema(scan, { target: 'churned' });
    assert.deepEqual([schema.source.rows, schema.source.sampledRows, schema.idColumn], [1_000_000, 20_000, 'id']);
    assert.deepEqual(column(schema, 'age').range, [18, 77]);
    assert.ok(schema.warnings.includes('1000000 rows: the row-by-row checks used a random sample of 20000'));
  });
});
