"""Plain data shapes shared by source adapters and the normaliser.

Adapters turn a recorded source response into ``RawPosting`` objects (pure parsing, no
guessing); ``jobs.normalize.normalize_posting`` turns each into a ``NormalizedPosting`` that the
store, search and matching can trust. Neither touches the ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class RawPosting:
    """One posting as a source describes it, before normalisation.

    Every field is optional except the identity ones: adapters copy what the source says and
    leave the rest ``None`` / empty. Free text (locations, salary text, employment type) is
    passed through verbatim so the normaliser owns every interpretation.
    """

    source: str  # adapter kind, e.g. "greenhouse"
    external_id: str  # the source's own id for the posting (stable across fetches)
    title: str
    company: str | None = None
    url: str | None = None  # the posting page on the board
    apply_url: str | None = None  # where to apply, when the source gives a separate one
    locations: list[str] = field(default_factory=list)  # raw location strings as listed
    remote_hint: str | None = None  # e.g. "remote", "hybrid", "onsite", a workplaceType value
    country_hint: str | None = None  # ISO country when the source/config implies one
    description_html: str | None = None  # untrusted HTML from the source
    description_text: str | None = None  # when the source only gives plain text
    salary_min: float | None = None  # structured salary, when the source has fields for it
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None  # raw period word: "year", "YEAR", "per hour", "PA"...
    salary_text: str | None = None  # free-text salary, e.g. "$120k-$150k"
    salary_estimated: bool = False  # the source says its figure is predicted/estimated
    employment_type: str | None = None  # raw, e.g. "FULL_TIME", "Full-time", "Contract"
    seniority: str | None = None  # raw, e.g. "Senior", "mid_level"
    tags: list[str] = field(default_factory=list)  # source tags/categories (skill hints)
    posted_at: dt.datetime | str | None = None
    expires_at: dt.datetime | str | None = None
    raw: dict[str, Any] = field(default_factory=dict)  # the source's payload for re-parsing


@dataclass(slots=True)
class Location:
    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, upper case

    def as_dict(self) -> dict[str, str | None]:
        return {"city": self.city, "region": self.region, "country": self.country}


@dataclass(slots=True)
class NormalizedPosting:
    source: str
    external_id: str
    title: str
    company: str | None
    company_canonical: str | None
    locations: list[Location]
    remote_type: str  # remote | hybrid | onsite | unknown
    remote_regions: list[str]  # e.g. ["EU"], ["US"], ISO codes or region names
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None  # ISO 4217
    salary_period: str | None  # year | month | week | day | hour
    salary_annual_min: float | None
    salary_annual_max: float | None
    salary_estimated: bool
    employment_type: str | None  # full_time | part_time | contract | temporary | internship
    # intern | junior | mid | senior | staff | principal | lead | manager | director | executive
    seniority: str | None
    skills: list[str]  # canonical skill names from the taxonomy
    visa_sponsorship: str  # yes | no | unknown
    relocation: str  # yes | no | unknown
    posted_at: dt.datetime | None
    expires_at: dt.datetime | None
    url: str | None
    apply_url: str | None
    description_html: str  # sanitised
    description_text: str
    content_hash: str
    raw: dict[str, Any] = field(default_factory=dict)

    def as_json_dict(self) -> dict[str, Any]:
        """The `ingest_file` output shape (dates ISO 8601, unknowns ``None``)."""
        data = asdict(self)
        data.pop("raw")
        data.pop("description_html")
        for key in ("posted_at", "expires_at"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data
