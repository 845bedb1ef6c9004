"""Remote OK public API.

Request: ``GET https://remoteok.com/api`` (optionally ``?tag=python``). Response: a bare JSON
array whose element 0 is the legal notice ``{"last_updated", "legal"}`` (skipped); every other
element is a job with ``id``, ``slug``, ``epoch``, ``date``, ``company``, ``position`` (title),
``tags[]``, ``description`` (HTML), ``location``, ``apply_url``, ``url`` and ``salary_min`` /
``salary_max`` (USD per year, ``0`` when not given). Remote OK's terms require a followed link
back to the posting URL and crediting Remote OK as the source.

Remote OK pads ``tags`` for its own search pages: a shop assistant's posting can carry
"golang", "infosec" and "c plus plus". They are therefore not used as skill hints (skills come
from the title and the full description, which Remote OK always sends); the raw payload keeps
them.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    check_kind,
    collect,
    epoch_to_datetime,
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
)
from jobs.types import RawPosting

KIND = "remoteok"
API = "https://remoteok.com/api"


def build_requests(config: Config) -> list[RequestSpec]:
    return [get_request(API, {"tag": config_text(config, "tag", "keywords", "search")})]


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs",))
    check_kind(items, KIND, ("position", "legal", "epoch"))

    def build(job: dict[str, Any]) -> RawPosting | None:
        if "legal" in job and "position" not in job:
            return None  # element 0: terms of service, not a job
        low = number(job.get("salary_min"), zero_is_none=True)
        high = number(job.get("salary_max"), zero_is_none=True)
        has_salary = low is not None or high is not None
        title = required_text(job.get("position"), "position (title)")
        description = text(job.get("description"))
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=title,
            company=text(job.get("company")),
            url=text(job.get("url")),
            apply_url=text(job.get("apply_url")),
            locations=text_list([job.get("location")]),
            remote_hint="remote",
            description_html=description,
            salary_min=low,
            salary_max=high,
            salary_currency="USD" if has_salary else None,
            salary_period="year" if has_salary else None,
            posted_at=text(job.get("date")) or epoch_to_datetime(job.get("epoch")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Remote OK",
        parse=parse,
        build_requests=build_requests,
        credit="Jobs via Remote OK (https://remoteok.com); link each posting to its Remote OK URL.",
        link_back_required=True,
        docs_url="https://remoteok.com/api",
    )
)
