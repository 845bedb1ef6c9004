"""The LSH index in the database: fingerprints, band rows, and the queries on them.

``LshBand`` rows are the index every worker shares (see ``jobs.dedup.models`` for the
measurements behind rows rather than Redis). A fingerprint is fresh while its content hash and
``engine.PARAMS_VERSION`` match the job's; anything else is recomputed.

A stored band key is ``[band hash: 28 bits][company: 20 bits][title: 16 bits]`` (company 0:
none; title: ``engine.title_code``), so a lookup reads only its company's part of a band (a key
range), plus that of jobs without a company: the company gate would reject every other row, and
on a corpus where every posting follows one description template a raw band bucket holds most
of the catalogue. A company's bucket holding more than ``engine.MAX_BUCKET`` jobs is that
company's boilerplate: the lookup narrows to jobs of the same title words (one key), and skips
the band when even that is over-full, as the in-memory engine does. Every lookup reads at most
``MAX_BUCKET + 1`` rows, so a batch costs the same however big the catalogue grows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection
from django.db.models.functions import Length

from careercopilot.db import CHUNK, matching, pg_array
from jobs.models import Job
from jobs.normalize import company_key

from . import engine
from .models import JobFingerprint, LshBand

# Lookups by id here (``careercopilot.db.matching``) say ``.order_by()``: the models' default
# ordering would sort every result (on PostgreSQL with a parallel worker started for each
# query), for results read as sets.
TITLE_BITS = 16
COMPANY_BITS = 20
_TITLE_MASK = (1 << TITLE_BITS) - 1
_COMPANY_MASK = (1 << COMPANY_BITS) - 1
_LOW_MASK = (1 << (COMPANY_BITS + TITLE_BITS)) - 1
_COMPANY_IN_KEY = _COMPANY_MASK << TITLE_BITS
_BAND_MASK = ~_LOW_MASK  # the band's own hash: the upper 28 bits
# What comparing a job reads (``values_list`` order: ``_doc``'s arguments, the text aside).
_DOC_VALUES = (
    "id",
    "title",
    "company__key",
    "company_name",
    "locations",
    "countries",
    "remote_type",
    "remote_regions",
    "apply_url",
    "content_hash",
    "owner_id",
)
# What grouping reads of a loaded Job: the same, its text, and its group and richness state.
_DOC_FIELDS = (
    *_DOC_VALUES,
    "description_text",
    "first_seen_at",
    "last_seen_at",
    "salary_min",
    "salary_max",
    "canonical_id",
    "is_canonical",
    "repost_count",
    "is_active",
    "source_kind",
    "external_id",
)


def job_doc(job: Job) -> engine.DedupDoc:
    return _doc(
        job.pk,
        job.title,
        job.company.key if job.company_id else None,
        job.company_name,
        # Jobs loaded only to be compared arrive without their text (their fingerprint holds
        # the shingles); reading the deferred field would cost one query per job.
        "" if "description_text" in job.get_deferred_fields() else job.description_text,
        job.locations,
        job.countries,
        job.remote_type,
        job.remote_regions,
        job.apply_url,
        job.content_hash,
        job.owner_id,
    )


def _doc(
    pk,
    title,
    key,
    company_name,
    text,
    locations,
    countries,
    remote_type,
    regions,
    url,
    hash_,
    owner,
) -> engine.DedupDoc:
    regions = {r for r in regions or [] if isinstance(r, str) and len(r) == 2}
    return engine.DedupDoc(
        id=pk,
        title=title,
        company_key=key if key is not None else company_key(company_name or ""),
        text=text,
        cities=frozenset(loc["city"].lower() for loc in locations or [] if loc.get("city")),
        countries=frozenset(countries.split()) | regions,
        remote=remote_type in ("remote", "hybrid"),
        apply_url=url,
        content_hash=hash_,
        owner=owner,
    )


def load_docs(ids: Iterable[int]) -> dict[int, engine.DedupDoc]:
    """What dedup compares of these jobs, without their text and without model instances
    (a batch compares thousands of stored jobs and keeps few)."""
    out: dict[int, engine.DedupDoc] = {}
    for rows in matching(Job.objects.order_by().values_list(*_DOC_VALUES), "pk", ids):
        for pk, title, key, name, *rest in rows:
            out[pk] = _doc(pk, title, key, name, "", *rest)
    return out


def load_jobs(ids: Iterable[int], *, text: bool = True) -> dict[int, Job]:
    """Jobs with the fields dedup reads; ``text=False`` leaves the description behind."""
    out: dict[int, Job] = {}
    fields = _DOC_FIELDS if text else [f for f in _DOC_FIELDS if f != "description_text"]
    jobs = (
        Job.objects.order_by()
        .select_related("company")
        .only(*fields)
        .annotate(description_length=Length("description_text"))
    )
    for rows in matching(jobs, "pk", ids):
        for job in rows:
            out[job.pk] = job
    return out


def load_fingerprints(ids: Iterable[int]) -> dict[int, JobFingerprint]:
    return {
        fp.pk: fp for rows in matching(JobFingerprint.objects.order_by(), "pk", ids) for fp in rows
    }


def current_fingerprints():
    """Fingerprints computed with the current ``engine.PARAMS_VERSION``, unordered (each is
    still fresh only while its content hash matches its job's)."""
    return JobFingerprint.objects.filter(params_version=engine.PARAMS_VERSION).order_by()


def load_features(docs: dict[int, engine.DedupDoc], ids: Iterable[int]) -> dict:
    """{job id: Features} of these jobs from their fresh fingerprints, reading only the shingle
    column; a job without one has its text fetched and shingled."""
    ids = list(ids)
    out: dict[int, engine.Features] = {}
    titles: dict[tuple, tuple] = {}  # siblings share titles and places
    fresh = current_fingerprints().values_list("job_id", "content_hash", "shingles")
    for rows in matching(fresh, "pk", ids):
        for job_id, content_hash, shingles in rows:
            doc = docs[job_id]
            if content_hash != doc.content_hash:
                continue
            title = titles.get((doc.title, doc.cities))
            if title is None:
                title = titles[doc.title, doc.cities] = (
                    engine.title_tokens(doc.title, engine.location_words(doc.cities)),
                    engine.detect_seniority(doc.title),
                )
            out[job_id] = engine.Features(
                shingles=np.frombuffer(bytes(shingles), dtype="<u4").astype(np.uint32),
                title=title[0],
                seniority=title[1],
            )
    stale = [i for i in ids if i not in out]
    for rows in matching(Job.objects.order_by().values_list("pk", "description_text"), "pk", stale):
        for pk, text in rows:
            out[pk] = engine.features(dataclasses.replace(docs[pk], text=text))
    return out


def company_block(company_id: int | None) -> int:
    """The company bits of a stored band key: 1.. for a company, 0 for none."""
    return 0 if company_id is None else company_id % _COMPANY_MASK + 1


def stored_keys(
    company_ids: Sequence[int | None], titles: Sequence[frozenset[str]], sigs: np.ndarray
) -> np.ndarray:
    """The band keys of these jobs as stored (see the module docstring)."""
    low = np.array(
        [
            company_block(c) << TITLE_BITS | engine.title_code(t)
            for c, t in zip(company_ids, titles, strict=True)
        ],
        dtype=np.int64,
    )
    return (engine.band_keys(sigs) & _BAND_MASK) | low.reshape(-1, 1)


def store_fingerprints(jobs: Sequence[Job], docs: Sequence[engine.DedupDoc]) -> dict:
    """Compute and save fingerprints and band rows; returns {job id: Features}."""
    feats = [engine.features(d) for d in docs]
    sigs = engine.signatures([f.shingles for f in feats])
    keys = stored_keys([j.company_id for j in jobs], [f.title for f in feats], sigs)
    rows = []
    for job, f, sig in zip(jobs, feats, sigs, strict=True):
        f.signature = sig
        rows.append(
            JobFingerprint(
                job_id=job.pk,
                content_hash=job.content_hash,
                params_version=engine.PARAMS_VERSION,
                signature=sig.astype("<u4").tobytes(),
                shingles=f.shingles.astype("<u4").tobytes(),
                shingle_count=len(f.shingles),
            )
        )
    ids = [j.pk for j in jobs]
    for old_bands in matching(LshBand.objects.all(), "job_id", ids):
        old_bands.delete()
    JobFingerprint.objects.bulk_create(
        rows,
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["job"],
        update_fields=["content_hash", "params_version", "signature", "shingles", "shingle_count"],
    )
    _insert_bands([(i, k) for i, row in zip(ids, keys.tolist(), strict=True) for k in row])
    return {j.pk: f for j, f in zip(jobs, feats, strict=True)}


def _insert_bands(rows: list[tuple[int, int]]) -> None:
    # 32 rows per job, so no model instances (building them for bulk_create was two thirds
    # of a backfill's time); on PostgreSQL one statement over two arrays, 5x faster than
    # executemany's 160,000 statements for 5,000 jobs.
    table = connection.ops.quote_name(LshBand._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(rows), 100_000):
                chunk = rows[start : start + 100_000]
                cursor.execute(
                    f"INSERT INTO {table} (job_id, key) "  # noqa: S608
                    "SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                    [pg_array(job for job, _ in chunk), pg_array(key for _, key in chunk)],
                )
        else:
            cursor.executemany(f"INSERT INTO {table} (job_id, key) VALUES (%s, %s)", rows)  # noqa: S608


def stored_features(job: Job, fp: JobFingerprint | None, doc: engine.DedupDoc):
    if (
        fp is None
        or fp.content_hash != job.content_hash
        or fp.params_version != engine.PARAMS_VERSION
    ):
        return engine.features(doc)
    return engine.Features(
        shingles=fp.shingle_array,
        title=engine.title_tokens(doc.title, engine.location_words(doc.cities)),
        seniority=engine.detect_seniority(doc.title),
    )


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def candidate_pairs(jobs: Sequence[Job], feats: dict[int, engine.Features]) -> np.ndarray:
    """Rows ``[smaller id, larger id]`` (sorted, unique) of a given job and a stored job
    (possibly another given one) sharing a content hash, a canonical apply URL or an LSH band
    key.

    Per band, a job with a company reads its company's range of the band and the range of jobs
    without one; where its company's range is over-full, only the key of its own title words.
    A job without a company reads the band across all companies. Over-full ranges and keys
    (more than ``engine.MAX_BUCKET`` jobs) are skipped.
    """
    mine: list[int] = []
    other: list[int] = []
    exact: dict[str, dict] = {"content_hash": {}, "apply_url": {}}
    for job in jobs:
        for field, by_value in exact.items():
            if getattr(job, field):
                by_value.setdefault(getattr(job, field), []).append(job.pk)
    for field, by_value in exact.items():
        found = Job.objects.order_by().values_list("pk", field)
        for rows in matching(found, field, by_value, text=True):
            for job_id, value in rows:
                mine += by_value[value]
                other += [job_id] * len(by_value[value])

    keys = stored_keys(
        [j.company_id for j in jobs],
        [feats[j.pk].title for j in jobs],
        np.stack([feats[j.pk].signature for j in jobs]),
    ).ravel()
    readers = np.repeat(np.array([j.pk for j in jobs], dtype=np.int64), engine.BANDS)
    band = keys & _BAND_MASK
    known = (keys & _COMPANY_IN_KEY) != 0
    own = keys[known] & ~_TITLE_MASK
    # Key ranges, (low, high) per reader: its company's part of the band, the part of jobs
    # without a company (when there are any: boards nearly always name the company, and the
    # empty lookups were a tenth of the batch); for a job without one, the band across all
    # companies.
    parts = [(own, own | _TITLE_MASK, readers[known])]
    if Job.objects.filter(company__isnull=True).exists():
        parts.append((band[known], band[known] | _TITLE_MASK, readers[known]))
    parts.append((band[~known], band[~known] | _LOW_MASK, readers[~known]))
    low, high, who = (np.concatenate(column) for column in zip(*parts, strict=True))
    found_mine, found_other, over = _read_ranges(low, high, who)
    # Where a company's part is over-full: only the key of the reader's own title words.
    narrow = np.isin(own, over)
    titled = keys[known][narrow]
    narrow_mine, narrow_other, _ = _read_ranges(titled, titled, readers[known][narrow])
    a = np.concatenate([np.array(mine, dtype=np.int64), found_mine, narrow_mine])
    b = np.concatenate([np.array(other, dtype=np.int64), found_other, narrow_other])
    keep = a != b
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    if not len(low):
        return np.zeros((0, 2), dtype=np.int64)
    width = int(high.max()) + 1  # pair codes fit in int64 while ids stay below 3 billion
    codes = np.unique(low * width + high)
    return np.stack([codes // width, codes % width], axis=1)


def _read_ranges(low: np.ndarray, high: np.ndarray, who: np.ndarray) -> tuple:
    """Pairs (reader ids, stored job ids) of every reader and the band rows in its key range,
    for ranges holding at most ``engine.MAX_BUCKET`` rows; and the low ends of the ranges that
    hold more (never read past ``MAX_BUCKET + 1`` rows)."""
    if not len(low):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    ranges, index = np.unique(np.stack([low, high], axis=1), axis=0, return_inverse=True)
    index = index.ravel()
    rows = _range_rows(ranges.tolist(), engine.MAX_BUCKET + 1)
    counts = np.bincount(rows[:, 0], minlength=len(ranges))
    full = counts > engine.MAX_BUCKET
    rows = rows[~full[rows[:, 0]]]
    readers = ~full[index]
    index, who = index[readers], who[readers]
    # Every reader of a range times every row of it.
    rows = rows[np.argsort(rows[:, 0], kind="stable")]
    start = np.searchsorted(rows[:, 0], np.arange(len(ranges)))
    n = np.bincount(rows[:, 0], minlength=len(ranges))[index]
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    other = rows[np.repeat(start[index], n) + offsets, 1]
    return np.repeat(who, n), other, ranges[full, 0]


def _range_rows(ranges: list[list[int]], limit: int) -> np.ndarray:
    """Rows ``[range index, job id]``: up to ``limit`` band rows with a key in each
    ``[low, high]`` range."""
    table = connection.ops.quote_name(LshBand._meta.db_table)
    found: list[tuple[int, int]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT r.i - 1, b.job_id FROM unnest(%s::bigint[], %s::bigint[]) "  # noqa: S608
                f"WITH ORDINALITY AS r(lo, hi, i) CROSS JOIN LATERAL (SELECT job_id FROM "
                f"{table} WHERE key BETWEEN r.lo AND r.hi LIMIT %s) AS b",
                [pg_array(lo for lo, _ in ranges), pg_array(hi for _, hi in ranges), limit],
            )
            found = cursor.fetchall()
        else:
            # One LIMITed subquery per range, a few hundred per statement (SQLite allows 500
            # compound terms and, in old builds, 999 parameters).
            step = 200
            for start in range(0, len(ranges), step):
                chunk = ranges[start : start + step]
                sql = " UNION ALL ".join(
                    f"SELECT {start + k}, job_id FROM (SELECT job_id FROM {table} "  # noqa: S608
                    f"WHERE key BETWEEN %s AND %s LIMIT {limit})"
                    for k in range(len(chunk))
                )
                cursor.execute(sql, [bound for pair in chunk for bound in pair])
                found += cursor.fetchall()
    return np.array(found, dtype=np.int64).reshape(-1, 2)
