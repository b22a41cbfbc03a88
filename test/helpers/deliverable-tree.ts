/**
 * A hand-written project tree that fulfils every deliverable, independent of the templates: its
 * Python parses and defines the names lib/spec/deliverables.yaml asks for, its YAML and JSON load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const FULFILLING_FILES: Record<string, string> = {
  'src/models/train.py': 'import mlflow\n\n\ndef train_model(splits, config):\n    with mlflow.start_run():\n        mlflow.log_metric("accuracy", 0.9)\n',
  'pipelines/training_pipeline.py': 'from prefect import flow\n\n@flow\ndef training_pipeline():\n    return 1\n',
  'src/features/feature_engineering.py': 'def add_ratio_feature(df):\n    return df\n',
  'src/features/feature_store.py':
    'from feast import FeatureStore\n\n\ndef register_features(settings):\n    return FeatureStore()\n\n\ndef get_training_frame(store, labels):\n    return labels\n',
  'src/features/feature_definitions.py': 'from feast import FeatureView\n',
  'src/data/validation.py': 'import great_expectations as gx\n\n\ndef validate_data(frame, settings):\n    return gx\n',
  'src/serving/api.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
  'src/serving/schemas.py': 'from pydantic import BaseModel\nclass Row(BaseModel):\n    x: int\n',
  'infrastructure/docker/Dockerfile.serving': 'FROM python:3.11-slim\nCMD ["python"]\n',
  'infrastructure/kubernetes/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
  'infrastructure/kubernetes/service.yaml': 'apiVersion: v1\nkind: Service\n',
  'monitoring/prometheus/prometheus.yml': 'scrape_configs:\n  - job_name: api\n',
  'monitoring/prometheus/alert_rules.yml': 'groups:\n  - rules:\n      - alert: Down\n        expr: up == 0\n',
  'monitoring/grafana/dashboards/training_metrics.json': '{"title": "Training", "panels": [{"type": "gauge"}]}\n',
  'monitoring/grafana/dashboards/serving_metrics.json': '{"title": "Serving", "panels": []}\n',
  'scripts/generate_sample_data.py': 'def generate_sample_data(df):\n    df.to_parquet("x")\n',
  'notebooks/01_quickstart.ipynb': '{"cells": [{"cell_type": "code", "source": ["train()"]}]}\n',
  '.github/workflows/ci.yml': 'on:\n  push:\njobs:\n  test:\n    steps:\n      - run: pytest\n',
  '.github/workflows/train.yml': 'on:\n  push:\n',
  'tests/unit/test_preprocessing.py': 'def test_clean():\n    assert 1 + 1 == 2\n',
  'tests/unit/test_model_training.py': 'def test_train():\n    assert True\n',
  'tests/integration/test_training_pipeline.py': 'def test_training_pipeline():\n    assert True\n',
};

/** Files of each deliverable in FULFILLING_FILES, to delete k deliverables at a time. */
export const FILES_OF: Record<string, string[]> = {
  'Grafana dashboards': ['monitoring/grafana/dashboards/training_metrics.json', 'monitoring/grafana/dashboards/serving_metrics.json'],
  'Feature store (Feast)': ['src/features/feature_store.py', 'src/features/feature_definitions.py'],
  'Unit tests': ['tests/unit/test_preprocessing.py', 'tests/unit/test_model_training.py'],
  'Model serving API': ['src/serving/api.py', 'src/serving/schemas.py'],
};

export function writeTree(root: string, files: Record<string, string | Buffer> = FULFILLING_FILES): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export function writeYoRc(root: string, answers: Record<string, unknown>): void {
  writeFileSync(join(root, '.yo-rc.json'), JSON.stringify({ 'generator-ml-pipeline': answers }, null, 2));
}
