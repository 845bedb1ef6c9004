"""The Muse public jobs API.

Request: ``GET https://www.themuse.com/api/public/jobs?page=N`` (0-based pages; optional
``category``, ``level``, ``location``, ``company``; ``api_key`` raises the rate limit). Response:
``{"page", "page_count", "items_per_page", "total", "results": [...]}``; a result has ``id``,
``name`` (title), ``type``, ``publication_date``, ``short_name``, ``contents`` (HTML),
``locations[{name}]``, ``categories[{name}]``, ``levels[{name, short_name}]``, ``tags[]``,
``refs.landing_page`` and ``company{id, short_name, name}``. Lists under ``jobs`` (an
aggregator's wrapper) or a bare list are accepted too.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import (
    Adapter,
    Config,
    ConfigError,
    ParseResult,
    Payload,
    RequestSpec,
    register,
)
from jobs.sources.helpers import (
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
)
from jobs.types import RawPosting

KIND = "themuse"
API = "https://www.themuse.com/api/public/jobs"


def _page_request(config: Config, page: int) -> RequestSpec:
    params: dict[str, Any] = {"page": page}
    for key in ("category", "level", "location", "company"):
        params[key] = config_text(config, key)
    if config_text(config, "api_key_env"):
        try:
            params["api_key"] = env_secret(config, KIND, "api_key_env", "THEMUSE_API_KEY", None)
        except ConfigError:
            params["api_key"] = None
    return get_request(API, params)


def build_requests(config: Config) -> list[RequestSpec]:
    return [_page_request(config, 0)]


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if not isinstance(data, dict) or page_no >= max_pages(config) or not data.get("results"):
        return None
    page = number(data.get("page"))
    page = int(page) if page is not None else page_no - 1
    page_count = number(data.get("page_count"))
    if page_count is None or page + 1 >= page_count:
        return None
    return _page_request(config, page + 1)


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("results", "jobs"))
    check_kind(items, KIND, ("refs", "contents", "model_type", "short_name"))

    def build(job: dict[str, Any]) -> RawPosting:
        levels = text_list(job.get("levels"), "name")
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("name"), "name (title)"),
            company=text(dig(job, "company", "name")),
            url=text(dig(job, "refs", "landing_page")),
            locations=text_list(job.get("locations"), "name"),
            description_html=text(job.get("contents")),
            seniority=", ".join(levels) or None,
            tags=text_list(job.get("categories"), "name") + text_list(job.get("tags"), "name"),
            posted_at=text(job.get("publication_date")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="The Muse",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        docs_url="https://www.themuse.com/developers/api/v2",
    )
)
