"""Adding a job by hand: private to its owner, deduplicated against the catalogue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careercopilot.safe_fetch import Policy
from jobs import manual
from jobs.dedup.services import dedup_jobs, dedup_rebuild
from jobs.models import Job, JobSource
from jobs.normalize import normalize_posting
from jobs.sources.manual import MANUAL_KIND
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Orbital Freight builds the software that schedules cargo launches for small satellite "
    "operators. As a platform engineer you will own the booking service, written in Python "
    "and Django on PostgreSQL, and the event pipeline that tracks every payload from "
    "integration to orbit. You will design APIs used by forty customers, improve our "
    "deployment tooling on Kubernetes, mentor two junior engineers and take part in an "
    "on-call rotation of one week in six. We value careful code review, written design "
    "documents and measuring before optimising. Salary €80,000 – €95,000 per year."
)
FORM = {
    "title": "Platform Engineer",
    "company": "Orbital Freight GmbH",
    "url": "https://orbital.example/careers/platform-engineer",
    "location": "Munich, Germany",
    "remote_type": "hybrid",
    "employment_type": "full_time",
    "salary": "",
    "description": DESCRIPTION,
}
JSONLD_PAGE = """<!doctype html><html><head><title>Careers</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Data Engineer", "hiringOrganization": {"name": "Lumen Analytics"},
 "description": "<p>Build pipelines in Python and Spark.</p><script>alert(1)<\\/script>",
 "jobLocation": {"@type": "Place", "address": {"addressLocality": "Lisbon",
 "addressCountry": "PT"}}, "datePosted": "2026-11-20",
 "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
 "value": {"@type": "QuantitativeValue", "minValue": 50000, "maxValue": 65000,
 "unitText": "YEAR"}}}</script></head><body>Job</body></html>"""
PLAIN_PAGE = """<!doctype html><html><head><title>Backend Developer – Nimbus Labs</title>
<meta property="og:site_name" content="Nimbus Labs">
<meta name="description" content="Join Nimbus Labs as a backend developer."></head>
<body><h1>Backend Developer</h1></body></html>"""


@pytest.fixture
def loopback(monkeypatch):
    """Let the add-by-link fetch reach the local test server (production never does)."""
    monkeypatch.setattr(manual, "FETCH_POLICY", Policy(allow_loopback=True, total_timeout=5))


def catalogue_job(**overrides) -> Job:
    source = JobSourceFactory(kind="greenhouse", name="Orbital board")
    posting = raw_posting(
        1,
        title="Platform Engineer",
        company="Orbital Freight",
        locations=["Munich, Germany"],
        description_html=f"<p>{DESCRIPTION}</p>",
        url="https://boards.greenhouse.io/orbital/jobs/1",
        **overrides,
    )
    counts = store_postings(source=source, postings=[normalize_posting(posting)])
    dedup_jobs(job_ids=counts.job_ids)
    return Job.objects.get(source=source)


# --- services ---------------------------------------------------------------------------------


def test_a_job_added_by_form_is_private_and_normalised(user):
    outcome = manual.job_add(user=user, data=FORM)
    job = outcome.job
    assert outcome.created and outcome.catalogue_job is None
    assert job.owner == user and job.is_canonical
    assert job.source.kind == MANUAL_KIND and not job.source.enabled
    assert job.remote_type == "hybrid"
    assert job.locations[0]["country"] == "DE"
    assert (job.salary_min, job.salary_max, job.salary_currency) == (80000, 95000, "EUR")
    assert "Python" in job.skills and "PostgreSQL" in job.skills
    assert Job.objects.for_user(user).get() == job


def test_the_same_link_added_twice_is_one_job(user):
    first = manual.job_add(user=user, data=FORM)
    again = manual.job_add(user=user, data={**FORM, "url": FORM["url"] + "?utm_source=mail"})
    assert again.job.pk == first.job.pk and not again.created
    assert Job.objects.for_user(user).count() == 1


def test_missing_title_company_or_bad_remote_type_are_field_errors(user):
    with pytest.raises(manual.ValidationError) as exc:
        manual.job_add(user=user, data={**FORM, "title": " ", "company": "", "remote_type": "x"})
    assert set(exc.value.message_dict) == {"title", "company", "remote_type"}


def test_the_manual_source_is_never_fetched(user):
    manual.job_add(user=user, data=FORM)
    assert not JobSource.objects.enabled().filter(kind=MANUAL_KIND).exists()
    JobSource.objects.filter(kind=MANUAL_KIND).update(enabled=True)  # an operator's mistake
    assert not JobSource.objects.enabled().filter(kind=MANUAL_KIND).exists()


def test_a_job_already_in_the_catalogue_links_to_the_catalogue_posting(user):
    catalogue = catalogue_job()
    outcome = manual.job_add(user=user, data=FORM)
    catalogue.refresh_from_db()
    assert outcome.catalogue_job == catalogue
    assert outcome.job.canonical_id == catalogue.pk and not outcome.job.is_canonical
    assert catalogue.is_canonical and catalogue.repost_count == 0


def test_two_users_copies_never_share_a_group(user, other_user):
    mine = manual.job_add(user=user, data=FORM).job
    theirs = manual.job_add(user=other_user, data=FORM).job
    for job in (mine, theirs):
        job.refresh_from_db()
        assert job.is_canonical and job.canonical_id is None
    dedup_rebuild()  # the from-scratch path keeps them apart too
    assert Job.objects.filter(pk__in=[mine.pk, theirs.pk], is_canonical=True).count() == 2


def test_a_later_catalogue_posting_becomes_canonical_over_the_private_copy(user):
    mine = manual.job_add(user=user, data=FORM).job
    catalogue = catalogue_job()
    mine.refresh_from_db()
    catalogue.refresh_from_db()
    assert catalogue.is_canonical and mine.canonical_id == catalogue.pk


def test_removing_a_job_that_headed_a_group_regroups_the_rest(user):
    first = manual.job_add(user=user, data=FORM).job
    second = manual.job_add(user=user, data={**FORM, "url": "https://jobs.example/orbital/9"}).job
    second.refresh_from_db()
    assert second.canonical_id == first.pk
    manual.job_remove(user=user, job_id=first.pk)
    second.refresh_from_db()
    assert second.is_canonical and second.canonical_id is None


def test_add_from_url_reads_json_ld_and_sanitises(user, httpserver, loopback):
    httpserver.expect_request("/jobs/7").respond_with_data(JSONLD_PAGE, content_type="text/html")
    outcome = manual.job_add_from_url(user=user, url=httpserver.url_for("/jobs/7"))
    job = outcome.job
    assert outcome.created and job.owner == user
    assert (job.title, job.company_name) == ("Data Engineer", "Lumen Analytics")
    assert job.locations[0]["city"] == "Lisbon" and job.locations[0]["country"] == "PT"
    assert job.salary_annual_min == 50000 and job.salary_currency == "EUR"
    assert "<script" not in job.description_html and "alert" not in job.description_html
    again = manual.job_add_from_url(user=user, url=httpserver.url_for("/jobs/7"))
    assert again.job.pk == job.pk and not again.created


def test_add_from_url_without_json_ld_prefills_the_form(user, httpserver, loopback):
    httpserver.expect_request("/plain").respond_with_data(PLAIN_PAGE, content_type="text/html")
    outcome = manual.job_add_from_url(user=user, url=httpserver.url_for("/plain"))
    assert outcome.job is None and not Job.objects.exists()
    assert outcome.prefill["title"] == "Backend Developer – Nimbus Labs"
    assert outcome.prefill["company"] == "Nimbus Labs"
    assert outcome.prefill["description"] == "Join Nimbus Labs as a backend developer."


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/job", "http"),
        ("http://127.0.0.1:9/job", "cannot be fetched"),
        ("http://169.254.169.254/latest/meta-data/", "cannot be fetched"),
        ("http://10.0.0.5/careers", "cannot be fetched"),
    ],
)
def test_add_from_url_refuses_unsafe_links(user, url, message):
    with pytest.raises(manual.ValidationError) as exc:
        manual.job_add_from_url(user=user, url=url)
    assert message in " ".join(exc.value.message_dict["url"])


def test_add_from_url_refuses_non_html_and_errors(user, httpserver, loopback):
    httpserver.expect_request("/file.pdf").respond_with_data(
        b"%PDF", content_type="application/pdf"
    )
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(manual.ValidationError, match="not a web page"):
        manual.job_add_from_url(user=user, url=httpserver.url_for("/file.pdf"))
    with pytest.raises(manual.ValidationError, match="HTTP 404"):
        manual.job_add_from_url(user=user, url=httpserver.url_for("/gone"))


# --- pages ------------------------------------------------------------------------------------


def test_add_page_by_form_then_detail_shows_it_as_private(user_client):
    response = user_client.post(reverse("jobs:add"), FORM)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:detail", args=[job.pk]
    )
    page = user_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Added by you" in page
    listing = user_client.get(reverse("jobs:add")).content.decode()
    assert "Platform Engineer" in listing


def test_add_page_shows_errors_with_422(user_client):
    response = user_client.post(reverse("jobs:add"), {**FORM, "title": ""})
    assert response.status_code == 422
    response = user_client.post(reverse("jobs:add"), {"url": "http://10.1.2.3/job"})
    assert response.status_code == 422
    assert "cannot be fetched" in response.content.decode()


def test_add_page_by_link_without_json_ld_prefills(user_client, httpserver, loopback):
    httpserver.expect_request("/plain").respond_with_data(PLAIN_PAGE, content_type="text/html")
    response = user_client.post(reverse("jobs:add"), {"url": httpserver.url_for("/plain")})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Backend Developer – Nimbus Labs"' in body
    assert "no structured job details" in body


def test_private_jobs_are_invisible_to_other_users_in_pages(user, other_user, client):
    job = manual.job_add(user=user, data=FORM).job
    client.force_login(other_user)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:interact", args=[job.pk, "saved"])).status_code == 404
    assert client.post(reverse("jobs:remove", args=[job.pk])).status_code == 404
    listing = client.get(reverse("jobs:list")).content.decode()
    assert "Platform Engineer" not in listing
    assert "Platform Engineer" not in client.get(reverse("jobs:add")).content.decode()
    assert Job.objects.filter(pk=job.pk).exists()


def test_the_owner_finds_their_job_in_search(user, user_client):
    manual.job_add(user=user, data=FORM)
    listing = user_client.get(reverse("jobs:list"), {"q": "platform"}).content.decode()
    assert "Platform Engineer" in listing


def test_other_users_see_the_catalogue_job_without_the_private_copy(user, other_user, client):
    catalogue = catalogue_job()
    manual.job_add(user=user, data=FORM)
    client.force_login(other_user)
    page = client.get(reverse("jobs:detail", args=[catalogue.pk])).content.decode()
    assert "Added by hand" not in page
    client.force_login(user)
    page = client.get(reverse("jobs:detail", args=[catalogue.pk])).content.decode()
    assert "Added by hand" in page


# --- API --------------------------------------------------------------------------------------


def test_api_add_list_retrieve_delete(user_api):
    response = user_api.post("/api/v1/added-jobs/", FORM, format="json")
    assert response.status_code == 201, response.content
    job_id = response.json()["id"]
    assert response.json()["catalogue_job"] is None
    assert user_api.post("/api/v1/added-jobs/", FORM, format="json").status_code == 200
    listing = user_api.get("/api/v1/added-jobs/").json()
    assert [j["id"] for j in listing["results"]] == [job_id]
    assert user_api.get(f"/api/v1/jobs/{job_id}/").status_code == 200
    assert user_api.delete(f"/api/v1/added-jobs/{job_id}/").status_code == 204
    assert not Job.objects.filter(pk=job_id).exists()


def test_api_add_validation_errors(user_api):
    response = user_api.post("/api/v1/added-jobs/", {"title": "x"}, format="json")
    assert response.status_code == 400
    assert "company" in response.json()["error"]["fields"]
    response = user_api.post("/api/v1/added-jobs/from-url/", {"url": "http://10.0.0.1/"})
    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]


def test_api_from_url_json_ld_and_prefill(user_api, httpserver, loopback):
    httpserver.expect_request("/jobs/7").respond_with_data(JSONLD_PAGE, content_type="text/html")
    httpserver.expect_request("/plain").respond_with_data(PLAIN_PAGE, content_type="text/html")
    response = user_api.post("/api/v1/added-jobs/from-url/", {"url": httpserver.url_for("/jobs/7")})
    assert response.status_code == 201 and response.json()["title"] == "Data Engineer"
    response = user_api.post("/api/v1/added-jobs/from-url/", {"url": httpserver.url_for("/plain")})
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "no_job_data"
    assert body["prefill"]["company"] == "Nimbus Labs"


def test_api_private_jobs_are_404_for_other_users(user, other_api):
    job = manual.job_add(user=user, data=FORM).job
    assert other_api.get(f"/api/v1/added-jobs/{job.pk}/").status_code == 404
    assert other_api.delete(f"/api/v1/added-jobs/{job.pk}/").status_code == 404
    assert other_api.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    feedback = other_api.post(f"/api/v1/jobs/{job.pk}/feedback/", {"kind": "saved"})
    assert feedback.status_code == 404
    body = {"job": job.pk, "kind": "saved"}
    assert other_api.post("/api/v1/job-interactions/", body).status_code == 400
    assert other_api.get("/api/v1/jobs/", {"q": "platform"}).json()["count"] == 0
    assert other_api.get("/api/v1/added-jobs/").json()["count"] == 0
    assert Job.objects.filter(pk=job.pk).exists()


def test_api_apply_to_another_users_private_job_reads_as_no_such_job(user, other_api):
    job = manual.job_add(user=user, data=FORM).job
    response = other_api.post("/api/v1/applications/apply-to-job/", {"job": job.pk})
    missing = other_api.post("/api/v1/applications/apply-to-job/", {"job": job.pk + 1000})
    assert response.status_code == missing.status_code == 400
    assert response.json()["error"]["fields"] == missing.json()["error"]["fields"]
