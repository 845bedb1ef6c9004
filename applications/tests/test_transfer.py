import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from applications import imports, services
from applications.exports import export_csv, neutralise
from applications.models import Application, Contact, Interview, StatusChange
from applications.tests.factories import ApplicationFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _history(application):
    return [
        (c.from_status, c.to_status, c.changed_at, c.note)
        for c in application.status_changes.order_by("changed_at", "id")
    ]


@pytest.fixture
def pipeline(user):
    first = services.application_create(
        user=user,
        title="Backend Engineer",
        company="Acme",
        url="https://acme.example/jobs/1",
        source="referral",
        source_detail="Ann",
        salary_asked=90000,
        salary_currency="EUR",
        notes="Line one\nline two, with a comma",
        priority=5,
    )
    services.application_change_status(user=user, application_id=first.pk, to_status="applied")
    services.application_change_status(
        user=user, application_id=first.pk, to_status="screening", note="Recruiter called"
    )
    services.interview_schedule(
        user=user,
        application_id=first.pk,
        kind="technical",
        starts_at=dt.datetime(2030, 5, 2, 15, 0),
        time_zone="America/Chicago",
        interviewers="Bo, Cy",
    )
    contact = ContactFactory(user=user, name="Ann Referrer", email="ann@example.com")
    contact.applications.add(first)
    second = services.application_create(user=user, title='=HYPERLINK("x")', company="+Evil")
    services.application_change_status(user=user, application_id=second.pk, to_status="applied")
    services.application_change_status(user=user, application_id=second.pk, to_status="rejected")
    return [first, second]


def test_csv_round_trip_reproduces_applications_statuses_and_history(user, pipeline):
    data = export_csv(user=user).encode()
    fresh = UserFactory(email="fresh@example.com")
    result = imports.applications_import(user=fresh, data=data)
    assert result.ok and result.imported == 2
    for original in pipeline:
        original.refresh_from_db()
        copy = Application.objects.for_user(fresh).get(title=original.title)
        for field in (
            "company",
            "url",
            "status",
            "applied_on",
            "first_response_on",
            "source",
            "source_detail",
            "salary_asked",
            "salary_currency",
            "notes",
            "priority",
        ):
            assert getattr(copy, field) == getattr(original, field), field
        assert _history(copy) == _history(original)
    copy = Application.objects.for_user(fresh).get(title="Backend Engineer")
    interview = Interview.objects.get(application=copy)
    assert interview.starts_at == dt.datetime(2030, 5, 2, 20, 0, tzinfo=dt.UTC)
    assert interview.interviewers == "Bo, Cy"
    assert list(copy.contacts.values_list("name", flat=True)) == ["Ann Referrer"]
    assert Contact.objects.for_user(fresh).count() == 1


def test_exported_cells_that_start_like_a_formula_are_neutralised(user, pipeline):
    rows = list(csv.DictReader(io.StringIO(export_csv(user=user))))
    evil = next(row for row in rows if "HYPERLINK" in row["title"])
    assert evil["title"] == '\'=HYPERLINK("x")'
    assert evil["company"] == "'+Evil"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_every_formula_trigger(value):
    assert neutralise(value) == "'" + value


def test_json_export_nests_history_interviews_and_contacts(user, pipeline, user_client):
    response = user_client.get(reverse("applications:export_json"))
    record = next(
        r for r in json.loads(response.content)["applications"] if r["title"] == "Backend Engineer"
    )
    assert [h["to_status"] for h in record["history"]] == ["saved", "applied", "screening"]
    assert record["interviews"][0]["time_zone"] == "America/Chicago"
    assert record["contacts"][0]["email"] == "ann@example.com"


def test_bad_rows_are_each_listed_and_nothing_is_written(user):
    data = (
        b"title,company,status,applied date,notes\n"
        b"SRE,Acme,applied,2026-01-05,fine\n"
        b",NoTitle,saved,,\n"
        b"Dev,Beta,on the moon,2026-01-05,\n"
        b"Ops,Gamma,applied,05/01/2026,\n"
    )
    result = imports.applications_import(user=user, data=data)
    assert result.imported == 0 and result.valid == 1
    assert [e.line for e in result.errors] == [3, 4, 5]
    assert any("title" in m for m in result.errors[0].errors)
    assert "Unknown status “on the moon”." in result.errors[1].errors
    assert any("YYYY-MM-DD" in m for m in result.errors[2].errors)
    assert not Application.objects.exists()
    assert not StatusChange.objects.exists()


def test_skip_invalid_imports_only_the_good_rows(user):
    data = b"title,company\nSRE,Acme\n,Nobody\n"
    result = imports.applications_import(user=user, data=data, skip_invalid=True)
    assert result.imported == 1 and len(result.errors) == 1
    assert Application.objects.for_user(user).get().title == "SRE"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("title,company\nCafé,Zürich\n".encode("utf-16"), "not UTF-8"),
        ("title,company\nCafé,Zürich\n".encode("latin-1"), "not UTF-8"),
        (b"name,employer_id\nSRE,1\n", "required"),
        (b"", "empty"),
        (b"title,company\n", "no rows"),
        (b"title,company\n" + b"a,b\n" * 10_001, "more than 10,000 rows"),
    ],
)
def test_unusable_files_get_a_clear_error_and_nothing_is_written(user, data, message):
    with pytest.raises(imports.ImportFileError) as exc:
        imports.applications_import(user=user, data=data)
    assert message in " ".join(exc.value.messages)
    assert not Application.objects.exists()


