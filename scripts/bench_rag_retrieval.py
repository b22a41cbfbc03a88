"""Retrieval quality of an LLM/RAG project's retriever variants against a plain BM25 baseline.

Renders nothing: point it at a rendered project whose package is installed in the running Python
(an editable install), with the sample data in <project>/data/raw (made by the project's
scripts/generate_sample_data.py if missing, into a temporary folder):

    <venv>/bin/python scripts/bench_rag_retrieval.py /path/to/rendered/project [--repeats 3]

Every variant indexes the project's own chunks (its chunking settings) of the sample corpus:
- dense, hybrid, hybrid + rerank: the project's Retriever (local TF-IDF + SVD embedder fitted on the
  chunks, Qdrant in memory), the rerank being the configured one (lexical unless cross-encoder is set);
- bm25: bm25s (Lucene BM25, English stopwords) over the same chunk texts.
hit@k and MRR are judged per source document over the top-k chunks (as rag.models.evaluate does),
on all answerable questions and on the paraphrased ones (the answerable questions listed after the
unanswerable ones). Then the configured chain is scored by rag.models.evaluate.evaluate_chain at
top_k = k and at top_k = 1. Latency: median per question over --repeats runs.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()} ({cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()})"


def rank_by_document(ranked_sources: Sequence[str], relevant: str) -> int:
    distinct = list(dict.fromkeys(ranked_sources))
    return distinct.index(relevant) + 1 if relevant in distinct else 0


def score(
    rank_sources: Callable[[str], list[str]], questions: Sequence, k: int, repeats: int
) -> tuple[list[int], float]:
    """Ranks of the source document (0 = not in the top k chunks) and the median ms per question."""
    ranks: list[int] = []
    seconds: list[float] = []
    for question in questions:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            sources = rank_sources(question.question)[:k]
            runs.append(time.perf_counter() - started)
        seconds.append(statistics.median(runs))
        ranks.append(rank_by_document(sources, question.source))
    return ranks, statistics.median(seconds) * 1000


def hit_mrr(ranks: Sequence[int], k: int) -> tuple[float, float]:
    if not ranks:
        return float("nan"), float("nan")
    hit = sum(0 < rank <= k for rank in ranks) / len(ranks)
    return hit, sum(1 / rank for rank in ranks if rank) / len(ranks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="rendered RAG project (its package installed in this Python)")
    parser.add_argument("-k", type=int, default=5, help="chunks retrieved per question (default 5)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per question (median)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    os.environ["PROJECT_ROOT"] = str(project)
    os.environ["CONFIG_DIR"] = str(project / "config")

    import bm25s
    from qdrant_client import QdrantClient

    from rag.data.chunking import chunk_documents
    from rag.data.ingestion import load_documents
    from rag.models.embeddings import LocalEmbedder
    from rag.models.evaluate import evaluate_chain, load_questions
    from rag.models.rag_chain import build_chain
    from rag.models.retrieval import Retriever
    from rag.utils.config import load_config
    from rag.vector_store.indexing import VectorIndex

    config = load_config(project / "config", environ={"PROJECT_ROOT": str(project)})
    raw = project / "data" / "raw"
    if not (raw / "questions.jsonl").is_file():
        raw = Path(tempfile.mkdtemp(prefix="bench-rag-")) / "raw"
        sys.path.insert(0, str(project / "scripts"))
        import generate_sample_data

        generate_sample_data.generate_sample_data(raw)
    documents = load_documents(raw / "corpus", config.data.extensions, config.data.max_file_bytes)
    chunks = chunk_documents(documents, config.data.chunking)
    questions = load_questions(raw / "questions.jsonl")
    answerable = [q for q in questions if q.answerable and q.source]
    first_unanswerable = next((i for i, q in enumerate(questions) if not q.answerable), len(questions))
    paraphrased = {q.id for q in questions[first_unanswerable:] if q.answerable}

    started = time.perf_counter()
    embedder = LocalEmbedder.from_settings(config.model.embeddings).fit([chunk.text for chunk in chunks])
    fit_seconds = time.perf_counter() - started
    client = QdrantClient(":memory:")
    VectorIndex(client, config.vector_db).rebuild(chunks, embedder.embed([chunk.text for chunk in chunks]))

    configured = config.model.retrieval
    variants: dict[str, Callable[[str], list[str]]] = {}
    for label, update in (
        ("dense", {"hybrid": False, "rerank": "none"}),
        ("hybrid (RRF)", {"hybrid": True, "rerank": "none"}),
        (
            f"hybrid + {configured.rerank if configured.rerank != 'none' else 'lexical'} rerank",
            {"hybrid": True, "rerank": configured.rerank if configured.rerank != "none" else "lexical"},
        ),
    ):
        retriever = Retriever(
            embedder,
            client,
            config.vector_db.collection,
            configured.model_copy(update=update),
            config.vector_db.search_ef,
        )
        variants[label] = lambda text, r=retriever: [c.source for c in r.retrieve(text, args.k).chunks]

    corpus_sources = [chunk.source for chunk in chunks]
    bm25 = bm25s.BM25()
    bm25.index(
        bm25s.tokenize([chunk.text for chunk in chunks], stopwords="en", show_progress=False), show_progress=False
    )

    def bm25_sources(text: str) -> list[str]:
        tokens = bm25s.tokenize([text], stopwords="en", show_progress=False)
        if not tokens.vocab:  # no known word: nothing retrieved
            return []
        hits, scores = bm25.retrieve(tokens, k=min(args.k, len(chunks)), show_progress=False)
        return [corpus_sources[i] for i, s in zip(hits[0], scores[0], strict=True) if s > 0]

    variants["bm25 (bm25s)"] = bm25_sources

    print(f"machine: {machine()}")
    print(
        f"project: {project.name}; {len(documents)} documents, {len(chunks)} chunks, {len(questions)} questions "
        f"({len(answerable)} answerable, {len(paraphrased)} of them paraphrased); embedder fit {fit_seconds:.2f} s; "
        f"k = {args.k}, median of {args.repeats} runs"
    )
    header = f"{'retriever':<24} {'hit@k':>6} {'MRR':>6} {'hit@k para':>10} {'MRR para':>9} {'ms/question':>12}"
    print(header)
    print("-" * len(header))
    for label, rank_sources in variants.items():
        ranks, ms = score(rank_sources, answerable, args.k, args.repeats)
        para = [rank for rank, q in zip(ranks, answerable, strict=True) if q.id in paraphrased]
        hit, mrr = hit_mrr(ranks, args.k)
        phit, pmrr = hit_mrr(para, args.k)
        print(f"{label:<24} {hit:>6.3f} {mrr:>6.3f} {phit:>10.3f} {pmrr:>9.3f} {ms:>12.2f}")

    chain = build_chain(config, client, embedder=embedder, environ={})
    names = ["hit_rate_at_k", "mrr", "ndcg_at_k", "answer_f1", "groundedness", "no_answer_rate", "refusal_rate"]
    thresholds = config.model.evaluation
    print(
        f"\nconfigured chain ({configured.rerank} rerank, hybrid {configured.hybrid}, llm {config.model.llm.provider})"
        f", evaluate_chain(k={thresholds.k}):"
    )
    print(f"{'top_k':<6} " + " ".join(f"{name:>15}" for name in names))
    for top_k in sorted({args.k, 1}, reverse=True):
        metrics = evaluate_chain(chain, questions, thresholds.k, top_k).metrics
        print(f"{top_k:<6} " + " ".join(f"{metrics[name]:>15.3f}" for name in names))
    client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
