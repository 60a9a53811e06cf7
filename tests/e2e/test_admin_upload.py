"""The admin journey: sign in, upload a document, check what was read, publish it."""

import pytest
from django.core.management import call_command

from tests.paths import SEEDS

pytestmark = pytest.mark.e2e


@pytest.fixture
def admin_user(transactional_db, django_user_model):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    return django_user_model.objects.create_user(
        "editor", password="a long passphrase", is_staff=True, is_superuser=True
    )


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
    assert "Awaiting review" in page.locator(".govuk-caption-xl").inner_text()
    assert page.locator("td", has_text="Consent for checks within the front door").count() == 1
    accessible(page, context="review page")

    page.click("button:has-text('Publish')")
    assert "is published" in page.locator(".govuk-notification-banner").inner_text()
    page.goto("/findings/?theme=consent&polarity=concern")
    assert page.locator("text=Consent for checks within the front door").count() >= 1
