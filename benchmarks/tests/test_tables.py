from benchmarks.tables import render


def figure(metric, value, **extra):
    return {"metric": metric, "value": value, "unit": "x", **extra}


def test_dedup_and_search_tables_set_ours_beside_the_baselines():
    text = render(
        [
            figure("dedup.precision", 0.9989),
            figure("dedup.recall", 1.0),
            figure("dedup.f1", 0.9995, postings=5763),
            figure("dedup.ours_seconds", 0.62),
            figure("dedup.exact_precision", 0.82),
            figure("dedup.exact_recall", 0.87),
            figure("dedup.exact_f1", 0.85),
            figure("dedup.exact_seconds", 0.01),
            figure("dedup.tfidf_precision", 0.40),
            figure("dedup.tfidf_recall", 0.99),
            figure("dedup.tfidf_f1", 0.57),
            figure("dedup.tfidf_seconds", 4.7),
            figure("dedup.speedup_vs_pairwise_20k", 1490.9, ours_seconds=0.6, naive_seconds=898.5),
            figure("search.pg_p50_ms", 40.9),
            figure("search.pg_p95_ms", 58.2, target=25, jobs=100000),
            figure("search.pg_icontains_p95_ms", 1863.7, icontains_p50_ms=1440.8),
        ]
    )
    lines = text.splitlines()
    assert lines[0] == "Dedup quality (5,763 labelled postings)"
    assert lines[3].split() == [
        "ours",
        "(MinHash",
        "LSH",
        "+",
        "Jaccard)",
        "0.9989",
        "1",
        "0.9995",
        "0.62",
    ]
    assert lines[5].split()[-4:] == ["0.4", "0.99", "0.57", "4.7"]
    assert "1,490.9x (ours 0.6 s, naive 898.5 s)" in text
    assert "all-pairs sparse" not in text  # not measured in this run: no line for it
    pg = next(line for line in lines if line.startswith("PostgreSQL"))
    assert pg.split() == ["PostgreSQL", "40.9", "58.2", "1,440.8", "1,863.7", "25"]
    assert "SQLite" not in text and "Ingestion" not in text


def test_nothing_measured_renders_nothing():
    assert render([]) == ""


def test_ingest_table_lists_the_phases_measured():
    text = render(
        [
            figure("ingest.parse_postings_per_s", 2171.6, postings=20000),
            figure("ingest.postings_per_s", 241.3, postings=20000),
            figure("ingest.postings_per_s_2_workers", 330.0, postings=20000),
            figure(
                "ingest.crawl_postings_per_s",
                279.5,
                postings=4000,
                collected_then_stored_per_s=222.9,
            ),
        ]
    )
    rows = [line.split() for line in text.splitlines()[3:]]
    assert rows == [
        ["parse", "+", "normalise", "2,171.6", "20,000"],
        ["end", "to", "end", "241.3", "20,000"],
        ["end", "to", "end,", "2", "workers", "330", "20,000"],
        ["crawl,", "stored", "page", "by", "page", "279.5", "4,000"],
        ["crawl,", "then", "stored", "222.9", "4,000"],
    ]
