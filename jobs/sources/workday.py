"""Workday career sites (the CXS JSON API behind ``*.myworkdayjobs.com``).

Request: ``POST https://{host}/wday/cxs/{tenant}/{site}/jobs`` with JSON body
``{"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}``. Response:
``{"total": N, "jobPostings": [...], "facets": [...]}``; a posting has ``title``,
``externalPath`` (``/job/<Location>/<Title>_<ReqId>``), ``locationsText`` ("Troy, NC" or
"2 Locations"), ``postedOn`` (relative text such as "Posted 30+ Days Ago") and ``bulletFields``
(usually the requisition id). The public page is ``https://{host}/{site}{externalPath}``.
Workday reports ``total`` only on the first page (later pages say 0), so paging stops on a
short page or once ``offset + limit`` reaches the first page's total.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    load_json,
    loads_or_none,
    number,
    required_text,
    slug_to_name,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_host,
    config_segment,
    config_text,
    max_pages,
    post_json,
    search_terms,
)
from jobs.types import RawPosting

KIND = "workday"
PAGE_SIZE = 20  # the CXS endpoint rejects larger pages


def _page_request(config: Config, offset: int) -> RequestSpec:
    host = config_host(config, KIND)
    tenant = config_segment(config, KIND, "tenant")
    site = config_segment(config, KIND, "site")
    body = {
        "appliedFacets": {},
        "limit": PAGE_SIZE,
        "offset": offset,
        "searchText": search_terms(config),
    }
    return post_json(f"https://{host}/wday/cxs/{tenant}/{site}/jobs", body)


def build_requests(config: Config) -> list[RequestSpec]:
    return [_page_request(config, 0)]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if not isinstance(data, dict) or page_no >= max_pages(config):
        return None
    postings = data.get("jobPostings")
    if not isinstance(postings, list) or len(postings) < PAGE_SIZE:
        return None
    following = page_no * PAGE_SIZE
    total = number(data.get("total"))
    if total and following >= total:
        return None
    return _page_request(config, following)


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobPostings",))
    check_kind(items, KIND, ("externalPath", "locationsText", "bulletFields"))
    host = config_text(config, "host")
    if host and "://" not in host:
        host = f"https://{host}"
    site = config_text(config, "site")
    company = config_text(config, "company_name") or slug_to_name(config_text(config, "tenant"))

    def build(job: dict[str, Any]) -> RawPosting:
        path = required_text(job.get("externalPath"), "externalPath")
        if not path.startswith("/"):
            path = f"/{path}"
        url = f"{host.rstrip('/')}/{site}{path}" if host and site else None
        return RawPosting(
            source=KIND,
            external_id=path,
            title=required_text(job.get("title"), "title"),
            company=company,
            url=url,
            locations=text_list([job.get("locationsText")]),
            remote_hint=text(job.get("remoteType")),
            tags=[],
            posted_at=text(job.get("postedOn")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Workday",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        docs_url="https://www.workday.com/",
    )
)
