"""HTML sources: schema.org JSON-LD pages, LinkedIn guest pages, Indeed pages."""

from __future__ import annotations

import pytest

from jobs.sources import ADAPTERS, ParseError
from jobs.sources.jsonld import extract_job_links, find_job_postings, loads_lenient
from jobs.tests.sources.conftest import by_id, fixture_bytes, parse_fixture

XSS_IMG = "<img src=x onerror=alert(1)>"


def test_jsonld_page():
    result = parse_fixture("jsonld", "jsonld_careers_page.html")
    sre, warehouse = result.postings
    assert sre.external_id == "GW-311"
    assert sre.title == "Site Reliability Engineer"
    assert sre.company == "Granite Works"
    assert sre.url == "https://careers.graniteworks.example/jobs/311-site-reliability-engineer"
    assert sre.locations == ["Calgary, AB, CA", "Canada", "USA"]
    assert sre.remote_hint == "remote"
    assert sre.country_hint == "CA"
    assert (sre.salary_min, sre.salary_max, sre.salary_currency, sre.salary_period) == (
        130000,
        155000,
        "CAD",
        "YEAR",
    )
    assert sre.employment_type == "FULL_TIME, CONTRACTOR"
    assert sre.description_html == "<p>Keep <b>everything</b> up.</p>"  # entity-escaped -> HTML
    assert (sre.posted_at, sre.expires_at) == ("2026-02-01", "2026-04-01T00:00:00Z")
    # second block: trailing comma tolerated, no identifier/url -> page URL + hash id
    assert warehouse.title == f"Warehouse Associate {XSS_IMG}"
    assert warehouse.company == "Granite Works Logistics"
    assert warehouse.url == "https://careers.graniteworks.example/jobs"
    assert len(warehouse.external_id) == 16
    assert warehouse.locations == ["Red Deer, Alberta"]
    assert (warehouse.salary_min, warehouse.salary_max, warehouse.salary_period) == (
        21.5,
        21.5,
        "HOUR",
    )
    reasons = [reason for _, reason in result.skipped]
    assert "JobPosting without title" in reasons
    assert "1 unreadable JSON-LD block(s)" in reasons


def test_jsonld_ids_are_stable():
    first = parse_fixture("jsonld", "jsonld_careers_page.html").postings[1].external_id
    again = parse_fixture("jsonld", "jsonld_careers_page.html").postings[1].external_id
    assert first == again


def test_jsonld_walk_is_depth_capped():
    deep: dict = {"@type": "JobPosting", "title": "Deep"}
    for _ in range(500):
        deep = {"child": deep}
    assert find_job_postings(deep) == []
    assert (
        find_job_postings({"a": [{"b": {"@type": "JobPosting", "title": "x"}}]})[0]["title"] == "x"
    )
    assert loads_lenient("not json at all") is None


def test_jsonld_without_postings_is_a_parse_error():
    with pytest.raises(ParseError, match=r"no schema\.org JobPosting"):
        ADAPTERS["jsonld"].parse(b"<html><body>Hello</body></html>", {})
    with pytest.raises(ParseError, match="expected an HTML page"):
        ADAPTERS["jsonld"].parse(fixture_bytes("lever_postings.json"), {})


