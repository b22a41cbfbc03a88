"""LLM/RAG serving latency: /search and /ask at concurrency 1 and 8, and ingestion throughput.

Run in a trained LLM/RAG project's venv, from its root (after `make all`, with the API stopped):
    PKG=<package> python bench_rag_serving.py
Starts the project's own API (local extractive answerer, local embedder, Qdrant local mode),
sends the project's own questions (distinct ones, in turn), medians over 3 rounds of P50 and P95.
Then times a full rebuild of the index (`ingestion_pipeline --rebuild`) and prints chunks per second.
"""

import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REQUESTS = 400
ROUNDS = 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "API_PORT": str(port), "API_HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"}
    return subprocess.Popen(
        [sys.executable, "-m", os.environ["PKG"] + ".serving.api"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


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


async def drive(url: str, bodies: list[dict[str, object]], concurrency: int) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    for index in range(REQUESTS):
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


async def bench(base: str, questions: list[str]) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for route, key in (("/search", "query"), ("/ask", "question")):
        bodies: list[dict[str, object]] = [{key: question} for question in questions]
        for concurrency in (1, 8):
            p50s, p95s, rps = [], [], []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                latencies = await drive(base + route, bodies, concurrency)
                rps.append(REQUESTS / (time.perf_counter() - started))
                p50s.append(percentile(latencies, 0.5))
                p95s.append(percentile(latencies, 0.95))
            rows.append((route, concurrency, statistics.median(p50s), statistics.median(p95s), statistics.median(rps)))
    return rows


def ingest_throughput() -> None:
    """Load + chunk, fit the local embedder, embed, and index into a fresh local-mode folder: seconds and chunks/s."""
    import importlib
    import tempfile

    package = os.environ["PKG"]
    config = importlib.import_module(f"{package}.utils.config").load_config()
    ingestion = importlib.import_module(f"{package}.data.ingestion")
    chunking = importlib.import_module(f"{package}.data.chunking")
    embeddings = importlib.import_module(f"{package}.models.embeddings")
    indexing = importlib.import_module(f"{package}.vector_store.indexing")
    client_module = importlib.import_module(f"{package}.vector_store.client")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    documents = ingestion.load_documents(config.data.corpus_dir, config.data.extensions, config.data.max_file_bytes)
    chunks = chunking.chunk_documents(documents, config.data.chunking)
    timings["load + chunk"] = time.perf_counter() - started
    texts = [chunk.text for chunk in chunks]
    started = time.perf_counter()
    embedder = embeddings.LocalEmbedder.from_settings(config.model.embeddings).fit(texts)
    timings["fit embedder"] = time.perf_counter() - started
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    timings["embed"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("memory", "local"):
            settings = config.vector_db.model_copy(update={"mode": mode, "path": Path(folder) / "qdrant"})
            client = client_module.create_client(settings)
            started = time.perf_counter()
            indexing.VectorIndex(client, settings).rebuild(chunks, vectors)
            timings[f"index ({mode} mode)"] = time.perf_counter() - started
            client.close()
    print(f"ingestion of {len(documents)} documents, {len(chunks)} chunks:")
    print("| step | seconds | chunks/s |")
    print("|---|---|---|")
    for step, seconds in timings.items():
        print(f"| {step} | {seconds:.2f} | {len(chunks) / seconds:.0f} |")


def main() -> None:
    lines = Path("data/raw/questions.jsonl").read_text().splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    port = free_port()
    server = start(port)
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(wait_ready(base))
        rows = asyncio.run(bench(base, questions))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; {REQUESTS} requests x {ROUNDS} rounds")
    print("| route | concurrency | P50 ms | P95 ms | requests/s |")
    print("|---|---|---|---|---|")
    for route, concurrency, p50, p95, rps in rows:
        print(f"| {route} | {concurrency} | {p50:.1f} | {p95:.1f} | {rps:.0f} |")

    ingest_throughput()


if __name__ == "__main__":
    main()
