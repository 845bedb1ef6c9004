"""What two postings are compared on, and the gates that keep sibling roles apart.

Pure, like ``jobs.dedup.engine`` which uses it. The gates were chosen on the labelled set of
``benchmarks/dedup_data.py``: without them every hard negative there (the same company's role
at another level, the same role listed in another city, a templated description under another
title) is merged, because their texts are as similar as true cross-board copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: Minimum Jaccard of the title words (after ``title_tokens``): "Creative Project Manager" and
#: "Digital Project Manager" (0.5) stay apart, "Sr. Data Engineer (m/f/d)" and
#: "Senior Data Engineer" (1.0) do not.
MIN_TITLE_SIMILARITY = 0.6

_WORD_RE = re.compile(r"[a-z0-9]+")
_TITLE_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "eng": "engineer",
    "engr": "engineer",
    "engineers": "engineer",
    "mgr": "manager",
    "dev": "developer",
    "devs": "developer",
    "swe": "software engineer",
    "sde": "software engineer",
    "sw": "software",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "qa": "quality assurance",
    "vp": "vice president",
    "mgmt": "management",
    "ops": "operations",
    "admin": "administrator",
    "assoc": "associate",
    "asst": "assistant",
    "dir": "director",
}
# Level words are compared by the seniority gate, not as title words; the rest is noise that
# boards add around a title ("(m/f/d)", "- Remote", "Full-time").
_TITLE_DROP = frozenset(
    [
        "senior",
        "junior",
        "staff",
        "principal",
        "lead",
        "mid",
        "level",
        "entry",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "m",
        "f",
        "d",
        "w",
        "x",
        "all",
        "genders",
        "gender",
        "mwd",
        "mfd",
        "fmd",
        "remote",
        "hybrid",
        "onsite",
        "on",
        "site",
        "fully",
        "full",
        "time",
        "fulltime",
        "part",
        "parttime",
        "contract",
        "permanent",
        "position",
        "role",
        "job",
        "opening",
        "urgent",
        "urgently",
        "hiring",
        "wanted",
        "needed",
        "new",
        "the",
        "a",
        "an",
        "of",
        "and",
        "for",
        "to",
        "in",
        "at",
        "with",
        "or",
        "us",
        "usa",
    ]
)


def _ascii_lower(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").decode("ascii").lower()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(_ascii_lower(text))


def title_tokens(title: str, location_words: Iterable[str] = ()) -> frozenset[str]:
    """Comparable title words: abbreviations expanded, level/noise and own-location words dropped."""
    out: list[str] = []
    for word in words(title.replace("&", " and ")):
        out.extend(_TITLE_ABBREVIATIONS.get(word, word).split())
    drop = _TITLE_DROP | set(location_words)
    kept = frozenset(w for w in out if w not in drop)
    return kept or frozenset(out)


@dataclass(slots=True)
class DedupDoc:
    """What dedup needs to know about one posting (built from a Job or a generated record)."""

    id: int
    title: str
    company_key: str = ""
    text: str = ""
    cities: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    remote: bool = False  # remote (or hybrid) work is offered
    apply_url: str = ""
    content_hash: str = ""
    owner: int | None = None  # the user who added it by hand; None for the shared catalogue


@dataclass(slots=True)
class Features:
    """Derived from a DedupDoc once: shingles, title tokens, seniority (the gate inputs)."""

    shingles: np.ndarray  # sorted unique uint32
    title: frozenset[str]
    seniority: str | None
    signature: np.ndarray | None = field(default=None)  # uint32[NUM_PERM]


def location_words(cities: Iterable[str]) -> set[str]:
    return {w for city in cities for w in words(city)}


def title_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def owners_differ(da: DedupDoc, db: DedupDoc) -> bool:
    """Two users' hand-added jobs: never one group, not even with identical content."""
    return da.owner is not None and db.owner is not None and da.owner != db.owner


def gate(da: DedupDoc, fa: Features, db: DedupDoc, fb: Features) -> str | None:
    """Why two postings cannot be one job (``None`` when nothing forbids it)."""
    if not _companies_compatible(da.company_key, db.company_key):
        return "company"
    if not _seniorities_compatible(fa.seniority, fb.seniority):
        return "seniority"
    if title_similarity(fa.title, fb.title) < MIN_TITLE_SIMILARITY:
        return "title"
    if not _locations_compatible(_place(da), _place(db)):
        return "location"
    return None


def gates_pass(
    docs: Sequence[DedupDoc], feats: Sequence[Features], left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """``gate(...) is None`` for every pair ``(docs[left[k]], docs[right[k]])``, vectorised.

    Each gate depends on one attribute with few distinct values (company keys, levels, title
    word sets, places), so it is evaluated once per distinct pair of values, not per pair:
    a million candidate pairs cost a few numpy sorts instead of a million Python calls.
    """
    ok = np.ones(len(left), dtype=bool)
    checks = (
        ([d.company_key for d in docs], _companies_compatible),
        ([f.seniority for f in feats], _seniorities_compatible),
        ([f.title for f in feats], _titles_compatible),
        ([_place(d) for d in docs], _locations_compatible),
    )
    for values, compatible in checks:
        index = np.flatnonzero(ok)
        if not len(index):
            break
        ok[index] = _pairwise(values, left[index], right[index], compatible)
    return ok


def _pairwise(values: list, left: np.ndarray, right: np.ndarray, check: Callable) -> np.ndarray:
    table: dict = {}
    codes = np.fromiter(
        (table.setdefault(v, len(table)) for v in values), dtype=np.int64, count=len(values)
    )
    distinct = list(table)
    width = len(distinct)
    combos, inverse = np.unique(codes[left] * width + codes[right], return_inverse=True)
    results = np.fromiter(
        (check(distinct[c // width], distinct[c % width]) for c in combos.tolist()),
        dtype=bool,
        count=len(combos),
    )
    return results[inverse.ravel()]


def _companies_compatible(a: str, b: str) -> bool:
    return not (a and b and a != b)


def _seniorities_compatible(a: str | None, b: str | None) -> bool:
    return a == b or _levels_compatible(a, b)


def _titles_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    return title_similarity(a, b) >= MIN_TITLE_SIMILARITY


def _place(doc: DedupDoc) -> tuple[frozenset[str], frozenset[str], bool]:
    return doc.cities, doc.countries, doc.remote


def _locations_compatible(a: tuple, b: tuple) -> bool:
    (cities_a, countries_a, remote_a), (cities_b, countries_b, remote_b) = a, b
    if cities_a and cities_b:
        return bool(cities_a & cities_b)
    if cities_a or cities_b:
        located_remote, other_remote = (remote_a, remote_b) if cities_a else (remote_b, remote_a)
        return not (other_remote and not located_remote)  # a remote listing vs an office one
    return not (countries_a and countries_b and not countries_a & countries_b)


def _levels_compatible(a: str | None, b: str | None) -> bool:
    # No level word reads as the ordinary level: "Software Engineer" may be listed elsewhere as
    # "Software Engineer II" (mid), never as "Senior Software Engineer".
    return {a, b} == {None, "mid"}
