"""Job title clean-up and seniority detection.

Seniority comes from the title first (it is what the employer actually wrote for this role)
and falls back to the source's own classification. Every rule needs an explicit marker: a
title with no level word gives ``None`` rather than a guessed "mid".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SENIORITY_LEVELS", "clean_title", "detect_seniority"]

SENIORITY_LEVELS = (
    "intern",
    "junior",
    "mid",
    "senior",
    "staff",
    "principal",
    "lead",
    "manager",
    "director",
    "executive",
)

_WS_RE = re.compile(r"\s+")
_EDGE_JUNK = " \t-\u2013\u2014|:;,*·•/\\_~+=>"
_EMPTY_PARENS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,)\]])")
_SPACE_AFTER_OPEN_RE = re.compile(r"([(\[])\s+")

# Ordered: the first rule that matches wins. Executive/director outrank everything because
# "Director of Engineering, Intern Programs" is still a director role.
_EXECUTIVE_RE = re.compile(
    r"\b(?:vice[\s-]+president|s?e?vp|avp|chief(?![\s-]+of[\s-]+staff)\b(?:\s+\w+){0,3}\s+officer"
    r"|chief\b(?![\s-]+of[\s-]+staff)|(?-i:C[TEOFIMP]O|CISO)|president)\b",
    re.I,
)
_DIRECTOR_RE = re.compile(
    r"\b(?:head\s+of|head,|director|directeur|leiter(?:in)?\b|chief\s+of\s+staff)", re.I
)
_INTERN_RE = re.compile(
    r"\b(?:intern|interns|internship|praktikum|praktikant(?:in)?|werkstudent(?:in)?|working\s+student"
    r"|co-?op|apprentice(?:ship)?|stagiaire|becario|summer\s+student)\b",
    re.I,
)
_MANAGER_RE = re.compile(
    r"\b(?:(?:engineering|software|development|developer|data(?:\s+science)?|analytics|machine\s+learning"
    r"|ml|ai|qa|quality(?:\s+assurance)?|test(?:ing)?|design|security|infrastructure|platform|sre"
    r"|devops|it|support|team|people|research|technical|tech|r&d|frontend|backend|mobile|cloud"
    r"|operations\s+engineering)\s+manager"
    r"|manager\s*(?:,|-|\u2013|of|\|)\s*(?:\w+\s+){0,2}(?:engineering|development|software|data|analytics"
    r"|security|infrastructure|platform|sre|devops|qa|design|research)"
    r"|(?:engineering|entwicklungs?)\s*(?:team)?leiter)",
    re.I,
)
_PRINCIPAL_RE = re.compile(r"\bprincipal\b", re.I)
_STAFF_RE = re.compile(
    r"\bstaff\b(?![\s-]+(?:accountant|nurse|auditor|writer|assistant|pharmacist|physician|attorney"
    r"|accounting|member|scheduler|augmentation))(?<!chief of staff)",
    re.I,
)
_LEAD_RE = re.compile(
    r"\b(?:lead|leader|teamlead|tech-?lead|leading)\b(?![\s-]+(?:gen(?:eration)?|qualif))", re.I
)
_SENIOR_RE = re.compile(r"\b(?:senior|sr|snr|expert)\b\.?", re.I)
_JUNIOR_RE = re.compile(
    r"\b(?:junior|jr|jnr|entry[\s-]+level|graduate|new\s+grad|trainee|einsteiger)\b\.?|^\s*associate\b",
    re.I,
)
_MID_RE = re.compile(r"\b(?:mid[\s-]*(?:level|weight|senior)?|medior|intermediate)\b", re.I)

# Level suffixes ("Software Engineer II", "Data Analyst 3") only right after a role noun, and
# roman numerals only in upper case, so "I" the pronoun or "ii" in a list never count.
_ROLE_NOUNS = (
    r"engineer|developer|analyst|scientist|designer|specialist|architect|administrator|consultant"
    r"|technician|representative|accountant|programmer|sre|tester|researcher|writer|recruiter"
    r"|associate|manager|advisor|coordinator|agent|editor|counsel"
)
_LEVEL_SUFFIX_RE = re.compile(
    rf"\b(?i:{_ROLE_NOUNS})\s*,?\s*(?:-\s*)?(?:(?P<roman>IV|V|III|II|I)|(?i:level\s*)?(?P<digit>[1-5]))(?=$|[\s,)(/|\-\u2013])"
)
_ROMAN_LEVEL = {"I": "junior", "II": "mid", "III": "senior", "IV": "staff", "V": "principal"}
_DIGIT_LEVEL = {"1": "junior", "2": "mid", "3": "senior", "4": "staff", "5": "principal"}

# Source classifications (LinkedIn, Ashby, schema.org-ish values), normalised to lower words.
_RAW_SENIORITY = {
    "intern": "intern",
    "internship": "intern",
    "student": "intern",
    "entry": "junior",
    "entry level": "junior",
    "junior": "junior",
    "jr": "junior",
    "associate": "junior",
    "graduate": "junior",
    "new grad": "junior",
    "mid": "mid",
    "mid level": "mid",
    "middle": "mid",
    "intermediate": "mid",
    "experienced": "mid",
    "senior": "senior",
    "senior level": "senior",
    "sr": "senior",
    "staff": "staff",
    "principal": "principal",
    "lead": "lead",
    "team lead": "lead",
    "manager": "manager",
    "management": "manager",
    "people manager": "manager",
    "director": "director",
    "head": "director",
    "vp": "executive",
    "vice president": "executive",
    "executive": "executive",
    "c level": "executive",
    "c suite": "executive",
    # LinkedIn's "Mid-Senior level" spans both; it is deliberately left unknown.
    "mid senior": None,
    "mid senior level": None,
    "not applicable": None,
}
_RAW_NORMALISE_RE = re.compile(r"[\s_\-/]+")


def _strip_emoji(value: str) -> str:
    out = []
    for ch in value:
        cat = unicodedata.category(ch)
        if cat in ("So", "Cs", "Co", "Cn") or ch in "\ufe0f\ufe0e\u200d\u20e3":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def clean_title(title: str | None) -> str:
    """Tidy a posting title for display and matching.

    Normalises Unicode (NFKC), removes emoji/pictograph noise, collapses whitespace and trims
    decorative separators from both ends. Suffixes such as "(m/f/d)" or "- Remote" are kept:
    they are part of what the employer wrote, and location parsing handles remoteness.
    """
    if not title:
        return ""
    return _clean_title(title)


# Titles repeat across a board and between ``normalize_posting`` and ``detect_seniority``;
# both functions are pure and return immutable values, so caching them is safe.
@lru_cache(maxsize=8192)
def _clean_title(title: str) -> str:
    s = unicodedata.normalize("NFKC", title)
    s = _strip_emoji(s)
    s = _WS_RE.sub(" ", s)
    s = _EMPTY_PARENS_RE.sub(" ", s)
    s = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", s)
    s = _SPACE_AFTER_OPEN_RE.sub(r"\1", s)
    s = _WS_RE.sub(" ", s).strip(_EDGE_JUNK)
    return s


@lru_cache(maxsize=8192)
def _from_title(title: str) -> str | None:
    if _EXECUTIVE_RE.search(title):
        return "executive"
    if _DIRECTOR_RE.search(title):
        return "director"
    if _INTERN_RE.search(title):
        return "intern"
    if _MANAGER_RE.search(title):
        return "manager"
    if _PRINCIPAL_RE.search(title):
        return "principal"
    if _STAFF_RE.search(title):
        return "staff"
    if _LEAD_RE.search(title):
        return "lead"
    if _SENIOR_RE.search(title):
        return "senior"
    if _JUNIOR_RE.search(title):
        return "junior"
    if _MID_RE.search(title):
        return "mid"
    match = _LEVEL_SUFFIX_RE.search(title)
    if match:
        if match.group("roman"):
            return _ROMAN_LEVEL[match.group("roman")]
        return _DIGIT_LEVEL[match.group("digit")]
    return None


def detect_seniority(title: str | None, raw_seniority: str | None = None) -> str | None:
    """Seniority level of a posting, or ``None`` when nothing says it.

    The title wins over the source's classification because it is specific to the role
    ("Staff Engineer" listed as LinkedIn "Mid-Senior level" is staff). Roman numeral suffixes
    follow the common ladder I=junior, II=mid, III=senior, IV=staff, V=principal, but only
    directly after a role noun ("Engineer II"), never as a free-standing letter.
    """
    if title:
        found = _from_title(clean_title(title))
        if found:
            return found
    if raw_seniority:
        key = _RAW_NORMALISE_RE.sub(" ", raw_seniority.strip().lower()).strip()
        key = key.removesuffix(" level") if key not in _RAW_SENIORITY else key
        if key in _RAW_SENIORITY:
            return _RAW_SENIORITY[key]
        if key + " level" in _RAW_SENIORITY:
            return _RAW_SENIORITY[key + " level"]
        return _from_title(raw_seniority)
    return None
