/**
 * End to end, on generated Time Series projects (npm run test:e2e): the default one (Cloud VMs,
 * Production) and a Starter/Local one, each in a fresh virtual environment. Each proves what its
 * README promises, offline, on its generated daily sales: its own tests (the no-leak test among
 * them), `make lint`, `make all` from clean (validate, backtest, train, register a winner that beats
 * seasonal naive, batch forecast, anomalies), the API forecasting a known series with intervals,
 * refusing an unknown one and bad input, and flagging an injected anomaly; `make monitor` quiet on
 * the real actuals and flagging degradation on actuals with a level shift; and (the default one) a
 * second training that does not register a model that is not better.
 *
 * E2E_TS_PROJECTS=ts-default,ts-starter selects projects (default: both).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, log, must, postJson, projectBasics, readJson, registeredVersions, run, stop, waitFor, type E2eProject } from './harness.js';

interface TsProject extends E2eProject { monitoring: boolean }

const PROJECTS: TsProject[] = [
  { name: 'ts-default', args: ['--defaults', '--ml-type', 'time-series'], projectName: 'sales-e2e', notebooks: [], monitoring: true },
  {
    name: 'ts-starter', args: ['--defaults', '--ml-type', 'time-series', '--maturity', 'starter', '--infrastructure', 'local'],
    projectName: 'sales-e2e', notebooks: ['01_quickstart'], monitoring: false,
  },
];

const selected = (process.env.E2E_TS_PROJECTS ?? PROJECTS.map((p) => p.name).join(',')).split(',');

interface Forecast { unique_id: string; ds: string; yhat: number; yhat_lo: number; yhat_hi: number }
interface Detection { unique_id: string; ds: string; y: number; score: number; is_anomaly: boolean }

/** Python in the project's venv printing JSON: the latest injected anomaly and the days around it. */
function anomalyWindow(dir: string, python: string): { date: string; observations: Array<Record<string, unknown>> } {
  const code = [
    'import json, pandas as pd',
    'sales = pd.read_parquet("data/raw/sales.parquet")',
    'sales["unique_id"] = sales["store"] + "-" + sales["product"]',
    'marks = pd.read_csv("data/raw/anomalies.csv", parse_dates=["date"]).sort_values("date")',
    'mark = marks.iloc[-1]',
    'rows = sales[(sales.unique_id == mark.unique_id) & (sales.date > mark.date - pd.Timedelta(days=56)) & (sales.date <= mark.date + pd.Timedelta(days=3))]',
    'obs = [{"unique_id": r.unique_id, "ds": r.date.strftime("%Y-%m-%d"), "y": float(r.sales), "promo": int(r.promo)} for r in rows.itertuples()]',
    'print(json.dumps({"date": mark.date.strftime("%Y-%m-%d"), "observations": obs}))',
  ].join('\n');
  return JSON.parse(must(run(python, ['-c', code], dir), 'reading an injected anomaly').stdout.trim().split('\n').pop() ?? '{}') as ReturnType<typeof anomalyWindow>;
}

