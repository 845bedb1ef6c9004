"""Adzuna job search API.

Request: ``GET https://api.adzuna.com/v1/api/jobs/{country}/search/{page}?app_id=…&app_key=…
&results_per_page=50&what=…&where=…`` (keys from the environment variables named by
``app_id_env`` / ``app_key_env``, defaults ``ADZUNA_APP_ID`` / ``ADZUNA_APP_KEY``). Response:
``{"count", "mean", "results": [...]}``; a result has ``id``, ``title``, ``description``
(a snippet, cut by Adzuna), ``company.display_name``, ``location{display_name, area[]}``,
``category{label, tag}``, ``created``, ``salary_min``/``salary_max`` (annual, in the country's
currency), ``salary_is_predicted`` ("1" = Adzuna's estimate), ``contract_type``,
``contract_time`` and ``redirect_url``.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    search_terms,
)
from jobs.types import RawPosting

KIND = "adzuna"
APP_ID_ENV = "ADZUNA_APP_ID"
APP_KEY_ENV = "ADZUNA_APP_KEY"
PAGE_SIZE = 50
# Adzuna's country endpoints and the currency their salaries are quoted in.
CURRENCIES = {
    "at": "EUR", "au": "AUD", "be": "EUR", "br": "BRL", "ca": "CAD", "ch": "CHF", "de": "EUR",
    "es": "EUR", "fr": "EUR", "gb": "GBP", "in": "INR", "it": "EUR", "mx": "MXN", "nl": "EUR",
    "nz": "NZD", "pl": "PLN", "sg": "SGD", "us": "USD", "za": "ZAR",
}  # fmt: skip


def _country(config: Config) -> str:
    country = (config_text(config, "country") or "gb").lower()
    if country == "uk":
        country = "gb"
    if country not in CURRENCIES:
        raise ConfigError(f"{KIND}: unsupported country {country[:10]!r}")
    return country


def _page_request(config: Config, page: int, env: Mapping[str, str] | None) -> RequestSpec:
    params = {
        "app_id": env_secret(config, KIND, "app_id_env", APP_ID_ENV, env),
        "app_key": env_secret(config, KIND, "app_key_env", APP_KEY_ENV, env),
        "results_per_page": PAGE_SIZE,
        "what": search_terms(config),
        "where": config_text(config, "location"),
        "content-type": "application/json",
    }
    url = f"https://api.adzuna.com/v1/api/jobs/{_country(config)}/search/{page}"
    return get_request(url, params)


def build_requests(config: Config, env: Mapping[str, str] | None = None) -> list[RequestSpec]:
    return [_page_request(config, 1, env)]


def next_page(
    config: Config, payload: Payload, page_no: int, env: Mapping[str, str] | None = None
) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    results = dig(data, "results")
    if page_no >= max_pages(config) or not isinstance(results, list) or not results:
        return None
    count = number(dig(data, "count"))
    if count is None or page_no * PAGE_SIZE >= count:
        return None
    return _page_request(config, page_no + 1, env)


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("results",))
    check_kind(items, KIND, ("redirect_url", "adref", "salary_is_predicted"))
    country = (config_text(config, "country") or "").lower()
    country = "gb" if country == "uk" else country
    currency = CURRENCIES.get(country)

    def build(job: dict[str, Any]) -> RawPosting:
        low, high = number(job.get("salary_min")), number(job.get("salary_max"))
        has_salary = low is not None or high is not None
        contract = text_list([job.get("contract_time"), job.get("contract_type")])
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("title"), "title"),
            company=text(dig(job, "company", "display_name")),
            url=text(job.get("redirect_url")),
            locations=text_list([dig(job, "location", "display_name")]),
            country_hint=country.upper() if currency else None,
            description_text=text(job.get("description")),
            salary_min=low,
            salary_max=high,
            salary_currency=currency if has_salary else None,
            salary_period="year" if has_salary else None,
            salary_estimated=str(job.get("salary_is_predicted")).strip() == "1",
            employment_type=", ".join(contract) or None,
            tags=text_list([dig(job, "category", "label")]),
            posted_at=text(job.get("created")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Adzuna",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        search_capable=True,
        requires_keys=(APP_ID_ENV, APP_KEY_ENV),
        credit="Jobs by Adzuna (https://www.adzuna.com).",
        docs_url="https://developer.adzuna.com/docs/search",
    )
)
