"""Saved-search alerts: recorded once per search after ingestion, shown, pushed, owner-only."""

import asyncio
import datetime as dt

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.urls import reverse
from django.utils import timezone

from careercopilot.realtime import user_group
from jobs.models import IngestRun, Job
from jobs.search import alerts, services
from jobs.search.models import SavedSearchMatch
from jobs.search.tests.factories import JobFactory
from jobs.services import ingest_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _search(user, name="Remote Python", alert="daily", **params):
    return services.saved_search_create(
        user=user, name=name, params=params or {"q": "python"}, alert=alert
    )


def _ingest(source, *raws, capture):
    """One ingestion run, with its on-commit callbacks (the alert task) run eagerly."""
    run = IngestRun.objects.create(source=source)
    with capture(execute=True):
        return ingest_postings(run=run, raw_postings=list(raws), complete=False)


def _recorded(search) -> list[int]:
    return list(SavedSearchMatch.objects.filter(saved_search=search).values_list("job", flat=True))


def _pushed(user, *steps) -> list[list[str]]:
    """Run each step (sync code) and collect what reached the user's websocket group after it.

    One event loop for the whole scenario: a Redis channel layer is bound to the loop it
    first ran on.
    """

    async def drain(layer, channel) -> list[str]:
        received = []
        while True:
            try:
                message = await asyncio.wait_for(layer.receive(channel), timeout=0.5)
            except TimeoutError:
                return received
            received.append(message["html"])

    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(user_group(user.pk), channel)
        seen = []
        for step in steps:
            await sync_to_async(step)()
            seen.append(await drain(layer, channel))
        await layer.group_discard(user_group(user.pk), channel)
        return seen

    return async_to_sync(scenario)()


# --- recording after ingestion ----------------------------------------------------------------


