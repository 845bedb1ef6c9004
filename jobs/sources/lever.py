"""Lever Postings API.

Request: ``GET https://api.lever.co/v0/postings/{company}?mode=json`` (public; ``api.eu.lever.co``
for EU-hosted accounts, config ``region: "eu"``). Response: a bare JSON array of postings with
``id``, ``text`` (title), ``categories{commitment, department, location, team, allLocations}``,
``createdAt`` (epoch ms), ``country``, ``workplaceType``, ``description``/``descriptionPlain``,
``lists[{text, content}]``, ``additional``, ``hostedUrl``, ``applyUrl`` and, when published,
``salaryRange{min, max, currency, interval}`` and ``salaryDescriptionPlain``. The response does
not name the company: it comes from config (``company_name`` / ``company``) or the hostedUrl slug.
"""

from __future__ import annotations

import html
from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    dig,
    epoch_to_datetime,
    load_json,
    number,
    required_text,
    slug_from_url,
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

KIND = "lever"


def build_requests(config: Config) -> list[RequestSpec]:
    company = config_segment(config, KIND, "company", "board_token")
    host = "api.eu.lever.co" if config_text(config, "region") == "eu" else "api.lever.co"
    return [get_request(f"https://{host}/v0/postings/{company}", {"mode": "json"})]


def _description(job: dict[str, Any]) -> str | None:
    parts = [text(job.get("description")) or ""]
    for block in job.get("lists") or []:
        if not isinstance(block, dict):
            continue
        heading, content = text(block.get("text")), text(block.get("content"))
        if heading:
            parts.append(f"<h3>{html.escape(heading)}</h3>")
        if content:
            parts.append(f"<ul>{content}</ul>")
    parts.append(text(job.get("additional")) or "")
    joined = "".join(parts)
    return joined or None


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("postings", "data"))
    check_kind(items, KIND, ("hostedUrl", "categories", "applyUrl"))
    override = config_text(config, "company_name")
    configured = slug_to_name(config_text(config, "company"))

    def build(job: dict[str, Any]) -> RawPosting:
        url = text(job.get("hostedUrl"))
        company = override or configured or slug_to_name(slug_from_url(url, "lever.co"))
        categories = job.get("categories") if isinstance(job.get("categories"), dict) else {}
        locations = text_list(categories.get("allLocations")) or text_list(
            [categories.get("location")]
        )
        salary = job.get("salaryRange") if isinstance(job.get("salaryRange"), dict) else {}
        workplace = text(job.get("workplaceType"))
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("text"), "text (title)"),
            company=company,
            url=url,
            apply_url=text(job.get("applyUrl")),
            locations=locations,
            remote_hint=None if workplace == "unspecified" else workplace,
            country_hint=text(job.get("country")),
            description_html=_description(job),
            salary_min=number(salary.get("min")),
            salary_max=number(salary.get("max")),
            salary_currency=text(salary.get("currency")),
            salary_period=text(salary.get("interval")),
            salary_text=text(job.get("salaryDescriptionPlain")),
            employment_type=text(dig(categories, "commitment")),
            tags=text_list([categories.get("department"), categories.get("team")]),
            posted_at=epoch_to_datetime(job.get("createdAt"), millis=True),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Lever",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://github.com/lever/postings-api",
    )
)
