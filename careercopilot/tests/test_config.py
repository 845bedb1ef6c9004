"""Settings behaviour that only shows in a fresh interpreter with a given environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Qz!v2mP9@wL4$xR8^bT1&nY6*hJ3(cF5)dS0-gA+eU_iO=pZ/qW?rE.tY,uI;",
    "ALLOWED_HOSTS": "copilot.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://copilot.example.com",
    "SITE_URL": "https://copilot.example.com",
    "DATABASE_URL": "postgres://copilot@db.example.com:5432/copilot",
    "REDIS_URL": "redis://redis.example.com:6379/0",
    "SECURE_SSL_REDIRECT": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "CRAWLER_CONTACT_EMAIL": "ops@copilot.example.com",
    "DEFAULT_FROM_EMAIL": "Copilot <noreply@copilot.example.com>",
}


def _manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    # Start from a clean slate: nothing of the test run's own env leaks in.
    for key in (*PRODUCTION_ENV, "STATIC_MANIFEST", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)
    env.update(env_overrides or {})
    env["PYTHONWARNINGS"] = "ignore"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env_overrides=env, drop=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_validate_configs_reports_readable_problems():
    env = {
        **PRODUCTION_ENV,
        "REDIS_URL": "http://not-redis",
        "EMAIL_PROVIDER": "mailgun",
        "GITHUB_CLIENT_ID": "abc",
    }
    result = _manage("validate_configs", env_overrides=env)
    assert result.returncode != 0
    assert "REDIS_URL must start with one of" in result.stderr
    assert "EMAIL_PROVIDER_API_KEY is empty" in result.stderr
    assert "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together" in result.stderr


def test_validate_configs_accepts_a_good_production_env():
    result = _manage("validate_configs", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "Configuration looks good" in result.stdout


@pytest.mark.django_db
def test_validate_configs_in_process_flags_a_bad_site_url(settings):
    settings.SITE_URL = "ftp://example.com"
    with pytest.raises(CommandError):
        call_command("validate_configs")
