"""Employer ATS boards: Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee, Personio, Workday."""

from __future__ import annotations

import datetime as dt

import pytest

from jobs.sources import ADAPTERS, ParseError
from jobs.tests.sources.conftest import by_id, parse_fixture

XSS_IMG = "<img src=x onerror=alert(1)>"


def test_greenhouse_fixture():
    result = parse_fixture("greenhouse", "greenhouse_jobs.json", {"board_token": "acmeco"})
    postings = by_id(result)
    assert list(postings) == ["4012345001", "4012345002"]
    first = postings["4012345001"]
    assert first.source == "greenhouse"
    assert first.title == "Senior Backend Engineer"
    assert first.company == "AcmeCo"
    assert first.url == "https://job-boards.greenhouse.io/acmeco/jobs/4012345001"
    assert first.locations == ["Berlin, Germany"]
    assert first.description_html.startswith('<div class="content-intro"><p>We build <strong>')
    assert "&amp; ship" in first.description_html  # one level of escaping undone, no more
    assert first.tags == ["Engineering"]
    assert first.posted_at == "2026-02-27T09:30:00-05:00"
    assert first.raw["requisition_id"] == "ENG-101"
    second = postings["4012345002"]
    assert second.title == f"{XSS_IMG} Data Analyst"  # kept verbatim for the sanitiser
    assert second.description_html is None
    assert second.posted_at == "2026-03-03T10:00:00-05:00"
    reasons = dict(result.skipped)
    assert reasons["#2 id=4012345003"] == "missing title"
    assert reasons["#3"].startswith("not an object")


def test_greenhouse_company_override_and_bare_list():
    body = (
        b'[{"id": 1, "title": "T", "absolute_url": "https://job-boards.greenhouse.io/zeta/jobs/1"}]'
    )
    [posting] = ADAPTERS["greenhouse"].parse(body, {}).postings
    assert posting.company == "Zeta"  # from the board slug in the URL
    [posting] = ADAPTERS["greenhouse"].parse(body, {"company_name": "Zeta Inc."}).postings
    assert posting.company == "Zeta Inc."


def test_lever_fixture():
    result = parse_fixture("lever", "lever_postings.json")
    first, second = result.postings
    assert first.external_id == "5f2b0c1e-0000-4000-8000-000000000001"
    assert first.title == "Platform Engineer"
    assert first.company == "Northwind Labs"  # from the hostedUrl slug
    assert first.url.endswith("/northwind-labs/5f2b0c1e-0000-4000-8000-000000000001")
    assert first.apply_url.endswith("/apply")
    assert first.locations == ["Toronto, ON", "Remote - Canada"]
    assert first.remote_hint == "hybrid"
    assert first.country_hint == "CA"
    assert (first.salary_min, first.salary_max, first.salary_currency) == (120000, 150000, "CAD")
    assert first.salary_period == "per-year-salary"
    assert first.salary_text == "Base salary range"
    assert first.employment_type == "Full-time"
    assert first.tags == ["Engineering", "Platform"]
    assert first.posted_at == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert "<h3>What you&#x27;ll do</h3><ul><li>Run Kubernetes</li>" in first.description_html
    assert first.description_html.endswith("<div>Benefits: yes</div>")
    assert second.title == "Support Specialist <script>alert(1)</script>"
    assert second.remote_hint is None  # "unspecified"
    assert second.salary_min is None and second.salary_text is None
    assert second.locations == []
    assert result.skipped == [("#2", "missing id")]


def test_lever_company_from_config():
    result = parse_fixture("lever", "lever_postings.json", {"company": "northwind"})
    assert result.postings[0].company == "Northwind"
    result = parse_fixture("lever", "lever_postings.json", {"company_name": "Northwind Labs Ltd"})
    assert {p.company for p in result.postings} == {"Northwind Labs Ltd"}


