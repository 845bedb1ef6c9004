import re

import pytest

from accounts.services import profile_update
from jobs.models import IngestRun, JobSource

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def searchable(monkeypatch, celery_eager):
    """One enabled search-capable source, fetched by a fake that records the search terms."""
    JobSource.objects.create(name="Remotive", kind="remotive", config={})
    JobSource.objects.create(name="GitLab", kind="greenhouse", config={"board_token": "gitlab"})
    seen = []

    def fake_fetch(*, kind, config, **options):
        from jobs.fetching import FetchResult

        seen.append((kind, dict(config)))
        return FetchResult(postings=[], skipped=[], errors=[], pages=1, complete=True)

    monkeypatch.setattr("jobs.fetching.fetch_source", fake_fetch)
    return seen


def test_find_now_searches_search_capable_sources_with_profile_terms(
    user_client, user, searchable, django_capture_on_commit_callbacks
):
    profile_update(
        user=user,
        data={
            "target_titles": ["Data Engineer"],
            "preferred_locations": [{"city": "Berlin", "country": "DE"}],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post("/jobs/find-now/", **HTMX)
    assert response.status_code == 202
    assert "Searching" in response.content.decode() or "Done" in response.content.decode()
    assert [kind for kind, _ in searchable] == ["remotive"]  # greenhouse cannot search
    config = searchable[0][1]
    assert (config["keywords"], config["location"], config["country"]) == (
        "Data Engineer",
        "Berlin",
        "de",
    )
    run = IngestRun.objects.get()
    assert (run.trigger, run.requested_by, run.deactivated) == ("user", user, 0)


def test_find_now_is_rate_limited_per_user(
    user_client, user, searchable, django_capture_on_commit_callbacks
):
    profile_update(user=user, data={"target_titles": ["Designer"]})
    with django_capture_on_commit_callbacks(execute=True):
        assert user_client.post("/jobs/find-now/", **HTMX).status_code == 202
    again = user_client.post("/jobs/find-now/", **HTMX)
    assert again.status_code == 429
    assert int(again["Retry-After"]) > 0
    assert "try again" in again.content.decode()
    assert IngestRun.objects.count() == 1


def test_find_now_without_a_target_title_explains_what_to_do(user_client, searchable):
    response = user_client.post("/jobs/find-now/", **HTMX)
    assert response.status_code == 400
    assert "target title" in response.content.decode()
    assert searchable == []


def test_find_now_needs_login(client):
    response = client.post("/jobs/find-now/")
    assert response.status_code == 302


def test_the_dashboard_offers_the_button(user_client):
    assert "Find jobs now" in user_client.get("/").content.decode()


def test_find_now_shows_new_jobs_as_each_batch_is_stored(
    user_client, user, monkeypatch, celery_eager, django_capture_on_commit_callbacks
):
    from jobs.fetching import FetchResult
    from jobs.types import RawPosting

    JobSource.objects.create(name="Remotive", kind="remotive", config={})
    JobSource.objects.create(name="Jobicy", kind="jobicy", config={})

    def fake_fetch(*, kind, config, on_postings, **options):
        for page in (1, 2):  # two pages, handed over as a crawl would
            on_postings(
                [
                    RawPosting(
                        source=kind,
                        external_id=f"{kind}-{page}-{i}",
                        title=f"Data Engineer {page}-{i}",
                        company="Acme",
                        url=f"https://example.com/{kind}/{page}/{i}",
                    )
                    for i in range(page)
                ],
                [],
            )
        return FetchResult(pages=2, complete=True)

    monkeypatch.setattr("jobs.fetching.fetch_source", fake_fetch)
    pushed = []
    monkeypatch.setattr(
        "careercopilot.realtime.send_to_user", lambda user_id, html: pushed.append(html)
    )
    profile_update(user=user, data={"target_titles": ["Data Engineer"]})
    with django_capture_on_commit_callbacks(execute=True):
        assert user_client.post("/jobs/find-now/", **HTMX).status_code == 202

    lines = [re.search(r"Searching[^<]*|Searched[^<]*", html).group() for html in pushed]
    assert lines == [  # sources in name order, each page's new jobs as it is stored
        "Searching for “Data Engineer”: 0 of 2 sources done (now Jobicy), 1 new job so far…",
        "Searching for “Data Engineer”: 0 of 2 sources done (now Jobicy), 3 new jobs so far…",
        "Searching for “Data Engineer”: 1 of 2 sources done, 3 new jobs so far…",
        "Searching for “Data Engineer”: 1 of 2 sources done (now Remotive), 4 new jobs so far…",
        "Searching for “Data Engineer”: 1 of 2 sources done (now Remotive), 6 new jobs so far…",
        "Searched 2 sources for “Data Engineer”: 6 new jobs.",
    ]
