"""allauth flows with our settings: errors are clear and change nothing."""

import re

import pytest
from django.core import mail

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _signup(client, email, password="a-long-and-unusual-passphrase-42"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_requires_email_verification_before_login(client):
    response = _signup(client, "fresh@example.com")
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert len(mail.outbox) == 1
    login = client.post(
        "/accounts/login/",
        {"login": "fresh@example.com", "password": "a-long-and-unusual-passphrase-42"},
    )
    assert login.status_code == 302
    assert "/accounts/confirm-email/" in login["Location"]
    assert "_auth_user_id" not in client.session


def test_a_taken_email_is_a_form_error_and_creates_nothing(client):
    UserFactory(email="taken@example.com")
    response = _signup(client, "Taken@Example.com")
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1


def test_a_weak_password_is_refused(client):
    response = _signup(client, "weak@example.com", password="123456")
    assert response.status_code == 200
    assert not User.objects.filter(email="weak@example.com").exists()


def test_wrong_password_shows_an_error(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_with_the_right_password(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_repeated_failed_logins_are_rate_limited(client, user):
    pages = [
        client.post("/accounts/login/", {"login": user.email, "password": "x"}).content.decode()
        for _ in range(7)
    ]
    assert "Too many failed login attempts" in pages[-1]
    assert "Too many failed login attempts" not in pages[0]
    # Even the right password is refused while the limit holds.
    right = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert right.status_code == 200


def test_password_reset_link_works_once_and_a_bad_key_is_refused(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = client.post(
        form_url,
        {"password1": "another-long-passphrase-77", "password2": "another-long-passphrase-77"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-77")

    reused = client.get(link, follow=True)
    assert "bad token" in reused.content.decode().lower() or "invalid" in (
        reused.content.decode().lower()
    )

    forged = client.get("/accounts/password/reset/key/zz-forged-key/", follow=True)
    assert "bad token" in forged.content.decode().lower()


def test_an_oversized_form_post_is_refused(user_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = user_client.post("/profile/section/about/", {"headline": "x" * 5000})
    assert response.status_code == 400


def test_every_model_is_in_the_admin():
    from django.apps import apps
    from django.contrib import admin

    own = {"careercopilot", "accounts", "jobs", "applications", "documents", "notifications"}
    own |= {"dedup", "search"}
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in own and not admin.site.is_registered(m)
    ]
    assert missing == []
