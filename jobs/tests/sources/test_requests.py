"""Request builders (``build_requests``) and pagination (``next_page``) for every kind."""

from __future__ import annotations

import json

import pytest

from jobs.sources import ADAPTERS, ConfigError
from jobs.sources.adzuna import build_requests as adzuna_requests
from jobs.sources.adzuna import next_page as adzuna_next
from jobs.sources.usajobs import build_requests as usajobs_requests
from jobs.sources.usajobs import next_page as usajobs_next
from jobs.tests.sources.conftest import fixture_bytes


def only(kind: str, config: dict) -> dict:
    [request] = ADAPTERS[kind].build_requests(config)
    assert set(request) == {"url", "method", "headers", "body"}
    return request


@pytest.mark.parametrize(
    ("kind", "config", "url"),
    [
        (
            "greenhouse",
            {"board_token": "acmeco"},
            "https://boards-api.greenhouse.io/v1/boards/acmeco/jobs?content=true",
        ),
        ("lever", {"company": "leverdemo"}, "https://api.lever.co/v0/postings/leverdemo?mode=json"),
        (
            "lever",
            {"company": "acme", "region": "eu"},
            "https://api.eu.lever.co/v0/postings/acme?mode=json",
        ),
        (
            "ashby",
            {"board": "notion"},
            "https://api.ashbyhq.com/posting-api/job-board/notion?includeCompensation=true",
        ),
        (
            "workable",
            {"account": "huggingface"},
            "https://apply.workable.com/api/v1/widget/accounts/huggingface?details=true",
        ),
        (
            "smartrecruiters",
            {"company": "AutomationAnywhere1"},
            "https://api.smartrecruiters.com/v1/companies/AutomationAnywhere1/postings?limit=100&offset=0",
        ),
        (
            "recruitee",
            {"company": "TulipSystems"},
            "https://tulipsystems.recruitee.com/api/offers/",
        ),
        ("personio", {"company": "alpenblick"}, "https://alpenblick.jobs.personio.de/xml"),
        ("remoteok", {}, "https://remoteok.com/api"),
        ("remoteok", {"tag": "python"}, "https://remoteok.com/api?tag=python"),
        (
            "remotive",
            {"search": "django dev"},
            "https://remotive.com/api/remote-jobs?search=django+dev",
        ),
        ("arbeitnow", {}, "https://www.arbeitnow.com/api/job-board-api"),
        (
            "themuse",
            {"location": "Chicago, IL"},
            "https://www.themuse.com/api/public/jobs?page=0&location=Chicago%2C+IL",
        ),
        (
            "jobicy",
            {"keywords": "python"},
            "https://jobicy.com/api/v2/remote-jobs?count=50&tag=python",
        ),
        ("himalayas", {}, "https://himalayas.app/jobs/api?limit=20&offset=0"),
        (
            "hn_whoishiring",
            {},
            "https://hn.algolia.com/api/v1/search_by_date?tags=story%2Cauthor_whoishiring&hitsPerPage=30",
        ),
        (
            "hn_whoishiring",
            {"story_id": "47000000"},
            "https://hn.algolia.com/api/v1/items/47000000",
        ),
        (
            "hn_whoishiring",
            {"story_id": "47000000", "use_search": True},
            "https://hn.algolia.com/api/v1/search_by_date?tags=comment%2Cstory_47000000&hitsPerPage=1000&page=0",
        ),
        ("jsonld", {"url": "https://careers.example.com/jobs"}, "https://careers.example.com/jobs"),
        (
            "linkedin",
            {"keywords": "python", "location": "Dublin"},
            "https://www.linkedin.com/jobs-guest/jobs/api/seeMoreJobPostings/search?keywords=python&location=Dublin&start=0",
        ),
        (
            "indeed",
            {"keywords": "python", "location": "Toronto", "host": "ca.indeed.com"},
            "https://ca.indeed.com/jobs?q=python&l=Toronto&start=0",
        ),
    ],
)
def test_get_request_urls(kind, config, url):
    request = only(kind, config)
    assert request["url"] == url
    assert request["method"] == "GET" and request["body"] is None


def test_workday_post_body():
    config = {
        "host": "https://saputo.wd5.myworkdayjobs.com/",
        "tenant": "saputo",
        "site": "Saputo_External_Careers",
        "keywords": "quality",
    }
    request = only("workday", config)
    assert request["method"] == "POST"
    assert (
        request["url"]
        == "https://saputo.wd5.myworkdayjobs.com/wday/cxs/saputo/Saputo_External_Careers/jobs"
    )
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "appliedFacets": {},
        "limit": 20,
        "offset": 0,
        "searchText": "quality",
    }


