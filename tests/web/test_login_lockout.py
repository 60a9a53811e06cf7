"""Signing in: ten wrong passwords for an account lock it for a while, whatever is typed next;
each failure and the lock-out are logged."""

import datetime as dt
import logging

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.conftest import EDITOR_PASSWORD as PASSWORD
from tests.web.html import text_of

LOGIN_URLS = ["/login/", "/admin/login/"]


def sign_in(client, url, password, username="editor"):
    return client.post(url, {"username": username, "password": password, "next": "/upload/"})


def signed_in(client) -> bool:
    return client.get("/upload/").status_code == 200


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_ten_wrong_passwords_lock_the_account(client, editor, url, caplog):
    caplog.set_level(logging.WARNING)
    assert settings.AXES_FAILURE_LIMIT == 10
    for _ in range(9):
        response = sign_in(client, url, "wrong guess")
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()
    response = sign_in(client, url, "tenth wrong guess")
    assert response.status_code == 429

    response = sign_in(client, url, PASSWORD)
    assert response.status_code == 429
    soup = BeautifulSoup(response.content, "html.parser")
    assert text_of(soup.find("h1")) == "Signing in to this account is locked"
    assert (
        "There have been 10 failed attempts to sign in as editor, so the account cannot sign in for "
        "15 minutes, even with the right password." in text_of(soup)
    )
    assert not signed_in(client)
    messages = [record.getMessage() for record in caplog.records if record.name.startswith("axes")]
    assert any("Locking out" in message and '"editor"' in message for message in messages)
    assert sum("login failure" in message and '"editor"' in message for message in messages) >= 10
    assert not any(PASSWORD in message or "wrong guess" in message for message in messages)


def test_nine_wrong_passwords_do_not_lock_and_the_right_one_starts_afresh(client, editor):
    for _ in range(9):
        sign_in(client, "/login/", "wrong guess")
    assert sign_in(client, "/login/", PASSWORD).status_code == 302
    assert signed_in(client)
    client.logout()
    for _ in range(9):
        sign_in(client, "/login/", "wrong guess")
    assert sign_in(client, "/login/", PASSWORD).status_code == 302


def test_a_lock_holds_one_account_only_and_lifts_after_a_while(client, editor, django_user_model):
    django_user_model.objects.create_user("analyst", password=PASSWORD, is_staff=True)
    for _ in range(10):
        sign_in(client, "/login/", "wrong guess")
    assert sign_in(client, "/login/", PASSWORD).status_code == 429
    assert sign_in(client, "/login/", PASSWORD, username="analyst").status_code == 302
    client.logout()

    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in(client, "/login/", PASSWORD).status_code == 302
    assert signed_in(client)
