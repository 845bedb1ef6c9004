"""Job boards and search APIs: Remote OK, Remotive, Arbeitnow, The Muse, Jobicy, Himalayas, USAJOBS, Adzuna."""

from __future__ import annotations

import datetime as dt
import json

from jobs.normalize import normalize_posting
from jobs.sources import ADAPTERS
from jobs.tests.sources.conftest import by_id, parse_fixture

XSS_IMG = "<img src=x onerror=alert(1)>"


def test_remoteok_skips_legal_notice():
    result = parse_fixture("remoteok", "remoteok_api.json")
    rust, designer = result.postings
    assert rust.external_id == "1200001"
    assert rust.title == "Senior Rust Engineer"
    assert rust.company == "Ferrous Labs"
    assert (
        rust.url
        == "https://remoteOK.com/remote-jobs/remote-senior-rust-engineer-ferrous-labs-1200001"
    )
    assert rust.locations == ["Worldwide"]
    assert rust.remote_hint == "remote"
    assert (rust.salary_min, rust.salary_max, rust.salary_currency) == (140000, 180000, "USD")
    assert rust.tags == []  # padded for Remote OK's search pages: not skill hints
    assert designer.title == f"{XSS_IMG} Designer"
    assert designer.salary_min is None and designer.salary_currency is None  # 0 means "not given"
    assert designer.locations == []
    assert result.skipped == [("#3 id=1200003", "missing position (title)")]
    assert ADAPTERS["remoteok"].link_back_required and ADAPTERS["remoteok"].credit


def test_remoteok_tags_are_not_skill_hints():
    payload = json.dumps(
        [
            {"legal": "terms"},
            {
                "id": "9",
                "position": "Store Manager",
                "company": "Corner Shop",
                "description": "<p>Run the shop floor and help the team excel. Excel skills.</p>",
                "tags": ["golang", "infosec", "excel", "c plus plus", "sys admin"],
            },
        ]
    )
    (raw,) = ADAPTERS["remoteok"].parse(payload, {}).postings
    assert raw.tags == [] and raw.raw["tags"][0] == "golang"
    assert normalize_posting(raw).skills == ["Excel"]  # from the text, once, by its own rules


def test_himalayas_placeholder_company_name_falls_back_to_the_slug():
    payload = json.dumps(
        {
            "jobs": [
                {
                    "title": "Inpatient Review Nurse",
                    "companyName": "name",  # what some recorded responses carry
                    "companySlug": "alignment-health",
                    "applicationLink": "https://himalayas.app/companies/alignment-health/jobs/1",
                    "guid": "https://himalayas.app/companies/alignment-health/jobs/1",
                    "locationRestrictions": ["United States"],
                }
            ]
        }
    )
    (posting,) = ADAPTERS["himalayas"].parse(payload, {}).postings
    assert posting.company == "Alignment Health"


def test_remotive_fixture():
    result = parse_fixture("remotive", "remotive_jobs.json")
    dev, support = result.postings
    assert (dev.external_id, dev.title, dev.company) == (
        "2100001",
        "Python Developer",
        "Snake Oil Ltd",
    )
    assert dev.url == "https://remotive.com/remote-jobs/software-dev/python-developer-2100001"
    assert dev.locations == ["Europe"]
    assert dev.salary_text == "€60k - €80k"
    assert dev.salary_min is None  # free text only: the normaliser parses it
    assert dev.employment_type == "full_time"
    assert dev.tags == ["Software Development", "python", "django"]
    assert support.title == "Support <script>alert('x')</script>"
    assert support.salary_text is None
    assert support.tags == ["Customer Service"]
    assert ADAPTERS["remotive"].link_back_required


def test_remotive_accepts_bare_list():
    body = b'[{"id": 1, "title": "T", "company_name": "C", "url": "https://remotive.com/x", "publication_date": "2026-01-01"}]'
    assert [p.external_id for p in ADAPTERS["remotive"].parse(body, {}).postings] == ["1"]


def test_arbeitnow_fixture():
    result = parse_fixture("arbeitnow", "arbeitnow_page.json")
    backend, qa = result.postings
    assert backend.external_id == "backend-entwickler-hamburg-123456"
    assert backend.company == "Hanse Digital GmbH"
    assert backend.locations == ["Hamburg"]
    assert backend.remote_hint is None
    assert backend.employment_type == "Full Time, professional / experienced"
    assert backend.posted_at == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert qa.title == 'QA Engineer "><img src=x onerror=alert(1)>'
    assert qa.remote_hint == "remote"
    assert qa.employment_type is None
    assert result.skipped == [("#2", "missing slug")]


