import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobs.search import fulltext
from jobs.search.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_verify_indexes_passes_on_a_migrated_database(capsys):
    JobFactory(title="Python Engineer")
    call_command("verify_indexes", "--integrity")
    out = capsys.readouterr().out
    assert "All search index checks passed." in out
    assert "FAIL" not in out


def test_verify_indexes_fails_readably_when_the_search_trigger_is_gone(capsys):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER search_row_au ON jobs_job")
        else:
            cursor.execute("DROP TRIGGER jobs_job_fts_au")
    with pytest.raises(CommandError) as exc:
        call_command("verify_indexes")
    assert exc.value.returncode == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "trigger" in out


def test_verify_indexes_fails_when_an_index_is_missing(capsys):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {fulltext.RECENT_INDEX}")
    with pytest.raises(CommandError):
        call_command("verify_indexes")
    assert f"FAIL  index {fulltext.RECENT_INDEX}" in capsys.readouterr().out


@pytest.mark.postgres
def test_filter_columns_stay_in_the_row_and_verify_indexes_notices_otherwise(capsys):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attname = ANY(%s)",
            [fulltext.ROW_TABLE, list(fulltext.INLINE_COLUMNS)],
        )
        assert dict(cursor.fetchall()) == dict.fromkeys(fulltext.INLINE_COLUMNS, "m")
        cursor.execute(f"ALTER TABLE {fulltext.ROW_TABLE} ALTER COLUMN skills SET STORAGE EXTENDED")
    with pytest.raises(CommandError):
        call_command("verify_indexes")
    assert "skills may be stored out of line" in capsys.readouterr().out


@pytest.mark.postgres
def test_verify_indexes_notices_a_sort_index_without_the_filter_columns(capsys):
    out = _verify_with_plain_index(
        capsys,
        fulltext.RECENT_INDEX,
        "(posted_at DESC NULLS LAST, first_seen_at DESC, job_id DESC)",
    )
    assert f"FAIL  sort indexes include the filter columns — {fulltext.RECENT_INDEX}" in out


def _verify_with_plain_index(capsys, name: str, columns: str) -> str:
    """Replace a sort index with one on the sort columns alone; run verify_indexes (which
    must fail) and return what it printed."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {name}")
        cursor.execute(
            f"CREATE INDEX {name} ON {fulltext.ROW_TABLE} {columns} "
            "WHERE is_active AND is_canonical"
        )
    with pytest.raises(CommandError):
        call_command("verify_indexes")
    return capsys.readouterr().out


@pytest.mark.sqlite
def test_sqlite_reads_a_filtered_list_from_the_index_alone_and_verify_notices_otherwise(capsys):
    from jobs.search.services import job_filterset

    JobFactory(title="Remote job")
    filterset = job_filterset(user=None, params={"remote": ["remote"], "country": ["US"]})
    assert filterset.is_valid()
    plan = filterset.qs.values_list("pk", flat=True)[:1001].explain()
    assert f"COVERING INDEX {fulltext.RECENT_INDEX}" in plan
    out = _verify_with_plain_index(
        capsys,
        fulltext.SALARY_INDEX,
        "(COALESCE(salary_annual_max, salary_annual_min) DESC, posted_at DESC, "
        "first_seen_at DESC, job_id DESC)",
    )
    assert f"FAIL  sort indexes carry the filter columns — {fulltext.SALARY_INDEX}" in out


@pytest.mark.sqlite
def test_sqlite_keeps_the_job_id_as_the_rowid_of_the_search_rows(capsys):
    job = JobFactory(title="Rowid job")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, job_id FROM {fulltext.ROW_TABLE}")
        assert cursor.fetchall() == [(job.pk, job.pk)]
        cursor.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {fulltext.ROW_TABLE} WHERE job_id = 1")
        assert "INTEGER PRIMARY KEY" in " ".join(str(row) for row in cursor.fetchall())
    call_command("verify_indexes")
    assert f"ok    job id is the rowid of {fulltext.ROW_TABLE}" in capsys.readouterr().out
