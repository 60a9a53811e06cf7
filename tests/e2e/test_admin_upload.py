"""The admin journey: sign in, upload a document, wait while it is read, check it, publish it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.paths import SEEDS

pytestmark = pytest.mark.e2e


def test_upload_check_and_publish(page, accessible, admin_user):
    page.goto("/upload/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a long passphrase")
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/upload/")
    accessible(page, context="upload form")

    page.set_input_files("input[name=document]", str(next(SEEDS.glob("003_*"))))
    page.click("text=Upload and read")
    page.wait_for_url("**/upload/*/")
    assert "Queued to be read" in page.locator("#document-state").inner_text()
    accessible(page, context="review page, waiting")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # The page asks every 2 s how the document is going, and shows it once read.
    expect(page.locator(".govuk-caption-xl")).to_contain_text("Awaiting review", timeout=15_000)
    assert page.locator("td", has_text="Consent for checks within the front door").count() == 1
    accessible(page, context="review page")

    page.click("button:has-text('Publish')")
    assert "is published" in page.locator(".govuk-notification-banner").inner_text()
    page.goto("/findings/?theme=consent&polarity=concern")
    assert page.locator("text=Consent for checks within the front door").count() >= 1