def test_ashby_fixture():
    result = parse_fixture("ashby", "ashby_job_board.json")
    staff, sales = result.postings
    assert staff.title == "Staff Software Engineer, Search"
    assert staff.company == "Quillworks"
    assert staff.url == "https://jobs.ashbyhq.com/quillworks/a1b2c3d4-0000-4000-8000-0000000000a1"
    assert staff.locations == ["San Francisco", "New York"]
    assert staff.remote_hint == "Hybrid"
    assert (staff.salary_min, staff.salary_max) == (180000, 240000)
    assert (staff.salary_currency, staff.salary_period) == ("USD", "1 YEAR")
    assert staff.salary_text == "$180K - $240K"
    assert staff.employment_type == "FullTime"
    assert staff.tags == ["Engineering", "Search"]
    assert sales.title == 'Account Executive"><svg onload=alert(1)>'
    assert sales.remote_hint == "remote"  # isRemote without workplaceType
    assert sales.salary_min is None and sales.salary_text is None
    assert sales.description_html is None and sales.description_text == "Sell things."
    assert result.skipped == [("#2 id=a1b2c3d4-0000-4000-8000-0000000000a3", "unlisted posting")]


def test_ashby_salary_from_tiers_when_no_summary():
    body = {
        "jobs": [
            {
                "id": "x",
                "title": "T",
                "jobUrl": "https://jobs.ashbyhq.com/b/x",
                "compensation": {
                    "summaryComponents": [],
                    "compensationTiers": [
                        {
                            "components": [
                                {
                                    "compensationType": "Salary",
                                    "interval": "1 YEAR",
                                    "currencyCode": "EUR",
                                    "minValue": 50000,
                                    "maxValue": 60000,
                                }
                            ]
                        },
                        {
                            "components": [
                                {
                                    "compensationType": "Salary",
                                    "interval": "1 YEAR",
                                    "currencyCode": "EUR",
                                    "minValue": 55000,
                                    "maxValue": 70000,
                                }
                            ]
                        },
                    ],
                },
            }
        ]
    }
    import json

    [posting] = ADAPTERS["ashby"].parse(json.dumps(body), {"company_name": "B Corp"}).postings
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        50000,
        70000,
        "EUR",
    )
    assert posting.company == "B Corp"


def test_workable_fixture():
    result = parse_fixture("workable", "workable_widget.json")
    data, odd = result.postings
    assert data.external_id == "AB12CD34EF"
    assert data.company == "Fjord Analytics"
    assert data.url == "https://apply.workable.com/j/AB12CD34EF"
    assert data.apply_url == "https://apply.workable.com/j/AB12CD34EF/apply"
    assert data.locations == ["Oslo, Norway"]
    assert data.country_hint == "NO"
    assert data.remote_hint is None
    assert data.description_html == "<p>Pipelines.</p>"
    assert (data.employment_type, data.seniority) == ("Full-time", "Mid-Senior level")
    assert odd.title == XSS_IMG
    assert odd.remote_hint == "remote"
    assert odd.locations == ["Germany"]  # from the flat country field
    assert odd.description_html is None
    assert result.skipped == [("#2", "missing shortcode")]


def test_smartrecruiters_list_and_detail():
    result = parse_fixture("smartrecruiters", "smartrecruiters_postings.json")
    quality, tech = result.postings
    assert quality.external_id == "744000001234567"
    assert quality.title == "Quality Engineer"
    assert quality.company == "Boreas Motors"
    assert quality.url == "https://jobs.smartrecruiters.com/BoreasMotors/744000001234567"
    assert quality.locations == ["Lyon, Auvergne-Rhone-Alpes, France"]
    assert (quality.remote_hint, quality.country_hint) == ("hybrid", "FR")
    assert (quality.employment_type, quality.seniority) == ("Full-time", "Mid-Senior Level")
    assert quality.tags == ["Quality", "Quality Assurance"]
    assert tech.title == "Field Technician <b onmouseover=alert(1)>"
    assert tech.remote_hint == "remote"
    detail = parse_fixture("smartrecruiters", "smartrecruiters_detail.json").postings[0]
    assert (
        detail.url
        == "https://jobs.smartrecruiters.com/BoreasMotors/744000001234567-quality-engineer"
    )
    assert detail.apply_url.endswith("?oga=true")
    assert detail.description_html == (
        "<h3>Company Description</h3><p>We build motors.</p>"
        "<h3>Job Description</h3><p>Test motors.</p>"
        "<h3>Additional Information</h3><p>EEO.</p>"
    )


