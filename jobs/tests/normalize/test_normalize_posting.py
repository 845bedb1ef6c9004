"""End-to-end normalisation of handmade RawPostings."""

from __future__ import annotations

import dataclasses
import datetime as dt

from jobs.normalize import normalize_posting
from jobs.types import RawPosting

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)

GREENHOUSE_HTML = (
    "&lt;h2&gt;About the role&lt;/h2&gt;"
    "&lt;p&gt;We are looking for a &lt;strong&gt;Senior Backend Engineer&lt;/strong&gt; to build "
    "APIs in Python and Django on Kubernetes, backed by Postgres.&lt;/p&gt;"
    "&lt;ul&gt;&lt;li&gt;The base salary range for this role is €75,000 - €95,000 per year.&lt;/li&gt;"
    "&lt;li&gt;Relocation assistance and visa sponsorship available.&lt;/li&gt;"
    "&lt;li&gt;Hybrid setup: 2 days per week in our Berlin office.&lt;/li&gt;&lt;/ul&gt;"
    "&lt;script&gt;alert(1)&lt;/script&gt;"
)


def make_raw(**overrides) -> RawPosting:
    fields = {
        "source": "greenhouse",
        "external_id": "4012345",
        "title": "🚀 Senior Backend Engineer (m/f/d)",
        "company": "Acme  GmbH",
        "url": "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=abc&utm_source=linkedin",
        "locations": ["Berlin, Germany"],
        "description_html": GREENHOUSE_HTML,
        "employment_type": "FULL_TIME",
        "posted_at": "2024-05-01T10:00:00Z",
        "expires_at": "2024-09-01",
        "tags": ["Terraform", "k8s"],
        "raw": {"id": 4012345},
    }
    fields.update(overrides)
    return RawPosting(**fields)


def test_normalize_greenhouse_style_posting():
    n = normalize_posting(make_raw(), now=NOW)
    assert n.title == "Senior Backend Engineer (m/f/d)"
    assert n.company == "Acme GmbH"
    assert n.company_canonical == "Acme"
    assert [loc.as_dict() for loc in n.locations] == [
        {"city": "Berlin", "region": None, "country": "DE"}
    ]
    assert n.remote_type == "hybrid"
    assert n.remote_regions == []
    assert (n.salary_min, n.salary_max, n.salary_currency, n.salary_period) == (
        75_000,
        95_000,
        "EUR",
        "year",
    )
    assert (n.salary_annual_min, n.salary_annual_max) == (75_000, 95_000)
    assert n.salary_estimated is False
    assert n.employment_type == "full_time"
    assert n.seniority == "senior"
    assert n.skills == ["Python", "Django", "Kubernetes", "PostgreSQL", "Terraform"]
    assert n.visa_sponsorship == "yes"
    assert n.relocation == "yes"
    assert n.posted_at == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert n.expires_at == dt.datetime(2024, 9, 1, tzinfo=dt.UTC)
    assert n.url == "https://boards.greenhouse.io/acme/jobs/4012345"
    assert n.apply_url == n.url
    assert "<script" not in n.description_html and "&lt;p&gt;" not in n.description_html
    assert n.description_html.startswith("<h2>About the role</h2>")
    assert n.description_text.startswith(
        "About the role\n\nWe are looking for a Senior Backend Engineer"
    )
    assert "alert" not in n.description_text
    assert len(n.content_hash) == 64
    assert n.raw == {"id": 4012345}
    data = n.as_json_dict()
    assert data["posted_at"] == "2024-05-01T10:00:00+00:00"


def test_structured_salary_wins_and_plain_text_description():
    raw = make_raw(
        description_html=None,
        description_text="Great team.\nWe pay $200k.\n\nApply now!",
        salary_min=120000,
        salary_max=150000,
        salary_currency="usd",
        salary_period="YEAR",
        salary_text="$1-$2",
        locations=["Remote - US"],
        remote_hint=None,
        apply_url="https://acme.example/apply?utm_campaign=x",
        company="Meta Platforms, Inc.",
    )
    n = normalize_posting(raw, now=NOW)
    assert (n.salary_min, n.salary_max, n.salary_currency, n.salary_period) == (
        120_000,
        150_000,
        "USD",
        "year",
    )
    assert n.description_text == "Great team.\nWe pay $200k.\n\nApply now!"
    assert n.description_html == "<p>Great team.<br>We pay $200k.</p><p>Apply now!</p>"
    assert n.remote_type == "remote" and n.remote_regions == ["US"]
    assert n.apply_url == "https://acme.example/apply"
    assert n.company_canonical == "Meta"


def test_salary_text_then_description_fallback_and_unknowns():
    n = normalize_posting(make_raw(salary_text="£45,000 pa", description_html="<p>Hi</p>"), now=NOW)
    assert (n.salary_min, n.salary_currency, n.salary_period) == (45_000, "GBP", "year")
    bare = normalize_posting(
        RawPosting(source="lever", external_id="x", title="Engineer", locations=["Smallville"]),
        now=NOW,
    )
    assert (
        bare.salary_min is None and bare.salary_currency is None and bare.salary_annual_min is None
    )
    assert bare.remote_type == "unknown"
    assert bare.visa_sponsorship == "unknown" and bare.relocation == "unknown"
    assert bare.url is None and bare.apply_url is None
    assert bare.description_html == "" and bare.description_text == ""
    assert bare.posted_at is None and bare.seniority is None and bare.employment_type is None


def test_hourly_salary_is_annualised():
    n = normalize_posting(
        make_raw(salary_text="$50 - $60 per hour", locations=["Austin, TX"]), now=NOW
    )
    assert (n.salary_annual_min, n.salary_annual_max) == (104_000, 124_800)


def test_content_hash_stable_under_cosmetic_changes():
    base = normalize_posting(make_raw(), now=NOW)
    cosmetic = normalize_posting(
        make_raw(
            title="  Senior   Backend Engineer (m/f/d) ",
            company="Acme GmbH",
            url="https://boards.greenhouse.io/acme/jobs/4012345?utm_medium=email",
            description_html=GREENHOUSE_HTML.replace("&lt;/p&gt;", "&lt;/p&gt;\n\n   "),
            posted_at="2024-05-02T10:00:00Z",
            raw={"id": 4012345, "fetched": "again"},
        ),
        now=NOW,
    )
    assert cosmetic.content_hash == base.content_hash
    changed = normalize_posting(make_raw(title="Staff Backend Engineer"), now=NOW)
    assert changed.content_hash != base.content_hash
    moved = normalize_posting(make_raw(locations=["Munich, Germany"]), now=NOW)
    assert moved.content_hash != base.content_hash


def test_raw_posting_is_not_mutated():
    raw = make_raw()
    before = dataclasses.asdict(raw)
    normalize_posting(raw, now=NOW)
    assert dataclasses.asdict(raw) == before
