"""Indeed HTML pages: opt-in scraping.

* Search results (``GET https://{host}/jobs?q=…&l=…&start=N``, 10 per page). When the page embeds
  ``window.mosaic.providerData["mosaic-provider-jobcards"]={…};`` its
  ``metaData.mosaicProviderJobCardsModel.results[]`` is used (``jobkey``, ``displayTitle``,
  ``company``, ``formattedLocation``, ``salarySnippet{text, currency}``,
  ``extractedSalary{min, max, type}``, ``jobTypes[]``, ``remoteWorkModel.type``, ``pubDate`` ms,
  ``snippet``); otherwise the HTML cards (``a[data-jk]`` in ``.job_seen_beacon``: title,
  ``.companyName``, ``.companyLocation``, ``.job-snippet``, salary snippet) are read.
* A job page (``/viewjob?jk=…``) carries schema.org JSON-LD, parsed by :mod:`jobs.sources.jsonld`;
  its ``external_id`` is the ``jk`` job key.

The site host comes from config ``host`` (e.g. ``hk.indeed.com``), else the page's own links.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from jobs.sources import jsonld
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
    dig,
    epoch_to_datetime,
    number,
    required_text,
    text,
    text_list,
    to_text,
)
from jobs.sources.request_builders import (
    config_host,
    config_text,
    get_request,
    max_pages,
    search_terms,
)
from jobs.types import RawPosting

KIND = "indeed"
PAGE_SIZE = 10
HTML_HEADERS = {"Accept": "text/html,application/xhtml+xml"}
_MOSAIC_RE = re.compile(
    r"""window\.mosaic\.providerData\[["']mosaic-provider-jobcards["']\]\s*=\s*"""
)
_HOST_RE = re.compile(r"https://([a-z]{2,3}|www)\.indeed\.com", re.IGNORECASE)
_JK_RE = re.compile(r"^[0-9a-f]{16}$")
_NOT_SITES = {
    "apis",
    "employers",
    "secure",
    "my",
    "myjobs",
    "profile",
    "messages",
    "support",
    "t",
    "kimoyo",
    "subscriptions",
    "reportcontent",
}


def _search_request(config: Config, start: int) -> RequestSpec:
    host = config_host({"host": config_text(config, "host") or "www.indeed.com"}, KIND)
    params = {"q": search_terms(config), "l": config_text(config, "location"), "start": start}
    return get_request(f"https://{host}/jobs", params, HTML_HEADERS)


def build_requests(config: Config) -> list[RequestSpec]:
    return [_search_request(config, 0)]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    try:
        result = parse(payload, config)
    except ParseError:
        return None
    if not result.postings or page_no >= max_pages(config):
        return None
    return _search_request(config, page_no * PAGE_SIZE)


def _site_host(page: str, config: Config) -> str:
    if config_text(config, "host"):
        return config_host(config, KIND)
    counts = Counter(m.group(1).lower() for m in _HOST_RE.finditer(page[:2_000_000]))
    for sub, _ in counts.most_common():
        if sub not in _NOT_SITES:
            return f"{sub}.indeed.com"
    return "www.indeed.com"


def _mosaic_results(page: str) -> list[Any] | None:
    match = _MOSAIC_RE.search(page)
    if not match:
        return None
    try:
        data, _ = json.JSONDecoder(strict=False).raw_decode(page, match.end())
    except (ValueError, RecursionError):
        return None
    results = dig(data, "metaData", "mosaicProviderJobCardsModel", "results")
    return results if isinstance(results, list) else None


def _from_mosaic(job: dict[str, Any], host: str, country: str | None) -> RawPosting:
    jobkey = required_text(job.get("jobkey"), "jobkey")
    if not _JK_RE.match(jobkey):
        raise ItemSkip("malformed jobkey")
    snippet = job.get("salarySnippet") if isinstance(job.get("salarySnippet"), dict) else {}
    extracted = job.get("extractedSalary") if isinstance(job.get("extractedSalary"), dict) else {}
    remote = text(dig(job, "remoteWorkModel", "type"))
    if not remote and job.get("remoteLocation") is True:
        remote = "remote"
    return RawPosting(
        source=KIND,
        external_id=jobkey,
        title=required_text(job.get("displayTitle") or job.get("title"), "title"),
        company=text(job.get("company")),
        url=f"https://{host}/viewjob?jk={jobkey}",
        locations=text_list([job.get("formattedLocation")]),
        remote_hint=remote,
        country_hint=country,
        description_html=text(job.get("snippet")),
        salary_min=number(extracted.get("min")),
        salary_max=number(extracted.get("max")),
        salary_currency=text(snippet.get("currency")) if extracted else None,
        salary_period=text(extracted.get("type")),
        salary_text=text(snippet.get("text")),
        employment_type=", ".join(text_list(job.get("jobTypes"))) or None,
        posted_at=epoch_to_datetime(job.get("pubDate"), millis=True),
        raw=job,
    )


def _clean(values: list[str]) -> str | None:
    return text(" ".join(" ".join(values).split()))


def _html_cards(selector: Selector) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = []
    for link in selector.css("a[data-jk]"):
        card = link.xpath("ancestor::div[contains(@class, 'job_seen_beacon')][1]") or link.xpath(
            "ancestor::li[1]"
        )
        scope = card[0] if card else link
        cards.append(
            {
                "jobkey": link.attrib.get("data-jk"),
                "title": text(link.css("span::attr(title)").get())
                or _clean(link.css("::text").getall()),
                "company": _clean(
                    scope.css(".companyName ::text, [data-testid=company-name] ::text").getall()
                ),
                "location": _clean(
                    scope.css(
                        ".companyLocation ::text, [data-testid=text-location] ::text"
                    ).getall()
                ),
                "salary": _clean(
                    scope.css(".salary-snippet-container ::text, .estimated-salary ::text").getall()
                ),
                "snippet": text("".join(scope.css(".job-snippet").xpath("./node()").getall())),
            }
        )
    return cards


def _from_card(card: dict[str, Any], host: str, country: str | None) -> RawPosting:
    jobkey = required_text(card.get("jobkey"), "data-jk")
    if not _JK_RE.match(jobkey):
        raise ItemSkip("malformed data-jk")
    return RawPosting(
        source=KIND,
        external_id=jobkey,
        title=required_text(card.get("title"), "title"),
        company=card.get("company"),
        url=f"https://{host}/viewjob?jk={jobkey}",
        locations=[card["location"]] if card.get("location") else [],
        country_hint=country,
        description_html=card.get("snippet"),
        salary_text=card.get("salary"),
        raw=card,
    )


def _viewjob_key(selector: Selector, config: Config) -> str | None:
    for url in (config_text(config, "url"), jsonld.page_url(selector)):
        if url:
            jk = parse_qs(urlsplit(url).query).get("jk", [""])[0]
            if _JK_RE.match(jk):
                return jk
    return None


def parse(payload: Payload, config: Config) -> ParseResult:
    page = to_text(payload, KIND)
    host = _site_host(page, config)
    sub = host.split(".")[0]
    country = None if sub == "www" else ("GB" if sub == "uk" else sub.upper())
    results = _mosaic_results(page)
    if results is not None:
        return collect(KIND, results, lambda job: _from_mosaic(job, host, country))
    selector = Selector(text=page)
    cards = _html_cards(selector)
    if cards:
        return collect(KIND, cards, lambda card: _from_card(card, host, country))
    jk = _viewjob_key(selector, config)
    view_config = {**config, "external_id": jk} if jk else config
    if jk and not config_text(config, "url"):
        view_config["url"] = f"https://{host}/viewjob?jk={jk}"
    result = jsonld.postings_from_html(page, view_config, source=KIND)
    if result is None:
        raise ParseError(f"{KIND}: no job cards, job-card data or JobPosting JSON-LD in the page")
    for posting in result.postings:
        posting.country_hint = posting.country_hint or country
    return result


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Indeed (HTML)",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        opt_in=True,
        docs_url="https://www.indeed.com/legal",
    )
)
