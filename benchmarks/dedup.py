"""Dedup quality and speed (``python -m benchmarks --area dedup``).

Quality, on one labelled set (``benchmarks/dedup_data.py``: generated postings, plus the real
``dedup_dataset/`` samples of ``benchmarks/dedup_real.py`` when present; the real subset is
also scored alone as ``*_real`` figures), pairwise precision/recall/F1:

* ours: ``jobs.dedup.engine`` (exact keys, MinHash LSH, exact Jaccard, gates);
* exact keys: canonical apply URL, content hash, or company key + exact title;
* TF-IDF cosine >= 0.75 over the description (JobFunnel's method), implemented with
  numpy/scipy (smooth idf, l2 norm, as scikit-learn's defaults).

Ours and exact keys are scored on the groups they form (exact keys: connected components of
the pairs sharing any key); TF-IDF on its raw pairs above the threshold, as JobFunnel acts on
each pair (grouping its pairs transitively would chain far more false pairs).

Speed: our candidate generation + confirmation against all-pairs exact Jaccard on the same
20,000 shingle sets (shingling, common to both, is excluded from both): a naive Python loop,
timed on 2,000 postings and extrapolated quadratically (the figure says so), and a sparse
matrix product over all 20,000, measured directly. Then 100,000 postings deduped end to end
in memory (shingling, signatures, LSH, confirmation, grouping; no DB writes).
``BENCH_QUICK=1`` shrinks every size by ten.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from benchmarks.dedup_data import Record, generate, to_docs
from benchmarks.dedup_real import load_real
from jobs.dedup import engine

QUICK = os.environ.get("BENCH_QUICK") == "1"


def raw_pair_metrics(pairs: set[tuple[int, int]], truth: Sequence[str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a set of predicted pairs (not closed transitively)."""
    tp = sum(truth[a] == truth[b] for a, b in pairs)
    t = sum(n * (n - 1) // 2 for n in Counter(truth).values())
    precision = tp / len(pairs) if pairs else 1.0
    recall = tp / t if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": t,
        "pred_pairs": len(pairs),
    }


