"""Dedup use cases: incremental grouping inside ingestion, the full rebuild, splits, the report.

Groups live on ``Job`` itself: the canonical job has ``canonical=None, is_canonical=True`` and
``repost_count``; every other member points at it. Grouping is incremental: only jobs that are
new or whose content hash changed get a new fingerprint, and only the groups they touch (theirs
before and the groups of their confirmed matches) are re-clustered, under a database lock so
concurrent workers never interleave. The LSH index is the ``LshBand`` table (see
``jobs.dedup.models`` for why rows and not Redis).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from careercopilot.db import matching, pg_array
from jobs.models import Job

from . import engine
from .index import (
    CHUNK,
    candidate_pairs,
    current_fingerprints,
    job_doc,
    load_docs,
    load_features,
    load_fingerprints,
    load_jobs,
    ordered,
    store_fingerprints,
    stored_features,
)
from .models import DedupSplit, JobFingerprint, LshBand

logger = logging.getLogger(__name__)

#: A member first seen this long after another member was last seen is a repost of it.
REPOST_MIN_GAP = timedelta(hours=1)


def _splits(ids: Iterable[int]) -> set[tuple[int, int]]:
    """The splits (ordered id pairs) that involve any of these jobs."""
    ids = list(ids)
    pairs: set[tuple[int, int]] = set()
    if not ids or not DedupSplit.objects.exists():  # splits are rare; most batches meet none
        return pairs
    split_pairs = DedupSplit.objects.order_by().values_list("job_a_id", "job_b_id")
    for side in ("job_a_id", "job_b_id"):
        for rows in matching(split_pairs, side, ids):
            pairs.update(rows)
    return pairs


def _lock() -> None:
    # One grouping at a time across workers; SQLite serialises writers by itself.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('careercopilot.dedup'))")


def _richness(job: Job) -> tuple:
    """Sort key: a catalogue posting before one a user added by hand (the canonical is what
    everyone sees), a posting still listed (search shows active canonical jobs), then the
    richest record (salary, then description in 200-char steps), then the earliest, so trivial
    length differences never flip the canonical."""
    has_salary = job.salary_min is not None or job.salary_max is not None
    return (
        job.owner_id is not None,
        not job.is_active,
        not has_salary,
        -(min(job.description_length or 0, 20_000) // 200),
        job.first_seen_at,
        job.pk,
    )


def _repost_count(members: Sequence[Job]) -> int:
    # A user's hand-added copy is not a re-listing of the job.
    members = [m for m in members if m.owner_id is None] or members
    return sum(
        1
        for m in members
        if any(o.pk != m.pk and o.last_seen_at + REPOST_MIN_GAP <= m.first_seen_at for o in members)
    )


def _assign(groups: Iterable[Sequence[int]], jobs: dict[int, Job]) -> int:
    """Write canonical/is_canonical/repost_count for these groups; returns rows changed."""
    changed = []
    for ids in groups:
        members = sorted((jobs[i] for i in ids), key=_richness)
        head = members[0]
        for job in members:
            want = (None, True, _repost_count(members)) if job is head else (head.pk, False, 0)
            if (job.canonical_id, job.is_canonical, job.repost_count) != want:
                job.canonical_id, job.is_canonical, job.repost_count = want
                changed.append(job)
    if changed:
        _write_groups(changed)
    return len(changed)


def _write_groups(changed: Sequence[Job]) -> None:
    # Not Django's bulk_update: its CASE expressions cost 6 s for 2,000 rows on SQLite. On
    # PostgreSQL one UPDATE joined to arrays (an UPDATE per row took twice as long);
    # elsewhere executemany of one small UPDATE.
    table = connection.ops.quote_name(Job._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS j SET canonical_id = v.canonical_id, "  # noqa: S608
                "is_canonical = v.is_canonical, repost_count = v.repost_count "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::boolean[], %s::integer[]) "
                "AS v(id, canonical_id, is_canonical, repost_count) WHERE j.id = v.id",
                [
                    pg_array(j.pk for j in changed),
                    pg_array(j.canonical_id for j in changed),
                    pg_array(j.is_canonical for j in changed),
                    pg_array(j.repost_count for j in changed),
                ],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET canonical_id = %s, is_canonical = %s, repost_count = %s "  # noqa: S608
                "WHERE id = %s",
                [(j.canonical_id, j.is_canonical, j.repost_count, j.pk) for j in changed],
            )


def _recluster(
    ids: set[int],
    jobs: dict[int, Job],
    feats: dict[int, engine.Features],
    docs: dict[int, engine.DedupDoc],
    pairs: np.ndarray | None = None,
    scores: np.ndarray | None = None,
) -> int:
    """Re-group exactly these jobs (whole old groups plus newcomers) from their pairs.

    ``pairs`` (rows ``[smaller id, larger id]``) are the candidate pairs, by default every pair
    among ``ids`` (the small closures of a split); ``scores`` are theirs when the caller has
    confirmed them already (NaN: not duplicates).
    """
    splits = _splits(ids)
    order = sorted(ids)
    if pairs is None:
        pairs = np.array(list(itertools.combinations(order, 2)), dtype=np.int64).reshape(-1, 2)
    if scores is None:
        scores = _confirm(pairs, docs, feats)
    found = np.flatnonzero(~np.isnan(scores))
    scored = [
        (score, a, b)
        for score, (a, b) in zip(scores[found].tolist(), pairs[found].tolist(), strict=True)
        if (a, b) not in splits
    ]

    def compatible(a: int, b: int) -> bool:
        if ordered(a, b) in splits:
            return False
        if engine.owners_differ(docs[a], docs[b]):
            return False
        same = docs[a].content_hash and docs[a].content_hash == docs[b].content_hash
        return bool(same) or engine.gate(docs[a], feats[a], docs[b], feats[b]) is None

    groups = engine.cluster(order, scored, compatible)
    return _assign(groups.values(), jobs)


def _confirm(
    pairs: np.ndarray, docs: dict[int, engine.DedupDoc], feats: dict[int, engine.Features]
) -> np.ndarray:
    """``engine.confirm`` of each pair of job ids, all at once (NaN: not duplicates)."""
    if not len(pairs):
        return np.zeros(0)
    order = np.unique(pairs)
    return engine.confirm_pairs(
        [docs[i] for i in order.tolist()],
        [feats[i] for i in order.tolist()],
        np.searchsorted(order, pairs),
    )


def _group_ids(jobs: Iterable[Job]) -> set[int]:
    """All members of the groups these jobs belong to."""
    roots = {j.canonical_id or j.pk for j in jobs}
    members = set(roots)
    for rows in matching(
        Job.objects.order_by().values_list("pk", flat=True), "canonical_id", roots
    ):
        members.update(rows)
    return members


@dataclass
class DedupOutcome:
    fingerprinted: int = 0
    regrouped: int = 0  # jobs whose canonical, flag or repost count changed
    candidates: int = 0  # pairs compared (bounded per job: see ``index.candidate_pairs``)
    confirmed: int = 0  # of which duplicates


def dedup_jobs(*, job_ids: Iterable[int]) -> DedupOutcome:
    """Fingerprint new or changed jobs and (re)group them with their duplicates.

    Idempotent: a job whose stored fingerprint matches its content hash is skipped, so running
    it twice changes nothing. Called by ingestion for the jobs each run stored.
    """
    ids = sorted(set(job_ids))
    outcome = DedupOutcome()
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            _lock()
            done = _dedup_batch(ids[start : start + CHUNK])
        outcome.fingerprinted += done.fingerprinted
        outcome.regrouped += done.regrouped
        outcome.candidates += done.candidates
        outcome.confirmed += done.confirmed
    return outcome


def _dedup_batch(ids: Sequence[int]) -> DedupOutcome:
    jobs = load_jobs(ids)
    fresh = set()
    for rows in matching(current_fingerprints().values_list("job_id", "content_hash"), "pk", ids):
        fresh.update(rows)
    stale = [j for j in jobs.values() if (j.pk, j.content_hash) not in fresh]
    if not stale:
        return DedupOutcome()
    docs = {j.pk: job_doc(j) for j in stale}
    feats = store_fingerprints(stale, list(docs.values()))
    pairs = candidate_pairs(stale, feats)
    others = set(np.unique(pairs).tolist()) - set(docs)
    docs.update(load_docs(others))
    feats.update(load_features(docs, others - set(feats)))
    scores = _confirm(pairs, docs, feats)
    duplicates = ~np.isnan(scores)
    confirmed = set(map(tuple, pairs[duplicates].tolist()))
    touched = {j.pk for j in stale} | {x for p in confirmed for x in p}
    jobs.update(load_jobs(touched - set(jobs), text=False))
    closure = _group_ids(jobs[i] for i in touched)
    _load(closure, jobs, docs, feats)
    # Old groups are re-scored as a whole so a changed member can leave its group.
    by_root: dict[int, list[int]] = {}
    for i in closure:
        by_root.setdefault(jobs[i].canonical_id or i, []).append(i)
    old = {ordered(a, b) for g in by_root.values() for a, b in itertools.combinations(g, 2)}
    old = np.array(sorted(old - confirmed), dtype=np.int64).reshape(-1, 2)
    regrouped = _recluster(
        closure,
        jobs,
        feats,
        docs,
        np.concatenate([pairs[duplicates], old]),
        np.concatenate([scores[duplicates], _confirm(old, docs, feats)]),
    )
    return DedupOutcome(
        fingerprinted=len(stale),
        regrouped=regrouped,
        candidates=len(pairs),
        confirmed=len(confirmed),
    )


def _load(ids: set[int], jobs: dict[int, Job], docs: dict, feats: dict) -> None:
    """Fetch the jobs (without their text), docs and features not loaded yet for these ids."""
    jobs.update(load_jobs(ids - set(jobs), text=False))
    docs.update({i: job_doc(jobs[i]) for i in ids if i not in docs})
    missing = [i for i in ids if i not in feats]
    feats.update(load_features(docs, missing))


@transaction.atomic
def dedup_rebuild() -> dict[str, int]:
    """Recompute every fingerprint, band row and group from scratch (the backfill)."""
    _lock()
    LshBand.objects.all().delete()
    JobFingerprint.objects.all().delete()
    all_ids = list(Job.objects.order_by("pk").values_list("pk", flat=True))
    jobs: dict[int, Job] = {}
    feats: dict[int, engine.Features] = {}
    for start in range(0, len(all_ids), 2000):
        chunk = load_jobs(all_ids[start : start + 2000])
        batch = [chunk[i] for i in all_ids[start : start + 2000] if i in chunk]
        feats.update(store_fingerprints(batch, [job_doc(j) for j in batch]))
        for job in batch:
            job.description_text = ""  # shingled already; 100,000 descriptions are heavy
        jobs.update(chunk)
    order = list(jobs)
    docs = [job_doc(jobs[i]) for i in order]
    splits = set(DedupSplit.objects.values_list("job_a_id", "job_b_id"))
    result = engine.dedup_docs(docs, [feats[i] for i in order], cannot_link=splits)
    changed = _assign(result.groups, jobs)
    return {
        "jobs": len(order),
        "groups": sum(len(g) > 1 for g in result.groups),
        "candidates": result.candidates,
        "confirmed": result.confirmed,
        "changed": changed,
    }


@transaction.atomic
def dedup_split(*, job_id: int, other_id: int, user=None, reason: str = "") -> DedupSplit:
    """Mark two jobs as not duplicates and regroup what they were in; the split sticks."""
    if job_id == other_id:
        raise ValueError("a job cannot be split from itself")
    _lock()
    a, b = sorted((job_id, other_id))
    split, _ = DedupSplit.objects.get_or_create(
        job_a_id=a, job_b_id=b, defaults={"created_by": user, "reason": reason[:200]}
    )
    _regroup([a, b])
    return split


def _regroup(job_ids: Iterable[int]) -> int:
    """Re-score the whole groups of these jobs among themselves (every pair)."""
    closure = _group_ids(load_jobs(job_ids).values())
    jobs = load_jobs(closure)
    fps = load_fingerprints(closure)
    docs = {i: job_doc(jobs[i]) for i in closure}
    feats = {i: stored_features(jobs[i], fps.get(i), docs[i]) for i in closure}
    return _recluster(closure, jobs, feats, docs)


@transaction.atomic
def dedup_regroup(*, job_ids: Iterable[int]) -> int:
    """Regroup jobs whose group lost a member (e.g. its canonical job was deleted)."""
    _lock()
    return _regroup(job_ids)


@transaction.atomic
def dedup_refresh_canonicals(*, job_ids: Iterable[int]) -> int:
    """Re-pick the canonical posting of these jobs' groups, members unchanged.

    For when postings stop being listed: a group whose canonical went inactive is shown
    through a member that is still listed, without re-scoring any pair.
    """
    _lock()
    closure = _group_ids(load_jobs(job_ids, text=False).values())
    jobs = load_jobs(closure, text=False)
    by_root: dict[int, list[int]] = {}
    for job in jobs.values():
        by_root.setdefault(job.canonical_id or job.pk, []).append(job.pk)
    return _assign(by_root.values(), jobs)


@dataclass
class JobGroup:
    canonical: Job
    members: list[Job]  # canonical first, then by first seen
    first_seen_at: object
    repost_count: int


def job_group(*, job: Job, user=None) -> JobGroup:
    """The group a job belongs to, for "also on" links and "first seen … reposted n times".

    With ``user``, members other users added by hand are left out (operators pass none).
    """
    root = job.canonical_id or job.pk
    members_qs = Job.objects.filter(Q(pk=root) | Q(canonical_id=root))
    if user is not None:
        members_qs = members_qs.visible_to(user)
    members = list(members_qs.select_related("source"))
    if job not in members:  # a job always belongs to its own group, whoever asks
        members.append(job)
    members.sort(key=lambda j: (j.pk != root, j.first_seen_at, j.pk))
    head = members[0]
    return JobGroup(
        canonical=head,
        members=members,
        first_seen_at=min(m.first_seen_at for m in members),
        repost_count=head.repost_count,
    )


def also_listed(*, job: Job, user) -> list[Job]:
    """The other postings of the job's group this user may see ("also on" boards)."""
    members = job_group(job=job, user=user).members
    return sorted((m for m in members if m.pk != job.pk), key=lambda m: (m.source.name, m.pk))


