import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jobs.dedup.models import JobFingerprint, LshBand
from jobs.models import Job
from jobs.services import file_ingest

from .factories import BODY, board, groups, ingest, posting

ROOT = Path(__file__).resolve().parents[3]


def _greenhouse_file(tmp_path, *jobs):
    payload = {
        "jobs": [
            {
                "id": ext,
                "title": title,
                "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{ext}",
                "location": {"name": "Berlin, Germany"},
                "company_name": "Acme Robotics",
                "updated_at": "2026-11-20T10:00:00Z",
                "content": html.escape(BODY.format(title=title, city="Berlin", years=5)),
            }
            for ext, title in jobs
        ]
    }
    path = tmp_path / "greenhouse.json"
    path.write_text(json.dumps(payload))
    return path


@pytest.mark.django_db
def test_file_ingestion_groups_a_posting_already_listed_on_another_board(tmp_path):
    ingest(board("lever"), posting("lv-1", board="lever"))
    path = _greenhouse_file(
        tmp_path, (101, "Senior Backend Engineer"), (102, "Staff Backend Engineer")
    )
    run = file_ingest(kind="greenhouse", path=path)
    assert run.status == "ok" and run.new == 2, run.errors
    assert groups() == {frozenset({"lv-1", "101"})}
    assert JobFingerprint.objects.count() == 3


@pytest.mark.django_db
def test_ingestion_that_stores_nothing_new_does_not_touch_fingerprints():
    source = board("greenhouse")
    ingest(source, posting("gh-1"))
    bands = list(LshBand.objects.values_list("pk", flat=True))
    ingest(source, posting("gh-1"))
    assert list(LshBand.objects.values_list("pk", flat=True)) == bands


@pytest.mark.postgres  # the SQLite test database lives in memory, out of another process's reach
@pytest.mark.django_db(transaction=True)
def test_another_process_finds_the_duplicate_through_the_stored_index():
    """The LSH index lives in the database: a fresh process (a restarted or second worker)
    sees what this one stored, without a rebuild."""
    ingest(board("greenhouse"), posting("gh-1"))
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/"
        f"{settings['NAME']}"
    )
    script = (
        "from jobs.dedup.tests.factories import board, ingest, posting\n"
        "ingest(board('lever'), posting('lv-1', board='lever', title='Sr. Backend Engineer'))\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert groups() == {frozenset({"gh-1", "lv-1"})}
    assert Job.objects.get(external_id="gh-1").is_canonical
