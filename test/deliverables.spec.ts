import { strict as assert } from 'node:assert';
import { allDeliverables, deliverablesOfSkill, expectationsFor, maturityProfile, requiredDeliverables } from '../lib/deliverables.js';

const byName = (name: string) => {
  const found = allDeliverables().find((d) => d.name === name);
  assert.ok(found, name);
  return found;
};

describe('deliverables specification (data from the seed)', () => {
  it('holds the 15 deliverables of the seed (the issue says 14), our vector store one, and the 3 maturity profiles', () => {
    assert.equal(allDeliverables().length, 16);
    assert.deepEqual(allDeliverables().filter((d) => d.mlTypes !== undefined).map((d) => [d.name, d.mlTypes]), [
      ['Feature store (Feast)', ['traditional-ml', 'deep-learning', 'time-series']],
      ['Vector database (Qdrant)', ['llm-rag']],
    ]);
    for (const p of ['starter', 'intermediate', 'advanced'] as const) assert.equal(maturityProfile(p).name, p);
  });

  it('reads single-quoted doubled backslashes as the regex they mean', () => {
    const grafana = byName('Grafana dashboards');
    const typeCheck = grafana.contentChecks[0];
    assert.ok(typeCheck);
    assert.equal(typeCheck.source, '"type":\\s*"graph"|"type":\\s*"gauge"');
    assert.ok(typeCheck.pattern.test('{"type":   "gauge"}'));
    assert.ok(!typeCheck.pattern.test('{"type": "stat"}'));
    const notebook = byName('Quick start notebook').contentChecks[0];
    assert.ok(notebook?.pattern.test('"cell_type": "code"'));
  });

  it('keeps double-quoted escapes as YAML reads them', () => {
    const mlflow = byName('MLflow experiment tracking').contentChecks[1];
    assert.equal(mlflow?.source, 'mlflow\\.log|mlflow\\.start_run');
    assert.ok(mlflow?.pattern.test('mlflow.log_metric("x", 1)'));
    assert.ok(!mlflow?.pattern.test('mlflowXlog'));
    const ci = byName('CI/CD pipeline configuration').contentChecks[0];
    assert.ok(ci?.pattern.test('on:\n  push:'));
  });

  it('gives the Kubernetes manifests to serving (the seed names the vector skill by mistake)', () => {
    assert.equal(byName('Kubernetes deployment manifests').primarySkill, 'serving');
  });

  it('requires 6, 12 and 13 deliverables at starter, intermediate and advanced', () => {
    assert.deepEqual(requiredDeliverables('starter').map((d) => d.name).sort(), [
      'Feature engineering code', 'MLflow experiment tracking', 'Model deployment infrastructure',
      'Model serving API', 'Quick start notebook', 'Sample data generation script',
    ]);
    const intermediate = requiredDeliverables('intermediate').map((d) => d.name);
    assert.equal(intermediate.length, 12);
    assert.ok(!intermediate.includes('Integration tests'));
    assert.ok(intermediate.includes('Kubernetes deployment manifests'), 'maturity_required names intermediate');
    const advanced = requiredDeliverables('advanced').map((d) => d.name);
    assert.equal(advanced.length, 13);
    assert.ok(advanced.includes('Integration tests'));
    assert.ok(!advanced.includes('Quick start notebook'));
  });

  it('requires the vector store of LLM/RAG and not Feast, and the other types the reverse', () => {
    for (const profile of ['starter', 'intermediate', 'advanced'] as const) {
      const rag = requiredDeliverables(profile, 'llm-rag').map((d) => d.name);
      assert.ok(rag.includes('Vector database (Qdrant)'), profile);
      assert.ok(!rag.includes('Feature store (Feast)'), profile);
      for (const mlType of ['traditional-ml', 'deep-learning', 'time-series'] as const) {
        assert.ok(!requiredDeliverables(profile, mlType).some((d) => d.name === 'Vector database (Qdrant)'), `${profile} ${mlType}`);
      }
    }
    assert.ok(requiredDeliverables('intermediate', 'deep-learning').some((d) => d.name === 'Feature store (Feast)'));
    assert.equal(requiredDeliverables('intermediate', 'llm-rag').length, 12, 'Feast out, the vector store in');
  });

  it('builds the expectations context of the seed for each maturity', () => {
    const starter = expectationsFor('starter');
    assert.equal(starter.blueprint, 'ml-pipeline');
    assert.equal(starter.maturity, 'starter');
    assert.ok(starter.skipped_deliverables.includes('Feature store (Feast)'));
    assert.equal(starter.required_deliverables.length + starter.skipped_deliverables.length, 16);
    assert.equal(expectationsFor('production').maturity, 'intermediate');
  });

  it('marks as critical the deliverables without which the project is not ready to use', () => {
    assert.deepEqual(allDeliverables().filter((d) => d.critical).map((d) => d.name), [
      'MLflow experiment tracking', 'Training pipeline orchestration', 'Feature engineering code', 'Vector database (Qdrant)',
      'Model serving API',
    ]);
  });

  it('names the symbols a module must define, each in one of the deliverable\'s required .py files', () => {
    assert.deepEqual(byName('Model serving API').defines, { 'src/serving/api.py': ['app'] });
    assert.deepEqual(byName('Training pipeline orchestration').defines, { 'pipelines/training_pipeline.py': ['training_pipeline'] });
    assert.deepEqual(byName('MLflow experiment tracking').defines, { 'src/models/train.py': ['train_model'] });
    for (const d of allDeliverables()) {
      for (const file of Object.keys(d.defines)) assert.ok(d.requiredFiles.includes(file) && file.endsWith('.py'), `${d.name}: ${file}`);
    }
  });

  it('lists the deliverables each skill owns', () => {
    assert.deepEqual(deliverablesOfSkill('assembling', 'advanced').map((d) => d.name),
      ['CI/CD pipeline configuration', 'Unit tests', 'Integration tests']);
    assert.deepEqual(deliverablesOfSkill('vector-db', 'advanced'), [], 'Traditional ML');
    assert.deepEqual(deliverablesOfSkill('vector-db', 'starter', 'llm-rag').map((d) => d.name), ['Vector database (Qdrant)']);
  });
});
