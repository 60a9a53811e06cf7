"""The admin meets a copy: the letter uploaded again as UTF-16 text is flagged with its three
choices on an accessible page, and keeping both doubles nothing."""

import codecs

import pytest
from django.core.management import call_command

from tests.paths import SEEDS

pytestmark = pytest.mark.e2e

LETTER = next(SEEDS.glob("001_*"))


def upload(page, path) -> None:
    page.goto("/upload/")
    page.set_input_files("input[name=document]", str(path))
    page.click("text=Upload and read")
    page.wait_for_url("**/upload/*/")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.reload()


def test_a_copy_is_flagged_and_kept_beside_the_letter(page, accessible, admin_user, tmp_path):
    page.goto("/upload/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a long passphrase")
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/upload/")
    upload(page, LETTER)
    page.click("button:has-text('Publish')")
    findings = page.locator("h2", has_text="Findings (").inner_text()

    copy = tmp_path / "letter-utf16.txt"
    copy.write_bytes(codecs.BOM_UTF16_LE + LETTER.read_text(encoding="utf-8").encode("utf-16-le"))
    upload(page, copy)
    notice = page.locator("#copy-of")
    assert "This looks like the Ofsted letter already stored as" in notice.inner_text()
    accessible(page, context="review page of a copy")

    page.click("button:has-text('Keep both as sources of the same findings')")
    assert "kept beside" in page.locator(".govuk-notification-banner").inner_text()
    response = page.goto("/api/findings/?authority=westminster")
    assert f"Findings ({response.json()['count']})" == findings, "nothing doubled"