def test_keyed_sources_read_env_names_from_config():
    env = {
        "MY_ID": "id1",
        "MY_KEY": "k&y",
        "USAJOBS_API_KEY": "secret",
        "USAJOBS_USER_AGENT_EMAIL": "me@example.com",
    }
    [adzuna] = adzuna_requests(
        {
            "country": "GB",
            "keywords": "python",
            "location": "London",
            "app_id_env": "MY_ID",
            "app_key_env": "MY_KEY",
        },
        env=env,
    )
    assert adzuna["url"] == (
        "https://api.adzuna.com/v1/api/jobs/gb/search/1?app_id=id1&app_key=k%26y&results_per_page=50"
        "&what=python&where=London&content-type=application%2Fjson"
    )
    [usajobs] = usajobs_requests({"keywords": "data"}, env=env)
    assert (
        usajobs["url"]
        == "https://data.usajobs.gov/api/search?Keyword=data&ResultsPerPage=250&Page=1"
    )
    assert usajobs["headers"]["Authorization-Key"] == "secret"
    assert usajobs["headers"]["User-Agent"] == "me@example.com"
    assert usajobs["headers"]["Host"] == "data.usajobs.gov"
    with pytest.raises(ConfigError, match="USAJOBS_API_KEY"):
        usajobs_requests({}, env={"USAJOBS_USER_AGENT_EMAIL": "me@example.com"})
    with pytest.raises(ConfigError, match="ADZUNA_APP_ID"):
        adzuna_requests({}, env={})
    with pytest.raises(ConfigError, match="unsupported country"):
        adzuna_requests({"country": "zz"}, env={"ADZUNA_APP_ID": "a", "ADZUNA_APP_KEY": "b"})


@pytest.mark.parametrize(
    ("kind", "config"),
    [
        ("greenhouse", {}),
        ("greenhouse", {"board_token": "../admin"}),
        ("lever", {"company": "a/b"}),
        ("ashby", {"board": "x?y=1"}),
        ("workday", {"host": "not a host", "tenant": "t", "site": "s"}),
        ("workday", {"host": "a.myworkdayjobs.com", "tenant": "t"}),
        ("jsonld", {"url": "ftp://example.com"}),
        ("personio", {}),
    ],
)
def test_bad_config_raises_config_error(kind, config):
    with pytest.raises(ConfigError):
        ADAPTERS[kind].build_requests(config)


@pytest.mark.parametrize(
    "kind",
    [
        "greenhouse",
        "lever",
        "ashby",
        "workable",
        "recruitee",
        "personio",
        "remoteok",
        "remotive",
        "jobicy",
        "jsonld",
    ],
)
def test_single_response_sources_do_not_paginate(kind):
    assert ADAPTERS[kind].next_page({}, b"{}", 1) is None


def test_smartrecruiters_pagination():
    config = {"company": "BoreasMotors"}
    page1 = fixture_bytes("smartrecruiters_postings.json")  # offset 0, limit 2, totalFound 3
    following = ADAPTERS["smartrecruiters"].next_page(config, page1, 1)
    assert following["url"].endswith("/companies/BoreasMotors/postings?limit=2&offset=2")
    last = json.dumps({"offset": 2, "limit": 2, "totalFound": 3, "content": [{"id": "1"}]})
    assert ADAPTERS["smartrecruiters"].next_page(config, last, 2) is None
    no_offsets = json.dumps({"totalFound": 250, "content": [{"id": "1"}]})  # as in the real sample
    assert (
        ADAPTERS["smartrecruiters"].next_page(config, no_offsets, 1)["url"].endswith("offset=100")
    )
    assert ADAPTERS["smartrecruiters"].next_page(config, no_offsets, 3) is None


def test_workday_pagination():
    config = {"host": "a.wd1.myworkdayjobs.com", "tenant": "a", "site": "Ext"}
    full = {
        "total": 45,
        "jobPostings": [{"title": "t", "externalPath": f"/job/{i}"} for i in range(20)],
    }
    nxt = ADAPTERS["workday"].next_page(config, json.dumps(full), 1)
    assert json.loads(nxt["body"])["offset"] == 20
    assert (
        json.loads(ADAPTERS["workday"].next_page(config, json.dumps(full), 2)["body"])["offset"]
        == 40
    )
    assert ADAPTERS["workday"].next_page(config, json.dumps(full), 3) is None  # 60 >= 45
    later = {**full, "total": 0}  # Workday says 0 after the first page
    assert ADAPTERS["workday"].next_page(config, json.dumps(later), 2) is not None
    short = {"total": 0, "jobPostings": full["jobPostings"][:5]}
    assert ADAPTERS["workday"].next_page(config, json.dumps(short), 3) is None


