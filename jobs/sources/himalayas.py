"""Himalayas remote-jobs API.

Request: ``GET https://himalayas.app/jobs/api?limit=20&offset=N`` (public; at most 20 per page).
Response: ``{"updatedAt", "offset", "limit", "totalCount", "jobs": [...]}``; a job has
``title``, ``excerpt``, ``companyName``, ``companySlug``, ``employmentType``, ``minSalary``,
``maxSalary``, ``currency``, ``salaryPeriod``, ``seniority[]``, ``locationRestrictions[]``,
``timezoneRestrictions[]``, ``categories[]``, ``description`` (HTML), ``pubDate`` /
``expiryDate`` (epoch seconds), ``applicationLink`` and ``guid`` (the posting's URL, used as id).
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    epoch_to_datetime,
    load_json,
    loads_or_none,
    name_text,
    number,
    required_text,
    slug_to_name,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    get_request,
    max_pages,
)
from jobs.types import RawPosting

KIND = "himalayas"
API = "https://himalayas.app/jobs/api"
PAGE_SIZE = 20


def build_requests(config: Config) -> list[RequestSpec]:
    return [get_request(API, {"limit": PAGE_SIZE, "offset": 0})]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if not isinstance(data, dict) or page_no >= max_pages(config) or not data.get("jobs"):
        return None
    limit = int(number(data.get("limit")) or PAGE_SIZE)
    offset = number(data.get("offset"))
    following = (int(offset) if offset is not None else (page_no - 1) * limit) + limit
    total = number(data.get("totalCount"))
    if total is None or following >= total:
        return None
    return get_request(API, {"limit": limit, "offset": following})


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs",))
    check_kind(items, KIND, ("companySlug", "applicationLink", "locationRestrictions", "guid"))

    def build(job: dict[str, Any]) -> RawPosting:
        url = text(job.get("guid")) or text(job.get("applicationLink"))
        seniority = text_list(job.get("seniority"))
        low, high = number(job.get("minSalary")), number(job.get("maxSalary"))
        return RawPosting(
            source=KIND,
            external_id=required_text(url, "guid"),
            title=required_text(job.get("title"), "title"),
            company=name_text(job.get("companyName")) or slug_to_name(text(job.get("companySlug"))),
            url=url,
            apply_url=text(job.get("applicationLink")),
            locations=text_list(job.get("locationRestrictions")),
            remote_hint="remote",
            description_html=text(job.get("description")),
            description_text=None if job.get("description") else text(job.get("excerpt")),
            salary_min=low,
            salary_max=high,
            salary_currency=text(job.get("currency")) if low or high else None,
            salary_period=text(job.get("salaryPeriod")) if low or high else None,
            employment_type=text(job.get("employmentType")),
            seniority=", ".join(seniority) or None,
            tags=text_list(job.get("categories")),
            posted_at=epoch_to_datetime(job.get("pubDate")),
            expires_at=epoch_to_datetime(job.get("expiryDate")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Himalayas",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        credit="Remote jobs via Himalayas (https://himalayas.app).",
        docs_url="https://himalayas.app/api",
    )
)
