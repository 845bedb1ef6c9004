import pytest
from django.utils import timezone

from accounts import services
from accounts.models import ApiToken

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_token_is_stored_hashed_and_shown_once(user_client, user):
    response = user_client.post("/settings/tokens/", {"name": "laptop script"}, **HTMX)
    body = response.content.decode()
    token = ApiToken.objects.for_user(user).get()
    assert response.status_code == 200
    assert "Copy your new token now" in body
    secret = body.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("ccp_")
    assert token.digest == ApiToken.digest_of(secret)
    assert secret not in token.digest
    again = user_client.get("/settings/").content.decode()
    assert secret not in again


@pytest.mark.django_db
def test_token_without_a_name_is_a_form_error(user_client, user):
    response = user_client.post("/settings/tokens/", {"name": ""}, **HTMX)
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_revoking_a_token_from_settings(user_client, user):
    token, _ = services.api_token_create(user=user, name="ci")
    response = user_client.post(f"/settings/tokens/{token.pk}/revoke/", **HTMX)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_another_user_cannot_revoke_my_token(client, user, other_user):
    token, _ = services.api_token_create(user=user, name="ci")
    client.force_login(other_user)
    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_expired_token_does_not_authenticate(user):
    token, secret = services.api_token_create(user=user, name="short")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    assert services.api_token_authenticate(secret=secret) is None


@pytest.mark.django_db
def test_token_for_an_inactive_user_does_not_authenticate(user):
    _, secret = services.api_token_create(user=user, name="x")
    user.is_active = False
    user.save()
    assert services.api_token_authenticate(secret=secret) is None
