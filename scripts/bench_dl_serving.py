"""Serving latency: single-image /predict at concurrency 1 and 8, ONNX Runtime vs eager torch.

Run in a trained Deep Learning project's venv, from its root:  PKG=<package> [BENCH_BATCHING=0] python bench_dl_serving.py
Starts the project's own API twice (runtime onnx, runtime torch; cache off so every request
reaches the model; batching as configured), same client, same images, medians over 3 rounds.
"""

import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import yaml
from bench_http import free_port, wait_ready
from sklearn.datasets import load_digits

REQUESTS = 600
ROUNDS = 3


def start(runtime: str, port: int, config_dir: Path) -> subprocess.Popen[bytes]:
    serving = yaml.safe_load((Path("config") / "serving_config.yaml").read_text())
    serving["runtime"] = runtime
    serving["cache"]["enabled"] = False
    serving["batching"]["enabled"] = os.environ.get("BENCH_BATCHING", "1") == "1"
    (config_dir / "serving_config.yaml").write_text(yaml.safe_dump(serving))
    env = {**os.environ, "CONFIG_DIR": str(config_dir), "PROJECT_ROOT": str(Path.cwd()), "API_PORT": str(port), "API_HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "-m", os.environ["PKG"] + ".serving.api"], env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def run(base: str, bodies: list[str], concurrency: int) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            body = queue.get_nowait()
            start = time.perf_counter()
            response = await client.post(f"{base}/predict", content=body, headers={"content-type": "application/json"})
            latencies.append(time.perf_counter() - start)
            assert response.status_code == 200, response.text

    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies


def main() -> None:
    images = (load_digits().images * 255 / 16).round().astype(np.uint8)
    bodies = [json.dumps({"pixels": image.tolist()}) for image in images[:REQUESTS]]
    results: dict[str, dict[int, list[tuple[float, float]]]] = {}
    for runtime in ("onnx", "torch"):
        config_dir = Path(tempfile.mkdtemp())
        for name in Path("config").glob("*.yaml"):
            shutil.copy(name, config_dir / name.name)
        port = free_port()
        server = start(runtime, port, config_dir)
        base = f"http://127.0.0.1:{port}"
        try:
            asyncio.run(wait_ready(base))
            asyncio.run(run(base, bodies[:100], 4))  # warm-up
            for concurrency in (1, 8):
                for _ in range(ROUNDS):
                    lat = sorted(asyncio.run(run(base, bodies, concurrency)))
                    p50 = lat[len(lat) // 2] * 1000
                    p95 = lat[int(len(lat) * 0.95)] * 1000
                    results.setdefault(runtime, {}).setdefault(concurrency, []).append((p50, p95))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
    for runtime, by_conc in results.items():
        for concurrency, rounds in by_conc.items():
            p50 = statistics.median(r[0] for r in rounds)
            p95 = statistics.median(r[1] for r in rounds)
            print(f"{runtime:5s} concurrency {concurrency}: P50 {p50:.2f} ms  P95 {p95:.2f} ms  (median of {ROUNDS} rounds x {REQUESTS} requests)")


if __name__ == "__main__":
    main()
