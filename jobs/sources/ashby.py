"""Ashby public Posting API.

Request: ``GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true``
(public). Response: ``{"apiVersion": "1", "jobs": [...]}``; each job has ``id``, ``title``,
``department``, ``team``, ``employmentType`` ("FullTime"…), ``location``,
``secondaryLocations[{location, address}]``, ``publishedAt``, ``isListed``, ``isRemote``,
``workplaceType`` ("Remote" / "Hybrid" / "OnSite"), ``address.postalAddress``, ``jobUrl``,
``applyUrl``, ``descriptionHtml``/``descriptionPlain`` and, with ``includeCompensation``,
``compensation{compensationTierSummary, scrapeableCompensationSalarySummary,
compensationTiers[{components[]}], summaryComponents[]}`` where a component is
``{compensationType: "Salary", interval: "1 YEAR", currencyCode, minValue, maxValue}``.
The company is not named in the response: config ``company_name`` / ``board`` or the jobUrl slug.
"""

from __future__ import annotations

from typing import Any

from jobs.sources.base import Adapter, Config, ParseResult, Payload, RequestSpec, register
from jobs.sources.helpers import (
    ItemSkip,
    check_kind,
    collect,
    dig,
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

KIND = "ashby"
API = "https://api.ashbyhq.com/posting-api/job-board"


def build_requests(config: Config) -> list[RequestSpec]:
    board = config_segment(config, KIND, "board", "board_token", "company")
    return [get_request(f"{API}/{board}", {"includeCompensation": "true"})]


def _salary_components(compensation: Any) -> list[dict[str, Any]]:
    """Salary components: the summary ones, else those of every tier."""
    if not isinstance(compensation, dict):
        return []
    found = [c for c in compensation.get("summaryComponents") or [] if isinstance(c, dict)]
    if not found:
        for tier in compensation.get("compensationTiers") or []:
            found.extend(c for c in dig(tier, "components") or [] if isinstance(c, dict))
    return [c for c in found if str(c.get("compensationType", "")).lower() == "salary"]


def _salary(compensation: Any) -> tuple[float | None, float | None, str | None, str | None]:
    components = _salary_components(compensation)
    if not components:
        return None, None, None, None
    currency = text(components[0].get("currencyCode"))
    interval = text(components[0].get("interval"))
    same = [
        c
        for c in components
        if text(c.get("currencyCode")) == currency and text(c.get("interval")) == interval
    ]
    lows = [v for c in same if (v := number(c.get("minValue"))) is not None]
    highs = [v for c in same if (v := number(c.get("maxValue"))) is not None]
    return (min(lows) if lows else None, max(highs) if highs else None, currency, interval)


def parse(payload: Payload, config: Config) -> ParseResult:
    items = unwrap_list(load_json(payload, KIND), KIND, ("jobs", "results"))
    check_kind(items, KIND, ("jobUrl", "isListed", "descriptionHtml", "isRemote"))
    override = config_text(config, "company_name")
    configured = slug_to_name(config_text(config, "board", "board_token", "company"))

    def build(job: dict[str, Any]) -> RawPosting:
        if job.get("isListed") is False:
            raise ItemSkip("unlisted posting")
        url = text(job.get("jobUrl"))
        company = override or configured or slug_to_name(slug_from_url(url, "ashbyhq.com"))
        locations = text_list([job.get("location")])
        for extra in text_list(job.get("secondaryLocations"), "location"):
            if extra not in locations:
                locations.append(extra)
        workplace = text(job.get("workplaceType"))
        if not workplace and job.get("isRemote") is True:
            workplace = "remote"
        compensation = job.get("compensation")
        low, high, currency, interval = _salary(compensation)
        return RawPosting(
            source=KIND,
            external_id=required_text(job.get("id"), "id"),
            title=required_text(job.get("title"), "title"),
            company=company,
            url=url,
            apply_url=text(job.get("applyUrl")),
            locations=locations,
            remote_hint=workplace,
            country_hint=None,
            description_html=text(job.get("descriptionHtml")),
            description_text=None
            if job.get("descriptionHtml")
            else text(job.get("descriptionPlain")),
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            salary_period=interval,
            salary_text=text(dig(compensation, "scrapeableCompensationSalarySummary"))
            or text(dig(compensation, "compensationTierSummary")),
            employment_type=text(job.get("employmentType")),
            tags=text_list([job.get("department"), job.get("team")]),
            posted_at=text(job.get("publishedAt")),
            raw=job,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Ashby",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://developers.ashbyhq.com/docs/public-job-posting-api",
    )
)