def test_a_new_job_is_recorded_once_per_search_across_two_ingestions(
    user, other_user, celery_eager, django_capture_on_commit_callbacks
):
    mine, theirs = _search(user), _search(other_user)
    source = JobSourceFactory()
    _ingest(source, raw_posting(1), capture=django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert _recorded(mine) == [job.pk] and _recorded(theirs) == [job.pk]
    mine.refresh_from_db()
    assert mine.last_alerted_at is not None

    # Listed again, then changed: the same job, never a second record.
    _ingest(source, raw_posting(1), capture=django_capture_on_commit_callbacks)
    changed = raw_posting(1, description_html="<p>Python and Rust, now remote.</p>")
    _ingest(source, changed, capture=django_capture_on_commit_callbacks)
    assert alerts.record_alert_matches(job_ids=[job.pk]) == 0
    assert SavedSearchMatch.objects.count() == 2
    assert SavedSearchMatch.objects.for_user(user).get().job_id == job.pk


def test_only_new_matching_jobs_are_recorded(
    user, celery_eager, django_capture_on_commit_callbacks
):
    search = _search(user, q="rust")
    source = JobSourceFactory()
    _ingest(source, raw_posting(1), capture=django_capture_on_commit_callbacks)
    assert _recorded(search) == []  # no "rust" in it

    # An old job edited to match is not a new job.
    Job.objects.update(first_seen_at=timezone.now() - dt.timedelta(days=3))
    changed = raw_posting(1, description_html="<p>Rust and Python.</p>")
    rust = raw_posting(2, description_html="<p>Rust services.</p>")
    _ingest(source, changed, rust, capture=django_capture_on_commit_callbacks)
    assert _recorded(search) == [Job.objects.get(external_id="ext-2").pk]


def test_searches_with_alerts_off_record_nothing(user):
    off = _search(user, alert="off")
    job = JobFactory(description_text="Python all day.")
    assert alerts.record_alert_matches(job_ids=[job.pk]) == 0
    assert _recorded(off) == []
    off.refresh_from_db()
    assert off.last_alerted_at is None


def test_each_users_hidden_jobs_and_companies_are_left_out(user, other_user):
    mine, theirs = _search(user), _search(other_user)
    hidden = JobFactory(description_text="Python here.")
    company_hidden = JobFactory(description_text="Python there.")
    services.job_interaction_set(user=user, job_id=hidden.pk, kind="hidden")
    services.job_interaction_set(user=user, job_id=company_hidden.pk, kind="not_this_company")

    alerts.record_alert_matches(job_ids=[hidden.pk, company_hidden.pk])

    assert _recorded(mine) == []
    assert sorted(_recorded(theirs)) == sorted([hidden.pk, company_hidden.pk])


def test_matches_follow_the_list_page_filters(user):
    search = _search(user, q="python", remote=["remote"], seniority=["senior"])
    wanted = JobFactory(description_text="Python.", remote_type="remote", seniority="senior")
    JobFactory(description_text="Python.", remote_type="hybrid", seniority="senior")
    JobFactory(description_text="Python.", remote_type="remote", seniority="junior")
    JobFactory(
        description_text="Python.", remote_type="remote", seniority="senior", is_active=False
    )
    JobFactory(description_text="Java.", skills=["Java"], remote_type="remote", seniority="senior")

    alerts.record_alert_matches(job_ids=Job.objects.values_list("pk", flat=True))

    assert _recorded(search) == [wanted.pk]
    listed = services.job_search(user=user, params=search.params)
    assert [j.pk for j in listed.page.object_list] == [wanted.pk]


def test_only_the_given_jobs_are_considered(user):
    search = _search(user)
    given, _other = JobFactory(description_text="Python."), JobFactory(description_text="Python.")
    alerts.record_alert_matches(job_ids=[given.pk])
    assert _recorded(search) == [given.pk]


def test_a_duplicate_from_another_board_is_not_recorded(
    user, celery_eager, django_capture_on_commit_callbacks
):
    search = _search(user, q="backend")
    board_a, board_b = JobSourceFactory(name="Board A"), JobSourceFactory(name="Board B")
    _ingest(board_a, raw_posting(1, external_id="a-1"), capture=django_capture_on_commit_callbacks)
    copy = raw_posting(1, external_id="b-1", url="https://b.example.com/jobs/b-1")
    _ingest(board_b, copy, capture=django_capture_on_commit_callbacks)

    first, second = Job.objects.get(external_id="a-1"), Job.objects.get(external_id="b-1")
    assert second.canonical_id == first.pk  # dedup grouped them
    assert _recorded(search) == [first.pk]


def test_a_new_canonical_of_a_recorded_job_is_not_recorded_again(user):
    search = _search(user)
    old = JobFactory(description_text="Python.")
    alerts.record_alert_matches(job_ids=[old.pk])
    # A richer posting of the same job arrives and dedup makes it the group's canonical.
    richer = JobFactory(description_text="Python, with salary.")
    Job.objects.filter(pk=old.pk).update(canonical=richer, is_canonical=False)

    assert alerts.record_alert_matches(job_ids=[richer.pk, old.pk]) == 0
    assert _recorded(search) == [old.pk]


def test_a_new_posting_of_a_job_seen_before_the_run_is_not_new(user):
    search = _search(user)
    run_start = timezone.now()
    old = JobFactory(description_text="Python.", first_seen_at=run_start - dt.timedelta(days=5))
    copy = JobFactory(description_text="Python, richer.")
    Job.objects.filter(pk=old.pk).update(canonical=copy, is_canonical=False)
    fresh = JobFactory(description_text="Python, brand new.")

    alerts.record_alert_matches(job_ids=[copy.pk, fresh.pk], since=run_start)

    assert _recorded(search) == [fresh.pk]


def test_an_ingest_run_survives_a_failing_alert(
    user, monkeypatch, celery_eager, django_capture_on_commit_callbacks
):
    _search(user)

    def broken(**kwargs):
        raise RuntimeError("alerts are down")

    monkeypatch.setattr(alerts, "record_alert_matches", broken)
    run = _ingest(JobSourceFactory(), raw_posting(1), capture=django_capture_on_commit_callbacks)
    assert run.status == IngestRun.Status.PARTIAL and run.new == 1
    assert Job.objects.count() == 1


# --- realtime ---------------------------------------------------------------------------------


def test_an_instant_search_pushes_a_toast_after_commit(user, django_capture_on_commit_callbacks):
    instant = _search(user, name="Remote <Python>", alert="instant")
    jobs = [JobFactory(description_text="Python."), JobFactory(description_text="Python!")]
    callbacks = []

    def record():
        with django_capture_on_commit_callbacks() as captured:
            alerts.record_alert_matches(job_ids=[j.pk for j in jobs])
        callbacks.extend(captured)

    def commit():
        for callback in callbacks:
            callback()

    before_commit, after_commit = _pushed(user, record, commit)

    assert before_commit == []
    [html] = after_commit
    assert 'hx-swap-oob="beforeend"' in html
    assert "2 new jobs for Remote &lt;Python&gt;" in html
    assert reverse("jobs:saved_search_matches", args=[instant.pk]) in html


def test_a_daily_search_records_without_pushing(user, django_capture_on_commit_callbacks):
    daily = _search(user, alert="daily")
    job = JobFactory(description_text="Python.")

    def record():
        with django_capture_on_commit_callbacks(execute=True):
            alerts.record_alert_matches(job_ids=[job.pk])

    assert _pushed(user, record) == [[]]
    assert _recorded(daily) == [job.pk]


# --- dashboard, saved-searches page, matches page ---------------------------------------------


def _recorded_search(user, n=3, name="Remote Python"):
    search = _search(user, name=name)
    jobs = [JobFactory(title=f"Python job {i}", description_text="Python.") for i in range(n)]
    alerts.record_alert_matches(job_ids=[j.pk for j in jobs])
    return search, jobs


def test_the_dashboard_shows_new_jobs_per_search_until_they_are_seen(user_client, user):
    search, _jobs = _recorded_search(user)
    _search(user, name="Quiet", alert="daily", q="cobol")
    page = user_client.get(reverse("dashboard")).content.decode()
    assert "3 new jobs for Remote Python" in page
    assert reverse("jobs:saved_search_matches", args=[search.pk]) in page
    assert "Quiet" not in page

    user_client.get(reverse("jobs:saved_search_matches", args=[search.pk]))
    page = user_client.get(reverse("dashboard")).content.decode()
    assert "new jobs for Remote Python" not in page


def test_the_matches_page_lists_the_jobs_and_marks_them_seen(user_client, user):
    search, jobs = _recorded_search(user, n=2)
    url = reverse("jobs:saved_search_matches", args=[search.pk])
    first = user_client.get(url).content.decode()
    assert all(job.title in first for job in jobs)
    assert first.count(">New</span>") == 2
    assert not SavedSearchMatch.objects.filter(seen_at=None).exists()
    again = user_client.get(url).content.decode()
    assert ">New</span>" not in again and jobs[0].title in again


def test_the_saved_searches_page_counts_new_jobs_and_marks_them_seen(user_client, user):
    search, _jobs = _recorded_search(user)
    page = user_client.get(reverse("jobs:saved_searches")).content.decode()
    assert "3 new jobs" in page and "Mark seen" in page

    url = reverse("jobs:saved_search_mark_seen", args=[search.pk])
    fragment = user_client.post(url, **HX)
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert 'id="saved-list"' in body and "3 new jobs" not in body and "<html" not in body
    assert "Marked" in fragment["HX-Trigger"]
    assert not SavedSearchMatch.objects.filter(seen_at=None).exists()

    no_js = user_client.post(url)
    assert no_js.status_code == 302 and no_js["Location"] == reverse("jobs:saved_searches")


def test_another_user_gets_404_on_a_searchs_matches(client, user, other_user):
    search, _jobs = _recorded_search(user)
    client.force_login(other_user)
    assert client.get(reverse("jobs:saved_search_matches", args=[search.pk])).status_code == 404
    assert client.post(reverse("jobs:saved_search_mark_seen", args=[search.pk])).status_code == 404
    assert SavedSearchMatch.objects.filter(seen_at=None).count() == 3
    assert "Remote Python" not in client.get(reverse("dashboard")).content.decode()


def test_mark_seen_is_post_only(user_client, user):
    search, _jobs = _recorded_search(user)
    url = reverse("jobs:saved_search_mark_seen", args=[search.pk])
    assert user_client.get(url).status_code == 405


# --- API --------------------------------------------------------------------------------------


def test_api_counts_new_matches_and_lists_them(user_api, user):
    search, jobs = _recorded_search(user, n=2)
    listed = user_api.get("/api/v1/saved-searches/").json()["results"]
    assert [(s["name"], s["new_matches"]) for s in listed] == [("Remote Python", 2)]
    assert user_api.get(f"/api/v1/saved-searches/{search.pk}/").json()["new_matches"] == 2

    body = user_api.get(f"/api/v1/saved-searches/{search.pk}/matches/?page_size=1").json()
    assert (body["count"], body["pages"], len(body["results"])) == (2, 2, 1)
    assert body["results"][0]["job"]["id"] in {j.pk for j in jobs}
    assert body["results"][0]["seen_at"] is None
    assert "description_html" not in body["results"][0]["job"]

    # new_matches is read-only; reading the matches marks nothing seen.
    user_api.patch(f"/api/v1/saved-searches/{search.pk}/", {"new_matches": 0})
    assert user_api.get(f"/api/v1/saved-searches/{search.pk}/").json()["new_matches"] == 2


def test_api_another_user_gets_404_on_a_searchs_matches(user, other_api):
    search, _jobs = _recorded_search(user)
    assert other_api.get(f"/api/v1/saved-searches/{search.pk}/matches/").status_code == 404
    assert other_api.get("/api/v1/saved-searches/").json()["results"] == []


def test_api_schema_documents_the_matches_endpoint(user_api):
    schema = user_api.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/saved-searches/{id}/matches/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("PaginatedSavedSearchMatchList")


def test_a_saved_search_can_be_deleted_with_its_matches(user):
    search, _jobs = _recorded_search(user)
    services.saved_search_delete(user=user, saved_search_id=search.pk)
    assert not SavedSearchMatch.objects.exists()
