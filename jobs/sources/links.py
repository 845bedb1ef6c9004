"""Finding job-detail links on a careers listing page (for the spider to follow).

A link counts when it stays on the same site (host or a sub/parent domain of it), its path has a
job-ish folder (``/jobs/``, ``/careers/``, ``/positions/``, ``/openings/``, ``/vacancies/``…)
and its last segments look like an id (digits, a UUID, a multi-word slug, an uppercase code).
Listing pages (``/jobs``, ``/jobs/search``), fragments and tracking parameters are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

_JOB_PATH_RE = re.compile(
    r"/(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies)|opportunit(?:y|ies)|roles?|o|j)/",
    re.IGNORECASE,
)
_ID_SEGMENT_RE = re.compile(
    r"\d{3,}|[0-9a-f]{8}-[0-9a-f]{4}-|^[a-z0-9]+(?:-[a-z0-9]+){2,}$|^[A-Z0-9]{6,}$", re.IGNORECASE
)
_LISTING_WORDS = {
    "search",
    "all",
    "page",
    "filter",
    "categories",
    "category",
    "departments",
    "locations",
    "teams",
}


def _same_site(host: str, base_host: str) -> bool:
    strip = lambda h: h.lower().removeprefix("www.")  # noqa: E731
    host, base_host = strip(host), strip(base_host)
    return host == base_host or host.endswith("." + base_host) or base_host.endswith("." + host)


def extract_job_links(page: str, base_url: str) -> list[str]:
    """Likely job-detail links on a careers page: same site, a job-ish path and an id-ish segment."""
    base = urlsplit(base_url)
    out: list[str] = []
    for href in Selector(text=page[:10_000_000]).xpath("//a/@href").getall()[:20000]:
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        parts = urlsplit(urljoin(base_url, href))
        if parts.scheme not in ("http", "https") or not _same_site(
            parts.hostname or "", base.hostname or ""
        ):
            continue
        if not _JOB_PATH_RE.search(parts.path + "/"):
            continue
        segments = [s for s in parts.path.split("/") if s]
        if not segments or segments[-1].lower() in _LISTING_WORDS:
            continue
        tail = segments[-2:] if len(segments) > 1 else segments
        if not any(_ID_SEGMENT_RE.search(s) for s in tail):
            continue
        query = urlencode(
            [
                (k, v)
                for k, v in parse_qsl(parts.query)
                if not k.lower().startswith(("utm_", "ref", "source"))
            ]
        )
        link = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
        if link.rstrip("/") != base_url.rstrip("/") and link not in out:
            out.append(link)
    return out
