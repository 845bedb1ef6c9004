"""Job page actions that reach other parts: apply/track and 'not the same job'."""

import pytest
from django.test import Client

from applications.models import Application
from jobs.models import IngestRun, Job
from jobs.services import ingest_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db


def _ingest(source, *raws):
    run = IngestRun.objects.create(source=source)
    return ingest_postings(run=run, raw_postings=list(raws), complete=True, deactivate=False)


@pytest.fixture
def grouped():
    """The same posting from two boards, grouped by dedup during ingestion."""
    a, b = JobSourceFactory(name="Board A"), JobSourceFactory(name="Board B")
    _ingest(a, raw_posting(1))
    _ingest(b, raw_posting(1, external_id="other-1", url="https://jobs.example.com/acme/1"))
    canonical = Job.objects.get(is_canonical=True)
    duplicate = Job.objects.get(is_canonical=False)
    assert duplicate.canonical_id == canonical.pk
    return canonical, duplicate, b


def test_job_page_lists_the_other_board_and_offers_apply(user_client, grouped):
    canonical, duplicate, _ = grouped
    body = user_client.get(f"/jobs/{canonical.pk}/").content.decode()
    assert "Also on" in body
    assert f"/jobs/{canonical.pk}/not-duplicate/{duplicate.pk}/" in body
    assert "Apply / track this job" in body


def test_job_page_shows_already_applied_after_applying(user_client, user, grouped):
    canonical, duplicate, _ = grouped
    user_client.post(f"/applications/apply/{canonical.pk}/")
    body = user_client.get(f"/jobs/{duplicate.pk}/").content.decode()
    assert "Already applied" in body
    assert Application.objects.for_user(user).get().get_absolute_url() in body


def test_not_the_same_job_splits_the_group_and_the_split_sticks(user_client, grouped):
    canonical, duplicate, board_b = grouped
    response = user_client.post(f"/jobs/{canonical.pk}/not-duplicate/{duplicate.pk}/")
    assert response.status_code == 302
    assert Job.objects.filter(is_canonical=True).count() == 2
    _ingest(board_b, raw_posting(1, external_id="other-1", url="https://jobs.example.com/acme/1"))
    assert Job.objects.filter(is_canonical=True).count() == 2
    assert "Also on" not in user_client.get(f"/jobs/{canonical.pk}/").content.decode()


def test_not_the_same_job_needs_login_and_a_real_job(user_client, grouped):
    canonical, duplicate, _ = grouped
    assert Client().post(f"/jobs/{canonical.pk}/not-duplicate/{duplicate.pk}/").status_code == 302
    assert Job.objects.filter(is_canonical=True).count() == 1
    assert user_client.post(f"/jobs/{canonical.pk}/not-duplicate/999999/").status_code == 404
    assert user_client.get(f"/jobs/{canonical.pk}/not-duplicate/{duplicate.pk}/").status_code == 405
