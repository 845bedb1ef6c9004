"""Shared, defensive helpers for the source adapters.

Everything a parser needs to read hostile input without crashing: payload decoding with size
limits, JSON loading that turns every failure into one-line :class:`ParseError`, envelope
unwrapping, forgiving scalar getters, a per-item collector that records skipped items, plus the
small request-builder helpers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from jobs.sources.base import ParseError, ParseResult, Payload
from jobs.types import RawPosting

MAX_PAYLOAD_BYTES = 25 * 1024 * 1024  # larger bodies are refused outright
MAX_WALK_DEPTH = 40  # cap for recursive walks over untrusted JSON


class ItemSkip(Exception):
    """Raised inside an item mapper: skip this item with the given reason."""


# --------------------------------------------------------------------------- payload decoding


def to_text(payload: Payload, kind: str) -> str:
    """Decode ``payload`` (bytes or str) to text; ``ParseError`` when empty or oversized."""
    if payload is None:
        raise ParseError(f"{kind}: empty response body")
    if isinstance(payload, bytes | bytearray | memoryview):
        raw = bytes(payload)
        if len(raw) > MAX_PAYLOAD_BYTES:
            raise ParseError(f"{kind}: response body too large ({len(raw)} bytes)")
        text = raw.decode("utf-8-sig", errors="replace")
    elif isinstance(payload, str):
        if len(payload) > MAX_PAYLOAD_BYTES:
            raise ParseError(f"{kind}: response body too large ({len(payload)} characters)")
        text = payload.removeprefix("\ufeff")
    else:
        raise ParseError(f"{kind}: payload must be bytes or str, not {type(payload).__name__}")
    if not text.strip():
        raise ParseError(f"{kind}: empty response body")
    return text


def load_json(payload: Payload, kind: str) -> Any:
    """Parse a JSON body; every failure becomes a one-line ``ParseError``."""
    text = to_text(payload, kind)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        snippet = text.lstrip()[:1]
        hint = " (looks like HTML)" if snippet == "<" else ""
        raise ParseError(
            f"{kind}: invalid JSON{hint}: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise ParseError(f"{kind}: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. huge integer strings
        raise ParseError(f"{kind}: unreadable JSON: {exc}") from None


def unwrap_list(data: Any, kind: str, keys: Sequence[str]) -> list[Any]:
    """The list of items in ``data``: a bare list, or the first of ``keys`` holding a list.

    ``keys`` may be dotted paths (``"SearchResult.SearchResultItems"``).
    """
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            value = dig(data, *key.split("."))
            if isinstance(value, list):
                return value
        wanted = " / ".join(repr(k) for k in keys)
        found = ", ".join(list(map(str, data.keys()))[:6]) or "no keys"
        raise ParseError(
            f"{kind}: expected a list of postings or {wanted}; got an object with {found}"
        )
    raise ParseError(f"{kind}: expected a JSON list or object, got {type(data).__name__}")


def check_kind(items: Sequence[Any], kind: str, distinctive: Iterable[str]) -> None:
    """``ParseError`` unless some item carries one of this kind's ``distinctive`` keys."""
    keys = tuple(distinctive)
    if not items:
        return
    for item in items[:100]:
        if isinstance(item, dict) and any(key in item for key in keys):
            return
    raise ParseError(
        f"{kind}: items do not look like {kind} postings (none has any of {', '.join(keys)})"
    )


# --------------------------------------------------------------------------- scalar getters


def dig(obj: Any, *path: str | int) -> Any:
    """``obj[p0][p1]…`` or ``None`` when any step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(obj, list) or not -len(obj) <= step < len(obj):
                return None
            obj = obj[step]
        else:
            if not isinstance(obj, dict):
                return None
            obj = obj.get(step)
    return obj


#: Values some feeds ship in place of a real name (template or anonymised fields).
PLACEHOLDER_NAMES = frozenset(
    {"name", "company", "companyname", "company name", "n/a", "null", "none", "undefined"}
)


def name_text(value: Any) -> str | None:
    """Like :func:`text`, but a placeholder such as ``"name"`` or ``"null"`` counts as absent."""
    value = text(value)
    return None if value is None or value.lower() in PLACEHOLDER_NAMES else value


def text(value: Any) -> str | None:
    """A stripped string for str/number values; ``None`` for empty, bool, containers."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)
    return None


