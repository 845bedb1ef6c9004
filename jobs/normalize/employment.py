"""Employment type normalisation (full_time | part_time | contract | temporary | internship)."""

from __future__ import annotations

import re

__all__ = ["EMPLOYMENT_TYPES", "normalise_employment_type"]

EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "internship")

# Checked in this order inside one string: the more specific kinds first, so
# "Full-time internship" is an internship and "Part-time contract" a contract.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "internship",
        re.compile(
            r"\b(?:intern|interns|internship|praktikum|praktikant(?:in)?|pflichtpraktikum|stage|stagiaire"
            r"|co-?op|apprentice(?:ship)?|ausbildung|trainee(?:ship)?|pr[aá]cticas|tirocinio)\b",
            re.I,
        ),
    ),
    (
        "contract",
        re.compile(
            r"\b(?:contract(?:or|ors)?|contract[\s-]to[\s-]hire|freelanc\w*|freiberuf\w*|self[\s-]employed"
            r"|1099|c2c|corp[\s-]to[\s-]corp|b2b|consultan(?:t|cy)|interim|auftrag\w*|zzp|aut[oó]nomo)\b",
            re.I,
        ),
    ),
    (
        "temporary",
        re.compile(
            r"\b(?:temporary|temp|seasonal|fixed[\s-]term|befristet\w*|cdd|zeitarbeit|aushilfe|casual"
            r"|maternity\s+cover|parental\s+leave\s+cover)\b",
            re.I,
        ),
    ),
    (
        "part_time",
        re.compile(
            r"\b(?:part[\s_-]?time|teilzeit|werkstudent(?:in)?|working\s+student|minijob|mi-temps"
            r"|temps\s+partiel|tiempo\s+parcial|deeltijd|halbtags)\b",
            re.I,
        ),
    ),
    (
        "full_time",
        re.compile(
            r"\b(?:full[\s_-]?time|fulltime|permanent|festanstellung|vollzeit|unbefristet|cdi|temps\s+plein"
            r"|tiempo\s+completo|voltijd|regular|salaried|employee|perm)\b",
            re.I,
        ),
    ),
)

# Free text is noisy ("full-time employees enjoy..."), so only explicit statements count there.
_TEXT_STATEMENT_RE = re.compile(
    r"(?:(?:employment|job|contract|position|role)\s+type\s*:\s*(?P<label>[^\n.;,]{2,40}))"
    r"|(?:\b(?:this|the)\s+is\s+an?\s+(?P<kind>full[\s-]time|part[\s-]time|contract|contractor|freelance"
    r"|temporary|fixed[\s-]term|permanent|internship)\s+(?:role|position|job|opportunity|contract|engagement))",
    re.I,
)


# The same pattern without re.I, for the lower-cased text: the leftmost position where it
# matches is the leftmost position where ``_TEXT_STATEMENT_RE`` matches the original, because
# lower-casing keeps positions and every character class the pattern uses, and re.I matches an
# ASCII letter exactly when the lower case (dotless i -> i, long s -> s) is that letter
# (checked for every code point in jobs/tests/normalize/test_fast_paths.py). An exact scan is
# cheaper; the groups are then taken from the original text at that position.
_TEXT_STATEMENT_LOWER_RE = re.compile(_TEXT_STATEMENT_RE.pattern)
_NO_GROUP_NAMES = re.sub(r"\(\?P<\w+>", "(", _TEXT_STATEMENT_RE.pattern)
assert _NO_GROUP_NAMES.lower() == _NO_GROUP_NAMES  # only lower-case letters to match


def _statement(text: str) -> re.Match[str] | None:
    """``_TEXT_STATEMENT_RE.search(text)``, scanning a lower-cased copy."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return _TEXT_STATEMENT_RE.search(text)
    found = _TEXT_STATEMENT_LOWER_RE.search(lowered.replace("\u0131", "i").replace("\u017f", "s"))
    return _TEXT_STATEMENT_RE.match(text, found.start()) if found else None


def _classify(value: str) -> str | None:
    for kind, pattern in _RULES:
        if pattern.search(value):
            return kind
    return None


def normalise_employment_type(
    raw: str | list[str] | None, title: str | None = None, text: str | None = None
) -> str | None:
    """Employment type from the source value, else the title, else an explicit sentence.

    ``raw`` may be a list or a comma-joined value ("FULL_TIME, CONTRACTOR"): the first
    recognised entry wins. Unrecognised values give ``None`` rather than a default.
    """
    values = raw if isinstance(raw, list) else ([raw] if raw else [])
    for value in values:
        for part in re.split(r"[,;/|]", str(value)):
            kind = _classify(part.replace("_", " "))
            if kind:
                return kind
    if title:
        title_kind = _classify(title)
        # "Employee Experience Manager" / "Contract Manager" are job names, not types.
        if title_kind in ("internship", "part_time", "temporary") or (
            title_kind == "contract"
            and re.search(r"\b(?:contract(?:or)?|freelance\w*)\b\s*(?:\)|$|-|\u2013)", title, re.I)
        ):
            return title_kind
    if text and ("type" in text or "this is" in text.lower()):
        match = _statement(text)
        if match:
            return _classify((match.group("label") or match.group("kind") or "").replace("_", " "))
    return None
