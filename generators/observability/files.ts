/**
 * implementing-observability: the service's metrics, drift detection and alerting code, the
 * monitoring configuration, Prometheus (config, alert rules, rule tests) and Grafana.
 */
import type { ProjectContext } from '../../lib/context.js';
import { both, forTypes, type FileRow } from '../../lib/file-table.js';

const drift = (c: ProjectContext) => c.features.driftMonitoring;
const stack = (c: ProjectContext) => c.features.observabilityStack;
const rag = forTypes('llm-rag');
const ts = forTypes('time-series');

export const files: readonly FileRow[] = [
  { path: 'src/monitoring/__init__.py' },
  { path: 'src/monitoring/metrics_logger.py' },
  // OpenTelemetry spans with the GenAI conventions: tokens, model and latency of each stage.
  { path: 'src/monitoring/llm_tracing.py', when: rag },
  { path: 'src/monitoring/drift_detection.py', when: drift },
  { path: 'src/monitoring/alerting.py', when: drift },
  // Time Series at Starter has no monitoring flow to read it.
  { path: 'config/monitoring_config.yaml', when: (c) => !c.is.ts || c.features.driftMonitoring },
  { path: 'monitoring/prometheus/prometheus.yml', when: stack },
  { path: 'monitoring/prometheus/alert_rules.yml', when: stack },
  { path: 'monitoring/prometheus/alert_rules_test.yml', when: stack },
  { path: 'monitoring/grafana/dashboards/training_metrics.json', when: stack },
  { path: 'monitoring/grafana/dashboards/serving_metrics.json', when: stack },
  { path: 'monitoring/grafana/dashboards/data_quality.json', when: stack },
  { path: 'monitoring/grafana/dashboards/infrastructure.json', when: stack },
  { path: 'monitoring/grafana/dashboards/llm_metrics.json', when: both(stack, rag) },
  // Forecasts against the actuals: realized error, interval coverage, anomaly rate, data freshness.
  { path: 'monitoring/grafana/dashboards/forecast_metrics.json', when: both(stack, ts) },
  { path: 'monitoring/grafana/provisioning/datasources/prometheus.yml', when: stack },
  { path: 'monitoring/grafana/provisioning/dashboards/dashboards.yml', when: stack },
  { path: 'tools/check_dashboards.py', when: stack },
  // Prometheus + Grafana in the cluster the serving manifests deploy to (the canary gate queries it).
  { path: 'infrastructure/kubernetes/monitoring-stack.yaml', when: (c) => c.features.kubernetesManifests && c.features.observabilityStack },
];
