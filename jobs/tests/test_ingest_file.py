import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobs.management.commands.ingest_file import OUTPUT_FIELDS
from jobs.models import Job

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("CAREERCOPILOT_SAMPLES_DIR") or ROOT.parent / "shared" / "samples")
FIXTURES = Path(__file__).resolve().parent / "sources" / "fixtures"

GREENHOUSE = {
    "jobs": [
        {
            "id": 101,
            "internal_job_id": 9,
            "title": "Data Engineer",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/101",
            "company_name": "Acme",
            "location": {"name": "Remote - US"},
            "updated_at": "2026-11-01T10:00:00-04:00",
            "content": "&lt;p&gt;Spark and Airflow. $120,000 - $150,000 per year.&lt;/p&gt;",
        }
    ]
}


@pytest.fixture
def greenhouse_file(tmp_path):
    path = tmp_path / "gh.json"
    path.write_text(json.dumps(GREENHOUSE))
    return path


@pytest.mark.django_db
def test_prints_one_json_object_per_posting_with_the_documented_keys(greenhouse_file, capsys):
    call_command("ingest_file", "greenhouse", str(greenhouse_file))
    lines = capsys.readouterr().out.strip().splitlines()
    record = json.loads(lines[0])
    assert tuple(record) == OUTPUT_FIELDS
    assert record["title"] == "Data Engineer"
    assert record["remote_type"] == "remote"
    assert (record["salary_min"], record["salary_currency"], record["salary_period"]) == (
        120000,
        "USD",
        "year",
    )
    assert record["posted_at"].startswith("2026-11-01T14:00:00")
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_save_twice_reports_everything_unchanged_the_second_time(greenhouse_file, capsys):
    call_command("ingest_file", "greenhouse", str(greenhouse_file), "--save")
    assert "new 1" in capsys.readouterr().err
    call_command("ingest_file", "greenhouse", str(greenhouse_file), "--save")
    err = capsys.readouterr().err
    assert "new 0" in err and "unchanged 1" in err
    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_config_gives_the_company_a_response_lacks(capsys):
    lever = FIXTURES / "lever_postings.json"
    if not lever.exists():
        pytest.fail(f"fixture missing: {lever}")
    call_command("ingest_file", "lever", str(lever), "--config", "company=Palantir")
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["company"] == "Palantir"


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("greenhouse", "{not json", "greenhouse"),
        ("lever", json.dumps(GREENHOUSE), "lever"),
        ("nosuchkind", "{}", "unknown source kind"),
    ],
)
@pytest.mark.django_db
def test_bad_input_exits_2_with_one_line(tmp_path, kind, content, message):
    path = tmp_path / "in.json"
    path.write_text(content)
    with pytest.raises(CommandError) as info:
        call_command("ingest_file", kind, str(path))
    assert info.value.returncode == 2
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.django_db
def test_missing_file_exits_2(tmp_path):
    with pytest.raises(CommandError) as info:
        call_command("ingest_file", "greenhouse", str(tmp_path / "nope.json"))
    assert info.value.returncode == 2


def test_command_line_prints_no_traceback_on_bad_input(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("<html>not json</html>")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DEBUG"] = "true"
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest_file", "remotive", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


SAMPLE_KINDS = (
    sorted(
        p.name
        for p in SAMPLES.iterdir()
        if p.is_dir() and p.name not in {"dedup_dataset", "resumes"}
    )
    if SAMPLES.is_dir()
    else []
)

#: Source config a real source would carry for responses that don't name everything.
SAMPLE_CONFIG = {
    "workday": {
        "host": "saputo.wd5.myworkdayjobs.com",
        "tenant": "saputo",
        "site": "Saputo_External_Careers",
    },
}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no samples folder at {SAMPLES}")
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
@pytest.mark.django_db
def test_every_recorded_sample_parses_and_saves_idempotently(kind, capsys):
    files = sorted(p for p in (SAMPLES / kind).iterdir() if p.is_file())
    produced = 0
    for path in files:
        extra = [f"{k}={v}" for k, v in SAMPLE_CONFIG.get(kind, {}).items()]
        args = ["ingest_file", kind, str(path), "--save"]
        for pair in extra:
            args += ["--config", pair]
        call_command(*args)
        first = capsys.readouterr()
        records = [json.loads(line) for line in first.out.splitlines() if line.strip()]
        for record in records:
            assert record["title"] and record["external_id"], record
        produced += len(records)
        call_command(*args)
        second = capsys.readouterr().err.splitlines()[-1]
        assert "new 0, updated 0" in second, second
    if kind != "hn_whoishiring":
        assert produced > 0
