import json
import logging
import logging.config

import pytest

from careercopilot.logging import RequestIdFilter


@pytest.mark.django_db
def test_every_response_carries_a_request_id(user_client):
    response = user_client.get("/profile/")
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept_and_junk_is_replaced(user_client):
    kept = user_client.get("/profile/", HTTP_X_REQUEST_ID="abc12345-proxy")
    assert kept["X-Request-ID"] == "abc12345-proxy"
    replaced = user_client.get("/profile/", HTTP_X_REQUEST_ID="<script>")
    assert replaced["X-Request-ID"] != "<script>"


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id(user_client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = user_client.get("/profile/section/nope/", HTTP_X_REQUEST_ID="req-id-123456")
    assert response.status_code == 404
    ids = {getattr(r, "request_id", None) for r in caplog.records if r.name == "django.request"}
    assert ids == {"req-id-123456"}


def test_json_formatter_writes_one_json_object_per_line():
    from django.conf import settings

    formatter = logging.config.dictConfigClass(settings.LOGGING).configure_formatter(
        settings.LOGGING["formatters"]["json"]
    )
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    RequestIdFilter().filter(record)
    line = formatter.format(record)
    data = json.loads(line)
    assert data["message"] == "hello world"
    assert data["level"] == "INFO"
    assert "request_id" in data
