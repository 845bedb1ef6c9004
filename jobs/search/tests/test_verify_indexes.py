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
