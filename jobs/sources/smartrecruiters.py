"""SmartRecruiters Posting API.

List request: ``GET https://api.smartrecruiters.com/v1/companies/{company}/postings?limit=100&offset=N``
(public). List response: ``{"offset", "limit", "totalFound", "content": [...]}``; a posting has
``id``, ``name`` (title), ``refNumber``, ``company{identifier, name}``, ``releasedDate``,
``location{city, region, country, remote, hybrid, fullLocation}``, ``department{label}``,
``function{label}``, ``typeOfEmployment{label}``, ``experienceLevel{label}`` and ``ref`` (the API
URL). Detail request ``…/postings/{id}`` returns the same object plus ``jobAd.sections``
(``companyDescription``, ``jobDescription``, ``qualifications``, ``additionalInformation``, each
``{title, text}``), ``postingUrl`` and ``applyUrl``; ``parse`` accepts either shape.
"""

from __future__ import annotations

import html
from typing import Any

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
    check_kind,
    collect,
    dig,
    load_json,
    loads_or_none,
    number,
    required_text,
    slug_to_name,
    text,
    text_list,
)
from jobs.sources.request_builders import (
    config_segment,
    config_text,
    get_request,
    max_pages,
)
from jobs.types import RawPosting

KIND = "smartrecruiters"
API = "https://api.smartrecruiters.com/v1/companies"
PAGE_SIZE = 100
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def _page_request(config: Config, offset: int, limit: int | None = None) -> RequestSpec:
    company = config_segment(config, KIND, "company", "company_id")
    limit = limit or min(int(number(config.get("limit")) or PAGE_SIZE), PAGE_SIZE)
    return get_request(f"{API}/{company}/postings", {"limit": limit, "offset": offset})


def build_requests(config: Config) -> list[RequestSpec]:
    return [_page_request(config, 0)]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if not isinstance(data, dict) or page_no >= max_pages(config):
        return None
    content = data.get("content")
    if not isinstance(content, list) or not content:
        return None
    limit = int(number(data.get("limit")) or number(config.get("limit")) or PAGE_SIZE)
    offset = number(data.get("offset"))
    offset = int(offset) if offset is not None else (page_no - 1) * limit
    total = number(data.get("totalFound"))
    following = offset + limit
    if total is None or following >= total:
        return None
    return _page_request(config, following, limit)


def description_from_detail(detail: Any) -> str | None:
    """The job ad HTML of a posting-detail response (section titles as headings)."""
    sections = dig(detail, "jobAd", "sections")
    if not isinstance(sections, dict):
        return None
    parts: list[str] = []
    for key in SECTIONS:
        body = text(dig(sections, key, "text"))
        if not body:
            continue
        title = text(dig(sections, key, "title"))
        if title:
            parts.append(f"<h3>{html.escape(title)}</h3>")
        parts.append(body)
    return "".join(parts) or None


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("content"), list):
            return data["content"]
        if "id" in data and "name" in data:
            return [data]  # a posting-detail response
        if "jobAd" in data:
            raise ParseError(f"{KIND}: posting detail lacks 'id'/'name' (truncated response?)")
        found = ", ".join(list(map(str, data))[:6]) or "no keys"
        raise ParseError(f"{KIND}: expected 'content' list or a posting detail; got {found}")
    raise ParseError(f"{KIND}: expected a JSON object, got {type(data).__name__}")


def parse(payload: Payload, config: Config) -> ParseResult:
    items = _items(load_json(payload, KIND))
    check_kind(items, KIND, ("refNumber", "releasedDate", "typeOfEmployment", "jobAd", "ref"))
    override = config_text(config, "company_name")
    configured = config_text(config, "company", "company_id")

    def build(job: dict[str, Any]) -> RawPosting:
        posting_id = required_text(job.get("id"), "id")
        identifier = text(dig(job, "company", "identifier")) or configured
        company = override or text(dig(job, "company", "name")) or slug_to_name(identifier)
        url = text(job.get("postingUrl"))
        if not url and identifier:
            url = f"https://jobs.smartrecruiters.com/{identifier}/{posting_id}"
        location = job.get("location") if isinstance(job.get("location"), dict) else {}
        place = text(location.get("fullLocation")) or ", ".join(
            filter(None, (text(location.get(k)) for k in ("city", "region", "country")))
        )
        remote = "remote" if location.get("remote") is True else None
        if location.get("hybrid") is True:
            remote = "hybrid"
        country = text(location.get("country"))
        return RawPosting(
            source=KIND,
            external_id=posting_id,
            title=required_text(job.get("name") or job.get("title"), "name (title)"),
            company=company,
            url=url,
            apply_url=text(job.get("applyUrl")),
            locations=[place] if place else [],
            remote_hint=remote,
            country_hint=country.upper() if country and len(country) == 2 else None,
            description_html=description_from_detail(job),
            employment_type=text(dig(job, "typeOfEmployment", "label")),
            seniority=text(dig(job, "experienceLevel", "label")),
            tags=text_list([dig(job, "department", "label"), dig(job, "function", "label")]),
            posted_at=text(job.get("releasedDate")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="SmartRecruiters",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        docs_url="https://developers.smartrecruiters.com/docs/posting-api",
    )
)
