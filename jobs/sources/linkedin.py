"""LinkedIn guest (logged-out) job pages: opt-in scraping.

Two HTML shapes are parsed:

* the guest search fragment from ``GET https://www.linkedin.com/jobs-guest/jobs/api/
  seeMoreJobPostings/search?keywords=…&location=…&start=N``: ``<li>`` cards whose
  ``div[data-entity-urn="urn:li:jobPosting:<id>"]`` holds ``a.base-card__full-link`` (href with
  tracking parameters, dropped here), ``.base-search-card__title``, ``.base-search-card__subtitle``
  (company), ``.job-search-card__location``, ``time.job-search-card__listdate[datetime]`` and
  sometimes ``.job-search-card__salary-info``;
* the guest job view (``/jobs/view/<slug>-<id>`` or ``/jobs-guest/jobs/api/jobPosting/<id>``):
  ``.top-card-layout__title``, ``a.topcard__org-name-link``, the first
  ``.topcard__flavor--bullet`` (location), ``.show-more-less-html__markup`` (description HTML),
  ``.description__job-criteria-item`` (seniority, employment type) and ``code#decoratedJobPostingId``.
  The "similar jobs" cards on that page are ignored.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from parsel import Selector

from jobs.sources.base import (
    Adapter,
    Config,
    ParseError,
    ParseResult,
    Payload,
    RequestSpec,
    register,
)
from jobs.sources.helpers import (
    ItemSkip,
    collect,
    required_text,
    text,
    to_text,
)
from jobs.sources.request_builders import (
    config_text,
    get_request,
    max_pages,
    search_terms,
)
from jobs.types import RawPosting

KIND = "linkedin"
SEARCH = "https://www.linkedin.com/jobs-guest/jobs/api/seeMoreJobPostings/search"
HTML_HEADERS = {"Accept": "text/html,application/xhtml+xml"}
_ID_RE = re.compile(r"(\d{6,})")


def _search_request(config: Config, start: int) -> RequestSpec:
    params = {
        "keywords": search_terms(config),
        "location": config_text(config, "location"),
        "start": start,
    }
    return get_request(SEARCH, params, HTML_HEADERS)


def build_requests(config: Config) -> list[RequestSpec]:
    return [_search_request(config, 0)]


def detail_request(job_id: str) -> RequestSpec:
    if not re.fullmatch(r"\d{1,20}", job_id):
        raise ValueError(f"not a LinkedIn job id: {job_id[:30]!r}")
    return get_request(
        f"https://www.linkedin.com/jobs-guest/jobs/api/jobPosting/{job_id}", headers=HTML_HEADERS
    )


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    try:
        cards = len(_cards(Selector(text=to_text(payload, KIND))))
    except ParseError:
        return None
    start = page_no * cards
    if not cards or page_no >= max_pages(config) or start >= 1000:
        return None
    return _search_request(config, start)


def _clean(value: str | None) -> str | None:
    return text(" ".join(value.split())) if value else None


def _joined(node: Selector, query: str) -> str | None:
    return _clean(" ".join(node.css(query).getall()))


def _strip_tracking(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) or None


def _cards(selector: Selector) -> list[Selector]:
    return selector.css(
        '[data-entity-urn^="urn:li:jobPosting:"], div.job-search-card, div.base-search-card'
    )


def _card_fields(card: Selector) -> dict[str, Any]:
    link = card.css("a.base-card__full-link::attr(href), a.base-card--link::attr(href)").get()
    if link is None and card.root.tag == "a":
        link = card.attrib.get("href")
    return {
        "urn": card.attrib.get("data-entity-urn"),
        "title": _joined(card, ".base-search-card__title ::text"),
        "company": _joined(card, ".base-search-card__subtitle ::text"),
        "location": _joined(card, ".job-search-card__location ::text"),
        "listdate": text(card.css("time::attr(datetime)").get()),
        "salary": _joined(card, ".job-search-card__salary-info ::text"),
        "link": link,
    }


def _card_posting(fields: dict[str, Any]) -> RawPosting:
    match = _ID_RE.search(fields.get("urn") or "") or _ID_RE.search(
        (_strip_tracking(fields.get("link")) or "").rsplit("-", 1)[-1]
    )
    if not match:
        raise ItemSkip("no job id")
    return RawPosting(
        source=KIND,
        external_id=match.group(1),
        title=required_text(fields.get("title"), "title"),
        company=fields.get("company"),
        url=_strip_tracking(fields.get("link"))
        or f"https://www.linkedin.com/jobs/view/{match.group(1)}/",
        locations=[fields["location"]] if fields.get("location") else [],
        salary_text=fields.get("salary"),
        posted_at=fields.get("listdate"),
        raw=fields,
    )


def _inner_html(selector: Selector, query: str) -> str | None:
    nodes = selector.css(query)
    return text("".join(nodes[0].xpath("./node()").getall())) if nodes else None


def _criteria(selector: Selector) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in selector.css(".description__job-criteria-item"):
        key = _joined(item, ".description__job-criteria-subheader ::text")
        value = _joined(item, ".description__job-criteria-text ::text")
        if key and value:
            out[key] = value
    return out


def _job_view(selector: Selector) -> dict[str, Any]:
    canonical = text(selector.xpath('//link[@rel="canonical"]/@href').get())
    code = selector.xpath('//code[@id="decoratedJobPostingId"]/comment()').get() or ""
    criteria = _criteria(selector)
    return {
        "id": (
            _ID_RE.search(code) or _ID_RE.search((canonical or "").rsplit("-", 1)[-1]) or [None]
        )[0],
        "title": _joined(selector, ".top-card-layout__title ::text"),
        "company": _joined(selector, "a.topcard__org-name-link ::text")
        or _joined(selector, ".topcard__flavor:not(.topcard__flavor--bullet) ::text"),
        "location": _clean(
            selector.css(".topcard__flavor-row .topcard__flavor--bullet ::text").get()
        ),
        "posted": _joined(selector, ".posted-time-ago__text ::text"),
        "salary": _joined(selector, ".compensation__salary ::text"),
        "description_html": _inner_html(selector, ".show-more-less-html__markup"),
        "criteria": criteria,
        "url": canonical,
    }


def parse(payload: Payload, config: Config) -> ParseResult:
    selector = Selector(text=to_text(payload, KIND))
    if selector.css(".top-card-layout__title"):
        view = _job_view(selector)

        def build(fields: dict[str, Any]) -> RawPosting:
            job_id = required_text(fields.get("id"), "job id")
            criteria = fields["criteria"]
            return RawPosting(
                source=KIND,
                external_id=job_id,
                title=required_text(fields.get("title"), "title"),
                company=fields.get("company"),
                url=_strip_tracking(fields.get("url"))
                or f"https://www.linkedin.com/jobs/view/{job_id}/",
                locations=[fields["location"]] if fields.get("location") else [],
                description_html=fields.get("description_html"),
                salary_text=fields.get("salary"),
                employment_type=criteria.get("Employment type"),
                seniority=criteria.get("Seniority level"),
                tags=[v for k, v in criteria.items() if k in ("Job function", "Industries")],
                posted_at=fields.get("posted"),
                raw=fields,
            )

        return collect(KIND, [view], build)
    cards = _cards(selector)
    if not cards:
        raise ParseError(f"{KIND}: no LinkedIn job cards or job view in the page (login wall?)")
    return collect(KIND, [_card_fields(card) for card in cards], _card_posting)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="LinkedIn (guest pages)",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        opt_in=True,
        docs_url="https://www.linkedin.com/legal/user-agreement",
    )
)
