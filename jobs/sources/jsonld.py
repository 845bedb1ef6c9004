"""schema.org ``JobPosting`` JSON-LD embedded in any careers / job page.

Input: an HTML page. Every ``<script type="application/ld+json">`` block is read leniently
(control characters, a trailing comma, an HTML comment / CDATA wrapper or an entity-escaped
block are tolerated) and walked, depth-capped, through lists, ``@graph`` and nested objects for
nodes whose ``@type`` is (or includes) ``JobPosting``. Mapped: ``title``,
``hiringOrganization.name``, ``url``, ``identifier``, ``jobLocation`` (Place / PostalAddress:
``addressLocality`` / ``addressRegion`` / ``addressCountry``, each a string or ``{name}``),
``jobLocationType`` (TELECOMMUTE -> remote), ``applicantLocationRequirements``, ``baseSalary``
(MonetaryAmount with a QuantitativeValue ``minValue``/``maxValue``/``value`` + ``unitText``),
``datePosted``, ``validThrough``, ``employmentType`` (string or list), ``description`` (HTML,
unescaped when it arrives entity-escaped). :func:`extract_job_links` finds job-detail links on
a careers listing page for the spider to follow (implemented in :mod:`jobs.sources.links`).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from parsel import Selector

from jobs.sources.base import (
    Adapter,
    Config,
    ConfigError,
    ParseError,
    ParseResult,
    Payload,
    RequestSpec,
    register,
)
from jobs.sources.helpers import (
    MAX_WALK_DEPTH,
    ItemSkip,
    as_list,
    collect,
    dig,
    number,
    short_hash,
    text,
    text_list,
    to_text,
)
from jobs.sources.links import extract_job_links  # noqa: F401 - part of this module's API
from jobs.sources.request_builders import (
    config_text,
    get_request,
)
from jobs.types import RawPosting

KIND = "jsonld"
MAX_NODES = 20000
_TRAILING_COMMA_RE = re.compile(r",(\s*[}\]])")
_SCRIPT_XPATH = "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()"


def build_requests(config: Config) -> list[RequestSpec]:
    url = config_text(config, "url", "careers_url")
    if not url or not url.startswith(("https://", "http://")):
        raise ConfigError(f"{KIND}: config needs an http(s) 'url' of the careers page")
    return [get_request(url, headers={"Accept": "text/html,application/xhtml+xml"})]


def loads_lenient(block: str) -> Any:
    """``json.loads`` with a few repairs for what real pages ship; ``None`` if hopeless."""
    candidate = block.strip()
    candidate = re.sub(r"^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$", "", candidate).strip()
    attempts = [candidate, _TRAILING_COMMA_RE.sub(r"\1", candidate)]
    if "&quot;" in candidate or "&#34;" in candidate:
        unescaped = html.unescape(candidate)
        attempts += [unescaped, _TRAILING_COMMA_RE.sub(r"\1", unescaped)]
    for attempt in attempts:
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _is_job_posting(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    return any(isinstance(t, str) and t.split("/")[-1] == "JobPosting" for t in as_list(types))


def find_job_postings(data: Any) -> list[dict[str, Any]]:
    """Every JobPosting node in a JSON-LD document (iterative, depth- and size-capped)."""
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, int]] = [(data, 0)]
    visited = 0
    while stack and visited < MAX_NODES:
        node, depth = stack.pop()
        visited += 1
        if depth > MAX_WALK_DEPTH:
            continue
        if isinstance(node, list):
            stack.extend((child, depth + 1) for child in reversed(node))
        elif isinstance(node, dict):
            if _is_job_posting(node):
                found.append(node)
                continue  # a posting's own sub-objects are not postings
            stack.extend(
                (child, depth + 1)
                for child in reversed(list(node.values()))
                if isinstance(child, dict | list)
            )
    return found


def _name(value: Any) -> str | None:
    return text(value.get("name")) if isinstance(value, dict) else text(value)


def _locations(posting: dict[str, Any]) -> tuple[list[str], str | None]:
    out: list[str] = []
    country_code = None
    for place in as_list(posting.get("jobLocation"))[:50]:
        address = place.get("address") if isinstance(place, dict) else place
        if isinstance(address, list):
            address = address[0] if address else None
        if isinstance(address, dict):
            country = _name(address.get("addressCountry"))
            if country and len(country) == 2 and country.isalpha():
                country_code = country_code or country.upper()
            parts = [
                text(address.get("addressLocality")),
                _name(address.get("addressRegion")),
                country,
            ]
            value = ", ".join(dict.fromkeys(p for p in parts if p)) or _name(address)
        else:
            value = text(address) or _name(place)
        if value and value not in out:
            out.append(value)
    return out, country_code


def _salary(posting: dict[str, Any]) -> dict[str, Any]:
    amount = posting.get("baseSalary") or posting.get("estimatedSalary")
    amount = as_list(amount)[0] if amount else None
    if not isinstance(amount, dict):
        return {"salary_text": text(amount)} if text(amount) else {}
    value = amount.get("value")
    value = as_list(value)[0] if isinstance(value, list) and value else value
    if isinstance(value, dict):
        low = number(value.get("minValue"))
        high = number(value.get("maxValue"))
        single = number(value.get("value"))
        unit = text(value.get("unitText")) or text(amount.get("unitText"))
    else:
        low = high = None
        single, unit = number(value), text(amount.get("unitText"))
    if low is None and high is None and single is not None:
        low = high = single
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": text(amount.get("currency")) or text(dig(value, "currency")),
        "salary_period": unit,
        "salary_estimated": "estimatedSalary" in posting and "baseSalary" not in posting,
    }


def _identifier(posting: dict[str, Any]) -> str | None:
    ident = posting.get("identifier")
    ident = as_list(ident)[0] if isinstance(ident, list) and ident else ident
    if isinstance(ident, dict):
        return text(ident.get("value")) or text(ident.get("@id")) or text(ident.get("name"))
    return text(ident)


def _description(value: Any) -> str | None:
    desc = text(value)
    if desc and "<" not in desc and "&lt;" in desc:
        desc = html.unescape(desc)
    return desc


def page_url(selector: Selector) -> str | None:
    """The page's own URL from ``<link rel=canonical>`` or ``og:url``."""
    for query in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        value = text(selector.xpath(query).get())
        if value and value.startswith(("https://", "http://")):
            return value
    return None


