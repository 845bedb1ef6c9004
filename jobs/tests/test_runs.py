import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from jobs.models import JobSource
from jobs.services import sources_seed_defaults

pytestmark = pytest.mark.django_db


def test_daily_ingestion_at_four_utc_exists_after_setup():
    call_command("setup_periodic_tasks")
    task = PeriodicTask.objects.get(name="ingest-all-sources")
    assert task.task == "jobs.tasks.ingest_all_sources"
    assert (task.crontab.minute, task.crontab.hour) == ("0", "4")
    assert str(task.crontab.timezone) == "UTC"
    assert task.queue == "ingest"
    assert task.enabled


def test_default_sources_are_seeded_once_with_opt_in_and_keyed_ones_disabled():
    created = sources_seed_defaults()
    assert len(created) >= 10
    assert sources_seed_defaults() == []
    assert not JobSource.objects.get(kind="linkedin").enabled
    assert not JobSource.objects.get(kind="indeed").enabled
    assert not JobSource.objects.get(kind="usajobs").enabled
    remoteok = JobSource.objects.get(kind="remoteok")
    assert remoteok.enabled and remoteok.link_back_required and remoteok.credit_text


def test_operator_edits_to_a_default_source_survive_reseeding():
    sources_seed_defaults()
    JobSource.objects.filter(kind="remotive").update(enabled=False)
    sources_seed_defaults()
    assert not JobSource.objects.get(kind="remotive").enabled


def test_opt_in_guest_sources_are_fetched_gently():
    from jobs.services import OPT_IN_DELAY_SECONDS, fetch_limits

    linkedin = JobSource.objects.create(name="LinkedIn", kind="linkedin", max_pages=20)
    board = JobSource.objects.create(name="Board", kind="greenhouse", max_pages=20)
    gentle = fetch_limits(linkedin)
    assert gentle["max_pages"] <= 3 and gentle["delay"] == OPT_IN_DELAY_SECONDS
    assert fetch_limits(board) == {"max_pages": 20, "max_items": board.max_items}
