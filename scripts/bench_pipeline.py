"""What `make train` and `make predict` cost beyond the model's own work, in a trained default
Traditional ML project (run from its root, in its venv):

    PKG=<package> python bench_pipeline.py [--runs 3]

- make train: wall time, and the model work its MLflow run recorded (cross-validation plus the
  final fit: cross_validation_seconds + training_duration_seconds); overhead = wall - work
  (Prefect's temporary API, imports, Feast, Great Expectations, MLflow logging).
- make predict: wall time, and the scoring of the same file timed here in-process with the same
  champion; start-up = wall - scoring, and rows/s after start-up.

Medians over the runs, with the machine. A benchmark, not a test: nothing passes or fails on time.
"""

import argparse
import os
import platform
import statistics
import subprocess
import time
from importlib import import_module

import mlflow
import pandas as pd
from mlflow.tracking import MlflowClient

PKG = os.environ["PKG"]


def wall(target: str) -> float:
    started = time.perf_counter()
    subprocess.run(["make", target], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def latest_training_work(experiment: str) -> float:
    """Cross-validation plus final fit of the newest training run, in seconds."""
    client = MlflowClient()
    found = client.get_experiment_by_name(experiment)
    if found is None:
        raise SystemExit(f"no MLflow experiment {experiment!r}: train the project first")
    [run] = client.search_runs([found.experiment_id], order_by=["attributes.start_time DESC"], max_results=1)
    metrics = run.data.metrics
    return float(metrics["cross_validation_seconds"]) + float(metrics["training_duration_seconds"])


def scoring_seconds(config: object, rows: pd.DataFrame) -> float:
    """The champion's predict() on rows, timed in-process (the model already loaded)."""
    registry = config.model.registry  # type: ignore[attr-defined]
    model = mlflow.sklearn.load_model(f"models:/{registry.model_name}@{registry.alias}")
    predict = import_module(f"{PKG}.models.predict").predict
    threshold = config.model.evaluation.decision_threshold  # type: ignore[attr-defined]
    predict(model, rows.head(10), threshold)  # first-call costs are start-up
    started = time.perf_counter()
    predict(model, rows, threshold)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = import_module(f"{PKG}.utils.config").load_config()
    mlflow.set_tracking_uri(config.pipeline.mlflow.tracking_uri)
    experiment = config.pipeline.mlflow.experiment_name

    train_walls, train_work = [], []
    for _ in range(args.runs):
        train_walls.append(wall("train"))
        train_work.append(latest_training_work(experiment))
    rows = pd.read_parquet(config.pipeline.data.batch_input)
    predict_walls = [wall("predict") for _ in range(args.runs)]
    scoring = statistics.median(scoring_seconds(config, rows) for _ in range(args.runs))

    train_wall, work = statistics.median(train_walls), statistics.median(train_work)
    predict_wall = statistics.median(predict_walls)
    print(f"machine: {os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}; medians of {args.runs} runs")
    print("| step | wall s | model work s | overhead s |")
    print("|---|---|---|---|")
    print(f"| make train | {train_wall:.1f} | {work:.1f} (cross-validation + fit) | {train_wall - work:.1f} |")
    print(f"| make predict ({len(rows):,} rows) | {predict_wall:.1f} | {scoring:.2f} (predict) | {predict_wall - scoring:.1f} (start-up) |")
    print(f"scoring after start-up: {len(rows) / scoring:,.0f} rows/s")


if __name__ == "__main__":
    main()