def pair_metrics(predicted: Iterable[Sequence[int]], truth: Sequence[str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of predicted groups (of indexes) against true labels."""
    pred_of = {}
    for g, members in enumerate(predicted):
        for i in members:
            pred_of[i] = g
    both = Counter((pred_of[i], truth[i]) for i in range(len(truth)))
    pred = Counter(pred_of[i] for i in range(len(truth)))
    true = Counter(truth)

    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp, p, t = pairs(both), pairs(pred), pairs(true)
    precision = tp / p if p else 1.0
    recall = tp / t if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": t, "pred_pairs": p}


def _components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def ours(docs: list[engine.DedupDoc]) -> list[list[int]]:
    return engine.dedup_docs(docs).groups  # doc ids are list indexes


def exact_keys(docs: list[engine.DedupDoc]) -> list[list[int]]:
    pairs = set()
    for key in (
        lambda d: d.apply_url,
        lambda d: d.content_hash,
        lambda d: (d.company_key, " ".join(d.title.lower().split())) if d.company_key else "",
    ):
        buckets: dict = {}
        for i, d in enumerate(docs):
            k = key(d)
            if k:
                buckets.setdefault(k, []).append(i)
        for members in buckets.values():
            pairs.update((members[0], m) for m in members[1:])
    return _components(len(docs), pairs)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def tfidf_pairs(texts: Sequence[str], threshold: float = 0.75) -> set[tuple[int, int]]:
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        counts = Counter(_TOKEN.findall(text.lower()))
        for word, c in counts.items():
            rows.append(r)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(c)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)), dtype=np.float64)
    df = np.bincount(x.indices, minlength=len(vocab))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    x = x.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    x = sparse.diags(1 / norms) @ x
    pairs = set()
    xt = x.T.tocsc()
    for start in range(0, len(texts), 1000):
        sims = (x[start : start + 1000] @ xt).tocoo()
        keep = (sims.data >= threshold) & (sims.row + start < sims.col)
        pairs.update(zip((sims.row[keep] + start).tolist(), sims.col[keep].tolist(), strict=True))
    return pairs


def tfidf(docs: list[engine.DedupDoc], threshold: float = 0.75) -> set[tuple[int, int]]:
    return tfidf_pairs([d.text for d in docs], threshold)


def quality_figures(records: list[Record], suffix: str = "") -> Iterable[dict]:
    docs = to_docs(records)
    truth = [r.label for r in records]
    context = {"postings": len(records), "true_pairs": None}
    for name, method in (("", ours), ("exact_", exact_keys), ("tfidf_", tfidf)):
        started = time.perf_counter()
        found = method(docs)
        elapsed = time.perf_counter() - started
        scored = raw_pair_metrics if name == "tfidf_" else pair_metrics
        m = scored(found, truth)
        context["true_pairs"] = m["true_pairs"]
        for key in ("precision", "recall", "f1"):
            yield {
                "metric": f"dedup.{name}{key}{suffix}",
                "value": round(m[key], 4),
                "unit": "ratio",
                "predicted_pairs": m["pred_pairs"],
                **context,
            }
        yield {
            "metric": f"dedup.{name or 'ours_'}seconds{suffix}",
            "value": round(elapsed, 3),
            "unit": "s",
            **context,
        }


def _naive_pairwise_seconds(sets: list[np.ndarray], sample: int) -> float:
    sample_sets = [frozenset(s.tolist()) for s in sets[:sample]]
    started = time.perf_counter()
    found = 0
    for i in range(len(sample_sets)):
        a = sample_sets[i]
        for j in range(i + 1, len(sample_sets)):
            b = sample_sets[j]
            inter = len(a & b)
            if inter and inter / (len(a) + len(b) - inter) >= engine.MIN_JACCARD:
                found += 1
    return time.perf_counter() - started


def _sparse_allpairs_seconds(sets: list[np.ndarray]) -> tuple[float, int]:
    """Every pair's exact Jaccard at once, as a sparse X @ X.T in row blocks: the strongest
    all-pairs baseline (no candidate generation), measured directly on the full set."""
    started = time.perf_counter()
    vocab, cols = np.unique(np.concatenate(sets), return_inverse=True)
    sizes = np.array([len(s) for s in sets])
    rows = np.repeat(np.arange(len(sets)), sizes)
    x = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(sets), len(vocab))
    )
    xt = x.T.tocsc()
    found = 0
    for start in range(0, len(sets), 500):
        inter = (x[start : start + 500] @ xt).tocoo()
        union = sizes[inter.row + start] + sizes[inter.col] - inter.data
        keep = (inter.row + start < inter.col) & (inter.data >= engine.MIN_JACCARD * union)
        found += int(keep.sum())
    return time.perf_counter() - started, found


def speed_figures() -> Iterable[dict]:
    n20 = 2_000 if QUICK else 20_000
    records = generate(n20 // 2, seed=7)[:n20]
    docs = to_docs(records)
    feats = [engine.features(d) for d in docs]
    started = time.perf_counter()
    result = engine.dedup_docs(docs, feats)
    ours_seconds = time.perf_counter() - started
    sample = min(len(docs), 500 if QUICK else 2_000)
    naive_sample = _naive_pairwise_seconds([f.shingles for f in feats], sample)
    naive = naive_sample * (len(docs) * (len(docs) - 1)) / (sample * (sample - 1))
    yield {
        "metric": "dedup.speedup_vs_pairwise_20k",
        "value": round(naive / ours_seconds, 1),
        "unit": "x",
        "postings": len(docs),
        "ours_seconds": round(ours_seconds, 3),
        "naive_seconds": round(naive, 1),
        "extrapolated_from": sample,
        "naive_sample_seconds": round(naive_sample, 2),
        "candidates": result.candidates,
        "confirmed": result.confirmed,
        "note": "both exclude shingling; ours = signatures + LSH + exact Jaccard + grouping; "
        "naive = a Python loop of exact Jaccard over every pair (frozensets)",
    }
    sparse_seconds, sparse_pairs = _sparse_allpairs_seconds([f.shingles for f in feats])
    yield {
        "metric": "dedup.speedup_vs_sparse_allpairs_20k",
        "value": round(sparse_seconds / ours_seconds, 1),
        "unit": "x",
        "postings": len(docs),
        "ours_seconds": round(ours_seconds, 3),
        "sparse_allpairs_seconds": round(sparse_seconds, 2),
        "pairs_at_or_above_min_jaccard": sparse_pairs,
        "note": "all pairs' exact Jaccard by sparse matrix product (scipy), measured on all "
        "20,000; not extrapolated",
    }

    n100 = 10_000 if QUICK else 100_000
    records = generate(n100 // 2, seed=11)[:n100]
    docs = to_docs(records)
    started = time.perf_counter()
    result = engine.dedup_docs(docs)
    seconds = time.perf_counter() - started
    yield {
        "metric": "dedup.seconds_100k",
        "value": round(seconds, 2),
        "unit": "s",
        "postings": len(docs),
        "groups": len(result.groups),
        "candidates": result.candidates,
        "includes_db": False,
        "note": "engine in memory: shingles, MinHash, LSH, confirm, "
        "group; parsing/normalising the records and DB writes not included",
    }


def run() -> Iterable[dict]:
    n_bases = 300 if QUICK else 2_500
    generated = generate(n_bases, seed=42)
    real = load_real()
    yield from quality_figures(generated + real)
    if real:
        yield from quality_figures(real, suffix="_real")
    yield from speed_figures()