def test_oversized_files_are_refused(user, settings):
    settings.APPLICATIONS_IMPORT_MAX_BYTES = 100
    with pytest.raises(imports.ImportFileError, match="larger than"):
        imports.applications_import(user=user, data=b"title,company\n" + b"x,y\n" * 50)


def test_teal_style_columns_and_statuses_are_recognised(user):
    data = (
        b"Job Position,Company Name,Status,Date Applied,Excitement,Job URL\n"
        b"SRE,Acme,Bookmarked,,4,https://acme.example/1\n"
        b"Dev,Beta,Not Selected,2026-02-01,2,\n"
        b"Ops,Gamma,I Withdrew,2026-02-02,3,\n"
    )
    result = imports.applications_import(user=user, data=data)
    assert result.ok, result.errors
    got = dict(Application.objects.for_user(user).values_list("title", "status"))
    assert got == {"SRE": "saved", "Dev": "rejected", "Ops": "withdrawn"}
    assert Application.objects.get(title="SRE").priority == 4


def test_huntr_style_columns_and_lists_are_recognised(user):
    data = (
        b"Job Title,Company,List,Date Applied,Location\n"
        b"SRE,Acme,Wishlist,,Berlin\n"
        b"Dev,Beta,Interview,2026-02-01,Remote\n"
    )
    result = imports.applications_import(user=user, data=data)
    assert result.ok, result.errors
    got = dict(Application.objects.for_user(user).values_list("title", "status"))
    assert got == {"SRE": "saved", "Dev": "interviewing"}


def test_import_page_maps_columns_then_imports(user, user_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("applications:import")
    upload = SimpleUploadedFile("x.csv", b"Role,Org,When\nSRE,Acme,2026-01-02\n", "text/csv")
    response = user_client.post(url, {"file": upload})
    assert response.status_code == 200
    form = response.context["mapping_form"]
    assert form.initial["map_title"] == "Role" and form.initial["map_company"] == ""
    fields = dict.fromkeys(imports.TARGET_NAMES, "")
    post = {f"map_{k}": v for k, v in fields.items()} | {
        "map_title": "Role",
        "map_company": "Org",
        "map_applied_on": "When",
        "map_status": "",
        "csv_data": form.initial["csv_data"],
    }
    response = user_client.post(url, post)
    assert response.status_code == 302
    application = Application.objects.for_user(user).get()
    assert (application.company, application.applied_on) == ("Acme", dt.date(2026, 1, 2))


def test_import_page_shows_the_bad_row_report(user, user_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("applications:import")
    upload = SimpleUploadedFile("x.csv", b"title,company,status\nSRE,Acme,nope\n", "text/csv")
    form = user_client.post(url, {"file": upload}).context["mapping_form"]
    post = {key: value for key, value in form.initial.items() if key.startswith("map_")}
    post["csv_data"] = form.initial["csv_data"]
    response = user_client.post(url, post)
    assert response.status_code == 400
    assert "Line 2: Unknown status “nope”." in response.content.decode()
    assert not Application.objects.exists()


def test_import_page_explains_a_wrong_encoding(user, user_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.csv", "title,company\nÄ,Ö\n".encode("cp1252"), "text/csv")
    response = user_client.post(reverse("applications:import"), {"file": upload})
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()


def test_another_users_export_does_not_include_mine(user, other_client):
    ApplicationFactory(user=user, title="Mine Only")
    assert "Mine Only" not in other_client.get(reverse("applications:export_csv")).content.decode()
    assert "Mine Only" not in other_client.get(reverse("applications:export_json")).content.decode()


def test_import_page_round_trips_an_export_byte_for_byte(user, pipeline, user_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fresh = UserFactory(email="fresh@example.com")
    user_client.force_login(fresh)
    upload = SimpleUploadedFile("x.csv", export_csv(user=user).encode(), "text/csv")
    url = reverse("applications:import")
    form = user_client.post(url, {"file": upload}).context["mapping_form"]
    post = {key: value for key, value in form.initial.items() if key.startswith("map_")}
    post["csv_data"] = form.initial["csv_data"]
    assert user_client.post(url, post).status_code == 302
    copy = Application.objects.for_user(fresh).get(title="Backend Engineer")
    assert copy.notes == "Line one\nline two, with a comma"
    assert [c.to_status for c in copy.status_changes.all()] == ["saved", "applied", "screening"]


def test_import_page_refuses_a_tampered_upload(user, user_client):
    response = user_client.post(reverse("applications:import"), {"csv_data": "not base64!"})
    assert response.status_code == 400
    assert not Application.objects.exists()
