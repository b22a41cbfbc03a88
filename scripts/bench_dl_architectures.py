"""Time to 0.90 validation accuracy per training run (MLP vs CNN), from a DL project's MLflow runs.

Run in a trained Deep Learning project's venv, from its root:  python bench_dl_architectures.py <experiment>
"""
import sys
import mlflow
from mlflow import MlflowClient

mlflow.set_tracking_uri("sqlite:///mlruns/mlflow.db")
client = MlflowClient()
exp = client.get_experiment_by_name(sys.argv[1])
for run in client.search_runs([exp.experiment_id], order_by=["attributes.start_time ASC"]):
    arch = run.data.params.get("architecture", "?")
    acc = sorted(client.get_metric_history(run.info.run_id, "val_accuracy"), key=lambda m: m.step)
    secs = sorted(client.get_metric_history(run.info.run_id, "epoch_seconds"), key=lambda m: m.step)
    elapsed, reached = 0.0, None
    for a, s in zip(acc, secs):
        elapsed += s.value
        if reached is None and a.value >= 0.90:
            reached = (a.step, elapsed)
    m = run.data.metrics
    print(f"{run.info.run_id[:8]} {arch}: epochs {len(acc)}, loop {sum(s.value for s in secs):.1f} s, "
          f"training_duration {m.get('training_duration_seconds', float('nan')):.1f} s, 0.90 val acc at epoch/s {reached}, "
          f"test acc {m.get('test_accuracy', m.get('accuracy', float('nan')))}")
