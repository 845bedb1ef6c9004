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
from collections.abc import Iterable
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


def _accept(skill: Skill, text: str, start: int, end: int, context_cache: dict[str, bool]) -> bool:
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
            cached = any(m.group(0) != text[start:end] for m in skill.context_re.finditer(text))
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
        for match in _SKILL_RE.finditer(cleaned):
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
                SKILLS[name], cleaned, match.start(), match.end(), context_cache
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
