/**
 * A real Prometheus server (Debian's package) for the end-to-end test: it runs the generated
 * project's own prometheus.yml and alert_rules.yml, with only the addresses and intervals
 * changed so that it scrapes the API started by the test on 127.0.0.1 every second.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort, poll, systemTool } from './harness.js';

export interface Prometheus { url: string; server: ChildProcess }

interface ScrapeConfig { job_name: string; static_configs?: { targets: string[] }[] }

/** The project's configuration with its targets pointed at 127.0.0.1 and 1 s intervals. */
export function localConfig(project: string, apiTarget: string, selfTarget: string): string {
  const config = parse(readFileSync(join(project, 'monitoring/prometheus/prometheus.yml'), 'utf8')) as {
    global: Record<string, unknown>; rule_files: string[]; scrape_configs: ScrapeConfig[];
  };
  Object.assign(config.global, { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' });
  config.rule_files = config.rule_files.map((file) => join(project, 'monitoring/prometheus', file));
  const api = config.scrape_configs.find((s) => s.job_name === 'ml-serving-api');
  assert.ok(api?.static_configs?.length, 'prometheus.yml has no static ml-serving-api job');
  api.static_configs = api.static_configs.map((group) => ({ ...group, targets: [apiTarget] }));
  for (const scrape of config.scrape_configs.filter((s) => s !== api && s.static_configs)) {
    scrape.static_configs = [{ targets: [selfTarget] }];
  }
  return stringify(config);
}

export async function startPrometheus(project: string, apiTarget: string, workDir: string): Promise<Prometheus> {
  const port = await freePort();
  mkdirSync(join(workDir, 'data'), { recursive: true });
  const configFile = join(workDir, 'prometheus.yml');
  writeFileSync(configFile, localConfig(project, apiTarget, `127.0.0.1:${port}`));
  const server = spawn(systemTool('prometheus'), [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(workDir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  await poll('Prometheus ready', 60, async () => {
    if (server.exitCode !== null) throw new Error(`prometheus exited ${server.exitCode}: ${stderr}`);
    const response = await fetch(`${url}/-/ready`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  });
  return { url, server };
}

interface ApiAnswer<T> { status: string; data: T; error?: string }

async function api<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = await response.json() as ApiAnswer<T>;
  assert.equal(body.status, 'success', `${url}: ${body.error ?? response.status}`);
  return body.data;
}

export interface Sample { metric: Record<string, string>; value: [number, string] }

export function query(prometheus: Prometheus, promql: string): Promise<{ resultType: string; result: Sample[] }> {
  return api(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
}

export interface AlertingRule {
  name: string;
  health: string;
  state: 'inactive' | 'pending' | 'firing';
  /** The rule's `for:`, in seconds. */
  duration: number;
  lastError?: string;
  lastEvaluation: string;
  alerts: { labels: Record<string, string>; state: string; annotations: Record<string, string>; activeAt: string }[];
}

export async function alertingRules(prometheus: Prometheus): Promise<Map<string, AlertingRule>> {
  const data = await api<{ groups: { rules: (AlertingRule & { type: string })[] }[] }>(`${prometheus.url}/api/v1/rules`);
  return new Map(data.groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting').map((r) => [r.name, r]));
}

/** Waits until a PromQL expression returns at least one series. */
export function waitForSeries(prometheus: Prometheus, promql: string, seconds: number): Promise<void> {
  return poll(`series for ${promql}`, seconds, async () => {
    if ((await query(prometheus, promql)).result.length === 0) throw new Error('empty result');
  });
}

/** Waits until `alert` is in `state` (rules are evaluated every second). */
export function waitForAlert(prometheus: Prometheus, alert: string, state: AlertingRule['state'], seconds: number): Promise<AlertingRule> {
  return poll(`${alert} ${state}`, seconds, async () => {
    const rule = (await alertingRules(prometheus)).get(alert);
    if (rule?.state !== state) throw new Error(`${alert} is ${rule?.state ?? 'not loaded'}`);
    return rule;
  });
}

export interface DashboardQuery { dashboard: string; panel: string; expr: string }

/**
 * Every panel query of the project's dashboards, with Grafana's variables replaced by what
 * Grafana would send for "All instances" over a short range.
 */
export function dashboardQueries(project: string): DashboardQuery[] {
  const dir = join(project, 'monitoring/grafana/dashboards');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({
      dashboard: file,
      panel: panel.title,
      expr: target.expr
        .replaceAll('$instance', '.*')
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$__range', '5m'),
    })));
  });
}

/** Metric families that an exposition declares (# TYPE) without any sample yet. */
export function familiesWithoutSamples(exposition: string): string[] {
  const lines = exposition.split('\n');
  const declared = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2] ?? '');
  const sampled = new Set(lines.filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0] ?? ''));
  return declared.filter((family) => ![family, `${family}_bucket`, `${family}_count`].some((name) => sampled.has(name)));
}
