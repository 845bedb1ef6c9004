"""canonical_url, dates, employment type, seniority and company names."""

from __future__ import annotations

import datetime as dt

import pytest

from jobs.normalize.companies import canonical_company, company_key
from jobs.normalize.dates import parse_date
from jobs.normalize.employment import normalise_employment_type
from jobs.normalize.titles import clean_title, detect_seniority
from jobs.normalize.urls import canonical_url

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Boards.Greenhouse.io:443/acme/jobs/123/?utm_source=x&gh_src=abc&b=2&a=1#apply",
            "https://boards.greenhouse.io/acme/jobs/123?a=1&b=2",
        ),
        ("http://example.com:8080/x?gh_jid=42&utm_medium=y", "http://example.com:8080/x?gh_jid=42"),
        ("http://Example.com:80/", "http://example.com"),
        (
            "https://jobs.lever.co/acme/abc-def?lever-source=LinkedIn&lever-origin=applied",
            "https://jobs.lever.co/acme/abc-def",
        ),
        (
            "https://example.com/p?ref=foo&refId=1&trackingId=2&trk=3&fbclid=4&gclid=5&source=li&src=x",
            "https://example.com/p",
        ),
        (
            "https://example.com/p?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&li_fat_id=5&id=9",
            "https://example.com/p?id=9",
        ),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("ftp://x.com/a", None),
        ("javascript:alert(1)", None),
        ("mailto:jobs@example.com", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent_and_order_independent():
    a = canonical_url("https://x.com/job?b=2&a=1&utm_campaign=z")
    b = canonical_url("https://x.com/job/?a=1&b=2")
    assert a == b == canonical_url(a)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-05", dt.datetime(2024, 1, 5, tzinfo=dt.UTC)),
        ("2024-01-05T10:00:00Z", dt.datetime(2024, 1, 5, 10, tzinfo=dt.UTC)),
        ("2024-01-05T10:00:00+02:00", dt.datetime(2024, 1, 5, 8, tzinfo=dt.UTC)),
        ("Wed, 02 Oct 2002 13:00:00 GMT", dt.datetime(2002, 10, 2, 13, tzinfo=dt.UTC)),
        (1704067200, dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
        (1704067200000, dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
        ("1704067200", dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
        ("1704067200000", dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
        ("Posted Today", NOW),
        ("Posted Yesterday", NOW - dt.timedelta(days=1)),
        ("3 days ago", NOW - dt.timedelta(days=3)),
        ("Posted 30+ Days Ago", NOW - dt.timedelta(days=30)),
        ("an hour ago", NOW - dt.timedelta(hours=1)),
        ("January 5, 2024", dt.datetime(2024, 1, 5, tzinfo=dt.UTC)),
        (dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, tzinfo=dt.UTC)),
        (dt.datetime(2024, 1, 2, 3, 4), dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.UTC)),
        ("2030-01-01", None),
        ("garbage", None),
        ("", None),
        (0, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value, now=NOW) == expected


def test_parse_date_future_allowed_for_expiry():
    assert parse_date("2030-01-01", now=NOW, allow_future=True) == dt.datetime(
        2030, 1, 1, tzinfo=dt.UTC
    )
    assert parse_date("2024-06-02", now=NOW) is not None  # within the two-day tolerance


@pytest.mark.parametrize(
    ("raw", "title", "text", "expected"),
    [
        ("FULL_TIME", None, None, "full_time"),
        ("Full-time", None, None, "full_time"),
        ("Festanstellung", None, None, "full_time"),
        ("Vollzeit", None, None, "full_time"),
        ("Teilzeit", None, None, "part_time"),
        ("PART_TIME", None, None, "part_time"),
        ("Werkstudent", None, None, "part_time"),
        ("Contractor", None, None, "contract"),
        ("Freelance", None, None, "contract"),
        ("Temporary", None, None, "temporary"),
        ("INTERN", None, None, "internship"),
        ("FULL_TIME, CONTRACTOR", None, None, "full_time"),
        (["CONTRACTOR", "FULL_TIME"], None, None, "contract"),
        ("bogus", None, None, None),
        (None, "Software Engineer (Contract)", None, "contract"),
        (None, "Contract Manager", None, None),
        (None, "Marketing Intern", None, "internship"),
        (None, "Engineer", "This is a full-time position based in Berlin.", "full_time"),
        (None, "Engineer", "Employment type: Contract", "contract"),
        (None, "Engineer", "Full-time employees enjoy great perks.", None),
    ],
)
def test_employment_type(raw, title, text, expected):
    assert normalise_employment_type(raw, title=title, text=text) == expected


@pytest.mark.parametrize(
    ("title", "raw", "expected"),
    [
        ("Sr. Software Engineer", None, "senior"),
        ("Sr Engineer", None, "senior"),
        ("Senior Backend Engineer (m/f/d)", None, "senior"),
        ("Jr Developer", None, "junior"),
        ("Staff Engineer", None, "staff"),
        ("Principal Data Scientist", None, "principal"),
        ("Head of Engineering", None, "director"),
        ("Director of Product", None, "director"),
        ("VP of Sales", None, "executive"),
        ("Chief Technology Officer", None, "executive"),
        ("CTO", None, "executive"),
        ("Engineering Manager", None, "manager"),
        ("Senior Engineering Manager", None, "manager"),
        ("Tech Lead", None, "lead"),
        ("Software Engineering Intern", None, "intern"),
        ("Summer Internship 2025", None, "intern"),
        ("Mid-level Frontend Developer", None, "mid"),
        ("Software Engineer II", None, "mid"),
        ("Software Engineer III", None, "senior"),
        ("Software Engineer", None, None),
        ("Product Manager", None, None),
        ("Lead Generation Specialist", None, None),
        ("Staff Accountant", None, None),
        ("Internal Tools Engineer", None, None),
        ("Software Engineer", "Internship", "intern"),
        ("Software Engineer", "mid_level", "mid"),
        ("Software Engineer", "Mid-Senior level", None),
        ("Staff Engineer", "Mid-Senior level", "staff"),
    ],
)
def test_seniority(title, raw, expected):
    assert detect_seniority(title, raw) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("🚀  Senior   Python Developer 🚀 ", "Senior Python Developer"),
        ("Backend Engineer (m/f/d) - Remote", "Backend Engineer (m/f/d) - Remote"),
        ("  Data  Scientist  ", "Data Scientist"),
        ("| Designer |", "Designer"),
    ],
)
def test_clean_title(title, expected):
    assert clean_title(title) == expected


@pytest.mark.parametrize(
    ("name", "display", "key"),
    [
        ("Acme, Inc.", "Acme", "acme"),
        ("Siemens AG", "Siemens", "siemens"),
        ("Zalando SE", "Zalando", "zalando"),
        ("Spotify AB", "Spotify", "spotify"),
        ("Supercell Oy", "Supercell", "supercell"),
        ("Unity ApS", "Unity", "unity"),
        ("Allegro Sp. z o.o.", "Allegro", "allegro"),
        ("BigCo GmbH & Co. KG", "BigCo", "bigco"),
        ("Samsung Co., Ltd.", "Samsung", "samsung"),
        ("Atlassian Pty Ltd", "Atlassian", "atlassian"),
        ("Booking.com B.V.", "Booking.com", "bookingcom"),
        ("Ferrari S.p.A.", "Ferrari", "ferrari"),
        ("Meta Platforms, Inc.", "Meta", "meta"),
        ("Google LLC", "Google", "google"),
        ("Alphabet Inc.", "Google", "google"),
        ("Amazon Web Services (AWS)", "Amazon Web Services", "amazonwebservices"),
        ("AWS", "Amazon Web Services", "amazonwebservices"),
        ("Amazon.com Services LLC", "Amazon", "amazon"),
        ("Société Générale S.A.", "Société Générale", "societegenerale"),
        ("Luxury Spa", "Luxury Spa", "luxuryspa"),
        ("AB", "AB", "ab"),
    ],
)
def test_company_names(name, display, key):
    assert canonical_company(name) == display
    assert company_key(name) == key


def test_company_key_equivalences():
    assert company_key("Procter & Gamble") == company_key("Procter and Gamble")
    assert company_key("The Trade Desk") == company_key("Trade Desk, Inc.")
    assert company_key("Societe Generale") == company_key("Société Générale SA")
    assert canonical_company("   ") is None and company_key(None) == ""
