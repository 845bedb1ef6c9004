"""Visa sponsorship and relocation signals in a description ("yes" | "no" | "unknown").

Sentences are judged one at a time. Inside a sentence a negative beats a positive ("we are
unable to offer visa sponsorship" mentions sponsorship but says no). Across the description an
explicit refusal anywhere wins, because telling a candidate "yes" wrongly costs more than an
"unknown"; weak boilerplate ("must be authorized to work in the US") counts as "no" only when
no sentence positively offers sponsorship.
"""

from __future__ import annotations

import re

__all__ = ["detect_relocation", "detect_visa_sponsorship"]

# Cheap pre-filter: plain substring tests on the lower-cased text, then a case-sensitive scan
# of that lower-cased copy (much faster than an IGNORECASE alternation over the whole text).
_VISA_KEYWORDS = (
    "sponsor",
    "visa",
    "authori",
    "right to work",
    "citizen",
    "permit",
    "immigra",
    "h-1b",
    "h1b",
    "to work in",
)
_VISA_KEYWORDS_RE = re.compile(
    r"sponsor|visa|authori[sz]|right\s+to\s+work|citizen|permit|immigra|h-?1-?b|(?:eligible|able|entitled)\s+to\s+work"
)
_RELOC_KEYWORDS = ("reloca", "umzug")
_RELOC_KEYWORDS_RE = re.compile(r"reloca|umzug")
_NEGATION = (
    r"(?:not|no|unable|cannot|can't|won't|don't|doesn't|isn't|aren't"
    r"|without|never|nor|neither|unfortunately|n't|kein\w*|nicht|pas)"
)
_SPONSOR = r"(?:sponsor\w*|h-?1-?b|visa|work\s+permit|work\s+visa|immigration|green\s+card)"
_VISA_CONTEXT_RE = re.compile(
    r"\b(?:visa|visas|immigration|work\s+permit|work\s+authori[sz]ation|h-?1-?b|h1b|green\s+card|blue\s+card"
    r"|citizens?|citizenship|tier\s*2|skilled\s+worker|employment\s+pass|tn\s+visa|o-1|l-1|e-3|sponsorship|right\s+to\s+work)\b",
    re.I,
)
_SPONSOR_WORD_RE = re.compile(r"\bsponsor(?:s|ed|ing|ship)?\b|\bvisa\s+support\b", re.I)
_VISA_NEG_STRONG_RE = re.compile(
    rf"\b{_NEGATION}\b[^.;]{{0,60}}\b{_SPONSOR}"
    rf"|\b{_SPONSOR}\w*[\s:\-\u2013]+(?:is\s+|are\s+)?(?:not|unavailable|n't)\b"
    r"|\bsponsorship\s+(?:is\s+)?(?:not\s+(?:available|offered|provided|possible)|unavailable)"
    rf"|\b{_SPONSOR}\b[^.;]{{0,60}}\b(?:cannot|can't|unable|not\s+(?:able|possible|available|offered|provided|in\s+a\s+position))\b"
    r"|\bwithout\s+(?:the\s+)?(?:need\s+(?:for|of)\s+)?(?:current\s+or\s+future\s+|future\s+)?(?:visa\s+|employer\s+)?sponsorship"
    r"|\b(?:now\s+or\s+in\s+the\s+future)\b[^.;]{0,60}\bsponsorship"
    r"|\bsponsorship\b[^.;]{0,60}\b(?:now\s+or\s+in\s+the\s+future)\b"
    r"|\b(?:citizens?|citizenship)\s+(?:only|required|is\s+required)\b"
    r"|\bmust\s+be\s+an?\s+(?:u\.?s\.?|us|british|eu|canadian|australian)\s+citizen",
    re.I,
)
_VISA_NEG_WEAK_RE = re.compile(
    r"\bmust\s+(?:already\s+)?(?:be\s+)?(?:legally\s+)?(?:authori[sz]ed|eligible|entitled|permitted|able)\s+to\s+(?:legally\s+)?work\s+in"
    r"|\bmust\s+(?:already\s+)?(?:have|hold|possess)\s+(?:the\s+|a\s+|full\s+|valid\s+|existing\s+)*(?:legal\s+)?(?:right|authori[sz]ation|permission|eligibility)\s+to\s+work"
    r"|\b(?:valid|existing|current|full)\s+(?:right|authori[sz]ation|permit)\s+to\s+work\b"
    r"|\bright\s+to\s+work\s+in\s+the\s+(?:uk|u\.k\.|eu|us|u\.s\.)\s+(?:is\s+)?required",
    re.I,
)
_VISA_POS_RE = re.compile(
    r"\b(?:visa\s+sponsorship|sponsorship|h-?1-?b(?:\s+visa)?\s+(?:sponsorship|transfers?)|visa\s+support|immigration\s+support"
    r"|visa\s+assistance|relocation\s+and\s+visa\s+support)\b[^.;]{0,40}\b(?:available|provided|offered|possible|included|supported|welcome)"
    r"|\b(?:we|company|employer|team)\s+(?:can|will|do|does|are\s+able\s+to|are\s+happy\s+to|is\s+able\s+to|is\s+happy\s+to|gladly|also)?\s*sponsor\w*\b[^.;]{0,40}\b(?:visa|visas|work\s+permits?|h-?1-?b|immigration|blue\s+card|candidates|applicants|employees)"
    r"|\b(?:offer|offers|offering|provide|provides|providing|support|supports|include|includes|with)\s+(?:full\s+|comprehensive\s+)?(?:visa|immigration|h-?1-?b|work\s+permit)\s+(?:sponsorship|support|assistance|help)"
    r"|\b(?:visa|h-?1-?b|work\s+permit|immigration)\s+sponsorship\b(?![^.;]{0,30}\b(?:not|unavailable)\b)"
    r"|\bhelp\s+(?:you\s+)?with\s+(?:your\s+)?(?:visa|work\s+permit|immigration)"
    r"|\bsponsorship\s+for\s+(?:the\s+)?(?:right\s+candidate|exceptional\s+candidates|qualified\s+candidates)"
    r"|\bopen\s+to\s+sponsor\w*",
    re.I,
)

