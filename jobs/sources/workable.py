"""Workable widget API.

Request: ``GET https://apply.workable.com/api/v1/widget/accounts/{account}`` (public), with
``?details=true`` to include each job's ``description``. Response: ``{"name": <company>,
"description": ..., "jobs": [...]}``; a job has ``shortcode``, ``title``, ``employment_type``,
``telecommuting`` (bool), ``department``, ``url``, ``shortlink``, ``application_url``,
``published_on``, ``created_at``, ``country``/``city``/``state``, ``experience``, ``function``,
``industry``, ``locations[{country, countryCode, city, region, hidden}]`` and (details)
``description``. A bare ``jobs`` list is accepted; the company then comes from config.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    load_json,
    required_text,
    slug_to_name,
    text,
    text_list,
    unwrap_list,
)
from jobs.sources.request_builders import (
    config_segment,
    config_text,
    get_request,
)
from jobs.types import RawPosting

KIND = "workable"
API = "https://apply.workable.com/api/v1/widget/accounts"


def build_requests(config: Config) -> list[RequestSpec]:
    account = config_segment(config, KIND, "account", "company")
    details = config.get("details", True) is not False
    return [get_request(f"{API}/{account}", {"details": "true"} if details else None)]


def _place(parts: list[Any]) -> str | None:
    words = [w for w in (text(p) for p in parts) if w]
    return ", ".join(dict.fromkeys(words)) or None


def _locations(job: dict[str, Any]) -> tuple[list[str], str | None]:
    out: list[str] = []
    country_code = None
    for loc in job.get("locations") or []:
        if not isinstance(loc, dict):
            continue
        country_code = country_code or text(loc.get("countryCode"))
        place = _place([loc.get("city"), loc.get("region"), loc.get("country")])
        if place and place not in out:
            out.append(place)
    if not out:
        place = _place([job.get("city"), job.get("state"), job.get("country")])
        out = [place] if place else []
    return out, country_code


def parse(payload: Payload, config: Config) -> ParseResult:
    data = load_json(payload, KIND)
    items = unwrap_list(data, KIND, ("jobs", "results"))
    check_kind(items, KIND, ("shortcode", "application_url", "telecommuting", "shortlink"))
    company = config_text(config, "company_name")
    if not company and isinstance(data, dict):
        company = text(data.get("name"))
    company = company or slug_to_name(config_text(config, "account", "company"))

    def build(job: dict[str, Any]) -> RawPosting:
        shortcode = required_text(job.get("shortcode") or job.get("id"), "shortcode")
        locations, country_code = _locations(job)
        description = "".join(
            text(job.get(key)) or "" for key in ("description", "requirements", "benefits")
        )
        return RawPosting(
            source=KIND,
            external_id=shortcode,
            title=required_text(job.get("title"), "title"),
            company=company,
            url=text(job.get("url")) or text(job.get("shortlink")),
            apply_url=text(job.get("application_url")),
            locations=locations,
            remote_hint="remote" if job.get("telecommuting") is True else None,
            country_hint=country_code,
            description_html=description or None,
            employment_type=text(job.get("employment_type")),
            seniority=text(job.get("experience")),
            tags=text_list([job.get("department"), job.get("function")]),
            posted_at=text(job.get("published_on")) or text(job.get("created_at")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Workable",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://help.workable.com/hc/en-us/articles/115012771647",
    )
)
