"""Pure normalisation of source postings (no Django, no ORM, no network).

``normalize_posting`` turns an adapter's ``RawPosting`` into a ``NormalizedPosting`` by
wiring the focused helpers of the sub-modules, which are re-exported here for callers that
need one piece (dedup uses ``company_key`` and ``canonical_url``; search uses
``extract_skills``...).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from jobs.types import Location, NormalizedPosting, RawPosting

from .companies import canonical_company, company_key
from .dates import parse_date
from .employment import normalise_employment_type
from .locations import COUNTRY_CURRENCY, country_code, parse_locations
from .salary import (
    SalaryRange,
    annualise,
    extract_salary_from_description,
    normalise_currency,
    normalise_period,
    normalise_structured_salary,
    parse_salary_text,
)
from .skills import canonical_skill, extract_skills
from .text import _sanitized_to_text as _clean_html_to_text
from .text import (
    html_to_text,
    looks_like_html,
    normalize_text,
    repair_mojibake,
    sanitize_html,
    text_to_html,
)
from .titles import clean_title, detect_seniority
from .urls import canonical_url
from .visa import detect_relocation, detect_visa_sponsorship

__all__ = [
    "SalaryRange",
    "annualise",
    "canonical_company",
    "canonical_skill",
    "canonical_url",
    "clean_title",
    "company_key",
    "content_hash",
    "country_code",
    "detect_relocation",
    "detect_seniority",
    "detect_visa_sponsorship",
    "extract_salary_from_description",
    "extract_skills",
    "html_to_text",
    "normalise_currency",
    "normalise_employment_type",
    "normalise_period",
    "normalise_structured_salary",
    "normalize_posting",
    "parse_date",
    "parse_locations",
    "parse_salary_text",
    "sanitize_html",
]


def _description(raw: RawPosting) -> tuple[str, str]:
    """(sanitised html, plain text) from whichever description the source gave."""
    if raw.description_html and raw.description_html.strip():
        clean = sanitize_html(repair_mojibake(raw.description_html))
        return clean, _clean_html_to_text(clean)
    text = repair_mojibake(raw.description_text) or ""
    if looks_like_html(text) or "&lt;" in text:
        clean = sanitize_html(text)
        return clean, _clean_html_to_text(clean)
    plain = normalize_text(text)
    return text_to_html(plain), plain


def _default_currency(raw: RawPosting, locations: list[Location]) -> str | None:
    if raw.salary_currency:
        code = normalise_currency(raw.salary_currency)
        if code:
            return code
    country = country_code(raw.country_hint) if raw.country_hint else None
    if country is None:
        country = next((loc.country for loc in locations if loc.country), None)
    return COUNTRY_CURRENCY.get(country) if country else None


def _salary(raw: RawPosting, text: str, default_currency: str | None) -> SalaryRange | None:
    structured = normalise_structured_salary(
        raw.salary_min,
        raw.salary_max,
        raw.salary_currency,
        raw.salary_period,
        estimated=raw.salary_estimated,
        default_currency=default_currency,
    )
    if structured is not None:
        return structured
    if raw.salary_text:
        parsed = parse_salary_text(raw.salary_text, default_currency)
        if parsed is not None:
            if raw.salary_period and normalise_period(raw.salary_period):
                parsed = SalaryRange(
                    parsed.min,
                    parsed.max,
                    parsed.currency,
                    normalise_period(raw.salary_period),
                    parsed.estimated,
                )
            return _with_estimated(parsed, raw.salary_estimated)
    found = extract_salary_from_description(text, default_currency)
    return _with_estimated(found, raw.salary_estimated) if found else None


def _with_estimated(salary: SalaryRange, estimated: bool) -> SalaryRange:
    if estimated and not salary.estimated:
        return SalaryRange(salary.min, salary.max, salary.currency, salary.period, True)
    return salary


def _tidy(value: Any) -> Any:
    """Whitespace-collapsed strings, integral floats as ints, recursively (see ``content_hash``)."""
    if type(value) is str:  # the common case first; subclasses take the general path below
        return " ".join(value.split())
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {str(k): _tidy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _digest(tidied: Any) -> str:
    payload = json.dumps(tidied, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def content_hash(fields: dict[str, Any]) -> str:
    """sha256 over a JSON dump with sorted keys and whitespace-collapsed strings.

    Key order and whitespace differences therefore never change the hash.
    """
    return _digest(_tidy(fields))


def _tidy_normalized_text(text: str) -> str:
    """``" ".join(text.split())`` for ``normalize_text`` output, without splitting it into words.

    That output's only whitespace is single spaces inside lines and "\n" or "\n\n" between
    stripped, non-empty lines (no leading/trailing whitespace), so each newline run is exactly
    one of the runs ``split`` would have collapsed to a space.
    """
    return text.replace("\n\n", " ").replace("\n", " ")


def normalize_posting(raw: RawPosting, *, now: dt.datetime | None = None) -> NormalizedPosting:
    """Normalise one ``RawPosting``.

    Salary precedence: structured fields, then ``salary_text``, then an explicit statement in
    the description. ``apply_url`` falls back to the canonical posting URL. ``content_hash``
    covers the fields a reader would notice changing (title, company, locations, remote,
    salary, employment type, seniority, description text), not fetch metadata such as URLs or
    dates, so a re-fetched unchanged posting hashes the same.
    """
    title = clean_title(repair_mojibake(raw.title))
    description_html, description_text = _description(raw)
    raw_company = repair_mojibake(raw.company)
    company = " ".join(raw_company.split()) if raw_company and raw_company.strip() else None
    company_canonical = canonical_company(company)

    locations, remote_type, remote_regions = parse_locations(
        raw.locations,
        remote_hint=raw.remote_hint,
        country_hint=raw.country_hint,
        description_text=description_text,
    )
    salary = _salary(raw, description_text, _default_currency(raw, locations))

    employment_type = normalise_employment_type(
        raw.employment_type, title=title, text=description_text
    )
    seniority = detect_seniority(title, raw.seniority)
    skills = extract_skills(f"{title}\n{description_text}", tags=raw.tags)

    url = canonical_url(raw.url)
    apply_url = canonical_url(raw.apply_url) or url

    salary_min = salary.min if salary else None
    salary_max = salary.max if salary else None
    salary_period = salary.period if salary else None
    salary_currency = salary.currency if salary else None

    hash_fields = {
        "title": title,
        "company": company_key(company_canonical) or None,
        "locations": sorted(
            (loc.as_dict() for loc in locations),
            key=lambda d: (d["country"] or "", d["region"] or "", d["city"] or ""),
        ),
        "remote_type": remote_type,
        "remote_regions": sorted(remote_regions),
        "salary": [salary_min, salary_max, salary_currency, salary_period],
        "employment_type": employment_type,
        "seniority": seniority,
    }
    # Same value as content_hash(hash_fields | {"description": description_text}).
    tidied_hash_fields = _tidy(hash_fields)
    tidied_hash_fields["description"] = _tidy_normalized_text(description_text)

    return NormalizedPosting(
        source=raw.source,
        external_id=str(raw.external_id),
        title=title,
        company=company,
        company_canonical=company_canonical,
        locations=locations,
        remote_type=remote_type,
        remote_regions=remote_regions,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency,
        salary_period=salary_period,
        salary_annual_min=annualise(salary_min, salary_period),
        salary_annual_max=annualise(salary_max, salary_period),
        salary_estimated=bool(salary.estimated) if salary else False,
        employment_type=employment_type,
        seniority=seniority,
        skills=skills,
        visa_sponsorship=detect_visa_sponsorship(description_text),
        relocation=detect_relocation(description_text),
        posted_at=parse_date(raw.posted_at, now=now),
        expires_at=parse_date(raw.expires_at, now=now, allow_future=True),
        url=url,
        apply_url=apply_url,
        description_html=description_html,
        description_text=description_text,
        content_hash=_digest(tidied_hash_fields),
        raw=raw.raw,
    )
