"""Reading the first line of an HN "Who is hiring?" comment.

The thread's convention is a header line ``Company | Role | Location | REMOTE | Salary | …`` in
any order after the company. :func:`read_header` splits it and sorts each segment into the
posting field it most plausibly describes, without interpreting values: salary-looking segments
go to ``salary_texts``, location-looking ones to ``locations``, REMOTE / ONSITE / hybrid to
``remote`` and so on; anything unrecognised is kept in ``unclassified``. :func:`looks_like_job`
decides whether a comment is a job post at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_HEADER_CHARS = 600
DASHES = "-\u2013\u2014"

_HREF_RE = re.compile(r"""<a\s[^>]{0,500}?href\s*=\s*["']([^"']{1,2000})["']""", re.IGNORECASE)
_URL_RE = re.compile(r"https?://[^\s<>\"'|)]{3,500}", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_PARA_RE = re.compile(r"<\s*p\s*/?>", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")

SALARY_RE = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?[kK]\b|\b\d{2,3}[,.]\d{3}\b|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|INR)\b"
    r"|\bsalary\b|\bcompensation\b|\bequity\b|\bper (?:hour|year|annum)\b|/\s?(?:hr|hour|yr|year)\b",
    re.IGNORECASE,
)
REMOTE_RE = re.compile(
    r"\b(?:remote|on-?site|on site|in[- ]office|in[- ]person|hybrid|wfh|distributed)\b", re.I
)
EMPLOYMENT_RE = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|contract(?:or|-to-hire)?|freelance|internships?|interns?"
    r"|permanent|temporary|fte|co-?op)\b",
    re.IGNORECASE,
)
VISA_RE = re.compile(r"\b(?:visas?|sponsorship|relocation)\b", re.IGNORECASE)
ROLE_RE = re.compile(
    r"\b(?:engineers?|engineering|developers?|designers?|scientists?|managers?|analysts?"
    r"|architects?|sres?|devops|leads?|head of|directors?|vp|cto|founding|recruiters?"
    r"|advocates?|specialists?|consultants?|researchers?|programmers?|administrators?"
    r"|operators?|marketers?|writers?|product|sales|account executives?|support|staff"
    r"|principal|swes?|sdes?|technicians?|coordinators?|officers?|accountants?|roles|positions"
    r"|hiring|fullstack|full-stack|frontend|front-end|backend|back-end|ml|ai)\b",
    re.IGNORECASE,
)
_PLACES = (
    "Amsterdam|Atlanta|Austin|Bangalore|Barcelona|Beijing|Bengaluru|Berlin|Boston|Boulder|"
    "Brooklyn|Brussels|Budapest|Cambridge|Chicago|Copenhagen|Dallas|Denver|Dublin|Edinburgh|"
    "Helsinki|Houston|Istanbul|Jakarta|Lisbon|London|Madrid|Manchester|Melbourne|Miami|Milan|"
    "Montreal|Munich|Mumbai|Nairobi|Oslo|Oxford|Philadelphia|Pittsburgh|Portland|Prague|Raleigh|"
    "Rotterdam|Seattle|Seoul|Shanghai|Singapore|Stockholm|Sydney|Taipei|Tallinn|Tokyo|Toronto|"
    "Utrecht|Vancouver|Vienna|Warsaw|Washington|Waterloo|Zurich|Sunnyvale|Oakland|Berkeley|"
    "Cupertino|Australia|Austria|Belgium|Brazil|Canada|Chile|China|Colombia|Croatia|Cyprus|"
    "Czechia|Denmark|Estonia|Finland|France|Germany|Greece|Hungary|India|Indonesia|Ireland|"
    "Israel|Italy|Japan|Kenya|Latvia|Lithuania|Mexico|Netherlands|Nigeria|Norway|Pakistan|"
    "Philippines|Poland|Portugal|Romania|Serbia|Slovakia|Slovenia|Spain|Sweden|Switzerland|"
    "Taiwan|Thailand|Turkey|Ukraine|Vietnam|Argentina|Egypt|Europe|European|EMEA|APAC|LATAM|"
    "Americas|Asia|Africa|Worldwide|Global|Anywhere|Scandinavia|Nordics|California|Texas|"
    "Florida|Massachusetts|Colorado|Oregon|Illinois|Georgia|Virginia|Ohio|Michigan|Minnesota|"
    "Arizona|Utah|Tennessee|Carolina|Pennsylvania|Maryland|New York|Los Angeles|San Francisco|"
    "San Jose|San Diego|Tel Aviv|Hong Kong|Palo Alto|Santa Monica|Bay Area|Silicon Valley|"
    "North America|South America|Mountain View|Menlo Park|Redwood City|New Jersey|"
    "United States|United Kingdom|Timezones?|Time zones?"
)
_PLACE_RE = re.compile(rf"\b(?:{_PLACES})\b", re.IGNORECASE)
_PLACE_CODE_RE = re.compile(
    r"\b(?:NYC|SF|SFBA|LA|DC|US|USA|UK|EU|UTC[+-]?\d*|[A-Z][a-z]+, [A-Z]{2})\b"
)


@dataclass(slots=True)
class Header:
    company: str | None = None
    roles: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    salary_texts: list[str] = field(default_factory=list)
    employment: list[str] = field(default_factory=list)
    visa: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)


def comment_urls(comment_html: str) -> list[str]:
    """Every http(s) URL in a comment: anchor targets first, then bare URLs, de-duplicated."""
    found = [html.unescape(u) for u in _HREF_RE.findall(comment_html)]
    found += [html.unescape(u) for u in _URL_RE.findall(_TAG_RE.sub(" ", comment_html))]
    out: list[str] = []
    for url in found:
        url = url.strip().rstrip(".,;:")
        if url.lower().startswith(("http://", "https://")) and url not in out:
            out.append(url)
    return out


def plain(fragment: str) -> str:
    return _SPACES_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", fragment))).strip()


def first_paragraph(comment_html: str) -> list[str]:
    """The lines of the comment's first paragraph (the header line is ``[0]``)."""
    head = _PARA_RE.split(comment_html, maxsplit=1)[0][: MAX_HEADER_CHARS * 4]
    return [line for line in (plain(x) for x in head.split("\n")) if line]


