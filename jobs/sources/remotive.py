"""Remotive public API.

Request: ``GET https://remotive.com/api/remote-jobs`` with optional ``search``, ``category``,
``company_name`` and ``limit``. Response: ``{"00-warning", "job-count", "total-job-count",
"jobs": [...]}`` (the bare list is accepted); a job has ``id``, ``url``, ``title``,
``company_name``, ``category``, ``tags[]``, ``job_type``, ``publication_date``,
``candidate_required_location``, ``salary`` (free text) and ``description`` (HTML). Remotive's
terms ask for a link back to the posting URL and mentioning Remotive as the source.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    as_list,
    check_kind,
    collect,
    load_json,
    number,
    required_text,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_text,
    get_request,
    search_terms,
)
from jobs.types import RawPosting

KIND = "remotive"
API = "https://remotive.com/api/remote-jobs"


def build_requests(config: Config) -> list[RequestSpec]:
    limit = number(config.get("limit"))
    params = {
        "search": search_terms(config),
        "category": config_text(config, "category"),
        "company_name": config_text(config, "company"),
        "limit": int(limit) if limit else None,
    }
    return [get_request(API, params)]


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs",))
    check_kind(items, KIND, ("candidate_required_location", "publication_date"))

    def build(job: dict[str, Any]) -> RawPosting:
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("title"), "title"),
            company=text(job.get("company_name")),
            url=text(job.get("url")),
            locations=text_list([job.get("candidate_required_location")]),
            remote_hint="remote",
            description_html=text(job.get("description")),
            salary_text=text(job.get("salary")),
            employment_type=text(job.get("job_type")),
            tags=text_list([job.get("category"), *as_list(job.get("tags"))]),
            posted_at=text(job.get("publication_date")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Remotive",
        parse=parse,
        build_requests=build_requests,
        search_capable=True,
        credit="Jobs via Remotive (https://remotive.com); link each posting to its Remotive URL.",
        link_back_required=True,
        docs_url="https://github.com/remotive-com/remote-jobs-api",
    )
)
