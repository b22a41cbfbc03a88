"""LLM/RAG serving latency: /search and /ask at concurrency 1 and 8, and ingestion throughput.

Run in a trained LLM/RAG project's venv, from its root (after `make all`, with the API stopped):
    PKG=<package> python bench_rag_serving.py
Starts the project's own API (local extractive answerer, local embedder, Qdrant local mode),
sends the project's own questions (distinct ones, in turn), medians over 3 rounds of P50 and P95.
Then times a full rebuild of the index (`ingestion_pipeline --rebuild`) and prints chunks per second.
"""

import json
import os
import time
from pathlib import Path

from bench_http import measure, print_table, running_api

REQUESTS = 400
ROUNDS = 3


def bench(base: str, questions: list[str]) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for route, key in (("/search", "query"), ("/ask", "question")):
        bodies: list[dict[str, object]] = [{key: question} for question in questions]
        for concurrency in (1, 8):
            rows.append((route, concurrency, *measure(base + route, bodies, concurrency, REQUESTS, ROUNDS)))
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
    with running_api(os.environ["PKG"]) as base:
        rows = bench(base, questions)
    print_table(rows, REQUESTS, ROUNDS)

    ingest_throughput()


if __name__ == "__main__":
    main()
