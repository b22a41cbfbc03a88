"""What the serving benchmarks share: start a generated project's API on 127.0.0.1, wait for it,
drive a route with keep-alive clients at a given concurrency, and report P50/P95 and requests/s
as medians over rounds. Imported by bench_rag_serving.py and bench_ts_serving.py (run from a
trained project's root, in its venv)."""

import asyncio
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_api(package: str) -> Iterator[str]:
    """The project's own API (`python -m <package>.serving.api`) on a free port; stopped on exit."""
    port = free_port()
    env = {**os.environ, "API_PORT": str(port), "API_HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "-m", f"{package}.serving.api"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(wait_ready(base))
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


async def wait_ready(base: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(240):
            try:
                if (await client.get(f"{base}/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError("API not ready")


async def drive(url: str, bodies: Sequence[object], concurrency: int, requests: int) -> list[float]:
    """`requests` POSTs of the bodies in turn from `concurrency` clients; each latency in ms."""
    latencies: list[float] = []
    queue: asyncio.Queue[object] = asyncio.Queue()
    for index in range(requests):
        queue.put_nowait(bodies[index % len(bodies)])

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            body = queue.get_nowait()
            started = time.perf_counter()
            response = await client.post(url, json=body)
            latencies.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()

    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(url: str, bodies: Sequence[object], concurrency: int, requests: int, rounds: int) -> tuple[float, float, float]:
    """Median over rounds of P50 ms, P95 ms and requests/s."""
    p50s, p95s, rps = [], [], []
    for _ in range(rounds):
        started = time.perf_counter()
        latencies = asyncio.run(drive(url, bodies, concurrency, requests))
        rps.append(requests / (time.perf_counter() - started))
        p50s.append(percentile(latencies, 0.5))
        p95s.append(percentile(latencies, 0.95))
    return statistics.median(p50s), statistics.median(p95s), statistics.median(rps)


def print_table(rows: list[tuple[str, int, float, float, float]], requests: int, rounds: int) -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; {requests} requests x {rounds} rounds")
    print("| route | concurrency | P50 ms | P95 ms | requests/s |")
    print("|---|---|---|---|---|")
    for route, concurrency, p50, p95, rate in rows:
        print(f"| {route} | {concurrency} | {p50:.1f} | {p95:.1f} | {rate:.0f} |")
