"""Time Series backtests: wall time, MASE, MAE and 90% interval coverage (on the last fold) of each
forecaster on the project's data, with its own configuration (folds, horizon, features).

Run in a Time Series project's venv, from its root (after `make data`):
    PKG=<package> python bench_ts_models.py [model ...]   (default: every forecaster; prophet when installed)
One backtest per model, run on its own: a benchmark, not a test.
"""

import importlib
import os
import platform
import sys
import time


def main() -> None:
    package = os.environ["PKG"]
    config = importlib.import_module(f"{package}.utils.config").load_config()
    frame = importlib.import_module(f"{package}.data.ingestion").load_series(config)
    train = importlib.import_module(f"{package}.models.train")
    evaluate = importlib.import_module(f"{package}.models.evaluate")
    names = sys.argv[1:] or ["seasonal_naive", "ets", "global_gbm", "mstl_ets", "sarimax", "prophet"]
    scales = evaluate.series_scales(frame, config.model.season_length).to_dict()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    folds = f"{config.model.backtest.n_folds} folds x {config.model.horizon} steps"
    print(f"{frame['unique_id'].nunique()} series, {len(frame)} rows; {folds}")
    print("| model | backtest s | MASE | MAE | coverage (last fold) |")
    print("|---|---|---|---|---|")
    for name in names:
        started = time.perf_counter()
        try:
            result, intervals = train.backtest_candidate(name, frame, config, scales)
        except ImportError as error:
            print(f"| {name} | not installed: {error} | | | |")
            continue
        metrics = train.candidate_metrics(result, intervals, scales)
        seconds = time.perf_counter() - started
        print(f"| {name} | {seconds:.1f} | {metrics['mase']:.3f} | {metrics['mae']:.2f} | {metrics['coverage']:.3f} |")


if __name__ == "__main__":
    main()