def test_smartrecruiters_detail_without_id_is_a_parse_error():
    with pytest.raises(ParseError, match="lacks 'id'"):
        ADAPTERS["smartrecruiters"].parse(b'{"jobAd": {"sections": {}}}', {})


def test_recruitee_fixture():
    result = parse_fixture("recruitee", "recruitee_offers.json")
    front, ops = result.postings
    assert front.external_id == "3100001"
    assert front.company == "Tulip Systems"
    assert front.url == "https://tulipsystems.recruitee.com/o/frontend-developer-amsterdam"
    assert front.locations == ["Amsterdam, North Holland, Netherlands"]
    assert (front.remote_hint, front.country_hint) == ("hybrid", "NL")
    assert (front.salary_min, front.salary_max, front.salary_currency, front.salary_period) == (
        4000,
        5500,
        "EUR",
        "month",
    )
    assert front.description_html == "<p>Build UIs.</p><ul><li>React</li></ul>"
    assert front.tags == ["Product", "React", "TypeScript"]
    assert ops.title == "Ops Lead <iframe src=javascript:alert(1)>"
    assert ops.company == "Tulipsystems"  # empty company_name: from the careers subdomain
    assert ops.locations == ["Remote job"]
    assert ops.remote_hint == "remote"
    assert ops.salary_min is None
    assert ops.tags == ["not-a-list"]


def test_personio_fixture():
    result = parse_fixture("personio", "personio_feed.xml", {"company": "alpenblick"})
    dev, intern = result.postings
    assert dev.external_id == "1203456"
    assert dev.title == "Senior Python Developer (m/w/d)"
    assert dev.company == "Alpenblick Software GmbH"
    assert dev.url == "https://alpenblick.jobs.personio.de/job/1203456"
    assert dev.locations == ["Munich", "Remote (Germany)"]
    assert dev.employment_type == "permanent, full-time"
    assert dev.seniority == "experienced"
    assert dev.tags == ["Engineering", "it_software", "Python", "Django", "PostgreSQL"]
    assert dev.description_html == (
        "<h3>Your tasks</h3><ul><li>Build Django services</li></ul>"
        "<h3>Your profile</h3><p>5+ years of Python</p>"
    )
    assert dev.posted_at == "2026-01-10T09:00:00+00:00"
    assert intern.title == f"{XSS_IMG} Sales Intern"
    assert intern.company == "Alpenblick"  # no subcompany: the config slug
    assert intern.description_html is None
    assert result.skipped == [("#2", "missing id")]


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workzag-jobs>&a;</workzag-jobs>',
        b"<workzag-jobs><position>",
        b"<rss><channel/></rss>",
        b"",
    ],
)
def test_personio_rejects_unsafe_or_wrong_xml(body):
    with pytest.raises(ParseError):
        ADAPTERS["personio"].parse(body, {"company": "x"})


def test_workday_fixture():
    config = {"host": "boreas.wd1.myworkdayjobs.com", "tenant": "boreas", "site": "Boreas_Careers"}
    result = parse_fixture("workday", "workday_jobs.json", config)
    engineer, tech = result.postings
    assert engineer.external_id == "/job/Toledo-OH/Process-Engineer_R-10231"
    assert engineer.company == "Boreas"
    assert engineer.url == (
        "https://boreas.wd1.myworkdayjobs.com/Boreas_Careers/job/Toledo-OH/Process-Engineer_R-10231"
    )
    assert engineer.locations == ["Toledo, OH"]
    assert engineer.posted_at == "Posted Today"  # relative text is the normaliser's job
    assert tech.title == f"Maintenance Technician {XSS_IMG}"
    assert tech.locations == ["2 Locations"]
    assert result.skipped == [("#2", "missing externalPath")]
    named = parse_fixture(
        "workday", "workday_jobs.json", {**config, "company_name": "Boreas Foods"}
    )
    assert named.postings[0].company == "Boreas Foods"