_RELOC_NEG_RE = re.compile(
    rf"\b{_NEGATION}\b[^.;]{{0,50}}\breloca\w*"
    r"|\breloca\w*\s+(?:assistance\s+|support\s+|package\s+|costs\s+|expenses\s+)?(?:is\s+|are\s+|will\s+)?(?:not|unavailable|n't)\b"
    r"|\bno\s+reloca\w*",
    re.I,
)
_RELOC_POS_RE = re.compile(
    r"\breloca\w*\s+(?:package|assistance|support|bonus|allowance|stipend|budget|help|expenses|costs|benefits?|reimbursement|grant|sum|payment)\b"
    r"|\breloca\w*\s+(?:is\s+|are\s+)?(?:available|provided|offered|covered|included|supported|possible|paid)\b"
    r"|\b(?:offer|offers|offering|provide|provides|providing|support|supports|cover|covers|help\s+with|assist\s+with|pay\s+for|include|includes|with)\s+(?:full\s+|generous\s+|comprehensive\s+|a\s+|your\s+)*reloca\w*"
    r"|\b(?:help|assist|support)\s+(?:you\s+)?(?:to\s+|in\s+|with\s+)?reloca\w*"
    r"|\breloca\w*\s+(?:to\s+\w+\s+)?(?:is\s+)?(?:fully\s+)?(?:supported|sponsored|funded|paid)"
    r"|\bumzugs(?:kosten|unterstützung|hilfe|pauschale)\w*",
    re.I,
)
_RELOC_WORD_RE = re.compile(r"\breloca\w*|\bumzug", re.I)
# Sentence boundaries: "[.!?;\n]\s" | "\n" | "\s[•·]\s", tried in that order. Written with the
# first character as a shared class (then lookbehinds pick the alternative that character
# allows), so ``re`` skips straight to punctuation or whitespace; the matches are identical.
_SENTENCE_END_RE = re.compile(r"[.!?;\s](?:(?<=[.!?;\n])\s|(?<=\n)|(?<=\s)[\u2022\u00b7]\s)")

