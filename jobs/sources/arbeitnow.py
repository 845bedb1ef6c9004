"""Arbeitnow job board API (mostly Germany / Europe).

Request: ``GET https://www.arbeitnow.com/api/job-board-api`` (``?page=N``). Response:
``{"data": [...], "links": {"first", "last", "prev", "next"}, "meta": {...}}``; a job has
``slug`` (unique id), ``company_name``, ``title``, ``description`` (HTML), ``remote`` (bool),
``url``, ``tags[]``, ``job_types[]``, ``location`` and ``created_at`` (epoch seconds).
Pagination follows ``links.next`` (only when it stays on arbeitnow.com).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    as_list,
    check_kind,
    collect,
    dig,
    epoch_to_datetime,
    load_json,
    loads_or_none,
    required_text,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    get_request,
    max_pages,
)
from jobs.types import RawPosting

KIND = "arbeitnow"
API = "https://www.arbeitnow.com/api/job-board-api"


def build_requests(config: Config) -> list[RequestSpec]:
    return [get_request(API)]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if page_no >= max_pages(config) or not dig(data, "data"):
        return None
    following = text(dig(data, "links", "next"))
    if not following:
        return None
    parts = urlsplit(following)
    if parts.scheme != "https" or (parts.hostname or "") not in {
        "www.arbeitnow.com",
        "arbeitnow.com",
    }:
        return None
    return get_request(following)


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("data",))
    check_kind(items, KIND, ("job_types",))

    def build(job: dict[str, Any]) -> RawPosting:
        job_types = text_list(job.get("job_types"))
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("slug"), "slug"),
            title=required_text(job.get("title"), "title"),
            company=text(job.get("company_name")),
            url=text(job.get("url")),
            locations=text_list([job.get("location")]),
            remote_hint="remote" if job.get("remote") is True else None,
            description_html=text(job.get("description")),
            employment_type=", ".join(job_types) or None,
            tags=text_list(as_list(job.get("tags"))),
            posted_at=epoch_to_datetime(job.get("created_at")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Arbeitnow",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        docs_url="https://www.arbeitnow.com/blog/job-board-api",
    )
)
