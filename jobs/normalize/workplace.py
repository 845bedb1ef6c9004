"""Workplace type (remote | hybrid | onsite) from source hints, location strings and text."""

from __future__ import annotations

import re

from .geo import _norm

__all__ = ["detect_remote_in_text", "normalise_remote_hint"]

_REMOTE_RE = re.compile(
    r"\b(?:fully\s+|100\s*%\s+|full\s+)?(?:remote(?:ly)?(?:[\s-]+first|[\s-]+friendly|[\s-]+ok)?"
    r"|work(?:ing)?\s+from\s+home|wfh|home[\s-]?based|home\s*office|tele-?commut\w*|tele-?work\w*"
    r"|distributed|virtual)\b",
    re.I,
)
_WORLDWIDE_RE = re.compile(r"\b(?:anywhere|worldwide|world\s*wide|global(?:ly)?)\b", re.I)
_HYBRID_RE = re.compile(r"\bhybrid\b|\bflex(?:ible)?[\s-]+(?:office|working|work)\b", re.I)
_ONSITE_RE = re.compile(
    r"\b(?:on[\s-]?site|in[\s-]office|office[\s-]based|in[\s-]person|on[\s-]premises?|vor\s+ort)\b",
    re.I,
)

_HINT_MAP = {
    "remote": "remote",
    "fully remote": "remote",
    "remote only": "remote",
    "telecommute": "remote",
    "telecommuting": "remote",
    "work from home": "remote",
    "wfh": "remote",
    "distributed": "remote",
    "anywhere": "remote",
    "true": "remote",
    "yes": "remote",
    "hybrid": "hybrid",
    "flexible": "hybrid",
    "onsite": "onsite",
    "on site": "onsite",
    "in office": "onsite",
    "office": "onsite",
    "in person": "onsite",
    "on premises": "onsite",
    "no remote": "onsite",
}

# Description signals, strongest first. Only explicit statements count.
_TEXT_ONSITE_RE = re.compile(
    r"\b(?:(?:this|the)\s+(?:is\s+)?(?:role|position|job)\s+is\s+not\s+(?:a\s+)?remote|not\s+a\s+remote\s+(?:role|position|job)"
    r"|(?:this|the)\s+(?:is\s+an?\s+)?(?:role|position|job)\s+is\s+(?:fully\s+|100%\s+)?(?:on[\s-]?site|in[\s-]office|office[\s-]based)"
    r"|this\s+is\s+an?\s+(?:fully\s+|100%\s+)?(?:on[\s-]?site|in[\s-]office|office[\s-]based)\s+(?:role|position|job)"
    r"|(?:fully|100%)\s+(?:on[\s-]?site|in[\s-]office)|five\s+days\s+(?:a|per)\s+week\s+in\s+(?:the|our)\s+office)\b",
    re.I,
)
_TEXT_HYBRID_RE = re.compile(
    r"\b(?:hybrid\s+(?:role|position|job|working|work|model|schedule|arrangement|setup|set-up)"
    r"|(?:this|the)\s+(?:role|position|job)\s+is\s+hybrid|this\s+is\s+a\s+hybrid"
    r"|(?:\d|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at|from)\s+(?:the|our)\s+(?:\w+\s+)?office"
    r"|(?:\d|one|two|three|four)\s+days?\s+(?:in|at)\s+(?:the|our)\s+office)\b",
    re.I,
)
_TEXT_REMOTE_RE = re.compile(
    r"\b(?:(?:fully|100%|completely|entirely)\s+remote|remote[\s-]+(?:role|position|job|opportunity)"
    r"|(?:this|the)\s+(?:role|position|job)\s+is\s+(?:a\s+)?remote|work\s+remotely\s+from\s+anywhere"
    r"|remote[\s-]first|work\s+from\s+anywhere)\b",
    re.I,
)


def normalise_remote_hint(hint: str | None) -> str | None:
    """Map a source's workplace value ("ON_SITE", "Hybrid", "TELECOMMUTE", "remote") to a type."""
    if hint is None:
        return None
    key = _norm(str(hint).replace("_", " ").replace("-", " "))
    if key in _HINT_MAP:
        return _HINT_MAP[key]
    if _HYBRID_RE.search(key):
        return "hybrid"
    if _ONSITE_RE.search(key):
        return "onsite"
    if _REMOTE_RE.search(key) or _WORLDWIDE_RE.search(key):
        return "remote"
    return None


def _on_lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` (``\b`` + lower-case ``re.I`` alternatives that start with a word character)
    rewritten for a search on ``" " + text.lower()``: a plain character class instead of the
    leading ``\b`` lets ``re`` skip to the next non-word character, and an exact match on the
    lower-cased copy is cheaper than a case-insensitive one. ``detect_remote_in_text`` explains
    why the result is the same."""
    assert pattern.pattern.startswith(r"\b") and pattern.flags & re.I
    assert pattern.pattern == pattern.pattern.lower()
    return re.compile(r"\W" + pattern.pattern[2:])


_TEXT_ONSITE_LOWER_RE = _on_lower_case(_TEXT_ONSITE_RE)
_TEXT_HYBRID_LOWER_RE = _on_lower_case(_TEXT_HYBRID_RE)
_TEXT_REMOTE_LOWER_RE = _on_lower_case(_TEXT_REMOTE_RE)


def detect_remote_in_text(text: str | None) -> str | None:
    """Workplace type stated in a description, or ``None``; explicit phrases only."""
    if not text:
        return None
    lowered = text.lower()
    if not any(word in lowered for word in ("remote", "hybrid", "site", "office", "anywhere")):
        return None
    patterns = (_TEXT_ONSITE_RE, _TEXT_HYBRID_RE, _TEXT_REMOTE_RE)
    if len(lowered) == len(text):
        # Same answers as the re.I patterns on ``text``: lower-casing keeps positions and what
        # is a word character, space or digit, and re.I matches an ASCII letter exactly when
        # the lower case (dotless i -> i, long s -> s) is that letter (all checked for every
        # code point in jobs/tests/normalize/test_fast_paths.py). Every alternative starts with
        # a word character, so "\b" before it means "start or a non-word character", which
        # the leading space and "\W" express.
        text = " " + lowered.replace("\u0131", "i").replace("\u017f", "s")
        patterns = (_TEXT_ONSITE_LOWER_RE, _TEXT_HYBRID_LOWER_RE, _TEXT_REMOTE_LOWER_RE)
    onsite, hybrid, remote = patterns
    if onsite.search(text):
        return "onsite"
    if hybrid.search(text):
        return "hybrid"
    if remote.search(text):
        return "remote"
    return None
