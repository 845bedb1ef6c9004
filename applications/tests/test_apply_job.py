import pytest

from applications import services
from applications.models import Application
from jobs.models import Job
from jobs.normalize import normalize_posting
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def job():
    source = JobSourceFactory()
    store_postings(source=source, postings=[normalize_posting(raw_posting(1))])
    return Job.objects.get()


@pytest.fixture
def duplicate(job):
    other = JobSourceFactory(name="Other board")
    store_postings(source=other, postings=[normalize_posting(raw_posting(1))])
    dup = Job.objects.exclude(pk=job.pk).get()
    Job.objects.filter(pk=dup.pk).update(canonical=job, is_canonical=False)
    dup.refresh_from_db()
    return dup


def test_applying_from_a_job_copies_a_snapshot_and_links_the_job(user, job):
    application = services.application_apply_to_job(user=user, job_id=job.pk)
    assert application.job == job
    assert application.title == job.title
    assert application.company == job.company_name
    assert application.status == "saved"
    assert application.status_changes.count() == 1


def test_a_second_attempt_says_already_applied_and_links_to_it(user_client, user, job):
    first = user_client.post(f"/applications/apply/{job.pk}/", **HTMX)
    assert first.status_code == 201
    second = user_client.post(f"/applications/apply/{job.pk}/", **HTMX)
    assert second.status_code == 409
    body = second.content.decode()
    application = Application.objects.for_user(user).get()
    assert "already applied" in body.lower()
    assert application.get_absolute_url() in body
    assert Application.objects.for_user(user).count() == 1


def test_applying_to_a_duplicate_counts_as_the_canonical_job(user, job, duplicate):
    services.application_apply_to_job(user=user, job_id=job.pk)
    with pytest.raises(services.AlreadyApplied):
        services.application_apply_to_job(user=user, job_id=duplicate.pk)


def test_the_application_survives_the_job_going_away(user, job):
    application = services.application_apply_to_job(user=user, job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(is_active=False)
    job.delete()
    application.refresh_from_db()
    assert application.job is None
    assert application.title.startswith("Senior Backend Engineer")


def test_two_users_may_each_apply_to_the_same_job(user, other_user, job):
    services.application_apply_to_job(user=user, job_id=job.pk)
    services.application_apply_to_job(user=other_user, job_id=job.pk)
    assert Application.objects.count() == 2


def test_an_unknown_job_is_404(user_client):
    assert user_client.post("/applications/apply/999999/").status_code == 404


def test_without_htmx_it_redirects_to_the_application(user_client, user, job):
    response = user_client.post(f"/applications/apply/{job.pk}/")
    assert response.status_code == 302
    assert response["Location"] == Application.objects.for_user(user).get().get_absolute_url()


def test_api_apply_to_job_then_conflict(user_api, user, job):
    created = user_api.post("/api/v1/applications/apply-to-job/", {"job": job.pk}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["job"] == job.pk
    again = user_api.post("/api/v1/applications/apply-to-job/", {"job": job.pk}, format="json")
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "already_applied"
    assert "already applied" in error["message"].lower()
    assert error["fields"]["application"] == [str(created.json()["id"])]


def test_api_apply_to_unknown_job_is_a_field_error(user_api):
    response = user_api.post("/api/v1/applications/apply-to-job/", {"job": 424242}, format="json")
    assert response.status_code == 400
    assert "job" in response.json()["error"]["fields"]
