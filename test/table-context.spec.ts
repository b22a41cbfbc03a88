/**
 * What the templates see of a table (lib/data/table-context.ts) and what a user-table project
 * carries of the user's rows (lib/data/fixture.ts): bounds with a margin, enum members, the
 * user's table as a context, the fixture and the copy of the table.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTable, FIXTURE_MIN_PER_CLASS, FIXTURE_ROWS, fixtureCsv, projectFixtureCsv, syntheticFixtureCsv } from '../lib/data/fixture.js';
import { packagePath } from '../lib/paths.js';
import { inferSchema } from '../lib/data/infer-schema.js';
import { scanTable } from '../lib/data/read-table.js';
import { boundsWithMargin, churnTable, enumMembers, missingLimitFor, tableContext, userTable } from '../lib/data/table-context.js';
import { buildContext, evaluationFor, REGRESSION_MIN_R2 } from '../lib/context.js';
import { withDefaults } from '../lib/answers.js';

const TABLES = packagePath('test', 'fixtures', 'tables');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlp-table-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('table context', () => {
  it('widens observed ranges by about a tenth of the span, to round numbers, never below a zero floor', () => {
    assert.deepEqual(boundsWithMargin([6.981, 28.11], false), [4, 32]);
    assert.deepEqual(boundsWithMargin([0, 0.4268], false), [0, 0.5]);
    assert.deepEqual(boundsWithMargin([172, 231], true), [165, 240]);
    assert.deepEqual(boundsWithMargin([-3.5, 2], false), [-4, 2.5]);
    // One observed value: a margin of a tenth of its size.
    assert.deepEqual(boundsWithMargin([50, 50], true), [45, 55]);
    for (const range of [[0.001713, 0.03113], [2007, 2009], [143.5, 2501]] as [number, number][]) {
      const [low, high] = boundsWithMargin(range, false);
      assert.ok(low < range[0] && high > range[1], `${range.join('..')} -> ${low}..${high}`);
    }
  });

  it('names enum members in UPPER_SNAKE, unique, never starting with a digit', () => {
    assert.deepEqual(enumMembers(['Adelie', 'fiber optic', '02139', 'Fiber-Optic', 'é', '']).map((m) => m.member),
      ['ADELIE', 'FIBER_OPTIC', 'V_02139', 'FIBER_OPTIC_2', 'E', 'VALUE']);
  });

  it('is the churn sample without a schema', () => {
    const table = tableContext(undefined);
    assert.deepEqual(table, churnTable());
    assert.equal(table.builtin, true);
    assert.deepEqual([table.entity.column, table.label.column, table.requestModel, table.rawFile], ['customer_id', 'churned', 'CustomerFeatures', 'data/raw/churn.parquet']);
  });

  it("types a user's table: fields, kinds, nullability, classes, numbered rows and the file's time", async () => {
    const path = csv('Penguin Data.csv', [
      'species,Bill Length,flipper,sex,Comment Text',
      ...Array.from({ length: 120 }, (_, i) => `${['Adelie', 'Gentoo'][i % 2] ?? ''},${i % 13 === 0 ? 'NA' : (35 + (i % 20) / 2).toFixed(1)},${170 + (i % 60)},${i % 3 === 0 ? 'female' : 'male'},"note number ${i} about this bird, long enough to be text"`),
    ]);
    const table = userTable(inferSchema(await scanTable(path), { target: 'sex' }));
    assert.equal(table.builtin, false);
    assert.deepEqual([table.title, table.stem, table.rawFile, table.requestModel], ['Penguin Data.csv', 'penguin_data', 'data/raw/Penguin Data.csv', 'PenguinDataFeatures']);
    assert.deepEqual(table.label, { column: 'sex', source: 'sex', classes: ['female', 'male'], positive: 'male' });
    assert.deepEqual(table.entity, { column: 'row_id', source: null, feastEntity: 'penguin_data' });
    assert.equal(table.timestamp.source, null);
    assert.match(table.timestamp.note, /the time Penguin Data\.csv was last modified stands in/);
    assert.deepEqual(table.numeric.map((f) => [f.name, f.integer, f.nullable]), [['bill_length', false, true], ['flipper', true, false]]);
    assert.deepEqual(table.categorical.map((f) => [f.name, f.enumName, f.categories]), [['species', 'Species', ['Adelie', 'Gentoo']]]);
    assert.deepEqual(table.renamed, [{ from: 'Bill Length', to: 'bill_length' }]);
    // Comment Text is left out (free text): it is dropped by its name in the file, not renamed.
    assert.deepEqual(table.dropped.map((d) => d.source), ['Comment Text']);
    assert.deepEqual(table.engineered, []);
    // Two classes: binary, the last class the positive one.
    assert.deepEqual([table.task, table.regression, table.multiclass], ['classification', false, false]);
  });

  it('types a numeric target as regression: no classes, the accepted range of the label with a margin', async () => {
    const path = csv('houses.csv', ['rooms,area,price', ...Array.from({ length: 150 }, (_, i) => `${1 + (i % 6)},${40 + i},${(95.5 + i * 2.31).toFixed(2)}`)]);
    const table = userTable(inferSchema(await scanTable(path), { target: 'price' }));
    assert.deepEqual([table.task, table.regression], ['regression', true]);
    // Observed 95.5 to 439.69: a step of 20 (a tenth of the span, rounded) on each side, rounded outward.
    assert.deepEqual(table.label, { column: 'price', source: 'price', classes: [], positive: '', range: [60, 460], integer: false });
  });

  it('types a label with more than two classes as multiclass: every class, counted, and no positive class', async () => {
    const path = csv('wine.csv', ['alcohol,hue,cultivar', ...Array.from({ length: 150 }, (_, i) => `${(12 + (i % 30) / 10).toFixed(1)},${(0.5 + (i % 9) / 10).toFixed(1)},${['barolo', 'grignolino', 'barbera'][i % 3] ?? ''}`)]);
    const schema = inferSchema(await scanTable(path), { target: 'cultivar' });
    assert.deepEqual(schema.classCounts, { barbera: 50, barolo: 50, grignolino: 50 });
    const table = userTable(schema);
    assert.deepEqual([table.task, table.regression, table.multiclass], ['classification', false, true]);
    assert.deepEqual(table.label, { column: 'cultivar', source: 'cultivar', classes: ['barbera', 'barolo', 'grignolino'], positive: '' });
    assert.equal(churnTable().multiclass, false);
  });

  it('makes a date other than the event timestamp a feature: its parts are engineered columns, the earliest accepted date has a margin', async () => {
    const path = csv('orders.csv', [
      'snapshot,ordered at,built,amount,ordered_at_hour,label',
      ...Array.from({ length: 150 }, (_, i) => [
        `2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
        i % 10 === 0 ? '' : `2023-${String((i % 12) + 1).padStart(2, '0')}-03T${String(i % 24).padStart(2, '0')}:15:00`,
        `${1975 + (i % 40)}-01-01`, i * 2, i % 5, ['a', 'b'][i % 2],
      ].join(',')),
    ]);
    const table = userTable(inferSchema(await scanTable(path), { target: 'label', timestampColumn: 'snapshot' }));
    assert.deepEqual(table.dates.map((d) => [d.name, d.earliest, d.observed, d.withTime, d.parts, d.nullable, d.maxMissing]), [
      ['ordered_at', '2022-01-01', ['2023-01-03T00:15:00', '2023-12-03T23:15:00'], true, ['year', 'month', 'day', 'day_of_week', 'hour'], true, 0.15],
      // 1975 to 2014: four years of margin (a tenth of the span); years only.
      ['built', '1971-01-01', ['1975-01-01', '2014-01-01'], false, ['year'], false, 0],
    ]);
    // A part's column never takes the name of a column of the file (ordered_at_hour is one).
    assert.deepEqual(table.dates[0]?.partColumns, ['ordered_at_year', 'ordered_at_month', 'ordered_at_day', 'ordered_at_day_of_week', 'ordered_at_hour_2']);
    assert.deepEqual(table.engineered, [...(table.dates[0]?.partColumns ?? []), 'built_year']);
    assert.deepEqual(table.numeric.map((f) => f.name), ['amount', 'ordered_at_hour']);
    assert.deepEqual(table.dropped, []);
    assert.equal(table.maxMissingShare, 0.15);
    assert.deepEqual(churnTable().dates, []);
  });

  it("gives each feature its own missing-value limit: its observed share plus 5 points, rounded up to 5, at least 10%", async () => {
    // Observed 0, 1%, 2.5%, 9% and 30%: complete columns stay complete; the rest get a margin of their own.
    assert.deepEqual([0, 0.01, 0.025, 0.09, 0.3].map(missingLimitFor), [0, 0.1, 0.1, 0.15, 0.35]);
    const path = csv('sensors.csv', [
      'complete,rare_gap,common_gap,site,label',
      ...Array.from({ length: 200 }, (_, i) => [i, i % 50 === 0 ? '' : i * 2, i % 10 < 3 ? '' : i / 4, i % 20 === 0 ? '' : ['north', 'south', 'east'][i % 3], ['a', 'b'][i % 2]].join(',')),
    ]);
    const table = userTable(inferSchema(await scanTable(path), { target: 'label' }));
    assert.deepEqual(
      [...table.numeric, ...table.categorical].map((f) => [f.name, f.missingRate, f.maxMissing]),
      [['complete', 0, 0], ['rare_gap', 0.02, 0.1], ['common_gap', 0.3, 0.35], ['site', 0.05, 0.1]],
    );
    // The table-wide share (the label's limit, and the cap on every feature's) is the loosest of them.
    assert.equal(table.maxMissingShare, 0.35);
    // The churn sample's nullable columns (2-4% missing) may miss 10%, as the table-wide share says.
    const churn = churnTable();
    assert.deepEqual(
      [...churn.numeric, ...churn.categorical].filter((f) => f.nullable).map((f) => [f.name, f.maxMissing]),
      [['total_charges', 0.1], ['num_support_tickets', 0.1], ['avg_monthly_usage_gb', 0.1], ['payment_method', 0.1]],
    );
    assert.ok([...churn.numeric, ...churn.categorical].every((f) => f.nullable === f.maxMissing > 0));
    assert.equal(churn.maxMissingShare, 0.1);
  });
});

describe('what the gate measures', () => {
  it('is the answers for classes, and r2 against 0.3 for a regression target (the accuracy alert watches r2)', async () => {
    const answers = { primaryMetric: 'f1' as const, registrationThreshold: 0.8 };
    const classes = evaluationFor(answers, churnTable());
    assert.deepEqual(classes, {
      metrics: ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'], primaryMetric: 'f1', threshold: 0.8,
      monitored: { metric: 'accuracy', baseline: 0.9 },
    });
    const path = csv('y.csv', ['x,z,y', ...Array.from({ length: 150 }, (_, i) => `${i},${i % 7},${(i * 1.37).toFixed(2)}`)]);
    const regression = evaluationFor(answers, userTable(inferSchema(await scanTable(path), { target: 'y' })));
    assert.deepEqual(regression, { metrics: ['rmse', 'mae', 'r2'], primaryMetric: 'r2', threshold: REGRESSION_MIN_R2, monitored: { metric: 'r2', baseline: REGRESSION_MIN_R2 } });
  });

  it('trains the regressor of the chosen family; the linear family is ridge', async () => {
    const path = csv('y.csv', ['x,z,y', ...Array.from({ length: 150 }, (_, i) => `${i},${i % 7},${(i * 1.37).toFixed(2)}`)]);
    const schema = inferSchema(await scanTable(path), { target: 'y' });
    const answers = withDefaults({ modelType: 'logistic_regression' }, '/tmp/project');
    const context = buildContext(answers, '0.0.0', schema);
    assert.deepEqual([context.modelType, context.model.estimator, context.primaryMetric, context.registrationThreshold], ['ridge', 'Ridge', 'r2', REGRESSION_MIN_R2]);
    // The default model name says what the model is; a name the user chose is kept.
    assert.equal(context.registeredModelName, 'project-regressor');
    assert.equal(buildContext({ ...answers, registeredModelName: 'house-prices' }, '0.0.0', schema).registeredModelName, 'house-prices');
    const churn = buildContext(answers, '0.0.0');
    assert.deepEqual([churn.modelType, churn.model.estimator, churn.primaryMetric], ['logistic_regression', 'LogisticRegression', 'accuracy']);
  });
});

describe("the user's rows in the project", () => {
  it('draws a fixture from the whole table (a file sorted by its label gives both labels), ids replaced, cells quoted', async () => {
    const path = csv('sorted.csv', [
      'customer_id,city,y',
      ...Array.from({ length: 1000 }, (_, i) => `C${9000 + i},"Paris, ${i % 4}",${i < 500 ? 0 : 1}`),
    ]);
    const scan = await scanTable(path);
    const schema = inferSchema(scan, { target: 'y' });
    const fixture = fixtureCsv(scan, schema).trimEnd().split('\n');
    assert.equal(fixture.length, 301);
    assert.equal(fixture[0], 'customer_id,city,y');
    const rows = fixture.slice(1);
    assert.deepEqual(rows.slice(0, 2).map((line) => line.split(',')[0]), ['1', '2']);
    assert.ok(rows.every((line) => /^\d+,"Paris, [0-3]",[01]$/.test(line)), rows.find((line) => !/^\d+,"Paris, [0-3]",[01]$/.test(line)));
    const ones = rows.filter((line) => line.endsWith(',1')).length;
    assert.ok(ones > 100 && ones < 200, `${ones} of 300 rows have the label 1`);
    assert.equal(fixtureCsv(scan, schema), fixtureCsv(await scanTable(path), schema), 'the same table gives the same fixture');
  });

  it('gives a rare class its share of the fixture: the project splits it stratified', async () => {
    // 2,000 rows; class c has 13, a random 300 would draw about 2 of them.
    const path = csv('rare.csv', ['x,z,y', ...Array.from({ length: 2000 }, (_, i) => `${i % 97},${i % 13},${i % 166 === 5 ? 'c' : ['a', 'b'][i % 2] ?? 'a'}`)]);
    const scan = await scanTable(path);
    const schema = inferSchema(scan, { target: 'y' });
    assert.equal(schema.classCounts?.c, 13);
    const labels = fixtureCsv(scan, schema).trimEnd().split('\n').slice(1).map((line) => line.split(',')[2]);
    assert.equal(labels.length, FIXTURE_ROWS);
    assert.equal(labels.filter((l) => l === 'c').length, 13);
    assert.ok(labels.filter((l) => l === 'a').length >= FIXTURE_MIN_PER_CLASS && labels.filter((l) => l === 'b').length >= FIXTURE_MIN_PER_CLASS);
  });

  it('draws a synthetic fixture from the schema alone: the file\'s columns, values in range, every class, no row of the table', async () => {
    const path = join(TABLES, 'penguins.csv');
    const scan = await scanTable(path);
    const schema = { ...inferSchema(scan, { target: 'species' }), fixture: 'synthetic' as const };
    const text = await projectFixtureCsv(async () => scan, schema);
    assert.equal(text, syntheticFixtureCsv(schema), 'seeded: the same schema gives the same rows');
    const [header, ...lines] = text.trimEnd().split('\n');
    assert.equal(header, scan.header.join(','));
    assert.equal(lines.length, FIXTURE_ROWS);
    const rows = lines.map((line) => line.split(','));
    const column = (name: string): string[] => rows.map((row) => row[scan.header.indexOf(name)] ?? '');
    const mass = column('body_mass_g').filter(Boolean).map(Number);
    assert.ok(mass.every((v) => Number.isInteger(v) && v >= 2700 && v <= 6300), 'an integer within its observed range');
    assert.ok(mass.length < FIXTURE_ROWS, 'a nullable column has gaps');
    assert.ok(column('island').every((v) => ['Biscoe', 'Dream', 'Torgersen'].includes(v)));
    assert.ok(column('island').filter((v) => v === '').length === 0, 'a column with no gaps in the table has none');
    const species = column('species');
    for (const name of ['Adelie', 'Chinstrap', 'Gentoo']) assert.ok(species.filter((v) => v === name).length >= FIXTURE_MIN_PER_CLASS, name);
    // In proportion to the table's classes (152, 68, 124 of 344).
    assert.ok(Math.abs(species.filter((v) => v === 'Chinstrap').length - 59) <= 2);
    const table = new Set(scan.sample.map((row) => row.map((v) => v ?? '').join(',')));
    assert.equal(lines.filter((line) => table.has(line)).length, 0, 'no row of the table');
    // The label follows the features: island, the first feature, weighs most; its first category
    // lowers the score and its last raises it, and the lowest scores are the first class.
    const adelieShare = (island: string): number => rows.filter((row) => row[1] === island && row[0] === 'Adelie').length / rows.filter((row) => row[1] === island).length;
    assert.ok(adelieShare('Biscoe') > adelieShare('Torgersen') + 0.2, `${adelieShare('Biscoe')} vs ${adelieShare('Torgersen')}`);
  });

  it('copies the table, and keeps a copy that differs unless forced', async () => {
    const source = csv('t.csv', ['x,y', '1,0']);
    const target = join(dir, 'project', 'data', 'raw', 't.csv');
    assert.equal(await copyTable(source, target, false), 'copied');
    assert.equal(await copyTable(source, target, false), 'identical');
    writeFileSync(target, 'x,y\n1,1\n');
    assert.equal(await copyTable(source, target, false), 'kept');
    assert.equal(readFileSync(target, 'utf8'), 'x,y\n1,1\n');
    assert.equal(await copyTable(source, target, true), 'replaced');
    assert.equal(readFileSync(target, 'utf8'), 'x,y\n1,0\n');
  });
});