def number(value: Any, *, zero_is_none: bool = False) -> float | None:
    """A finite float from a number or numeric string (``"55204.0"``, ``"75,000"``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        cleaned = value.strip().replace(",", "").replace("_", "")
        if not cleaned or len(cleaned) > 30:
            return None
        try:
            result = float(cleaned)
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(result) or result < 0:
        return None
    if zero_is_none and result == 0:
        return None
    return result


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, ``[value]`` for a scalar/dict, ``[]`` for ``None``."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def text_list(values: Any, key: str | None = None) -> list[str]:
    """Non-empty strings from a list of strings (or of dicts, reading ``key``), de-duplicated."""
    out: list[str] = []
    for value in as_list(values):
        item = text(value.get(key)) if key and isinstance(value, dict) else text(value)
        if item and item not in out:
            out.append(item)
    return out


def unescape(value: str | None) -> str | None:
    """Undo HTML entity escaping (``&lt;div&gt;`` -> ``<div>``); the result is still untrusted."""
    if value is None:
        return None
    return html.unescape(value)


_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_BREAK_RE = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h\d|/?tr)\b[^>]{0,2000}>", re.IGNORECASE)
_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(value: str | None) -> str:
    """Plain text of an HTML fragment for *reading* (not sanitising): tags out, lines kept."""
    if not value:
        return ""
    value = _BREAK_RE.sub("\n", value)
    value = _TAG_RE.sub("", value)
    value = html.unescape(value)
    lines = (_SPACE_RE.sub(" ", line).strip() for line in value.split("\n"))
    return "\n".join(line for line in lines if line)


def epoch_to_datetime(value: Any, *, millis: bool = False) -> dt.datetime | None:
    """Aware UTC datetime from epoch seconds (or milliseconds); ``None`` when implausible."""
    seconds = number(value)
    if seconds is None:
        return None
    if millis:
        seconds /= 1000
    if not 0 < seconds < 32503680000:  # before year 3000
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def short_hash(*parts: Any) -> str:
    """A stable 16-hex-digit id from ``parts`` (for sources without ids)."""
    digest = hashlib.sha256("\x1f".join(str(p or "") for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def slug_to_name(slug: str | None) -> str | None:
    """``"jump-cloud"`` -> ``"Jump Cloud"``; ``"leverdemo"`` -> ``"Leverdemo"``."""
    if not slug:
        return None
    words = [w for w in re.split(r"[-_+.\s]+", slug) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or None


def slug_from_url(url: str | None, host_suffix: str, *, position: int = 0) -> str | None:
    """Path segment ``position`` of ``url`` when its host ends with ``host_suffix``."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host.endswith(host_suffix):
        return None
    segments = [s for s in parts.path.split("/") if s]
    return segments[position] if len(segments) > position else None


def subdomain_of(url: str | None, host_suffix: str) -> str | None:
    """``aikido`` from ``https://aikido.recruitee.com/...`` with ``host_suffix=".recruitee.com"``."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    if host.endswith(host_suffix) and len(host) > len(host_suffix):
        return host[: -len(host_suffix)].split(".")[-1]
    return None


# --------------------------------------------------------------------------- item collection


def collect(
    kind: str,
    items: Sequence[Any],
    build: Callable[[dict[str, Any]], RawPosting | list[RawPosting] | None],
    *,
    ref: Callable[[int, Any], str] | None = None,
) -> ParseResult:
    """Map every item with ``build``; record skipped/malformed ones instead of failing.

    ``build`` returns a posting, a list of postings, or ``None`` (silently not a posting, e.g.
    RemoteOK's legal notice); it raises :class:`ItemSkip` to skip with a reason. Postings whose
    ``external_id`` repeats one already seen in this payload are skipped as duplicates.
    """
    result = ParseResult()
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_ref = ref(index, item) if ref else default_ref(index, item)
        if not isinstance(item, dict):
            result.skipped.append((item_ref, f"not an object ({type(item).__name__})"))
            continue
        try:
            built = build(item)
        except ItemSkip as exc:
            result.skipped.append((item_ref, str(exc)))
            continue
        except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError) as exc:
            result.skipped.append((item_ref, f"malformed item ({type(exc).__name__}: {exc})"[:300]))
            continue
        for posting in as_list(built):
            if posting.external_id in seen:
                result.skipped.append((item_ref, f"duplicate id {posting.external_id}"))
                continue
            seen.add(posting.external_id)
            result.postings.append(posting)
    return result


def default_ref(index: int, item: Any) -> str:
    ident = None
    if isinstance(item, dict):
        for key in ("id", "objectID", "shortcode", "slug", "jobkey", "guid", "externalPath"):
            ident = text(item.get(key))
            if ident:
                break
    return f"#{index} id={ident[:80]}" if ident else f"#{index}"


def required_text(value: Any, what: str) -> str:
    """``text(value)`` or :class:`ItemSkip` naming the missing field."""
    result = text(value)
    if not result:
        raise ItemSkip(f"missing {what}")
    return result


def loads_or_none(payload: Payload, kind: str) -> Any:
    """``load_json`` for ``next_page``: ``None`` instead of raising on unreadable pages."""
    try:
        return load_json(payload, kind)
    except ParseError:
        return None