def test_extract_job_links():
    page = fixture_bytes("jsonld_careers_page.html").decode()
    links = extract_job_links(page, "https://careers.graniteworks.example/jobs")
    assert links == [
        "https://careers.graniteworks.example/jobs/311-site-reliability-engineer",
        "https://careers.graniteworks.example/jobs/312-warehouse-associate",
        "https://careers.graniteworks.example/careers/positions/a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    ]


def test_linkedin_search_fragment():
    result = parse_fixture("linkedin", "linkedin_search_fragment.html")
    backend, analyst = result.postings
    assert backend.external_id == "4100000001"
    assert backend.title == "Backend Engineer"
    assert backend.company == "Kelp"
    assert backend.url == "https://www.linkedin.com/jobs/view/backend-engineer-at-kelp-4100000001"
    assert backend.locations == ["Dublin, County Dublin, Ireland"]
    assert backend.salary_text == "€70,000.00 - €90,000.00"
    assert backend.posted_at == "2026-02-20"
    assert analyst.title == f"{XSS_IMG} Analyst"  # entity text stays text
    assert analyst.company == "Harbour Finance"
    assert analyst.salary_text is None
    assert result.skipped == [("#2", "no job id")]
    assert ADAPTERS["linkedin"].opt_in


def test_linkedin_job_view_ignores_similar_jobs():
    result = parse_fixture("linkedin", "linkedin_job_view.html")
    [view] = result.postings
    assert view.external_id == "4100000001"
    assert view.title == "Backend Engineer"
    assert view.company == "Kelp"
    assert view.url == "https://ie.linkedin.com/jobs/view/backend-engineer-at-kelp-4100000001"
    assert view.locations == ["Dublin, County Dublin, Ireland"]
    assert view.description_html.strip().startswith("<strong>About us</strong><br>We grow seaweed.")
    assert (view.seniority, view.employment_type) == ("Mid-Senior level", "Full-time")
    assert view.posted_at == "1 week ago"


def test_linkedin_rejects_other_pages():
    with pytest.raises(ParseError, match="no LinkedIn job cards"):
        ADAPTERS["linkedin"].parse(b"<html><body><form class='login'></form></body></html>", {})


def test_indeed_prefers_mosaic_data():
    result = parse_fixture("indeed", "indeed_search_mosaic.html")
    postings = by_id(result)
    assert sorted(postings) == ["aaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaa2"]
    dev = postings["aaaaaaaaaaaaaaa1"]
    assert dev.title == "Python Developer"  # from the JSON, not the HTML card
    assert dev.company == "Maple Bits"
    assert dev.url == "https://ca.indeed.com/viewjob?jk=aaaaaaaaaaaaaaa1"
    assert dev.country_hint == "CA"
    assert dev.locations == ["Toronto, ON"]
    assert (dev.salary_min, dev.salary_max, dev.salary_currency, dev.salary_period) == (
        85000,
        100000,
        "CAD",
        "yearly",
    )
    assert dev.salary_text == "$85,000 - $100,000 a year"
    assert dev.remote_hint == "HYBRID_WORK"
    qa = postings["aaaaaaaaaaaaaaa2"]
    assert qa.title == f"{XSS_IMG} QA"
    assert qa.remote_hint == "remote"
    assert qa.salary_min is None and qa.salary_currency is None
    assert result.skipped == [("#2 id=not-a-key", "malformed jobkey")]


def test_indeed_html_cards_and_host_override():
    result = parse_fixture("indeed", "indeed_search_cards.html")
    junior, tester = result.postings
    assert junior.external_id == "bbbbbbbbbbbbbbb1"
    assert junior.title == "Junior Developer"
    assert junior.company == "Thistle Tech"
    assert junior.locations == ["Glasgow"]
    assert junior.salary_text == "£28,000 - £32,000 a year"
    assert junior.url == "https://uk.indeed.com/viewjob?jk=bbbbbbbbbbbbbbb1"
    assert junior.country_hint == "GB"
    assert tester.title == "<script>x</script> Tester"
    assert tester.company == "Bonnie Bugs"
    assert tester.locations == ["Edinburgh"]
    override = parse_fixture("indeed", "indeed_search_cards.html", {"host": "www.indeed.com"})
    assert override.postings[0].url == "https://www.indeed.com/viewjob?jk=bbbbbbbbbbbbbbb1"


def test_indeed_viewjob_delegates_to_jsonld():
    [posting] = parse_fixture("indeed", "indeed_viewjob.html").postings
    assert posting.source == "indeed"
    assert posting.external_id == "ccccccccccccccc1"  # the jk, so it matches the search card
    assert posting.title == "Cloud Engineer"
    assert posting.company == "Wattle Cloud"
    assert posting.url == "https://au.indeed.com/viewjob?jk=ccccccccccccccc1"  # no tracking
    assert posting.locations == ["Perth, WA, AU"]
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        120000,
        140000,
        "AUD",
    )
    assert posting.description_html == "<p>Run AWS.</p>"


def test_indeed_rejects_other_pages():
    with pytest.raises(ParseError, match="no job cards"):
        ADAPTERS["indeed"].parse(b"<html><body>Access denied</body></html>", {})
