import pytest

from jobs.models import IngestRun, Job
from jobs.normalize import normalize_posting
from jobs.services import ingest_postings
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db


def _store(source, raws):
    return store_postings(source=source, postings=[normalize_posting(r) for r in raws])


def test_new_postings_are_stored_normalised():
    source = JobSourceFactory()
    counts = _store(source, [raw_posting(1), raw_posting(2)])
    assert (counts.new, counts.updated, counts.unchanged) == (2, 0, 0)
    job = Job.objects.get(external_id="ext-1")
    assert job.company.name == "Acme Robotics"
    assert job.countries == "DE"
    assert job.salary_currency == "EUR"
    assert job.salary_annual_min == 70000
    assert job.visa_sponsorship == "yes"
    assert "Django" in job.skills
    assert "utm_source" not in job.apply_url


def test_the_same_input_twice_changes_nothing():
    source = JobSourceFactory()
    _store(source, [raw_posting(1), raw_posting(2)])
    before = {j.pk: (j.content_hash, j.title) for j in Job.objects.all()}
    counts = _store(source, [raw_posting(1), raw_posting(2)])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 2)
    assert {j.pk: (j.content_hash, j.title) for j in Job.objects.all()} == before


def test_a_changed_posting_is_updated_in_place():
    source = JobSourceFactory()
    _store(source, [raw_posting(1)])
    pk = Job.objects.get().pk
    counts = _store(source, [raw_posting(1, title="Staff Backend Engineer")])
    assert (counts.new, counts.updated) == (0, 1)
    job = Job.objects.get()
    assert (job.pk, job.title, job.seniority) == (pk, "Staff Backend Engineer", "staff")


def test_storing_again_reads_no_description_or_payload_of_the_stored_jobs():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = JobSourceFactory()
    _store(source, [raw_posting(1), raw_posting(2)])
    with CaptureQueriesContext(connection) as queries:
        counts = _store(source, [raw_posting(1), raw_posting(2, title="Staff Backend Engineer")])
    assert (counts.unchanged, counts.updated) == (1, 1)
    lookups = [q["sql"] for q in queries if q["sql"].startswith('SELECT "jobs_job"')]
    assert lookups
    for sql in lookups:
        select = sql.split(" FROM ")[0]
        assert "raw" not in select and "description" not in select
    job = Job.objects.get(external_id="ext-2")
    assert job.title == "Staff Backend Engineer" and job.description_text


def test_the_same_external_id_in_two_sources_is_two_jobs():
    a, b = JobSourceFactory(name="A"), JobSourceFactory(name="B")
    _store(a, [raw_posting(1)])
    _store(b, [raw_posting(1)])
    assert Job.objects.count() == 2


def test_hostile_description_is_stored_sanitised():
    source = JobSourceFactory()
    hostile = raw_posting(
        1,
        title='<img src=x onerror="alert(1)">Engineer',
        description_html=(
            '<p onclick="steal()">Hi</p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe>'
            '<img src="x" onerror="alert(2)"><p style="color:red">styled</p>'
        ),
    )
    _store(source, [hostile])
    html = Job.objects.get().description_html.lower()
    for needle in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style="):
        assert needle not in html
    assert "styled" in html


def _run(source, raws, *, complete=True, errors=()):
    run = IngestRun.objects.create(source=source)
    return ingest_postings(run=run, raw_postings=raws, fetch_errors=list(errors), complete=complete)


def test_postings_missing_from_a_complete_fetch_are_marked_inactive():
    source = JobSourceFactory()
    _run(source, [raw_posting(1), raw_posting(2)])
    run = _run(source, [raw_posting(1)])
    assert run.status == "ok"
    assert run.deactivated == 1
    assert not Job.objects.get(external_id="ext-2").is_active
    _run(source, [raw_posting(1), raw_posting(2)])
    assert Job.objects.get(external_id="ext-2").is_active


@pytest.mark.parametrize(
    ("complete", "errors", "status"),
    [(False, (), "partial"), (True, ({"reason": "page 2: HTTP 500"},), "partial")],
)
def test_a_partial_fetch_never_deactivates(complete, errors, status):
    source = JobSourceFactory()
    _run(source, [raw_posting(1), raw_posting(2)])
    run = _run(source, [raw_posting(1)], complete=complete, errors=errors)
    assert run.status == status
    assert run.deactivated == 0
    assert Job.objects.filter(is_active=True).count() == 2


def test_a_failed_fetch_keeps_everything_and_records_the_error():
    source = JobSourceFactory()
    _run(source, [raw_posting(1)])
    run = _run(source, [], complete=False, errors=[{"reason": "HTTP 429 after 3 retries"}])
    assert run.status == "failed"
    assert run.errors == [{"reason": "HTTP 429 after 3 retries"}]
    assert Job.objects.get().is_active


def test_a_posting_that_cannot_be_normalised_is_counted_invalid_not_fatal(monkeypatch):
    import jobs.services

    real = jobs.services.normalize_posting

    def flaky(raw):
        if raw.external_id == "ext-2":
            raise ValueError("boom")
        return real(raw)

    monkeypatch.setattr(jobs.services, "normalize_posting", flaky)
    source = JobSourceFactory()
    run = _run(source, [raw_posting(1), raw_posting(2), raw_posting(3)])
    assert (run.new, run.invalid, run.fetched) == (2, 1, 3)
    assert run.errors[0]["item"] == "ext-2"
