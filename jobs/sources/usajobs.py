"""USAJOBS Search API (US federal jobs).

Request: ``GET https://data.usajobs.gov/api/search?Keyword=…&LocationName=…&ResultsPerPage=…&Page=N``
with headers ``Host: data.usajobs.gov``, ``User-Agent: <registered email>`` and
``Authorization-Key: <api key>`` (both read from environment variables named in the config:
``api_key_env`` / ``user_agent_email_env``, defaults ``USAJOBS_API_KEY`` /
``USAJOBS_USER_AGENT_EMAIL``). Response: ``{"SearchResult": {"SearchResultCount",
"SearchResultCountAll", "SearchResultItems": [{"MatchedObjectId", "MatchedObjectDescriptor":
{...}}], "UserArea": {"NumberOfPages"}}}``. The descriptor carries ``PositionTitle``,
``PositionURI``, ``ApplyURI[]``, ``PositionLocation[{LocationName}]``, ``OrganizationName``,
``DepartmentName``, ``JobCategory[]``, ``PositionSchedule[]``, ``PositionRemuneration[
{MinimumRange, MaximumRange, RateIntervalCode}]`` (USD), ``PublicationStartDate``,
``ApplicationCloseDate`` and ``UserArea.Details`` (``JobSummary``, ``MajorDuties``, …).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    as_list,
    check_kind,
    collect,
    dig,
    load_json,
    loads_or_none,
    number,
    required_text,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_text,
    env_secret,
    get_request,
    max_pages,
    search_terms,
)
from jobs.types import RawPosting

KIND = "usajobs"
API = "https://data.usajobs.gov/api/search"
KEY_ENV = "USAJOBS_API_KEY"
EMAIL_ENV = "USAJOBS_USER_AGENT_EMAIL"
PAGE_SIZE = 250


def _page_request(config: Config, page: int, env: Mapping[str, str] | None) -> RequestSpec:
    headers = {
        "Host": "data.usajobs.gov",
        "Accept": "application/json",
        "User-Agent": env_secret(config, KIND, "user_agent_email_env", EMAIL_ENV, env),
        "Authorization-Key": env_secret(config, KIND, "api_key_env", KEY_ENV, env),
    }
    size = number(config.get("results_per_page"))
    params = {
        "Keyword": search_terms(config),
        "LocationName": config_text(config, "location"),
        "RemoteIndicator": "True" if config.get("remote") is True else None,
        "ResultsPerPage": min(int(size), 500) if size else PAGE_SIZE,
        "Page": page,
    }
    return get_request(API, params, headers)


def build_requests(config: Config, env: Mapping[str, str] | None = None) -> list[RequestSpec]:
    return [_page_request(config, 1, env)]


def next_page(
    config: Config, payload: Payload, page_no: int, env: Mapping[str, str] | None = None
) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if page_no >= max_pages(config) or not dig(data, "SearchResult", "SearchResultItems"):
        return None
    pages = number(dig(data, "SearchResult", "UserArea", "NumberOfPages"))
    if pages is None or page_no >= pages:
        return None
    return _page_request(config, page_no + 1, env)


def _description(descriptor: dict[str, Any]) -> str | None:
    details = dig(descriptor, "UserArea", "Details") or {}
    parts = [text(details.get("JobSummary"))]
    parts += [text(d) for d in as_list(details.get("MajorDuties"))]
    parts.append(text(descriptor.get("QualificationSummary")))
    return "\n\n".join(p for p in parts if p) or None


def _remote(descriptor: dict[str, Any]) -> str | None:
    details = dig(descriptor, "UserArea", "Details") or {}
    if details.get("RemoteIndicator") is True:
        return "remote"
    if details.get("TeleworkEligible") is True:
        return "hybrid"
    return None


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(
        load_json(payload, KIND), KIND, ("SearchResult.SearchResultItems", "SearchResultItems")
    )
    check_kind(items, KIND, ("MatchedObjectDescriptor", "MatchedObjectId"))

    def build(item: dict[str, Any]) -> RawPosting:
        descriptor = item.get("MatchedObjectDescriptor")
        if not isinstance(descriptor, dict):
            raise ValueError("MatchedObjectDescriptor is not an object")
        pay = dig(descriptor, "PositionRemuneration", 0) or {}
        low, high = number(pay.get("MinimumRange")), number(pay.get("MaximumRange"))
        locations = text_list(descriptor.get("PositionLocation"), "LocationName") or text_list(
            [descriptor.get("PositionLocationDisplay")]
        )
        return RawPosting(
            source=KIND,
            external_id=required_text(
                item.get("MatchedObjectId") or descriptor.get("PositionID"), "MatchedObjectId"
            ),
            title=required_text(descriptor.get("PositionTitle"), "PositionTitle"),
            company=text(descriptor.get("OrganizationName"))
            or text(descriptor.get("DepartmentName")),
            url=text(descriptor.get("PositionURI")),
            apply_url=text(dig(descriptor, "ApplyURI", 0)),
            locations=locations,
            remote_hint=_remote(descriptor),
            description_text=_description(descriptor),
            salary_min=low,
            salary_max=high,
            salary_currency="USD" if low is not None or high is not None else None,
            salary_period=text(pay.get("RateIntervalCode")),
            employment_type=", ".join(text_list(descriptor.get("PositionSchedule"), "Name"))
            or None,
            tags=text_list(descriptor.get("JobCategory"), "Name")
            + text_list([descriptor.get("DepartmentName")]),
            posted_at=text(descriptor.get("PublicationStartDate")),
            expires_at=text(descriptor.get("ApplicationCloseDate")),
            raw=item,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="USAJOBS",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        requires_keys=(KEY_ENV, EMAIL_ENV),
        docs_url="https://developer.usajobs.gov/api-reference/get-api-search",
    )
)