for (const spec of PROJECTS.filter((p) => selected.includes(p.name))) {
  describe(`e2e: ${spec.name} project (${spec.args.join(' ')})`, function () {
    this.timeout(30 * 60 * 1000);
    const { dir, python, env, flowEnv, makeAllEnv, junit, suite } = projectBasics(spec);
    const modelName = `${spec.projectName}-forecaster`;

    it('runs `make all` from a clean state: validates, backtests, registers a winner that beats seasonal naive, forecasts, flags anomalies', async () => {
      must(run('make', ['clean'], dir, env()), 'make clean');
      const result = must(run('make', ['all'], dir, await makeAllEnv(spec.monitoring)), 'make all');
      const training = readJson(join(dir, 'reports/training/metrics.json'));
      log(`make all: ${result.seconds.toFixed(0)} s; training ${JSON.stringify(training).slice(0, 600)}`);
      assert.equal(training.registered, true, JSON.stringify(training));
      assert.equal(training.model_version, '1');
      assert.notEqual(training.winner, 'seasonal_naive', 'the baseline is not the winner');
      assert.ok(Number(training.mase) < 1, `MASE ${String(training.mase)} beats seasonal naive`);
      for (const file of ['data/predictions/forecasts.parquet', 'data/predictions/anomalies.parquet', 'reports/validation']) {
        assert.ok(existsSync(join(dir, file)), `${file} is missing`);
      }
      assert.deepEqual(registeredVersions(dir, python, modelName), ['1']);
    });

    it('serves the champion: a forecast with intervals, 404 for an unknown series, 422 on bad input, an injected anomaly flagged, metrics', async () => {
      const port = await freePort();
      const server = spawn(python, ['-m', 'sales_e2e.serving.api'], {
        cwd: dir, env: { ...process.env, ...env(), API_PORT: String(port), API_HOST: '127.0.0.1' }, detached: true, stdio: 'ignore',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        const ready = await (await waitFor(`${base}/ready`, 200, 120)).json() as Record<string, unknown>;
        assert.equal(ready.model_version, '1', JSON.stringify(ready));

        const horizon = 14;
        const promo = Array.from({ length: horizon }, (_, i) => ({ unique_id: 'store1-bread', ds: `2025-01-${String(i + 1).padStart(2, '0')}`, promo: 0 }));
        const forecast = await postJson(`${base}/forecast`, { series_ids: ['store1-bread'], horizon, regressors: promo });
        assert.equal(forecast.status, 200, forecast.text);
        const rows = (forecast.body as { forecasts: Forecast[] }).forecasts;
        assert.equal(rows.length, horizon);
        assert.equal(rows[0]?.ds.slice(0, 10), '2025-01-01', 'the day after the history');
        for (const row of rows) {
          assert.ok(Number.isFinite(row.yhat) && row.yhat_lo <= row.yhat && row.yhat <= row.yhat_hi, JSON.stringify(row));
        }

        const bad: Array<[string, unknown, number]> = [
          ['an unknown series', { series_ids: ['store9-caviar'], horizon: 7, regressors: null }, 404],
          ['a horizon over the maximum', { series_ids: ['store1-bread'], horizon: 10_000, regressors: null }, 422],
          ['a horizon that is a string', { series_ids: ['store1-bread'], horizon: '7', regressors: null }, 422],
          ['no regressors for the forecast dates', { series_ids: ['store1-bread'], horizon: 7, regressors: null }, 422],
          ['a body that is not JSON', '{"series_ids": [', 422],
        ];
        for (const [what, body, status] of bad) {
          const response = await postJson(`${base}/forecast`, body);
          assert.equal(response.status, status, `${what}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
          assert.ok(response.text.length < 4000, `${what}: the error does not echo the input back`);
        }
        const notFinite = await postJson(`${base}/detect`, '{"observations": [{"unique_id": "store1-bread", "ds": "2025-01-01", "y": NaN, "promo": 0}]}');
        assert.equal(notFinite.status, 422, `NaN: ${notFinite.text.slice(0, 300)}`);

        const window = anomalyWindow(dir, python);
        const detected = await postJson(`${base}/detect`, { observations: window.observations });
        assert.equal(detected.status, 200, detected.text.slice(0, 500));
        const results = (detected.body as { results: Detection[] }).results;
        const flagged = results.filter((r) => r.is_anomaly).map((r) => r.ds.slice(0, 10));
        assert.ok(flagged.includes(window.date), `the injected anomaly of ${window.date} is flagged (flagged: ${flagged.join(', ')})`);
        assert.ok(flagged.length <= 3, `few false alarms around it (flagged: ${flagged.join(', ')})`);

        const metrics = await (await fetch(`${base}/metrics`)).text();
        assert.match(metrics, /ml_api_requests_total\{[^}]*route="\/forecast"/);
        log(`served on port ${port}: ${horizon}-day forecast of store1-bread, ${bad.length + 1} bad requests refused, anomaly of ${window.date} flagged (${flagged.length} flagged in ${results.length})`);
      } finally {
        await stop(server);
      }
    });

    if (spec.monitoring) {
      it('monitoring flow: quiet on the real actuals, degradation flagged on actuals with a level shift', async () => {
        const quiet = must(run('make', ['monitor'], dir, await flowEnv()), 'make monitor');
        const before = readJson(join(dir, 'reports/monitoring/latest.json'));
        assert.equal(before.degraded, false, JSON.stringify(before).slice(0, 800));
        assert.ok(existsSync(join(dir, 'reports/monitoring/latest.html')));
        const shift = [
          'import pandas as pd',
          'actuals = pd.read_parquet("data/actuals/actuals.parquet")',
          'actuals["sales"] = actuals["sales"] * 1.8',
          'actuals.to_parquet("data/actuals/actuals.parquet", index=False)',
        ].join('\n');
        must(run(python, ['-c', shift], dir, env()), 'shifting the actuals');
        const shifted = must(run('make', ['monitor'], dir, await flowEnv()), 'make monitor on shifted actuals');
        const after = readJson(join(dir, 'reports/monitoring/latest.json'));
        assert.equal(after.degraded, true, JSON.stringify(after).slice(0, 800));
        log(`make monitor: ${quiet.seconds.toFixed(0)} s on the actuals, ${shifted.seconds.toFixed(0)} s on shifted ones: ${JSON.stringify(after).slice(0, 400)}`);
      });
    }

    // The gate is the same code at every maturity: the default project proves it.
    if (spec.name === 'ts-default') it('does not register a second training that is not better', async () => {
      const result = must(run('make', ['train'], dir, await flowEnv()), 'second make train');
      const training = readJson(join(dir, 'reports/training/metrics.json'));
      log(`second make train: ${result.seconds.toFixed(0)} s; ${JSON.stringify(training).slice(0, 400)}`);
      assert.equal(training.registered, false, JSON.stringify(training));
      assert.match(String(training.reason), /does not beat champion v1/);
      assert.deepEqual(registeredVersions(dir, python, modelName), ['1']);
    });

    // A child describe: it runs after the one of projectBasics, which starts the next project.
    describe('its own suite: the no-leak test', () => {
      it('ran the no-leak test: no feature at time t uses data after t', async () => {
        await suite();
        const xml = must(run('cat', [junit], dir), 'reading the JUnit report').stdout;
        assert.match(xml, /<testcase\b[^>]*name="test_[^"]*(?:leak|future)[^"]*"(?:[^>]*\/>|>(?![\s\S]*?<(?:failure|error|skipped)\b[\s\S]*?<\/testcase>))/, 'a passing no-leak test');
      });
    });
  });
}
