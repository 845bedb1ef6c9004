"""Skill extraction against the curated taxonomy in ``data/skills.json``.

All aliases are compiled into one regex built from a character trie (one for the
case-insensitive aliases, one for the case-sensitive forms), so a description is scanned once
and each position costs a few character comparisons, not one per alias. Ambiguous short or
common-word skills (Go, R, C, Swift, Spark, Express, Rails...) are only matched in their exact
capitalisation and can require context words or reject certain neighbours; the rules live in
the data file next to each skill.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["SKILLS", "Skill", "canonical_skill", "extract_skills"]

_DATA = json.loads((Path(__file__).parent / "data" / "skills.json").read_text("utf-8"))
_SEP_RE = re.compile(r"[\s\-]+")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    context_re: re.Pattern[str] | None
    reject_after_re: re.Pattern[str] | None
    reject_before_re: re.Pattern[str] | None


def _key(alias: str) -> str:
    lowered = alias.strip().lower()
    if " " in lowered or "-" in lowered or "\n" in lowered or "\t" in lowered:
        return _SEP_RE.sub(" ", lowered)
    return lowered


def _cs_key(alias: str) -> str:
    return _SEP_RE.sub(" ", alias.strip())


SKILLS: dict[str, Skill] = {}
_CI_LOOKUP: dict[str, str] = {}  # normalised lower-case alias -> skill name
_CS_LOOKUP: dict[str, str] = {}  # exact-case alias (separators normalised) -> skill name

for _entry in _DATA["skills"]:
    _name = _entry["name"]
    _cs_forms = _entry.get("case_sensitive", [])
    _context = _entry.get("needs_context")
    SKILLS[_name] = Skill(
        name=_name,
        category=_entry["category"],
        context_re=re.compile(r"(?<!\w)(?:" + "|".join(_context) + r")(?!\w)", re.I)
        if _context
        else None,
        reject_after_re=re.compile(_entry["reject_after"]) if _entry.get("reject_after") else None,
        reject_before_re=re.compile(_entry["reject_before"], re.I)
        if _entry.get("reject_before")
        else None,
    )
    _ci_forms = list(_entry.get("aliases", []))
    if _name not in _cs_forms:
        _ci_forms.append(_name)
    for _alias in _ci_forms:
        _CI_LOOKUP.setdefault(_key(_alias), _name)
    for _alias in _cs_forms:
        _CS_LOOKUP.setdefault(_cs_key(_alias), _name)


def _literal_core(alternative: str) -> tuple[str, int] | None:
    """(longest literal run, its offset in the matched text) of one ``needs_context``
    alternative, or ``None`` when the alternative uses regex syntax beyond ``\\x`` escapes of
    punctuation and ``.``. Any match of the alternative contains that run at that offset."""
    pieces: list[tuple[str, int]] = []
    current: list[str] = []
    width = 0
    i = 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\" and i + 1 < len(alternative) and not alternative[i + 1].isalnum():
            current.append(alternative[i + 1])
            i += 2
        elif ch == ".":
            pieces.append(("".join(current), width - len(current)))
            current = []
            i += 1
        elif ch.isalnum() or ch in " -'&#":
            if ch.isalpha() and not ch.islower():
                return None
            current.append(ch)
            i += 1
        else:
            return None
        width += 1
    pieces.append(("".join(current), width - len(current)))
    core, offset = max(pieces, key=lambda piece: len(piece[0]))
    return (core, offset) if core else None


# Skill name -> per context alternative: its longest literal run, that run's offset, and the
# alternative itself as bytes when it is a plain ASCII word (else None). ``_has_context`` uses
# them for cheap tests on the lower-cased text before the context regex scans it.
_CONTEXT_CORES: dict[str, tuple[tuple[str, int, bytes | None], ...]] = {}
for _entry in _DATA["skills"]:
    if _entry.get("needs_context"):
        _cores = [_literal_core(alt) for alt in _entry["needs_context"]]
        if all(core is not None for core in _cores):
            _CONTEXT_CORES[_entry["name"]] = tuple(
                (core, offset, alt.encode() if alt.isascii() and alt.isalnum() else None)
                for (core, offset), alt in zip(_cores, _entry["needs_context"], strict=True)  # type: ignore[misc]
            )

_CS_SKILLS_WITH_RULES = {
    name
    for name, skill in SKILLS.items()
    if skill.context_re or skill.reject_after_re or skill.reject_before_re
}


def _trie_regex(words: Iterable[str]) -> str:
    """Regex matching exactly ``words``; shared prefixes factored so matching is linear.

    A space inside a word matches any run of whitespace or hyphens.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def render(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"[\s\-]+" if ch == " " else re.escape(ch)
            branches.append(piece + render(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if len(branches) == 1 and not ends:
            return body
        return body + ("?" if ends else "")

    return render(trie)


_BOUNDARY_BEFORE = r"(?<![\w+#.@])"
_BOUNDARY_AFTER = r"(?![\w+#]|\.(?:js|net)\b)"
_SKILL_RE = re.compile(
    _BOUNDARY_BEFORE
    + r"(?:(?P<ci>(?i:"
    + _trie_regex(_CI_LOOKUP)
    + r"))|(?P<cs>"
    + _trie_regex(_CS_LOOKUP)
    + r"))"
    + _BOUNDARY_AFTER
)
# The context windows used by reject rules.
_WINDOW = 40

# --- fast path --------------------------------------------------------------------------------
# ``_SKILL_RE`` is slow to *scan* (at every position it runs the lookbehind and a
# case-insensitive alternation over ~1,200 aliases), but cheap to *try* at one position. So
# ``_candidate_starts`` first finds every position where some alias could start, and
# ``_SKILL_RE.match`` then decides at those positions only, in order, skipping positions inside
# the previous match exactly as ``finditer`` does.
#
# Candidates come from the words of the text. Every alias starts with a run of ASCII word
# characters (after an optional "." as in ".net"), and in any ``_SKILL_RE`` match that run is a
# whole word of the text, equal to it once both are lower-cased. So: lower-case the text,
# encode it as UTF-8 and turn every byte that is not an ASCII letter, digit or "_" into a space
# (one ``bytes.translate``); the words are then ``split()``, a set intersection keeps those
# that start an alias, and ``bytes.find`` locates them. All of that runs in C.
#
# Lower-casing is safe because, checked for every code point in
# ``jobs/tests/normalize/test_skills_fast_path.py``: ``re.I`` matches an ASCII letter exactly
# when the character's lower case (with dotless i -> i and long s -> s, the two extra
# equivalences ``re`` applies) is that letter, and lower-casing keeps what is a word character,
# whitespace and the punctuation aliases use. Texts whose lower-casing changes length ("İ")
# scan with ``_SKILL_RE`` directly. A non-ASCII character turns into spaces, so a word glued
# to it can only add candidates, never lose one.
_CASE_FOLD_EXTRA = (("\u0131", "i"), ("\u017f", "s"))  # dotless i, long s
_WORD_BYTES = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == ord("_")) else ord(" ")
    for byte in range(256)
)
_LEAD_RE = re.compile(r"(\W*)(\w+)")
# first word of an alias (bytes) -> the non-word characters some aliases put before it
_ALIAS_FIRST_WORDS: dict[bytes, set[bytes]] = {}
# first word -> the words of each alias starting with it ("design" -> {(design, systems), ...}):
# an alias can only match when all of its words occur in the text.
_ALIAS_WORDS: dict[bytes, set[frozenset[bytes]]] = {}
for _alias in {*_CI_LOOKUP, *(alias.lower() for alias in _CS_LOOKUP)}:
    _lead = _LEAD_RE.match(_alias)
    assert _lead is not None and _alias.isascii(), _alias
    _first = _lead.group(2).encode()
    _ALIAS_FIRST_WORDS.setdefault(_first, set()).add(_lead.group(1).encode())
    _ALIAS_WORDS.setdefault(_first, set()).add(
        frozenset(_alias.encode().translate(_WORD_BYTES).split())
    )
_ALIAS_FIRST_WORD_SET = frozenset(_ALIAS_FIRST_WORDS)
# Smallest word sets first, so a word that is an alias by itself passes ``any`` at once.
_ALIAS_WORD_SETS = {first: tuple(sorted(sets, key=len)) for first, sets in _ALIAS_WORDS.items()}
# A lower-cased alias with a looser boundary: a cheap filter before ``_SKILL_RE`` at candidates
# that are only the first word of a longer alias ("design" of "design systems").
_LOWER_ALIAS_RE = re.compile(
    _trie_regex({*_CI_LOOKUP, *(alias.lower() for alias in _CS_LOOKUP)}) + r"(?![\w+#])"
)


@dataclass(frozen=True, slots=True)
class _Words:
    """A text prepared for the fast path (see above)."""

    lowered: str  # lower-cased, same length and positions as the text
    words: frozenset[bytes]  # its ASCII words, lower-cased (non-ASCII characters split words)
    spaced: bytes  # UTF-8 of ``lowered`` with non-word bytes as spaces, padded by one space


def _words(text: str) -> _Words | None:
    """``_Words`` for ``text``, or ``None`` when lower-casing changes its length."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if not lowered.isascii():
        for odd, plain in _CASE_FOLD_EXTRA:
            if odd in lowered:
                lowered = lowered.replace(odd, plain)
    spaced = b" " + lowered.encode("utf-8", "surrogatepass").translate(_WORD_BYTES) + b" "
    return _Words(lowered, frozenset(spaced.split()), spaced)


def _candidate_starts(words: _Words) -> list[int]:
    """Positions where ``_SKILL_RE`` may match, ascending."""
    spaced = words.spaced
    raw = None  # UTF-8 of ``lowered``, only needed for aliases with a leading "."
    offsets: set[int] = set()
    present = words.words
    for word in present & _ALIAS_FIRST_WORD_SET:  # set & set iterates the smaller one
        if not any(alias_words <= present for alias_words in _ALIAS_WORD_SETS[word]):
            continue  # e.g. "design" here but "systems" nowhere: no alias can start at it
        needle = b" " + word + b" "
        leads = _ALIAS_FIRST_WORDS[word]
        at = spaced.find(needle)
        while at != -1:
            # ``at`` is the space before the word in ``spaced``: the word's byte offset.
            for lead in leads:
                if not lead:
                    offsets.add(at)
                    continue
                if raw is None:
                    raw = words.lowered.encode("utf-8", "surrogatepass")
                if raw[max(0, at - len(lead)) : at] == lead:
                    offsets.add(at - len(lead))
            at = spaced.find(needle, at + len(word) + 1)
    ordered = sorted(offsets)
    if len(spaced) == len(words.lowered) + 2:  # ASCII: byte offsets are character offsets
        return ordered
    # Offsets point at ASCII characters, hence at character boundaries: convert them by
    # decoding the stretches in between.
    raw = raw if raw is not None else words.lowered.encode("utf-8", "surrogatepass")
    starts = []
    position = previous = 0
    for offset in ordered:
        position += len(raw[previous:offset].decode("utf-8", "surrogatepass"))
        previous = offset
        starts.append(position)
    return starts


def _skill_matches(text: str, words: _Words | None) -> Iterator[re.Match[str]]:
    """The matches of ``_SKILL_RE.finditer(text)``; ``words`` is ``_words(text)``."""
    if words is None:
        yield from _SKILL_RE.finditer(text)
        return
    lowered = words.lowered
    last_end = 0
    for start in _candidate_starts(words):
        if start < last_end:  # inside the previous match: finditer would not try it either
            continue
        if _LOWER_ALIAS_RE.match(lowered, start) is None:
            continue
        match = _SKILL_RE.match(text, start)
        if match is not None:
            last_end = match.end()
            yield match


def _has_context(skill: Skill, text: str, words: _Words | None, start: int, end: int) -> bool:
    """A ``needs_context`` word occurs in ``text`` other than the matched word itself."""
    assert skill.context_re is not None
    scan_from = 0
    cores = _CONTEXT_CORES.get(skill.name)
    if cores is not None and words is not None:
        # Every context match contains one of these runs (lower-cased, as ``lowered`` is), so
        # none of them occurring means no match, and no match can start before the earliest.
        # A run that is a whole alternative of plain ASCII letters/digits must be a word of
        # the text, a cheap set lookup before the substring search.
        found = [
            at - offset
            for core, offset, word in cores
            if (word is None or word in words.words) and (at := words.lowered.find(core)) != -1
        ]
        if not found:
            return False
        scan_from = max(0, min(found))
    return any(m.group(0) != text[start:end] for m in skill.context_re.finditer(text, scan_from))


def _accept(
    skill: Skill,
    text: str,
    words: _Words | None,
    start: int,
    end: int,
    context_cache: dict[str, bool],
) -> bool:
    if skill.reject_after_re and skill.reject_after_re.match(
        text, end, min(len(text), end + _WINDOW)
    ):
        return False
    if skill.reject_before_re and skill.reject_before_re.search(
        text[max(0, start - _WINDOW) : start]
    ):
        return False
    if skill.context_re:
        cached = context_cache.get(skill.name)
        if cached is None:
            # Context must be something other than the matched word itself.
            cached = _has_context(skill, text, words, start, end)
            context_cache[skill.name] = cached
        if not cached:
            return False
    return True


def canonical_skill(value: str) -> str | None:
    """Canonical skill name for an exact alias or tag ("k8s" -> "Kubernetes"), else None.

    Tags are explicit skill labels, so the case-sensitive forms are accepted in any case here
    ("go" as a tag means Go).
    """
    if not value or not value.strip():
        return None
    key = _key(value)
    found = _CI_LOOKUP.get(key) or _CS_LOOKUP.get(_cs_key(value))
    if found:
        return found
    return _cs_lower_lookup().get(key)


@lru_cache(maxsize=1)
def _cs_lower_lookup() -> dict[str, str]:
    return {alias.lower(): name for alias, name in _CS_LOOKUP.items()}


def extract_skills(text: str | None, tags: Iterable[str] = ()) -> list[str]:
    """Canonical skill names found in ``text`` then ``tags``, in order of first appearance.

    Each tag is first looked up as a whole (a tag "go" is Go); otherwise it is scanned like
    text. Results are de-duplicated.
    """
    found: list[str] = []
    seen: set[str] = set()
    if text:
        cleaned = (
            _URL_RE.sub(" ", text) if ("://" in text or "www." in text or "@" in text) else text
        )
        context_cache: dict[str, bool] = {}
        words = _words(cleaned)
        for match in _skill_matches(cleaned, words):
            ci = match.group("ci")
            if ci is not None:
                name = _CI_LOOKUP.get(_key(ci))
                rules_apply = False
            else:
                name = _CS_LOOKUP.get(_cs_key(match.group("cs")))
                rules_apply = name in _CS_SKILLS_WITH_RULES
            if name is None or name in seen:
                continue
            if rules_apply and not _accept(
                SKILLS[name], cleaned, words, match.start(), match.end(), context_cache
            ):
                continue
            seen.add(name)
            found.append(name)
    for tag in tags or ():
        if not tag:
            continue
        name = canonical_skill(str(tag))
        if name is not None:
            if name not in seen:
                seen.add(name)
                found.append(name)
            continue
        for name in extract_skills(str(tag)):
            if name not in seen:
                seen.add(name)
                found.append(name)
    return found
