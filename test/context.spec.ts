import { strict as assert } from 'node:assert';
import { withDefaults, type Answers } from '../lib/answers.js';
import { buildContext, featuresFor, makeAllStages, serviceName, vectorDbDecision } from '../lib/context.js';

const answers = (partial: Partial<Answers>) => withDefaults(partial, '/tmp/project');

describe('project context', () => {
  it('enables the vector DB only where the seed enabled_when holds', () => {
    assert.equal(vectorDbDecision('traditional-ml').enabled, false);
    assert.match(vectorDbDecision('traditional-ml').reason, /work on tables/);
    assert.equal(vectorDbDecision('time-series').enabled, false);
    assert.equal(vectorDbDecision('llm-rag').enabled, true);
    assert.equal(vectorDbDecision('traditional-ml', 'recommendation').enabled, true);
  });

  it('gives LLM/RAG the vector store instead of Feast, and no Evidently extra (its drift check is a classifier)', () => {
    const rag = buildContext(answers({ mlType: 'llm-rag' }), '0.0.0');
    assert.ok(rag.is.rag && !rag.is.tml && !rag.is.dl);
    assert.ok(rag.features.vectorDb && !rag.features.featureStore && rag.features.driftMonitoring);
    assert.deepEqual(rag.pythonExtras, ['quality', 'versioning']);
    assert.deepEqual(buildContext(answers({}), '0.0.0').pythonExtras, ['features', 'quality', 'monitoring', 'versioning']);
    assert.equal(rag.registeredModelName, 'project-rag', 'not a classifier');
    assert.equal(rag.registrationThreshold, 0.6);
  });

  it('says what `make all` runs and what `make serve` starts, per type and maturity', () => {
    assert.deepEqual(makeAllStages(buildContext(answers({ mlType: 'llm-rag' }), '0.0.0')), ['data', 'ingest', 'evaluate', 'predict', 'monitor']);
    assert.deepEqual(makeAllStages(buildContext(answers({ mlType: 'llm-rag', maturity: 'starter' }), '0.0.0')), ['data', 'ingest', 'evaluate', 'predict']);
    assert.deepEqual(makeAllStages(buildContext(answers({}), '0.0.0')), ['data', 'validate', 'train', 'evaluate', 'predict', 'monitor']);
    assert.equal(serviceName(buildContext(answers({ mlType: 'llm-rag' }), '0.0.0')), 'question-answering API');
    assert.equal(serviceName(buildContext(answers({ mlType: 'deep-learning' }), '0.0.0')), 'prediction API');
  });

  it('keeps Starter minimal: notebooks and compose, no Feast, drift, CI or Kubernetes', () => {
    const starter = featuresFor(answers({ maturity: 'starter' }));
    assert.deepEqual(
      [starter.notebooks, starter.composeStack, starter.featureStore, starter.driftMonitoring, starter.cicd, starter.kubernetesManifests, starter.observabilityStack],
      [true, true, false, false, false, false, false],
    );
    assert.equal(featuresFor(answers({ maturity: 'starter', infrastructure: 'kubernetes' })).kubernetesManifests, true,
      'training on Kubernetes gets manifests at any maturity');
  });

  it('gives Production the feature store, validation, monitoring, CI/CD and manifests; Advanced adds canary and retraining', () => {
    const production = featuresFor(answers({}));
    assert.ok(production.featureStore && production.dataValidation && production.driftMonitoring && production.cicd && production.kubernetesManifests);
    assert.ok(!production.canary && !production.autoRetrain && !production.notebooks);
    const advanced = featuresFor(answers({ maturity: 'advanced' }));
    assert.ok(advanced.canary && advanced.autoRetrain);
  });

  it('maps each infrastructure answer to its deployment files', () => {
    assert.ok(featuresFor(answers({ infrastructure: 'cloud-vms' })).terraform);
    assert.ok(featuresFor(answers({ infrastructure: 'kubernetes' })).kubernetesCluster);
    assert.ok(featuresFor(answers({ infrastructure: 'managed-platform' })).managedPlatform);
    const local = featuresFor(answers({ infrastructure: 'local' }));
    assert.ok(!local.terraform && !local.kubernetesCluster && !local.managedPlatform && local.composeStack);
  });

  it('carries the expectations context and the Python package name', () => {
    const ctx = buildContext(answers({ projectName: 'churn-model', maturity: 'advanced' }), '1.2.3');
    assert.equal(ctx.packageName, 'churn_model');
    assert.equal(ctx.profile, 'advanced');
    assert.equal(ctx.expectations.required_deliverables.length, 13);
    assert.equal(ctx.generatorVersion, '1.2.3');
  });
});

describe('alerting numbers and Prometheus formatting', () => {
  it('formats durations as Prometheus humanizeDuration does', async () => {
    const { humanizeDuration, formatG4 } = await import('../lib/prometheus-format.js');
    assert.equal(humanizeDuration(0.96875), '968.8ms');
    assert.equal(humanizeDuration(0.095), '95ms');
    assert.equal(humanizeDuration(1.5), '1.5s');
    assert.equal(humanizeDuration(61), '1m 1s');
    assert.equal(humanizeDuration(3725), '1h 2m 5s');
    assert.equal(humanizeDuration(0.0004), '400us');
    assert.equal(formatG4(12346), '1.235e+04'); // (exact ties round half-even in Go; the tests avoid them)
    assert.equal(formatG4(0.5), '0.5');
  });

  it('derives firing and silent test values from the chosen thresholds', async () => {
    const { alertingFor } = await import('../lib/context.js');
    const defaults = alertingFor(answers({}));
    assert.deepEqual(defaults.latencyBuckets, ['0.1', '0.5', '1']);
    assert.equal(defaults.latencyFiringText, '509.8ms'); // 500 ms * (1 + 1/51)
    assert.equal(defaults.driftFiringValue, '0.31');
    const custom = alertingFor(answers({ latencySloMs: 300, driftThreshold: 0.9 }));
    assert.deepEqual(custom.latencyBuckets, ['0.06', '0.3', '0.6']);
    assert.equal(custom.latencyFiringText, '305.9ms');
    assert.equal(custom.driftFiringValue, '0.91');
    // Just above any threshold, with the two decimals the annotation prints.
    for (const threshold of [0.125, 0.25, 0.999, 0.07]) {
      const firing = Number(alertingFor(answers({ driftThreshold: threshold })).driftFiringValue);
      assert.ok(firing > threshold && firing <= threshold + 0.01 + 1e-9, `${threshold} -> ${firing}`);
    }
  });

  it('chooses the cloud from the infrastructure answers', async () => {
    const { cloudFor } = await import('../lib/context.js');
    assert.equal(cloudFor(answers({ infrastructure: 'cloud-vms', cloudProvider: 'gcp' })).scheme, 'gs');
    assert.equal(cloudFor(answers({ infrastructure: 'managed-platform', managedPlatform: 'vertex-ai' })).dvcRemotePlugin, 'dvc-gs');
    assert.equal(cloudFor(answers({ infrastructure: 'managed-platform', managedPlatform: 'sagemaker' })).provider, 'aws');
    assert.equal(cloudFor(answers({ infrastructure: 'local' })).extra, 'cloud-aws');
  });
});
