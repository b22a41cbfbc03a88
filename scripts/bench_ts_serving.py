"""Time Series serving latency: /forecast (one series, 28 days, its promotion plan) and /detect
(the 56 latest observations of a series) at concurrency 1 and 8.

Run in a trained Time Series project's venv, from its root (after `make all`, with the API stopped):
    PKG=<package> python bench_ts_serving.py
Starts the project's own API on its registered champion and sends each series in turn (distinct
requests), medians over 3 rounds of P50 and P95.
"""

import os

import pandas as pd
from bench_http import measure, print_table, running_api

REQUESTS = 200
ROUNDS = 3
HORIZON = 28


def bodies() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    sales = pd.read_parquet("data/raw/sales.parquet")
    sales["unique_id"] = sales["store"] + "-" + sales["product"]
    dates = pd.date_range(sales["date"].max() + pd.Timedelta(days=1), periods=HORIZON, freq="D").strftime("%Y-%m-%d")
    forecasts: list[dict[str, object]] = []
    detects: list[dict[str, object]] = []
    for series, rows in sales.groupby("unique_id"):
        plan = [{"unique_id": series, "ds": ds, "promo": int(i % 10 == 0)} for i, ds in enumerate(dates)]
        forecasts.append({"series_ids": [series], "horizon": HORIZON, "regressors": plan})
        recent = rows.sort_values("date").tail(56)
        detects.append(
            {
                "observations": [
                    {"unique_id": series, "ds": r.date.strftime("%Y-%m-%d"), "y": float(r.sales), "promo": int(r.promo)}
                    for r in recent.itertuples()
                ]
            }
        )
    return forecasts, detects


def main() -> None:
    forecasts, detects = bodies()
    rows = []
    with running_api(os.environ["PKG"]) as base:
        for route, payloads in (("/forecast", forecasts), ("/detect", detects)):
            for concurrency in (1, 8):
                rows.append((route, concurrency, *measure(base + route, payloads, concurrency, REQUESTS, ROUNDS)))
    print_table(rows, REQUESTS, ROUNDS)


if __name__ == "__main__":
    main()
