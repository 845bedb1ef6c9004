"""Recruitee careers-site API.

Request: ``GET https://{company}.recruitee.com/api/offers/`` (public). Response:
``{"offers": [...]}``; an offer has ``id``, ``slug``, ``title``, ``company_name``, ``careers_url``,
``careers_apply_url``, ``location`` (display string), ``locations[{city, state, country,
country_code}]``, ``city``/``state_name``/``country``/``country_code``, ``remote``/``hybrid``/
``on_site`` flags, ``salary{min, max, period, currency}``, ``employment_type_code``,
``experience_code``, ``department``, ``tags[]``, ``description``, ``requirements`` (HTML) and
``published_at``/``created_at``. No pagination.
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
    slug_to_name,
    subdomain_of,
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

KIND = "recruitee"


def build_requests(config: Config) -> list[RequestSpec]:
    company = config_segment(config, KIND, "company", "board_token")
    return [get_request(f"https://{company.lower()}.recruitee.com/api/offers/")]


def _locations(offer: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for loc in offer.get("locations") or []:
        if not isinstance(loc, dict):
            continue
        parts = [text(loc.get(k)) for k in ("city", "state", "country")]
        place = ", ".join(dict.fromkeys(p for p in parts if p)) or text(loc.get("name"))
        if place and place not in out:
            out.append(place)
    return out or text_list([offer.get("location")])


def _remote(offer: dict[str, Any]) -> str | None:
    if offer.get("hybrid") is True:
        return "hybrid"
    if offer.get("remote") is True:
        return "remote"
    if offer.get("on_site") is True:
        return "onsite"
    return None


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("offers",))
    check_kind(items, KIND, ("careers_url", "careers_apply_url", "employment_type_code"))
    override = config_text(config, "company_name")
    configured = slug_to_name(config_text(config, "company"))

    def build(offer: dict[str, Any]) -> RawPosting:
        url = text(offer.get("careers_url"))
        company = (
            override
            or text(offer.get("company_name"))
            or configured
            or slug_to_name(subdomain_of(url, ".recruitee.com"))
        )
        salary = offer.get("salary") if isinstance(offer.get("salary"), dict) else {}
        description = "".join(text(offer.get(k)) or "" for k in ("description", "requirements"))
        country = text(offer.get("country_code"))
        return RawPosting(
            source=KIND,
            external_id=required_text(offer.get("id"), "id"),
            title=required_text(offer.get("title"), "title"),
            company=company,
            url=url,
            apply_url=text(offer.get("careers_apply_url")),
            locations=_locations(offer),
            remote_hint=_remote(offer),
            country_hint=country.upper() if country else None,
            description_html=description or None,
            salary_min=number(salary.get("min")),
            salary_max=number(salary.get("max")),
            salary_currency=text(salary.get("currency")),
            salary_period=text(salary.get("period")),
            employment_type=text(offer.get("employment_type_code")),
            seniority=text(offer.get("experience_code")),
            tags=text_list([offer.get("department"), *as_list(offer.get("tags"))]),
            posted_at=text(offer.get("published_at")) or text(offer.get("created_at")),
            expires_at=text(offer.get("close_at")),
            raw=offer,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Recruitee",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://docs.recruitee.com/reference/offers",
    )
)
