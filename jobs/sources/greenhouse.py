"""Greenhouse Job Board API.

Request: ``GET https://boards-api.greenhouse.io/v1/boards/{board_token}/jobs?content=true``
(public, no key). Response: ``{"jobs": [...], "meta": {"total": N}}``; each job has ``id``,
``title``, ``absolute_url``, ``location.name``, ``company_name``, ``updated_at``,
``first_published``, ``departments[]``, ``offices[]``, ``metadata`` and, with
``content=true``, ``content``: the description HTML *entity-escaped* (``&lt;div&gt;``). The bare
``jobs`` list is accepted too. No pagination: one response holds the whole board.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    dig,
    load_json,
    required_text,
    slug_from_url,
    slug_to_name,
    text,
    text_list,
    unescape,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_segment,
    config_text,
    get_request,
)
from jobs.types import RawPosting

KIND = "greenhouse"
API = "https://boards-api.greenhouse.io/v1/boards"


def build_requests(config: Config) -> list[RequestSpec]:
    token = config_segment(config, KIND, "board_token", "company")
    return [get_request(f"{API}/{token}/jobs", {"content": "true"})]


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs",))
    check_kind(items, KIND, ("absolute_url", "internal_job_id"))
    board = config_text(config, "board_token")
    override = config_text(config, "company_name")

    def build(job: dict[str, Any]) -> RawPosting:
        url = text(job.get("absolute_url"))
        company = override or text(job.get("company_name"))
        if not company:
            slug = board or slug_from_url(url, "greenhouse.io")
            company = slug_to_name(slug)
        locations = text_list([dig(job, "location", "name")])
        content = text(job.get("content"))
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("title"), "title"),
            company=company,
            url=url,
            locations=locations,
            description_html=unescape(content) if content else None,
            tags=text_list(job.get("departments"), "name"),
            posted_at=text(job.get("first_published")) or text(job.get("updated_at")),
            expires_at=text(job.get("application_deadline")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Greenhouse",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://developers.greenhouse.io/job-board.html",
    )
)