# Every match of ``_VISA_KEYWORDS_RE`` / ``_RELOC_KEYWORDS_RE`` starts with one of these, so
# trying the regex only where one occurs (found with ``str.find``) finds the same matches as
# scanning every position.
_VISA_MATCH_STARTS = (
    "sponsor",
    "visa",
    "authori",
    "right",
    "citizen",
    "permit",
    "immigra",
    "h-",
    "h1",
    "eligible",
    "able",
    "entitled",
)
_RELOC_MATCH_STARTS = ("reloca", "umzug")


def _keyword_matches(
    lowered: str, keyword_re: re.Pattern[str], starts: tuple[str, ...]
) -> list[re.Match[str]]:
    """``list(keyword_re.finditer(lowered))``, trying the regex only where a start occurs."""
    positions: set[int] = set()
    for prefix in starts:
        at = lowered.find(prefix)
        while at != -1:
            positions.add(at)
            at = lowered.find(prefix, at + 1)
    matches = []
    end = 0
    for at in sorted(positions):
        if at < end:  # finditer resumes after the previous match
            continue
        match = keyword_re.match(lowered, at)
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches


def _sentences(
    text: str,
    keywords: tuple[str, ...],
    keyword_re: re.Pattern[str],
    starts: tuple[str, ...] = (),
) -> list[str]:
    """The sentences of ``text`` that contain a keyword, in order (cheap on long texts).

    ``starts`` are literal prefixes that every ``keyword_re`` match begins with; when given,
    the regex is only tried where one occurs.
    """
    lowered = text.lower()
    if not any(k in lowered for k in keywords):
        return []
    if len(lowered) != len(text):  # a rare character changed length when lower-cased
        lowered = text
        keyword_re = re.compile(keyword_re.pattern, re.I)
        starts = ()
    text = text.replace("\u2019", "'")  # curly apostrophes: "can\u2019t" reads as "can't"
    matches = (
        _keyword_matches(lowered, keyword_re, starts) if starts else keyword_re.finditer(lowered)
    )
    out: list[str] = []
    last_end = -1
    for match in matches:
        if match.start() < last_end:
            continue
        window_start = max(0, match.start() - 400)
        start = window_start
        for boundary in _SENTENCE_END_RE.finditer(text, window_start, match.start()):
            start = boundary.end()
        following = _SENTENCE_END_RE.search(text, match.end())
        end = following.start() + 1 if following else len(text)
        out.append(text[start:end])
        last_end = end
    return out


def detect_visa_sponsorship(text: str | None) -> str:
    """ "yes" when sponsorship is offered, "no" when it is refused or work authorisation is
    required, else "unknown"."""
    if not text:
        return "unknown"
    positive = weak_negative = False
    for sentence in _sentences(text, _VISA_KEYWORDS, _VISA_KEYWORDS_RE, _VISA_MATCH_STARTS):
        has_visa_words = _VISA_CONTEXT_RE.search(sentence) or _SPONSOR_WORD_RE.search(sentence)
        if not has_visa_words and not _VISA_NEG_WEAK_RE.search(sentence):
            continue
        if has_visa_words and _VISA_NEG_STRONG_RE.search(sentence):
            return "no"
        if _VISA_NEG_WEAK_RE.search(sentence):
            weak_negative = True
            continue
        if _VISA_POS_RE.search(sentence):
            positive = True
    if positive:
        return "yes"
    if weak_negative:
        return "no"
    return "unknown"


def detect_relocation(text: str | None) -> str:
    """ "yes" when relocation help is offered, "no" when explicitly not, else "unknown".

    "Must be willing to relocate" is an ask of the candidate, not an offer: it stays unknown.
    """
    if not text:
        return "unknown"
    positive = False
    for sentence in _sentences(text, _RELOC_KEYWORDS, _RELOC_KEYWORDS_RE, _RELOC_MATCH_STARTS):
        if not _RELOC_WORD_RE.search(sentence):
            continue
        if _RELOC_NEG_RE.search(sentence):
            return "no"
        if _RELOC_POS_RE.search(sentence):
            positive = True
    return "yes" if positive else "unknown"