def posting_from_node(
    node: dict[str, Any], config: Config, *, source: str, fallback_url: str | None
) -> RawPosting:
    title = text(node.get("title")) or text(node.get("name"))
    if not title:
        raise ItemSkip("JobPosting without title")
    url = text(node.get("url")) or fallback_url
    locations, country = _locations(node)
    remote = None
    if any(str(t).upper() == "TELECOMMUTE" for t in as_list(node.get("jobLocationType"))):
        remote = "remote"
        for region in as_list(node.get("applicantLocationRequirements"))[:20]:
            name = _name(region)
            if name and name not in locations:
                locations.append(name)
    identifier = _identifier(node) or config_text(config, "external_id")
    return RawPosting(
        source=source,
        external_id=identifier or short_hash(url, title),
        title=title,
        company=config_text(config, "company_name") or _name(node.get("hiringOrganization")),
        url=url,
        locations=locations,
        remote_hint=remote,
        country_hint=country,
        description_html=_description(node.get("description")),
        employment_type=", ".join(text_list(node.get("employmentType"))) or None,
        tags=text_list(node.get("occupationalCategory"))[:5],
        posted_at=text(node.get("datePosted")),
        expires_at=text(node.get("validThrough")),
        raw=node,
        **_salary(node),
    )


def postings_from_html(page: str, config: Config, *, source: str = KIND) -> ParseResult | None:
    """The JobPostings of a page, or ``None`` when it holds no JobPosting at all."""
    selector = Selector(text=page)
    nodes: list[dict[str, Any]] = []
    unreadable = 0
    for block in selector.xpath(_SCRIPT_XPATH).getall():
        data = loads_lenient(block)
        if data is None:
            unreadable += 1
            continue
        nodes.extend(find_job_postings(data))
    if not nodes:
        return None
    fallback = config_text(config, "url") or page_url(selector)
    result = collect(
        source,
        nodes,
        lambda node: posting_from_node(node, config, source=source, fallback_url=fallback),
    )
    if unreadable:
        result.skipped.append(("ld+json", f"{unreadable} unreadable JSON-LD block(s)"))
    return result


def parse(payload: Payload, config: Config) -> ParseResult:
    page = to_text(payload, KIND)
    if page.lstrip()[:1] in "{[":
        raise ParseError(f"{KIND}: expected an HTML page, got JSON")
    result = postings_from_html(page, config)
    if result is None:
        raise ParseError(f"{KIND}: no schema.org JobPosting found in the page")
    return result


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Careers page (schema.org JobPosting)",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://schema.org/JobPosting",
    )
)
