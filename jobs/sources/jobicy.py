"""Jobicy remote-jobs API.

Request: ``GET https://jobicy.com/api/v2/remote-jobs`` with optional ``count`` (≤ 100), ``geo``,
``industry`` and ``tag`` (keyword). Response: ``{"apiVersion", "jobCount", "jobs": [...]}``;
a job has ``id``, ``url``, ``jobSlug``, ``jobTitle``, ``companyName``, ``jobIndustry[]``,
``jobType[]``, ``jobGeo``, ``jobLevel``, ``jobExcerpt``, ``jobDescription`` (HTML), ``pubDate``
and, when published, ``salaryMin``/``salaryMax``/``salaryCurrency``/``salaryPeriod``. Text
fields come HTML-entity-escaped (``Product &amp; Operations``); they are unescaped here.
No pagination (``count`` caps one response).
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
    unescape,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_text,
    get_request,
    search_terms,
)
from jobs.types import RawPosting

KIND = "jobicy"
API = "https://jobicy.com/api/v2/remote-jobs"


def build_requests(config: Config) -> list[RequestSpec]:
    count = number(config.get("count"))
    params = {
        "count": min(int(count), 100) if count else 50,
        "geo": config_text(config, "geo", "location"),
        "industry": config_text(config, "industry"),
        "tag": search_terms(config),
    }
    return [get_request(API, params)]


def _plain(value: Any) -> str | None:
    return unescape(text(value))


def _plain_list(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in (_plain(x) for x in as_list(values)) if v))


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs",))
    check_kind(items, KIND, ("jobTitle", "jobSlug", "jobGeo"))

    def build(job: dict[str, Any]) -> RawPosting:
        low, high = number(job.get("salaryMin")), number(job.get("salaryMax"))
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(_plain(job.get("jobTitle")), "jobTitle"),
            company=_plain(job.get("companyName")),
            url=text(job.get("url")),
            locations=_plain_list([job.get("jobGeo")]),
            remote_hint="remote",
            description_html=text(job.get("jobDescription")),
            description_text=None if job.get("jobDescription") else _plain(job.get("jobExcerpt")),
            salary_min=low,
            salary_max=high,
            salary_currency=text(job.get("salaryCurrency")) if low or high else None,
            salary_period=text(job.get("salaryPeriod")) if low or high else None,
            employment_type=", ".join(_plain_list(job.get("jobType"))) or None,
            seniority=_plain(job.get("jobLevel")),
            tags=_plain_list(job.get("jobIndustry")),
            posted_at=text(job.get("pubDate")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Jobicy",
        parse=parse,
        build_requests=build_requests,
        search_capable=True,
        credit="Remote jobs via Jobicy (https://jobicy.com).",
        docs_url="https://jobicy.com/jobs-rss-feed",
    )
)