def _without_urls(segment: str) -> str:
    return _SPACES_RE.sub(" ", _URL_RE.sub(" ", segment)).strip()


def clean_company(segment: str) -> str | None:
    """``"Galaxy (getgalaxy.io) - The Cursor for SQL"`` -> ``"Galaxy"``."""
    name = _without_urls(segment)
    name = re.sub(r"\([^)]{0,120}\)|\[[^\]]{0,120}\]", " ", name)
    name = re.split(r"\s+[-\u2013\u2014:]\s+", name, maxsplit=1)[0]
    name = _SPACES_RE.sub(" ", name).strip(DASHES + " :,;.|")
    return name[:200] or None


def is_location(segment: str) -> bool:
    return bool(_PLACE_RE.search(segment) or _PLACE_CODE_RE.search(segment))


def read_header(line: str) -> Header:
    """Split a ``A | B | C`` header line into classified segments."""
    line = line[:MAX_HEADER_CHARS]
    segments = [_SPACES_RE.sub(" ", s).strip() for s in re.split(r"[|\uff5c]", line)]
    segments = [s for s in segments if s]
    header = Header(segments=segments)
    if not segments:
        return header
    first = segments[0]
    header.company = clean_company(first)
    header.urls.extend(_URL_RE.findall(first))
    if not header.company and header.urls:
        header.company = (urlsplit(header.urls[0]).hostname or "").removeprefix("www.") or None
    for segment in segments[1:]:
        header.urls.extend(_URL_RE.findall(segment))
        rest = _without_urls(segment)
        if not rest:
            continue
        salary = bool(SALARY_RE.search(rest))
        remote = bool(REMOTE_RE.search(rest))
        employment = bool(EMPLOYMENT_RE.search(rest))
        visa = bool(VISA_RE.search(rest))
        if salary:
            header.salary_texts.append(rest)
        if remote:
            header.remote.append(rest)
            leftover = REMOTE_RE.sub(" ", rest).strip(DASHES + " (),/;:")
            if leftover and is_location(leftover):
                header.locations.append(rest)
        if employment and not salary:
            header.employment.append(rest)
        if visa:
            header.visa.append(rest)
        if salary or remote or employment or visa:
            continue
        if ROLE_RE.search(rest):
            header.roles.append(rest)
        elif is_location(rest):
            header.locations.append(rest)
        elif not re.fullmatch(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?", rest, re.IGNORECASE):
            header.unclassified.append(rest)
    return header


_SIGNAL_RE = re.compile(
    r"\b(?:hiring|we(?:'re| are) looking for|open roles?|open positions?|apply|job|careers?"
    r"|full[- ]time|part[- ]time|remote|on-?site|hybrid|salary|equity|visa|interview)\b",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*(?:--?|[*\u2022\u00b7\u2013\u2014]|\d+[.)])\s*")
_HIRING_PHRASE_RE = re.compile(
    r"\b(?:hiring|looking for)\s+(?:an?\s+|our\s+|two\s+|several\s+|multiple\s+)?"
    r"((?:[\w/+#.-]+\s+){0,5}?(?:engineer|developer|designer|scientist|manager|analyst|architect"
    r"|lead|advocate|specialist|researcher)s?)\b",
    re.IGNORECASE,
)


def looks_like_job(header: Header, text: str) -> bool:
    """Header convention (≥ 2 classified segments) or, failing that, enough hiring signals."""
    classified = (
        len(header.roles)
        + len(header.locations)
        + len(header.remote)
        + len(header.salary_texts)
        + len(header.employment)
    )
    if len(header.segments) >= 3 and classified >= 1:
        return True
    if len(header.segments) == 2 and classified >= 1:
        return True
    signals = {m.group(0).lower() for m in _SIGNAL_RE.finditer(text[:5000])}
    return len(signals) >= 2 and bool(ROLE_RE.search(text[:5000])) and len(text) >= 120


def roles_from_lines(lines: list[str]) -> list[str]:
    """Bulleted role lines following the header (``-- Founding Frontend Engineer``)."""
    roles: list[str] = []
    for line in lines:
        if _BULLET_RE.match(line):
            role = _BULLET_RE.sub("", line).strip()
            if role and ROLE_RE.search(role) and len(role) <= 120:
                roles.append(role)
        elif ":" in line and re.search(r"\b(?:open )?roles?|positions?\b", line, re.I):
            tail = line.split(":", 1)[1]
            roles += [r.strip() for r in re.split(r"[•·]", tail) if ROLE_RE.search(r)]
    return roles


def role_from_text(text: str) -> str | None:
    """``"Goody is hiring a full-stack Senior Software Engineer"`` -> that role."""
    match = _HIRING_PHRASE_RE.search(text[:3000])
    return match.group(1).strip() if match else None


_GENERIC_ROLE_RE = re.compile(
    r"^(?:multiple|several|various|many|open|lots of|all)?\s*(?:open\s+)?(?:roles|positions|openings|jobs)\b",
    re.IGNORECASE,
)
_ROLE_LIST_RE = re.compile(
    r"\b(?:looking for|hiring(?: for)?|open (?:roles|positions)|roles|positions)\s*:\s*(.{3,800})",
    re.IGNORECASE,
)


def is_generic_role(role: str) -> bool:
    """``"Multiple roles"``, ``"Open positions"``… (a placeholder, not a title)."""
    return bool(_GENERIC_ROLE_RE.match(role.strip()))


def paragraphs(comment_html: str) -> list[str]:
    return [p for p in (plain(x) for x in _PARA_RE.split(comment_html[:100_000])) if p]


def roles_from_body(comment_html: str) -> list[str]:
    """Roles from a "We are looking for: A - B - C" style sentence in the body."""
    for paragraph in paragraphs(comment_html)[1:]:
        match = _ROLE_LIST_RE.search(paragraph)
        if not match:
            continue
        parts = re.split(r"\s+[-\u2013\u2014\u2022\u00b7]\s+|;|\s\u2022", match.group(1))
        roles = []
        for part in parts:
            part = re.sub(r"^(?:an?|the)\s+", "", part.strip(" .!,"), flags=re.IGNORECASE)
            if part and len(part) <= 100 and ROLE_RE.search(part):
                roles.append(part)
        if len(roles) >= 2:
            return roles
    return []
