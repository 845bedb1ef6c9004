import json

import pytest
from rest_framework.test import APIClient

from accounts import services
from accounts.models import Profile, Skill
from accounts.tests.factories import PASSWORD, SkillFactory


def _bearer(secret: str, keyword: str = "Bearer") -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"{keyword} {secret}")
    return api


@pytest.mark.django_db
def test_me_returns_the_signed_in_user(user_api, user):
    response = user_api.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == user.email


@pytest.mark.django_db
def test_anonymous_api_calls_get_401_in_the_error_format(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["status"] == 401
    assert error["code"] == "not_authenticated"
    assert error["message"]


@pytest.mark.django_db
def test_profile_get_and_patch(user_api, user):
    response = user_api.patch(
        "/api/v1/profile/",
        {
            "headline": "Data engineer",
            "min_salary": 90000,
            "salary_currency": "usd",
            "time_zone": "America/New_York",
            "preferred_locations": [{"city": "Austin", "country": "us"}],
            "work_authorization": ["us"],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = user_api.get("/api/v1/profile/").json()
    assert data["headline"] == "Data engineer"
    assert data["salary_currency"] == "USD"
    assert data["preferred_locations"] == [{"city": "Austin", "country": "US"}]
    assert data["work_authorization"] == ["US"]
    assert 0 < data["completeness"]["percent"] < 100


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"min_salary": -1}, "min_salary"),
        ({"salary_currency": "ABC"}, "salary_currency"),
        ({"time_zone": "Atlantis/Capital"}, "time_zone"),
        ({"work_authorization": ["ZZ"]}, "work_authorization"),
        ({"remote_preference": "moon"}, "remote_preference"),
        ({"preferred_locations": [{"city": "Paris", "country": "XX"}]}, "preferred_locations"),
    ],
)
@pytest.mark.django_db
def test_invalid_profile_values_are_field_errors(user_api, user, payload, field):
    before = user_api.get("/api/v1/profile/").json()
    response = user_api.patch("/api/v1/profile/", payload, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert any(key.startswith(field) for key in error["fields"]), error
    assert user_api.get("/api/v1/profile/").json() == before


@pytest.mark.django_db
def test_salary_without_currency_is_a_field_error(user_api):
    response = user_api.patch("/api/v1/profile/", {"min_salary": 1000}, format="json")
    assert response.status_code == 400
    assert "salary_currency" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_malformed_json_is_a_clear_400(user_api):
    response = user_api.generic(
        "PATCH", "/api/v1/profile/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.django_db
def test_oversized_body_is_rejected_and_changes_nothing(user_api, user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"headline": "x" * 20_000})
    response = user_api.generic(
        "PATCH", "/api/v1/profile/", data=body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert not Profile.objects.filter(user=user, headline__startswith="x").exists()


@pytest.mark.django_db
def test_skills_api_is_scoped_to_the_user(user_api, other_api, user):
    created = user_api.post("/api/v1/skills/", {"name": "Rust", "years": 2}, format="json")
    assert created.status_code == 201
    skill_id = created.json()["id"]
    assert other_api.get(f"/api/v1/skills/{skill_id}/").status_code == 404
    assert other_api.patch(f"/api/v1/skills/{skill_id}/", {"years": 9}).status_code == 404
    assert other_api.delete(f"/api/v1/skills/{skill_id}/").status_code == 404
    assert other_api.get("/api/v1/skills/").json()["count"] == 0
    assert Skill.objects.get(pk=skill_id).years == 2


@pytest.mark.django_db
def test_skill_list_is_paginated_in_the_one_style(user_api, user):
    for n in range(3):
        SkillFactory(user=user, name=f"S{n}")
    data = user_api.get("/api/v1/skills/?page_size=2").json()
    assert (data["count"], data["page"], data["pages"], len(data["results"])) == (3, 1, 2, 2)
    assert data["next"].endswith("page=2&page_size=2")


@pytest.mark.django_db
def test_personal_access_token_works_until_revoked(user_api, user):
    created = user_api.post("/api/v1/tokens/", {"name": "script"}, format="json")
    assert created.status_code == 201
    secret = created.json()["token"]
    token_id = created.json()["id"]
    assert user_api.get(f"/api/v1/tokens/{token_id}/").json().get("token") is None

    assert _bearer(secret).get("/api/v1/me/").status_code == 200
    assert _bearer(secret, "Token").get("/api/v1/me/").status_code == 200

    assert user_api.delete(f"/api/v1/tokens/{token_id}/").status_code == 204
    response = _bearer(secret).get("/api/v1/me/")
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_token_last_used_time_is_recorded(user):
    token, secret = services.api_token_create(user=user, name="t")
    assert token.last_used_at is None
    _bearer(secret).get("/api/v1/me/")
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_another_user_cannot_see_or_revoke_my_token(user, other_api):
    token, secret = services.api_token_create(user=user, name="mine")
    assert other_api.get(f"/api/v1/tokens/{token.pk}/").status_code == 404
    assert other_api.delete(f"/api/v1/tokens/{token.pk}/").status_code == 404
    assert _bearer(secret).get("/api/v1/me/").status_code == 200


@pytest.mark.django_db
def test_garbage_bearer_token_is_401(api_client):
    assert _bearer("ccp_not-a-real-token").get("/api/v1/me/").status_code == 401
    assert _bearer("not.a.jwt").get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_jwt_obtain_and_refresh(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.json()
    tokens = response.json()
    assert _bearer(tokens["access"]).get("/api/v1/me/").json()["email"] == user.email
    refreshed = api_client.post(
        "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200
    assert _bearer(refreshed.json()["access"]).get("/api/v1/me/").status_code == 200


@pytest.mark.django_db
def test_jwt_with_a_wrong_password_is_401(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": "wrong"}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.django_db
def test_token_endpoint_is_throttled(api_client, user, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "3/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        codes = [
            api_client.post(
                "/api/v1/auth/token/", {"email": user.email, "password": "x"}, format="json"
            ).status_code
            for _ in range(5)
        ]
    finally:
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert codes[:3] == [401, 401, 401]
    assert codes[3:] == [429, 429]
