"""Readable tables of one ``make bench`` run, printed after its JSON lines (on stderr, so
stdout stays one JSON object per line).

Only figures the run produced are shown; an area that did not run leaves its table out.
"""

from __future__ import annotations

from collections.abc import Iterable


def _fmt(value, digits: int = 4) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.1f}"
    return f"{value:,.0f}" if isinstance(value, float) else f"{value:,}"


def _table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    out = [title, line(header), line(["-" * w for w in widths])]
    out += [line(row) for row in rows]
    return "\n".join(out)


def render(figures: Iterable[dict]) -> str:
    """The dedup, search, ingest and applications tables of these metric objects."""
    by_name = {f["metric"]: f for f in figures}

    def value(name: str):
        figure = by_name.get(name)
        return None if figure is None else figure["value"]

    def extra(name: str, key: str):
        return (by_name.get(name) or {}).get(key)

    parts = []
    if "dedup.f1" in by_name:
        rows = []
        for label, prefix in (
            ("ours (MinHash LSH + Jaccard)", "dedup."),
            ("exact keys", "dedup.exact_"),
            ("TF-IDF cosine >= 0.75", "dedup.tfidf_"),
        ):
            seconds = value(f"{prefix}seconds" if prefix != "dedup." else "dedup.ours_seconds")
            rows.append(
                [
                    label,
                    _fmt(value(f"{prefix}precision")),
                    _fmt(value(f"{prefix}recall")),
                    _fmt(value(f"{prefix}f1")),
                    _fmt(seconds),
                ]
            )
        postings = extra("dedup.f1", "postings")
        table = _table(
            f"Dedup quality ({_fmt(postings)} labelled postings)",
            ["method", "precision", "recall", "F1", "seconds"],
            rows,
        )
        speed = [
            f"vs naive pairwise Jaccard at 20,000: {_fmt(value('dedup.speedup_vs_pairwise_20k'))}x"
            f" (ours {_fmt(extra('dedup.speedup_vs_pairwise_20k', 'ours_seconds'))} s,"
            f" naive {_fmt(extra('dedup.speedup_vs_pairwise_20k', 'naive_seconds'))} s)",
            f"vs all-pairs sparse Jaccard at 20,000: "
            f"{_fmt(value('dedup.speedup_vs_sparse_allpairs_20k'))}x",
            f"100,000 postings deduped in {_fmt(value('dedup.seconds_100k'))} s",
        ]
        parts.append(table + "\n" + "\n".join(s for s in speed if "—" not in s))
    search_rows = []
    for label, short in (("PostgreSQL", "pg"), ("SQLite", "sqlite")):
        if f"search.{short}_p95_ms" in by_name:
            search_rows.append(
                [
                    label,
                    _fmt(value(f"search.{short}_p50_ms")),
                    _fmt(value(f"search.{short}_p95_ms")),
                    _fmt(extra(f"search.{short}_icontains_p95_ms", "icontains_p50_ms")),
                    _fmt(value(f"search.{short}_icontains_p95_ms")),
                    _fmt(extra(f"search.{short}_p95_ms", "target")),
                ]
            )
    if search_rows:
        jobs = extra("search.sqlite_p95_ms", "jobs") or extra("search.pg_p95_ms", "jobs")
        parts.append(
            _table(
                f"Search over {_fmt(jobs)} jobs, 20 queries (ms)",
                ["database", "ours p50", "ours p95", "icontains p50", "icontains p95", "target"],
                search_rows,
            )
        )
    if "ingest.postings_per_s" in by_name or "ingest.parse_postings_per_s" in by_name:
        rows = [
            [label, _fmt(value(name)), _fmt(extra(name, "postings"))]
            for label, name in (
                ("parse + normalise", "ingest.parse_postings_per_s"),
                ("store (insert)", "ingest.store_postings_per_s"),
                ("store (unchanged)", "ingest.store_unchanged_postings_per_s"),
                ("end to end", "ingest.postings_per_s"),
                ("end to end, 2 workers", "ingest.postings_per_s_2_workers"),
            )
            if name in by_name
        ]
        crawl = "ingest.crawl_postings_per_s"
        if crawl in by_name:  # through the crawler and a local server, network waits included
            postings = _fmt(extra(crawl, "postings"))
            rows.append(["crawl, stored page by page", _fmt(value(crawl)), postings])
            collected = extra(crawl, "collected_then_stored_per_s")
            rows.append(["crawl, then stored", _fmt(collected), postings])
        parts.append(_table("Ingestion (postings/s)", ["phase", "postings/s", "postings"], rows))
    if "applications.kanban_ms_2000" in by_name:
        rows = [
            [label, _fmt(value(f"{name}_ms_2000")), _fmt(value(f"{name}_queries_2000"))]
            for label, name in (
                ("board", "applications.kanban"),
                ("table", "applications.table"),
            )
        ]
        parts.append(_table("Applications at 2,000", ["page", "ms", "queries"], rows))
    return "\n\n".join(parts)
