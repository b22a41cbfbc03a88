"""The Traditional ML API against MLflow's own server, on the same registered model, machine and rows.

Run from a trained default project's root, in its venv (npm run bench:serving does all of it):
    PKG=<package> python bench_serving.py [--rounds 3] [--seconds 10]

Both servers get one process on 127.0.0.1: the project's API (`python -m <pkg>.serving.api`,
its prediction cache off, so no request is a cache hit) and `mlflow models serve
--env-manager local --workers 1` on models:/<name>@champion. wrk (Debian) drives them with
keep-alive connections; its Lua script cycles through distinct rows of the project's scoring
batch. Single rows at concurrency 1, 8 and 32, then batches of 1,000 and 10,000 rows; each
figure is the median of the rounds. A benchmark, not a test: nothing passes or fails on time.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_http import free_port  # noqa: E402

PKG = os.environ["PKG"]
LUA = """
bodies = {}
local i = 0
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%f %%f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def rows() -> list[dict[str, object]]:
    """The scoring batch's feature columns as JSON-ready rows (NaN as null)."""
    from importlib import import_module

    columns = import_module(f"{PKG}.features.feature_definitions").FEATURE_COLUMNS
    frame = pd.read_parquet("data/external/scoring_batch.parquet")[list(columns)]
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{key: (value.item() if hasattr(value, "item") else value) for key, value in r.items()} for r in records]


def wait_ready(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {seconds} s")


@contextmanager
def server(command: list[str], ready: str, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        command, env={**os.environ, **env}, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_ready(ready)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def wrk(url: str, bodies: list[str], connections: int, seconds: int, work: Path) -> tuple[float, float, float]:
    """(requests/s, P50 ms, P95 ms) of one wrk run; bodies are cycled, one per request."""
    body_file = work / f"bodies-{len(bodies)}-{abs(hash(bodies[0])) % 10_000}.jsonl"
    body_file.write_text("\n".join(bodies) + "\n")
    script = work / "bench.lua"
    script.write_text(LUA % {"bodies": body_file})
    threads = str(min(connections, 2))
    out = subprocess.run(
        ["wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)", out)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    requests, errors, micros, p50, p95 = match.groups()
    if int(errors):
        raise RuntimeError(f"{errors} failed requests against {url}:\n{out}")
    return int(requests) / (int(micros) / 1e6), float(p50), float(p95)


def median_of(rounds: int, run: Callable[[], tuple[float, float, float]]) -> tuple[float, float, float]:
    results = [run() for _ in range(rounds)]
    return tuple(statistics.median(r[i] for r in results) for i in range(3))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (Debian)")

    config_module = __import__(f"{PKG}.utils.config", fromlist=["load_config"])
    config = config_module.load_config()
    registry = config.model.registry
    data = rows()
    project_single = [json.dumps(r) for r in data]
    mlflow_single = [json.dumps({"dataframe_records": [r]}) for r in data]

    def batches(size: int) -> tuple[list[str], list[str]]:
        picked = [data[(start + i) % len(data)] for start in range(0, 4 * size, size) for i in range(size)]
        chunks = [picked[i : i + size] for i in range(0, len(picked), size)]
        return (
            [json.dumps({"instances": chunk}) for chunk in chunks],
            [json.dumps({"dataframe_records": chunk}) for chunk in chunks],
        )

    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        # The project's config with the prediction cache off: every request reaches the model.
        config_dir = work / "config"
        shutil.copytree("config", config_dir)
        serving_yaml = config_dir / "serving_config.yaml"
        serving = yaml.safe_load(serving_yaml.read_text())
        serving["cache"]["enabled"] = False
        serving["log_level"] = "WARNING"
        serving_yaml.write_text(yaml.safe_dump(serving))
        project_port, mlflow_port = free_port(), free_port()
        project_env = {
            "CONFIG_DIR": str(config_dir),
            "PROJECT_ROOT": str(Path.cwd()),
            "API_HOST": "127.0.0.1",
            "API_PORT": str(project_port),
        }
        mlflow_env = {"MLFLOW_TRACKING_URI": config.pipeline.mlflow.tracking_uri}
        model_uri = f"models:/{registry.model_name}@{registry.alias}"
        mlflow_cmd = [
            sys.executable, "-m", "mlflow", "models", "serve", "-m", model_uri, "--env-manager", "local",
            "-h", "127.0.0.1", "-p", str(mlflow_port), "--workers", "1",
        ]
        project_url = f"http://127.0.0.1:{project_port}"
        mlflow_url = f"http://127.0.0.1:{mlflow_port}"
        results: list[tuple[str, tuple[float, float, float], tuple[float, float, float], int]] = []
        cases: list[tuple[str, list[str], list[str], str, int, int]] = [
            (f"1 row, concurrency {c}", project_single, mlflow_single, "/predict", c, 1) for c in (1, 8, 32)
        ]
        for size in (1_000, 10_000):
            project_bodies, mlflow_bodies = batches(size)
            cases.append((f"{size:,} rows a request", project_bodies, mlflow_bodies, "/predict/batch", 1, size))
        measured: dict[str, dict[str, tuple[float, float, float]]] = {"project": {}, "mlflow": {}}
        with server([sys.executable, "-m", f"{PKG}.serving.api"], f"{project_url}/ready", project_env):
            for label, bodies, _, route, connections, _ in cases:
                measured["project"][label] = median_of(
                    args.rounds, lambda: wrk(project_url + route, bodies, connections, args.seconds, work)
                )
        with server(mlflow_cmd, f"{mlflow_url}/ping", mlflow_env):
            for label, _, bodies, _, connections, _ in cases:
                measured["mlflow"][label] = median_of(
                    args.rounds, lambda: wrk(mlflow_url + "/invocations", bodies, connections, args.seconds, work)
                )
        for label, _, _, _, _, size in cases:
            results.append((label, measured["project"][label], measured["mlflow"][label], size))

    print(f"machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), Python {platform.python_version()}")
    print(f"model: {model_uri}; wrk, keep-alive, distinct rows, {args.seconds} s a run, median of {args.rounds} runs")
    print()
    print("| load | project rows/s | MLflow rows/s | rows/s ratio | project P50 / P95 ms | MLflow P50 / P95 ms | P95 ratio |")
    print("|---|---|---|---|---|---|---|")
    for label, (p_rps, p_50, p_95), (m_rps, m_50, m_95), size in results:
        print(
            f"| {label} | {p_rps * size:,.0f} | {m_rps * size:,.0f} | {p_rps / m_rps:.2f}x "
            f"| {p_50:.1f} / {p_95:.1f} | {m_50:.1f} / {m_95:.1f} | {p_95 / m_95:.2f}x |"
        )


if __name__ == "__main__":
    main()
