/**
 * `ml-pipeline --data <table> --target <column>` through the bin: a table that cannot be used
 * exits 65 with a message and writes nothing (not even the output folder); options that do not go
 * together exit 64; a usable table is previewed and its schema kept in .yo-rc.json.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../lib/exit-codes.js';
import { DATASET_KEY } from '../lib/storage-keys.js';
import { cli } from './helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlp-data-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function table(name: string, header: string, rows: number, row: (i: number) => string): string {
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...Array.from({ length: rows }, (_, i) => row(i))].join('\n')}\n`);
  return path;
}

const generate = (data: string, ...more: string[]) =>
  cli(['--defaults', '--data', data, '--target', 'y', ...more, '--skip-install', '--skip-validation', '--output', join(dir, 'project')]);

describe('--data through the bin', function () {
  this.timeout(120_000);

  const refusals: [string, () => string, RegExp][] = [
    ['a file that does not exist', () => join(dir, 'missing.csv'), /missing\.csv does not exist/],
    ['rows with another number of fields', () => table('ragged.csv', 'x,y', 3, (i) => (i === 1 ? '1' : `${i},0`)), /ragged\.csv is not a table/],
    ['Latin-1 text', () => { const path = join(dir, 'latin1.csv'); writeFileSync(path, Buffer.concat([Buffer.from('x,y\nJos'), Buffer.from([0xe9]), Buffer.from(',1\n')])); return path; }, /is not UTF-8: byte 0xe9/],
    ['a constant target', () => table('constant.csv', 'x,y', 150, (i) => `${i},1`), /the target y is constant/],
    ['too few rows', () => table('small.csv', 'x,y', 40, (i) => `${i},${i % 2}`), /40 labeled rows; at least 100/],
    ['a column with no values', () => table('blank.csv', 'x,blank,y', 150, (i) => `${i},,${i % 2}`), /column blank has no values \(100% missing\)/],
    ['a label leak', () => table('leak.csv', 'x,copy,y', 150, (i) => `${i % 7},${i % 2},${i % 2}`), /column copy equals the target y on every row/],
    ['numbers mixed with text', () => table('mixed.csv', 'x,y', 150, (i) => `${i % 10 ? i : 'n/k'},${i % 2}`), /column x mixes numbers and text/],
    // Not generated yet: refused rather than written into a project that would mislabel them.
    ['no numeric feature', () => table('words.csv', 'a,b,y', 150, (i) => `${['x', 'z'][i % 2] ?? 'x'},${['p', 'q', 'r'][i % 3] ?? 'p'},${i % 3 === 0 ? 'yes' : 'no'}`), /leaves 2 feature\(s\) \(a: categorical, b: categorical\): this version needs at least two, one of them numeric/],
    ['a class too rare to split', () => table('rare.csv', 'x,y', 150, (i) => `${i % 9},${i < 5 ? 'c' : ['a', 'b'][i % 2] ?? 'a'}`), /y has classes with fewer than 10 labeled rows \(c: 5\): each class needs at least 10 for the stratified train\/validation\/test split/],
  ];
  for (const [about, make, message] of refusals) {
    it(`${about}: exit ${EXIT.data}, the reason, and nothing written`, async () => {
      const result = await generate(make());
      assert.equal(result.code, EXIT.data, result.err);
      assert.match(result.err, message);
      assert.match(result.err, /Nothing was written\.\n$/);
      assert.equal(existsSync(join(dir, 'project')), false, 'the output folder was created');
    });
  }

  it(`options that do not go together: exit ${EXIT.usage} and nothing written`, async () => {
    const good = table('good.csv', 'x,y', 150, (i) => `${i % 9},${i % 2}`);
    const cases: [string[], RegExp][] = [
      [['--defaults', '--target', 'y'], /--target goes with --data/],
      [['--defaults', '--data', good], /--data needs --target/],
      [['--defaults', '--data', good, '--target', 'y', '--task', 'clustering'], /Invalid value "clustering" for --task. Allowed: classification, regression/],
      [['--defaults', '--data', good, '--target', 'y', '--min-rows', '0'], /--min-rows: a whole number of rows, 1 or more/],
      [['--defaults', '--data', good, '--target', 'y', '--fixture', 'copy'], /Invalid value "copy" for --fixture. Allowed: rows, synthetic/],
      [['--defaults', '--fixture', 'synthetic'], /--fixture goes with --data/],
      [['--defaults', '--data', good, '--target', 'y', '--ml-type', 'time-series'], /--data types a Traditional ML project from your table; this one is time-series/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli([...argv, '--skip-install', '--output', join(dir, 'project')]);
      assert.equal(result.code, EXIT.usage, `${argv.join(' ')}: ${result.err}`);
      assert.match(result.err, message);
      assert.equal(existsSync(join(dir, 'project')), false);
    }
  });

  it('previews a usable table and keeps its schema in .yo-rc.json', async () => {
    const good = table('members.csv', 'member_id,Monthly Fee,plan,y', 150, (i) => `M${i},${20 + (i % 30)},${['a', 'b', 'c'][i % 3] ?? 'a'},${i % 5 === 0 ? 'yes' : 'no'}`);
    const result = await generate(good);
    assert.equal(result.code, EXIT.ok, result.err);
    assert.match(result.out, /The schema inferred from your table:\n.*members\.csv: 150 rows, 4 columns, csv/);
    assert.match(result.out, /Monthly Fee -> monthly_fee +integer +feature +0% +20 to 49/);
    const stored = JSON.parse(readFileSync(join(dir, 'project', '.yo-rc.json'), 'utf8')) as Record<string, { task?: string; idColumn?: string; classes?: string[] }>;
    assert.deepEqual([stored[DATASET_KEY]?.task, stored[DATASET_KEY]?.idColumn, stored[DATASET_KEY]?.classes], ['classification', 'member_id', ['no', 'yes']]);
    // The project carries a copy of the table and a fixture of its rows, the ids replaced.
    assert.equal(readFileSync(join(dir, 'project', 'data', 'raw', 'members.csv'), 'utf8'), readFileSync(good, 'utf8'));
    const fixture = readFileSync(join(dir, 'project', 'tests', 'fixtures', 'sample_data.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(fixture[0], 'member_id,Monthly Fee,plan,y');
    assert.equal(fixture.length, 151);
    assert.deepEqual(fixture.slice(1, 4).map((line) => line.split(',')[0]), ['1', '2', '3']);
    const definitions = readFileSync(join(dir, 'project', 'src', 'features', 'feature_definitions.py'), 'utf8');
    assert.match(definitions, /^ENTITY_COLUMN = "member_id"$/m);
    assert.match(definitions, /^LABEL_CLASSES: tuple\[str, \.\.\.\] = \("no", "yes"\)$/m);
    assert.match(definitions, /^ {4}"Monthly Fee": "monthly_fee",$/m);
  });

  it('--fixture synthetic keeps the table\'s rows out of the fixture, and ai-data --data keeps that choice', async () => {
    const good = table('members.csv', 'member_id,fee,plan,y', 150, (i) => `M${i},${(20 + i * 0.1371).toFixed(4)},${['a', 'b', 'c'][i % 3] ?? 'a'},${i % 5 === 0 ? 'yes' : 'no'}`);
    const result = await generate(good, '--fixture', 'synthetic');
    assert.equal(result.code, EXIT.ok, result.err);
    assert.match(result.out, /Test fixture: 300 synthetic rows drawn from this schema \(--fixture synthetic\)/);
    const project = join(dir, 'project');
    const fixturePath = join(project, 'tests', 'fixtures', 'sample_data.csv');
    const rows = new Set(readFileSync(good, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',').slice(1).join(',')));
    const fixture = readFileSync(fixturePath, 'utf8').trimEnd().split('\n');
    assert.equal(fixture[0], 'member_id,fee,plan,y');
    assert.equal(fixture.length, 301);
    // Rows are compared without the id (the fixture numbers them): none is a row of the table.
    assert.equal(fixture.slice(1).filter((line) => rows.has(line.split(',').slice(1).join(','))).length, 0);
    const stored = JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8')) as Record<string, { fixture?: string }>;
    assert.equal(stored[DATASET_KEY]?.fixture, 'synthetic');
    // A new table through ai-data: still synthetic, without saying it again.
    const next = table('members2.csv', 'member_id,fee,plan,y', 150, (i) => `M${i},${(30 + i * 0.0913).toFixed(4)},${['a', 'b'][i % 2] ?? 'a'},${i % 3 === 0 ? 'yes' : 'no'}`);
    const refreshed = await cli(['ai-data', '--defaults', '--data', next, '--target', 'y', '--skip-install', '--output', project]);
    assert.equal(refreshed.code, EXIT.ok, refreshed.err);
    assert.match(refreshed.out, /Test fixture: 300 synthetic rows/);
    const nextRows = new Set(readFileSync(next, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',').slice(1).join(',')));
    assert.equal(readFileSync(fixturePath, 'utf8').trimEnd().split('\n').slice(1).filter((line) => nextRows.has(line.split(',').slice(1).join(','))).length, 0);
  });

  it('ai-data --data derives an existing project again from a new table, keeping the files the user edited', async () => {
    const project = join(dir, 'project');
    assert.equal((await cli(['--defaults', '--skip-install', '--skip-validation', '--output', project])).code, EXIT.ok);
    writeFileSync(join(project, 'README.md'), `${readFileSync(join(project, 'README.md'), 'utf8')}\nMy notes.\n`);
    const good = table('members.csv', 'member_id,fee,plan,y', 150, (i) => `M${i},${20 + (i % 30)},${['a', 'b'][i % 2] ?? 'a'},${i % 4 === 0 ? 'yes' : 'no'}`);
    const result = await cli(['ai-data', '--defaults', '--data', good, '--target', 'y', '--skip-install', '--output', project]);
    assert.equal(result.code, EXIT.ok, result.err);
    assert.match(result.out, /the schema changed: refreshing every file of the project that depends on it/);
    assert.match(result.out, /Kept 1 file\(s\) you edited \(pass --force to overwrite\): README\.md/);
    assert.match(readFileSync(join(project, 'README.md'), 'utf8'), /My notes\./);
    assert.match(readFileSync(join(project, 'src', 'features', 'feature_definitions.py'), 'utf8'), /^LABEL_COLUMN = "y"$/m);
    assert.equal(existsSync(join(project, 'data', 'raw', 'members.csv')), true);
  });
});
