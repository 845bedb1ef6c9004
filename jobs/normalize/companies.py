"""Company name canonicalisation.

``canonical_company`` gives a display name without legal-form noise ("Acme, Inc." -> "Acme");
``company_key`` gives the comparison key used for dedup ("Société Générale S.A." and
"Societe Generale" share one key). Data lives in ``data/companies.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = ["canonical_company", "company_key", "strip_legal_suffix", "to_ascii"]

_DATA = json.loads((Path(__file__).parent / "data" / "companies.json").read_text("utf-8"))


def _suffix_pattern(suffix: str) -> str:
    """Regex for one suffix: dots and inner spaces optional, so 'S.A.' also matches 'SA'."""
    body = suffix.rstrip(".")
    parts = []
    for ch in body:
        if ch == ".":
            parts.append(r"\.?\s*")
        elif ch == " ":
            parts.append(r"\s*")
        else:
            parts.append(re.escape(ch))
    return "".join(parts) + r"\.?"


def _alternation(suffixes: list[str]) -> str:
    unique = sorted(set(suffixes), key=len, reverse=True)
    return "|".join(_suffix_pattern(s) for s in unique)


# "(.*\S)" keeps at least one character before the suffix: a suffix is never the whole name.
_SUFFIX_CI_RE = re.compile(
    r"^(?P<base>.*?\S)[\s,]+(?:&\s*)?(?:" + _alternation(_DATA["suffixes"]) + r")$",
    re.I,
)
_SUFFIX_CS_RE = re.compile(
    r"^(?P<base>.*?\S)[\s,]+(?:&\s*)?(?:" + _alternation(_DATA["case_sensitive_suffixes"]) + r")$"
)
_TRAILING_PAREN_RE = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]*)\)$")
_PAREN_DROP_RE = re.compile(
    r"^(?:[A-Z0-9&.]{2,8}|formerly\b.*|previously\b.*|now\b.*|an?\s.*|dba\b.*|d/b/a\b.*)$", re.I
)
_WS_RE = re.compile(r"\s+")
_TRAILING_JUNK = " ,;&-\u2013\u2014/|"
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_LEADING_THE_RE = re.compile(r"^the\s+", re.I)

# Letters that NFKD does not decompose into ASCII.
_ASCII_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
        "\u2019": "'",
    }
)


def to_ascii(value: str) -> str:
    """Fold to ASCII for comparisons: remove diacritics, map ß/ø/æ/ł-style letters."""
    value = unicodedata.normalize("NFKD", value.translate(_ASCII_FOLD))
    return (
        "".join(ch for ch in value if not unicodedata.combining(ch))
        .encode("ascii", "ignore")
        .decode()
    )


def strip_legal_suffix(name: str) -> str:
    """Remove trailing legal-form suffixes ("Inc.", "GmbH & Co. KG", "Co., Ltd.") repeatedly."""
    s = name
    for _ in range(4):
        before = s
        match = _TRAILING_PAREN_RE.match(s)
        if match and (
            _PAREN_DROP_RE.match(match.group("inner").strip())
            or _SUFFIX_CI_RE.match("x " + match.group("inner").strip())
        ):
            s = match.group("base")
        match = _SUFFIX_CI_RE.match(s) or _SUFFIX_CS_RE.match(s)
        if match:
            s = match.group("base")
        s = s.rstrip(_TRAILING_JUNK)
        if s == before:
            break
    return s or name


@lru_cache(maxsize=4096)
def _canonical(name: str) -> str | None:
    s = unicodedata.normalize("NFKC", name)
    s = _WS_RE.sub(" ", s).strip().strip("\"'`")
    if not s:
        return None
    s = strip_legal_suffix(s).strip()
    alias = _DATA["aliases"].get(_key_of(s))
    return alias or s


def canonical_company(name: str | None) -> str | None:
    """Display form of a company name: legal suffix removed, known aliases resolved.

    Casing and diacritics are kept for display ("Société Générale"); use ``company_key`` to
    compare names. Returns ``None`` for empty input.
    """
    if not name or not name.strip():
        return None
    return _canonical(name)


@lru_cache(maxsize=4096)  # pure, and company names repeat across a board
def _key_of(display: str) -> str:
    s = to_ascii(display).casefold().replace("&", " and ").replace("+", " plus ")
    s = _LEADING_THE_RE.sub("", s)
    return _NON_ALNUM_RE.sub("", s)


def company_key(name: str | None) -> str:
    """Dedup/comparison key: ASCII, lower-case, legal-suffix-free, no spaces or punctuation.

    "&" is spelled "and" and a leading "The" dropped, so "The Procter & Gamble Company" and
    "Procter and Gamble" compare equal. Empty input gives ``""``.
    """
    canonical = canonical_company(name)
    if not canonical:
        return ""
    return _key_of(canonical)
