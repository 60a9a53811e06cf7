"""`manage.py add_editor NAME [--create]` lets an account upload, correct and publish."""

import io

import pytest
from django.core.management import CommandError, call_command

from inspections.management.commands import add_editor


def run(*args):
    out = io.StringIO()
    call_command("add_editor", *args, stdout=out)
    return out.getvalue()


def test_an_existing_account_becomes_an_editor_who_may_upload(db, client, django_user_model):
    user = django_user_model.objects.create_user("sam", password="x")
    client.force_login(user)
    assert client.get("/upload/").status_code == 403
    assert run("sam") == "sam is now an editor: sign in at /login/ to upload, correct and publish.\n"
    assert client.get("/upload/").status_code == 200
    assert "sam was already an editor" in run("sam")


def test_create_makes_the_account_with_the_password_typed_twice(db, client, monkeypatch):
    monkeypatch.setattr(add_editor, "getpass", lambda prompt: "a long passphrase")
    assert run("sam", "--create").startswith("Account sam created.\nsam is now an editor")
    signed_in = client.post(
        "/login/", {"username": "sam", "password": "a long passphrase", "next": "/upload/"}
    )
    assert signed_in["Location"] == "/upload/"
    assert client.get("/upload/").status_code == 200


def test_no_account_no_create_says_what_to_do(db, django_user_model):
    with pytest.raises(CommandError, match=r"There is no account named sam: add --create to make one\."):
        run("sam")
    assert not django_user_model.objects.exists()


def test_a_mistyped_password_changes_nothing(db, django_user_model, monkeypatch):
    answers = iter(["one long passphrase", "another long passphrase"])
    monkeypatch.setattr(add_editor, "getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match=r"The two passwords differ: nothing was changed\."):
        run("sam", "--create")
    assert not django_user_model.objects.exists()