def dedup_report() -> dict:
    """The ``dedup_report --json`` object (also shown in admin)."""
    total = Job.objects.count()
    canonical = Job.objects.filter(is_canonical=True).count()
    members: dict[int, list[tuple]] = {}
    rows = Job.objects.filter(Q(canonical__isnull=False) | Q(duplicates__isnull=False)).distinct()
    for pk, root, kind, ext, seen in rows.values_list(
        "pk", "canonical_id", "source_kind", "external_id", "first_seen_at"
    ).order_by("pk"):
        members.setdefault(root or pk, []).append((root is not None, seen, pk, kind, ext))
    by_source = {}
    counts = Job.objects.values("source_kind").annotate(n=Count("pk")).order_by("source_kind")
    in_groups: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    for group in members.values():
        for is_dup, _, _, kind, _ in group:
            in_groups[kind] = in_groups.get(kind, 0) + 1
            duplicates[kind] = duplicates.get(kind, 0) + int(is_dup)
    for row in counts:
        kind, n = row["source_kind"], row["n"]
        by_source[kind] = {
            "jobs": n,
            "in_groups": in_groups.get(kind, 0),
            "duplicates": duplicates.get(kind, 0),
            "duplicate_rate": round(in_groups.get(kind, 0) / n, 4) if n else 0.0,
        }
    groups = [sorted(g) for _, g in sorted(members.items()) if len(g) > 1]
    return {
        "jobs": total,
        "canonical": canonical,
        "groups": len(groups),
        "duplicates": total - canonical,
        "reposts": Job.objects.aggregate(n=Sum("repost_count"))["n"] or 0,
        "by_source": by_source,
        "group_members": [
            [{"source": kind, "external_id": ext} for _, _, _, kind, ext in g] for g in groups
        ],
    }
