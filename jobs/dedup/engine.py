"""Pure duplicate detection: shingles, MinHash signatures, LSH band keys, gates, grouping.

No Django here: ``jobs.dedup.services`` maps ``Job`` rows to ``DedupDoc`` and stores the
results; the benchmark drives the same functions on 100,000 generated postings.

How a pair becomes a duplicate:

1. **Exact keys**: the same content hash, or the same canonical apply URL with compatible
   titles (aggregators sometimes give one careers-page URL for every role, so a URL alone
   never merges two titles).
2. **Near-duplicates**: word shingles (``SHINGLE_WORDS``) over the normalised title, the
   company key and the first ``DESC_WORDS`` words of the description. Feeds truncate
   descriptions (We Work Remotely's RSS at 800 characters, aggregators at 600), always at the
   end, so the head of the text is what every copy of a posting shares; boards' own footers
   ("Apply on…", EEO text) fall outside it. A datasketch ``MinHash`` signature
   (``NUM_PERM`` permutations, affine32 scheme) is split into ``BANDS`` bands of ``ROWS`` rows;
   postings sharing any band key are candidates, and each candidate is confirmed by the exact
   Jaccard similarity of the shingle sets (``MIN_JACCARD``).
3. **Gates** (``jobs.dedup.compare``, both kinds): the same company key when both are known
   (applied as LSH blocking in memory); compatible seniority ("Senior" vs "Staff" or vs no
   level word stay apart; no level word and "II" may meet); similar title words after
   expanding abbreviations and dropping level and noise words (a templated description under
   another title stays apart); overlapping cities, else countries; a remote listing never
   joins an office listing in a named city.

Grouping is single-link on confirmed pairs (strongest first) with a complete-link veto: two
groups merge only if no cross pair fails a gate or was split by hand, so a chain of pairwise
matches cannot join two postings that a gate or a split keeps apart.

Parameters, measured on ``benchmarks/dedup_data.py`` (5,712 generated postings with hard
negatives plus the 51 real ones; pairwise F1 of the generated+real set, "real" = real subset):

* ``SHINGLE_WORDS = 3``: F1 0.9995 (2 words: 0.9995 with 23% more candidates; 4: 0.9993).
* ``DESC_WORDS = 150``: recall 1.0 (80 words: 0.943, 120: 0.993 -- boards reorder sections;
  200: 0.9997; the whole text: 0.998 but real recall 0.75, because an 800-character feed
  excerpt shares little with the 8,000-character original).
* ``BANDS x ROWS = 32 x 4`` (128 permutations): recall 1.0 with 12.6k candidates
  (16 x 8: 0.974; 20 x 6: 0.995; 42 x 3: 1.0 with 33.7k candidates).
* ``MIN_JACCARD = 0.5``: 0.3-0.5 score the same, 0.6 loses recall (0.9992), 0.7 more (0.966).
* ``compare.MIN_TITLE_SIMILARITY = 0.6``: precision 0.9989 (0.5: 0.9965, 0.4: 0.9941).
* ``MAX_BUCKET = 50``: a company's band bucket holding more postings is its boilerplate and
  pairs only postings of the same title words (``title_code``), again at most 50, else none.
  No effect on the set above (its largest company bucket holds 32), and none on a
  template-heavy variant (the same generator with 2 companies, 10,062 postings: recall 1.0
  at 25, 50, 100 and uncapped; without the title fallback 0.9998) while candidates drop from
  1.65M to 254k. On ``benchmarks/ingest_corpus.py`` (20,000 postings of one template at 20
  companies) it is what keeps ingestion linear: 21M candidates uncapped, 1.3M at 50.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.minhash import _fmix

from jobs.normalize.titles import detect_seniority

from .compare import (
    MIN_TITLE_SIMILARITY,
    DedupDoc,
    Features,
    gate,
    gates_pass,
    location_words,
    owners_differ,
    title_similarity,
    title_tokens,
    words,
)

__all__ = [
    "MIN_TITLE_SIMILARITY",
    "DedupDoc",
    "Features",
    "gate",
    "location_words",
    "owners_differ",
    "title_similarity",
    "title_tokens",
    "words",
]

# Parameters (bump PARAMS_VERSION whenever one changes: stored fingerprints are recomputed).
SHINGLE_WORDS = 3
DESC_WORDS = 150
NUM_PERM = 128
BANDS = 32
ROWS = 4
MIN_JACCARD = 0.5
MAX_BUCKET = 50
SEED = 1
PARAMS_VERSION = 1

_WORD_HASHES: dict[str, int] = {}


def _word_hashes(tokens: Sequence[str]) -> np.ndarray:
    cache = _WORD_HASHES
    hashes = [cache.get(t) for t in tokens]
    if None in hashes:
        if len(cache) > 1_000_000:
            cache.clear()
        for i, h in enumerate(hashes):
            if h is None:
                hashes[i] = cache[tokens[i]] = zlib.crc32(tokens[i].encode())
    return np.array(hashes, dtype=np.uint64)


_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


def shingle_hashes(tokens: Sequence[str], k: int | None = None) -> np.ndarray:
    """Sorted unique 32-bit hashes of the k-word shingles (stable across processes)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    k = k or SHINGLE_WORDS
    hashes = _word_hashes(tokens)
    if len(hashes) < k:
        k = len(hashes)
    n = len(hashes) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        acc ^= (hashes[j : j + n] + np.uint64(j + 1)) * _MIX[j % len(_MIX)]
    return np.unique((acc >> np.uint64(32)).astype(np.uint32))


