"""Deployment settings and the health check."""

import os
import subprocess
import sys
from unittest import mock

from django.db import OperationalError, connection

from tests.paths import REPO

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3v9-Qp2x!ZrT8m#Lw4sYb7nHc1dFg6jUe0aRi5oVt3yMxN2bK9q",
    "ALLOWED_HOSTS": "dashboard.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_secret_is_refused_when_debug_is_off():
    without_secret = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **without_secret)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_a_yes_no_setting_it_cannot_read_is_refused_with_its_name():
    result = manage("check", **{**PRODUCTION, "SECURE_SSL_REDIRECT": "ture"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='ture' is not a yes/no value" in result.stderr


def test_healthz_answers_200_with_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_without_the_database_and_logs_why(client, db, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
    # What went wrong is in the log, not in the public answer.
    assert "connection refused" not in response.content.decode()
    logged = [record for record in caplog.records if record.name == "dashboard.views.health"]
    assert logged and logged[0].levelname == "ERROR"
    assert "connection refused" in logged[0].exc_text


def test_a_number_setting_it_cannot_read_is_refused_with_its_name():
    result = manage("check", **{**PRODUCTION, "OFSTED_REQUEST_DELAY": "soon"})
    assert result.returncode != 0
    assert "OFSTED_REQUEST_DELAY='soon' is not a number" in result.stderr