def test_arbeitnow_follows_links_next_only_on_site():
    page = fixture_bytes("arbeitnow_page.json")
    assert (
        ADAPTERS["arbeitnow"].next_page({}, page, 1)["url"]
        == "https://www.arbeitnow.com/api/job-board-api?page=2"
    )
    evil = json.loads(page)
    evil["links"]["next"] = "https://evil.example/steal"
    assert ADAPTERS["arbeitnow"].next_page({}, json.dumps(evil), 1) is None
    evil["links"]["next"] = None
    assert ADAPTERS["arbeitnow"].next_page({}, json.dumps(evil), 1) is None
    assert ADAPTERS["arbeitnow"].next_page({"max_pages": 1}, page, 1) is None


def test_themuse_and_himalayas_pagination():
    muse = fixture_bytes("themuse_page.json")  # page 0 of 3
    assert (
        ADAPTERS["themuse"].next_page({}, muse, 1)["url"]
        == "https://www.themuse.com/api/public/jobs?page=1"
    )
    last = json.dumps({**json.loads(muse), "page": 2})
    assert ADAPTERS["themuse"].next_page({}, last, 3) is None
    hima = fixture_bytes("himalayas_jobs.json")  # offset 0, limit 2, totalCount 5
    assert (
        ADAPTERS["himalayas"].next_page({}, hima, 1)["url"]
        == "https://himalayas.app/jobs/api?limit=2&offset=2"
    )
    end = json.dumps({**json.loads(hima), "offset": 4})
    assert ADAPTERS["himalayas"].next_page({}, end, 3) is None


def test_keyed_pagination():
    env = {
        "ADZUNA_APP_ID": "a",
        "ADZUNA_APP_KEY": "b",
        "USAJOBS_API_KEY": "k",
        "USAJOBS_USER_AGENT_EMAIL": "e@x.org",
    }
    adz = fixture_bytes("adzuna_search.json")  # count 120, 50 per page
    assert "/search/2?" in adzuna_next({"country": "gb"}, adz, 1, env=env)["url"]
    assert "/search/3?" in adzuna_next({"country": "gb"}, adz, 2, env=env)["url"]
    assert adzuna_next({"country": "gb"}, adz, 3, env=env) is None
    usa = fixture_bytes("usajobs_search.json")  # NumberOfPages 2
    assert usajobs_next({}, usa, 1, env=env)["url"].endswith("&Page=2")
    assert usajobs_next({}, usa, 2, env=env) is None


def test_hn_story_listing_leads_to_the_thread():
    hn = ADAPTERS["hn_whoishiring"]
    stories = fixture_bytes("hn_stories.json")
    assert hn.next_page({}, stories, 1)["url"] == "https://hn.algolia.com/api/v1/items/47000000"
    assert hn.next_page({"month": "February 2026"}, stories, 1)["url"].endswith("/items/46500000")
    comments = fixture_bytes("hn_search_comments.json")  # page 0 of 2
    assert hn.next_page({}, comments, 2)["url"].endswith(
        "tags=comment%2Cstory_47000000&hitsPerPage=1000&page=1"
    )
    assert hn.next_page({}, fixture_bytes("hn_items_story.json"), 2) is None


def test_html_search_pagination():
    cards = fixture_bytes("linkedin_search_fragment.html")  # 3 cards
    nxt = ADAPTERS["linkedin"].next_page({"keywords": "python"}, cards, 1)
    assert nxt["url"].endswith("keywords=python&start=3")
    assert ADAPTERS["linkedin"].next_page({}, b"<html></html>", 1) is None
    indeed = fixture_bytes("indeed_search_cards.html")
    assert (
        ADAPTERS["indeed"].next_page({"keywords": "dev"}, indeed, 1)["url"]
        == "https://www.indeed.com/jobs?q=dev&start=10"
    )
    assert ADAPTERS["indeed"].next_page({}, b"<html>blocked</html>", 1) is None
    assert ADAPTERS["indeed"].next_page({"max_pages": 1}, indeed, 1) is None