def test_themuse_fixture():
    result = parse_fixture("themuse", "themuse_page.json")
    designer, engineer = result.postings
    assert designer.external_id == "15000001"
    assert designer.company == "Lakeshore Co"
    assert designer.url == "https://www.themuse.com/jobs/lakeshoreco/product-designer-abc123"
    assert designer.locations == ["Chicago, IL", "Flexible / Remote"]
    assert designer.seniority == "Mid Level"
    assert designer.tags == ["Design and UX"]
    assert engineer.title == "<svg/onload=alert(1)>Engineer"
    assert engineer.locations == [] and engineer.description_html is None


def test_jobicy_unescapes_entities_and_reads_salary():
    result = parse_fixture("jobicy", "jobicy_jobs.json")
    devops, writer = result.postings
    assert devops.title == "DevOps Engineer & SRE"
    assert devops.company == "Cloud & Co"
    assert devops.url == "https://jobicy.com/jobs/160001-devops-engineer"
    assert devops.locations == ["EMEA"]
    assert (devops.salary_min, devops.salary_max, devops.salary_currency, devops.salary_period) == (
        90000,
        120000,
        "EUR",
        "yearly",
    )
    assert devops.tags == ["DevOps & Sysadmin"]
    assert writer.title == f"{XSS_IMG} Writer"  # now text; the sanitiser escapes it
    assert writer.salary_min is None and writer.salary_period is None
    assert writer.description_text == "Write."


def test_himalayas_fixture():
    result = parse_fixture("himalayas", "himalayas_jobs.json")
    ml, odd = result.postings
    assert (
        ml.external_id
        == "https://himalayas.app/companies/everest-ai/jobs/machine-learning-engineer"
    )
    assert ml.company == "Everest AI"
    assert ml.locations == ["United States", "Canada"]
    assert (ml.salary_min, ml.salary_max, ml.salary_currency, ml.salary_period) == (
        150000,
        190000,
        "USD",
        "annual",
    )
    assert ml.seniority == "Senior"
    assert ml.expires_at == dt.datetime.fromtimestamp(1772409600, tz=dt.UTC)
    assert odd.title == XSS_IMG
    assert odd.company == "Base Camp"  # empty companyName: from the slug
    assert odd.salary_currency is None


def test_usajobs_fixture():
    result = parse_fixture("usajobs", "usajobs_search.json")
    postings = by_id(result)
    it = postings["800000001"]
    assert it.title == "IT Specialist (INFOSEC)"
    assert it.company == "National Park Service"
    assert it.url == "https://www.usajobs.gov:443/job/800000001"
    assert it.apply_url == "https://www.usajobs.gov:443/job/800000001?apply"
    assert it.locations == ["Denver, Colorado", "Anywhere in the U.S. (remote job)"]
    assert it.remote_hint == "remote"
    assert (it.salary_min, it.salary_max, it.salary_currency, it.salary_period) == (
        98496,
        128043,
        "USD",
        "PA",
    )
    assert it.description_text.startswith("Protect park systems.\n\nMonitor networks")
    assert it.employment_type == "Full-Time"
    assert it.tags == ["Information Technology Management", "Department of the Interior"]
    assert it.expires_at == "2026-02-15"
    ranger = postings["800000002"]
    assert ranger.title == f"Park Ranger {XSS_IMG}"
    assert ranger.locations == ["Yellowstone, Wyoming"]
    assert ranger.salary_min is None and ranger.salary_currency is None
    [(ref, reason)] = result.skipped
    assert ref == "#2" and "MatchedObjectDescriptor" in reason


def test_adzuna_fixture():
    result = parse_fixture("adzuna", "adzuna_search.json", {"country": "gb"})
    python, analyst, bare = result.postings
    assert python.title == "Senior <strong>Python</strong> Developer"  # Adzuna's highlight, kept
    assert python.company == "Thames Tech Ltd"
    assert python.url == "https://www.adzuna.co.uk/jobs/land/ad/4100000001?se=x"
    assert python.locations == ["London, UK"]
    assert python.country_hint == "GB"
    assert (python.salary_min, python.salary_max, python.salary_currency) == (70000, 85000, "GBP")
    assert python.salary_estimated is False
    assert python.employment_type == "full_time, permanent"
    assert analyst.salary_estimated is True  # salary_is_predicted "1"
    assert bare.salary_min is None and bare.salary_currency is None
    assert bare.company is None and bare.locations == []
