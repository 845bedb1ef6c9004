"""The narrow search table follows jobs_job through its triggers, on both backends."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from jobs.models import Job
from jobs.search import fulltext, services
from jobs.search.models import JobSearchRow
from jobs.search.tests.factories import CompanyFactory, JobFactory
from jobs.tests.factories import JobSourceFactory

pytestmark = pytest.mark.django_db

COPIED = [c for c in fulltext.ROW_COLUMNS if c not in ("job_id", "locations")]


def row(job) -> JobSearchRow:
    return JobSearchRow.objects.get(pk=job.pk)


def assert_in_sync():
    jobs = {j["id"]: j for j in Job.objects.values("id", *COPIED)}
    rows = {r["job"]: r for r in JobSearchRow.objects.values("job", *COPIED)}
    assert rows.keys() == jobs.keys()
    for pk, job in jobs.items():
        copied = {k: v for k, v in rows[pk].items() if k != "job"}
        assert copied == {k: v for k, v in job.items() if k != "id"}, pk


def found(text, **params):
    result = services.job_search(user=None, params={"q": text, **params})
    assert result.valid, result.filterset.errors
    return sorted(job.title for job in result.page.object_list)


def test_insert_copies_the_filter_columns_and_indexes_the_text():
    job = JobFactory(
        title="Quantum Gardener",
        skills=["Botany"],
        salary_currency="EUR",
        salary_annual_min=50_000,
        remote_type="remote",
        visa_sponsorship="yes",
    )
    copied = row(job)
    assert (copied.remote_type, copied.salary_currency, copied.salary_annual_min) == (
        "remote",
        "EUR",
        50_000,
    )
    assert (copied.company_id, copied.company_name) == (job.company_id, job.company_name)
    assert copied.skills == ["Botany"]
    assert_in_sync()
    assert found("quantum") == ["Quantum Gardener"]
    assert found("botany") == ["Quantum Gardener"]


def test_bulk_create_adds_rows():
    source, company = JobSourceFactory(), CompanyFactory()
    Job.objects.bulk_create(
        [
            Job(
                source=source,
                source_kind=source.kind,
                external_id=f"b{i}",
                title=f"Bulk Welder {i}",
                company=company,
                company_name=company.name,
                content_hash=f"h{i}",
                posted_at=timezone.now(),
            )
            for i in range(3)
        ]
    )
    assert JobSearchRow.objects.count() == 3
    assert_in_sync()
    assert len(found("welder")) == 3


def test_save_and_bulk_update_follow_filter_and_text_columns():
    jobs = [JobFactory(title=f"Baker {i}", remote_type="onsite") for i in range(3)]
    for job in jobs:
        job.remote_type = "remote"
        job.salary_currency, job.salary_annual_max = "USD", 150_000
    Job.objects.bulk_update(jobs, ["remote_type", "salary_currency", "salary_annual_max"])
    assert_in_sync()
    assert len(found("baker", remote=["remote"], salary_min="140000", currency="USD")) == 3
    jobs[0].title = "Chocolatier"
    jobs[0].save()
    assert found("chocolatier") == ["Chocolatier"]
    assert found("baker") == ["Baker 1", "Baker 2"]
    assert_in_sync()


def test_queryset_update_of_active_and_canonical_hides_jobs():
    keep = JobFactory(title="Python Keeper")
    gone = JobFactory(title="Python Expired")
    dup = JobFactory(title="Python Duplicate")
    Job.objects.filter(pk=gone.pk).update(is_active=False)
    Job.objects.filter(pk=dup.pk).update(is_canonical=False, canonical=keep)
    assert (row(gone).is_active, row(dup).is_canonical) == (False, False)
    assert found("python") == ["Python Keeper"]
    Job.objects.filter(pk=gone.pk).update(is_active=True)
    assert found("python") == ["Python Expired", "Python Keeper"]
    assert_in_sync()


def test_an_unrelated_update_leaves_the_row_alone():
    job = JobFactory(title="Steady Role")
    Job.objects.filter(pk=job.pk).update(last_seen_at=timezone.now(), raw={"x": 1})
    assert_in_sync()
    assert found("steady") == ["Steady Role"]


def test_deletes_remove_rows():
    one, two, three = (JobFactory(title=f"Doomed {i}") for i in range(3))
    one.delete()
    Job.objects.filter(pk__in=[two.pk]).delete()
    assert list(JobSearchRow.objects.values_list("pk", flat=True)) == [three.pk]
    assert found("doomed") == ["Doomed 2"]


def test_company_and_location_filters_read_the_row():
    JobFactory(title="Acme role", company=CompanyFactory(name="Acme Corp"), company_name="ACME")
    JobFactory(title="Munich role", locations=[{"city": "München", "country": "DE"}])
    assert found("role", company="acme corp") == ["Acme role"]
    assert found("role", location="münchen") == ["Munich role"]


@pytest.mark.sqlite  # SQLite rebuilds tables on ALTER and drops their triggers
def test_lost_sqlite_row_triggers_are_restored_and_rows_resynced():
    with connection.cursor() as cursor:
        for name in fulltext.ROW_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    job = JobFactory(title="Missed Row")
    assert not JobSearchRow.objects.filter(pk=job.pk).exists()
    fulltext.ensure_schema_after_migrate(using="default")
    assert_in_sync()
    assert found("missed") == ["Missed Row"]
    Job.objects.filter(pk=job.pk).update(is_active=False)
    assert found("missed") == []


def test_verify_indexes_integrity_notices_a_stale_row(capsys):
    job = JobFactory(title="Python Engineer")
    JobSearchRow.objects.filter(pk=job.pk).update(remote_type="remote")  # behind the trigger
    with pytest.raises(CommandError):
        call_command("verify_indexes", "--integrity")
    assert f"FAIL  {fulltext.ROW_TABLE} matches jobs_job" in capsys.readouterr().out


class TestPhrases:
    @pytest.fixture(autouse=True)
    def _jobs(self):
        JobFactory(title="Analytics Lead", description_text="We need a data engineer today.")
        JobFactory(title="Engineer", description_text="Engineer the data platform.")
        JobFactory(title="Head of Data", description_text="Lead the team.")
        JobFactory(title="Frontend", description_text="Node.js and Vue.js in production.")
        JobFactory(title="Platform", description_text="Site reliability engineering on call.")

    def test_two_words_in_order_only(self):
        assert found('"data engineer"') == ["Analytics Lead"]
        assert found('"engineer data"') == []
        assert found('"engineer the data"') == ["Engineer"]

    def test_longer_phrases_and_stop_words(self):
        assert found('"site reliability engineering"') == ["Platform"]
        assert found('"reliability site engineering"') == []
        assert found('"head of data"') == ["Head of Data"]

    def test_excluded_phrase_and_or(self):
        assert found('engineer -"data engineer"') == ["Engineer", "Platform"]
        assert found('"data engineer" or "site reliability"') == ["Analytics Lead", "Platform"]

    def test_dotted_words(self):
        assert found("node.js") == ["Frontend"]
        assert found('"vue.js in production"') == ["Frontend"]

    @pytest.mark.postgres  # pair lexemes are PostgreSQL-only
    def test_two_word_phrases_need_no_position_recheck(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_phrase_query('data engineers')::text")
            assert cursor.fetchone()[0] == "'data~engin'"
            cursor.execute("SELECT search_phrase_query('site reliability engineering')::text")
            assert "'site~reliabl' & 'reliabl~engin'" in cursor.fetchone()[0]
