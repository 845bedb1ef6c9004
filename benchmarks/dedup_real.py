"""The real postings of ``dedup_dataset/`` with the duplicate groups its SOURCES.md lists.

Read from ``../shared/samples/dedup_dataset/`` beside the repository, or from
``$CAREERCOPILOT_SAMPLES_DIR/dedup_dataset/``; absent, the benchmark runs on generated postings
only. Records with the same source and id (JobSpy's exact re-scrapes) collapse to one, as the
store keys postings by (source, external id). The JobSpy CSV is ``|~|``-separated and each
record's last field runs into the next record's id after a comma.

Labels follow SOURCES.md literally: the We Work Remotely same-board "reposts" (Coinbase,
CapsLock, ClickHouse: one role, several headquarters) are duplicates; the two Lattice
"Engineering Manager, AI" listings are two separate cross-board pairs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from benchmarks.dedup_data import ROOT, Record


def samples_dir() -> Path | None:
    path = Path(os.environ.get("CAREERCOPILOT_SAMPLES_DIR") or ROOT.parent / "shared" / "samples")
    path = path / "dedup_dataset"
    return path if path.is_dir() else None


_JOBSPY_GROUPS = {
    "li-4195305500": "verition-qa",
    "in-5f3f12262417cd0b": "gocool-test",
    **dict.fromkeys(
        [
            "in-a8200cae91087e63",
            "in-f6e45cddcc0e752f",
            "in-4f9168b07ceb01c7",
            "in-f1a7f8f76ad101df",
            "in-c4cf0e46bdc3b0d2",
        ],
        "nyc-dep-apm",
    ),
}
# WWR kept elements [25,31,32,85,98,107,229,230,231,232,244,245], in file order.
_WWR_GROUPS = [
    "jumio",
    "coinbase",
    "coinbase",
    "capslock",
    "capslock",
    "capslock",
    "lattice-a",
    "gemini",
    "lattice-b",
    "toptal",
    "clickhouse",
    "clickhouse",
]
_RJO_GROUPS = {
    "c5bdbabf": "jumio",
    "c0aa6908": "lattice-a",
    "cd7f8f98": "lattice-b",
    "c41f42c5": "gemini",
    "71cfc57a": "toptal",
}


def _jobspy(path: Path) -> list[Record]:
    tokens = path.read_text("utf-8").split("|~|")
    width = 17
    rows = []
    rest = tokens[width - 1 :]  # the header's last field holds the first record's id
    # Each record's last field is "<source>,<next record's id>".
    source_and_next = rest[0].split(",", 1)
    current_id = source_and_next[1] if len(source_and_next) > 1 else None
    fields = []
    for token in rest[1:]:
        fields.append(token)
        if len(fields) == width - 1:
            source, _, next_id = fields[-1].strip().partition(",")
            rows.append([current_id, *fields[:-1], source])
            current_id, fields = next_id, []
    out = {}
    for row in rows:
        (rid, title, company, *_rest) = row
        city, state, _country, url, desc, source = (
            row[11],
            row[12],
            row[13],
            row[14],
            row[15],
            row[16],
        )
        loc = ", ".join(p for p in (city, state) if p and p not in ("Unknown", "Not Provided"))
        out[(source, rid)] = Record(
            source,
            rid,
            title,
            company,
            loc,
            desc,
            url,
            _JOBSPY_GROUPS.get(rid, f"jobspy-{rid}"),
            real=True,
        )
    return list(out.values())


def load_real(directory: Path | None = None) -> list[Record]:
    directory = directory or samples_dir()
    if directory is None:
        return []
    records = _jobspy(directory / "jobspy_output_google_indeed_linkedin_2025-04.csv")
    wwr = json.loads((directory / "weworkremotely_rss_normalized_lcarlini_subset.json").read_text())
    for item, label in zip(wwr["jobs"], _WWR_GROUPS, strict=True):
        records.append(
            Record(
                "weworkremotely",
                item["id"],
                item["title"],
                item["company"],
                item["location"],
                item["description"],
                item["url"],
                label,
                real=True,
            )
        )
    rjo = json.loads((directory / "remotejobsorg_api_items_lcarlini_subset.json").read_text())
    for item in rjo["data"]:
        label = _RJO_GROUPS.get(item["id"][:8], f"rjo-{item['id']}")
        records.append(
            Record(
                "remotejobsorg",
                item["id"],
                item["title"],
                item["company"]["name"],
                item["location"] or "",
                item["description"],
                item["apply_url"] or "",
                label,
                html=True,
                real=True,
            )
        )
    return records
