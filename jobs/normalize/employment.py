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
        match = _TEXT_STATEMENT_RE.search(text)
        if match:
            return _classify((match.group("label") or match.group("kind") or "").replace("_", " "))
    return None