def _head_words(text: str) -> list[str]:
    # Only the head is shingled; cutting first keeps long descriptions cheap (the full text is
    # only read when the cut holds too few words).
    head = words(text[: DESC_WORDS * 20])
    return (head if len(head) > DESC_WORDS else words(text))[:DESC_WORDS]


def shingle_tokens(doc: DedupDoc) -> list[str]:
    return words(doc.title) + words(doc.company_key) + _head_words(doc.text)


def features(doc: DedupDoc) -> Features:
    return Features(
        shingles=shingle_hashes(shingle_tokens(doc)),
        title=title_tokens(doc.title, location_words(doc.cities)),
        seniority=detect_seniority(doc.title),
    )


@lru_cache(maxsize=4)
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    return MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations


def signatures(shingle_sets: Sequence[np.ndarray], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signatures, one row per set, identical to datasketch's ``MinHash.update_batch``
    with an identity hash function (see the tests) but computed in batches with numpy
    (permutations x values layout: 4-5x faster than values x permutations here)."""
    a, b = (p.reshape(-1, 1) for p in permutations(num_perm))
    out = np.full((len(shingle_sets), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    batch = 64
    for start in range(0, len(shingle_sets), batch):
        chunk = shingle_sets[start : start + batch]
        sizes = np.fromiter((len(s) for s in chunk), dtype=np.int64, count=len(chunk))
        nonempty = np.flatnonzero(sizes)
        if not len(nonempty):
            continue
        values = _fmix(np.concatenate([chunk[i] for i in nonempty]), 32).reshape(1, -1)
        permuted = a * values  # uint32 arithmetic wraps: a*h+b mod 2^32, as datasketch does
        permuted += b
        offsets = np.zeros(len(nonempty), dtype=np.int64)
        np.cumsum(sizes[nonempty][:-1], out=offsets[1:])
        out[start + nonempty] = np.minimum.reduceat(permuted, offsets, axis=1).T
    return out


def minhash(signature: np.ndarray) -> MinHash:
    """The datasketch object for a stored signature (for ``jaccard`` estimates or an LSH)."""
    return MinHash(
        hashvalues=signature, permutations=permutations(len(signature)), scheme="affine32"
    )


_BAND_MULT = (
    np.random.RandomState(7).randint(1, 2**62, size=(64,), dtype=np.int64).astype(np.uint64)
)


def band_keys(sigs: np.ndarray, bands: int | None = None, rows: int | None = None) -> np.ndarray:
    """One signed 64-bit key per (posting, band); equal keys mean an identical band."""
    bands, rows = bands or BANDS, rows or ROWS
    n = sigs.shape[0]
    banded = sigs[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    keys = np.zeros((n, bands), dtype=np.uint64)
    for r in range(rows):
        keys = (keys ^ banded[:, :, r]) * _BAND_MULT[r] + _BAND_MULT[32 + r]
    keys ^= np.arange(bands, dtype=np.uint64) * _BAND_MULT[63]
    return keys.view(np.int64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    # Both sorted and unique: look each of a up in b (faster than np.intersect1d's sort).
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    inter = int(np.count_nonzero(b[at] == a))
    return inter / (len(a) + len(b) - inter)


def exact_pairs(docs: Sequence[DedupDoc]) -> set[tuple[int, int]]:
    """Index pairs sharing a content hash or a canonical apply URL (URL pairs still gated)."""
    pairs: set[tuple[int, int]] = set()
    for attr in ("content_hash", "apply_url"):
        buckets: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            value = getattr(doc, attr)
            if value:
                buckets.setdefault(value, []).append(i)
        for members in buckets.values():
            pairs.update(_all_pairs(members))
    return pairs


def _all_pairs(members: Sequence[int]) -> Iterable[tuple[int, int]]:
    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            yield (members[x], members[y]) if members[x] < members[y] else (members[y], members[x])


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


_MIX64 = np.uint64(0x9E3779B97F4A7C15)


def _bucket_codes(
    flat: np.ndarray,
    owner: np.ndarray,
    n: int,
    max_bucket: int | None = None,
    finer: np.ndarray | None = None,
) -> np.ndarray:
    """Pair codes (i * n + j, i < j) of owners sharing a value of ``flat``, vectorised: pairs
    at distance 1, 2, ... inside each run of the sorted values.

    A run longer than ``max_bucket`` is a template: its members pair only when they also
    share their ``finer`` value (a title code), in a run of at most ``max_bucket`` again;
    without ``finer`` the run gives no pairs.
    """
    order = np.argsort(flat, kind="stable")
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    run_size = np.repeat(sizes, sizes)
    position = np.arange(len(flat)) - np.repeat(starts, sizes)
    usable = run_size > 1
    found = [np.zeros(0, dtype=np.int64)]
    if max_bucket is not None:
        usable &= run_size <= max_bucket
        over = run_size > max_bucket
        if finer is not None and over.any():
            finer = finer[order][over].astype(np.int64)
            mixed = flat[over].view(np.uint64) * _MIX64 + finer.view(np.uint64)
            found.append(_bucket_codes(mixed.view(np.int64), owner[over], n, max_bucket))
    index = np.flatnonzero(usable)
    distance = 1
    while len(index):
        index = index[position[index] + distance < run_size[index]]
        a, b = owner[index], owner[index + distance]
        found.append(np.minimum(a, b) * n + np.maximum(a, b))
        distance += 1
    return np.concatenate(found)


def lsh_pairs(
    keys: np.ndarray,
    blocks: np.ndarray | None = None,
    max_bucket: int | None = None,
    titles: np.ndarray | None = None,
) -> np.ndarray:
    """Index pairs (rows ``[i, j]``, i < j, unique) sharing at least one band key: the
    in-memory LSH over ``band_keys``.

    ``blocks`` (one int per posting: a company code, negative when unknown) restricts pairs
    to one block, as the company gate would; a posting of unknown company still pairs with
    every posting of its buckets. At 100,000 postings most raw band collisions join two
    different companies, so blocking first saves most of the work.

    ``max_bucket`` bounds the work on templates: a company's bucket holding more postings than
    that (a band shared by its boilerplate, not evidence) pairs only postings of the same
    ``titles`` code, again at most ``max_bucket`` of them, else none; a posting of unknown
    company pairs through buckets of at most ``max_bucket`` across all companies.
    """
    n, bands = keys.shape
    if not n:
        return np.zeros((0, 2), dtype=np.int64)
    flat = keys.ravel()
    owner = np.repeat(np.arange(n, dtype=np.int64), bands)
    finer = None if titles is None else titles[owner]
    if blocks is None:
        codes = _bucket_codes(flat, owner, n, max_bucket, finer)
    else:
        block = blocks[owner].astype(np.int64)
        mixed = flat.view(np.uint64) * _MIX64 + block.view(np.uint64)
        found = [_bucket_codes(mixed.view(np.int64), owner, n, max_bucket, finer)]
        unknown = block < 0
        if unknown.any() and not unknown.all():
            probes, probe_owner = flat[unknown], owner[unknown]
            if max_bucket is not None:
                values, counts = np.unique(flat, return_counts=True)
                small = counts[np.searchsorted(values, probes)] <= max_bucket
                probes, probe_owner = probes[small], probe_owner[small]
            order = np.argsort(flat[~unknown], kind="stable")
            known_keys, known_owner = flat[~unknown][order], owner[~unknown][order]
            low = np.searchsorted(known_keys, probes, "left")
            counts = np.searchsorted(known_keys, probes, "right") - low
            mine = np.repeat(probe_owner, counts)
            offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            other = known_owner[np.repeat(low, counts) + offsets]
            found.append(np.minimum(mine, other) * n + np.maximum(mine, other))
        codes = np.concatenate(found)
    codes = np.unique(codes)
    return np.stack([codes // n, codes % n], axis=1)


def title_code(title: frozenset[str]) -> int:
    """A 16-bit code of a posting's comparable title words (``Features.title``): the finer
    block of template buckets, here and in the stored index."""
    return zlib.crc32(" ".join(sorted(title)).encode()) & 0xFFFF


def company_blocks(docs: Sequence[DedupDoc]) -> np.ndarray:
    codes: dict[str, int] = {"": -1}
    return np.array([codes.setdefault(d.company_key, len(codes) - 1) for d in docs])


def confirm(da: DedupDoc, fa: Features, db: DedupDoc, fb: Features) -> float | None:
    """Similarity of a confirmed duplicate pair, or ``None``.

    Identical content hashes are duplicates outright; a shared apply URL needs only the gates;
    everything else also needs exact shingle Jaccard >= ``MIN_JACCARD``.
    """
    if owners_differ(da, db):
        return None
    if da.content_hash and da.content_hash == db.content_hash:
        return 1.0
    if gate(da, fa, db, fb):
        return None
    if da.apply_url and da.apply_url == db.apply_url:
        return 1.0
    similarity = jaccard(fa.shingles, fb.shingles)
    return similarity if similarity >= MIN_JACCARD else None


def confirm_pairs(
    docs: Sequence[DedupDoc], feats: Sequence[Features], pairs: np.ndarray
) -> np.ndarray:
    """``confirm`` for index pairs (rows ``[i, j]``) at once: the similarity of each pair, NaN
    where it is not a duplicate. The gates run vectorised first, so exact Jaccard is only
    computed for the few pairs they let through."""
    scores = np.full(len(pairs), np.nan)
    if not len(pairs):
        return scores
    left, right = pairs[:, 0], pairs[:, 1]
    hashes = _value_codes([d.content_hash for d in docs])
    urls = _value_codes([d.apply_url for d in docs])
    owners = np.array([-1 if d.owner is None else d.owner for d in docs], dtype=np.int64)
    same_hash = (hashes[left] == hashes[right]) & (hashes[left] >= 0)
    same_url = (urls[left] == urls[right]) & (urls[left] >= 0)
    apart = (owners[left] != owners[right]) & (owners[left] >= 0) & (owners[right] >= 0)
    scores[same_hash & ~apart] = 1.0
    rest = np.flatnonzero(~same_hash & ~apart)
    passed = rest[gates_pass(docs, feats, left[rest], right[rest])]
    scores[passed[same_url[passed]]] = 1.0
    for k in passed[~same_url[passed]].tolist():
        similarity = jaccard(feats[left[k]].shingles, feats[right[k]].shingles)
        if similarity >= MIN_JACCARD:
            scores[k] = similarity
    return scores


def _value_codes(values: Sequence[str]) -> np.ndarray:
    """One int per value, equal for equal values; -1 for an empty value (never equal)."""
    table: dict[str, int] = {"": -1}
    return np.fromiter(
        (table.setdefault(v, len(table) - 1) for v in values), dtype=np.int64, count=len(values)
    )


def cluster(
    ids: Sequence[int],
    scored_pairs: Iterable[tuple[float, int, int]],
    compatible: Callable[[int, int], bool],
) -> dict[int, list[int]]:
    """Groups (root id -> sorted member ids) from confirmed pairs, strongest pair first.

    ``compatible(a, b)`` is the pairwise veto (gates, manual splits); groups merge only when
    every cross pair is compatible. Deterministic: same pairs, same groups.
    """
    members: dict[int, list[int]] = {i: [i] for i in ids}
    root: dict[int, int] = {i: i for i in ids}
    for _, a, b in sorted(scored_pairs, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = root[a], root[b]
        if ra == rb:
            continue
        if not all(compatible(x, y) for x in members[ra] for y in members[rb]):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        for m in members[rb]:
            root[m] = ra
        members[ra].extend(members.pop(rb))
    return {r: sorted(m) for r, m in members.items()}


@dataclass
class BatchResult:
    groups: list[list[int]]  # lists of doc ids, groups of one included
    candidates: int
    confirmed: int


def dedup_docs(
    docs: Sequence[DedupDoc],
    feats: Sequence[Features] | None = None,
    cannot_link: set[tuple[int, int]] = frozenset(),
) -> BatchResult:
    """Group a whole collection in memory (the engine behind the rebuild and the benchmark).

    ``cannot_link`` holds (smaller id, larger id) pairs of doc ids split by hand.
    """
    if feats is None:
        feats = [features(d) for d in docs]
    missing = [i for i, f in enumerate(feats) if f.signature is None]
    if missing:
        sigs = signatures([feats[i].shingles for i in missing])
        for row, i in enumerate(missing):
            feats[i].signature = sigs[row]
    keys = band_keys(np.stack([f.signature for f in feats])) if feats else np.zeros((0, BANDS))
    titles = np.array([title_code(f.title) for f in feats], dtype=np.int64)
    near = lsh_pairs(keys, company_blocks(docs), MAX_BUCKET, titles)
    exact = exact_pairs(docs)
    if exact:
        n = len(docs)
        codes = np.unique(np.r_[near[:, 0] * n + near[:, 1], [i * n + j for i, j in exact]])
        candidates = np.stack([codes // n, codes % n], axis=1)
    else:
        candidates = near
    if cannot_link:
        ids = [d.id for d in docs]
        split = [_ordered(ids[i], ids[j]) in cannot_link for i, j in candidates.tolist()]
        candidates = candidates[~np.array(split, dtype=bool)]
    scores = confirm_pairs(docs, feats, candidates)
    found = np.flatnonzero(~np.isnan(scores))
    scored = list(
        zip(
            scores[found].tolist(),
            candidates[found, 0].tolist(),
            candidates[found, 1].tolist(),
            strict=True,
        )
    )
    index = {d.id: i for i, d in enumerate(docs)} if cannot_link else {}
    vetoes = {_ordered(index[a], index[b]) for a, b in cannot_link if a in index and b in index}

    def compatible(i: int, j: int) -> bool:
        if vetoes and _ordered(i, j) in vetoes:
            return False
        if owners_differ(docs[i], docs[j]):
            return False
        same_hash = docs[i].content_hash and docs[i].content_hash == docs[j].content_hash
        return bool(same_hash) or gate(docs[i], feats[i], docs[j], feats[j]) is None

    groups = cluster(range(len(docs)), scored, compatible)
    return BatchResult(
        groups=[[docs[i].id for i in g] for g in groups.values()],
        candidates=len(near),
        confirmed=len(scored),
    )
