"""The editor's journey: sign in on the product's own page, correct a finding from its visit page
with a reason, come back to it, and see the marker; every page passes axe."""

import pytest

from tests.conftest import EDITOR_PASSWORD
from tests.factories import make_theme

pytestmark = pytest.mark.e2e


def test_an_editor_corrects_a_finding_from_its_visit_page(page, accessible, live_world, editor):
    world = live_world
    make_theme("leadership", "Leadership")
    finding = world.westminster_thresholds_2018
    page.goto(f"/visits/{world.focused.pk}/")
    assert page.locator(".app-correct-link").count() == 0

    page.goto(f"/login/?next=/visits/{world.focused.pk}/")
    accessible(page, context="sign-in page")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"**/visits/{world.focused.pk}/")

    page.locator(f"#finding-{finding.pk} .app-correct-link").click()  # htmx opens the form in place
    form = page.locator(f"#finding-{finding.pk} form.app-correction-form")
    form.wait_for()
    assert page.url.endswith(f"/visits/{world.focused.pk}/")
    accessible(page, context="correction form opened in place")
    form.locator("button:has-text('Save the correction')").click()
    page.wait_for_url(f"**/findings/{finding.pk}/correct**")
    assert "Say why you are making this correction." in page.locator(".govuk-error-summary").inner_text()
    accessible(page, context="correction form with errors")
    page.fill("textarea[name=reason]", "The letter says thresholds are led well.")
    page.click("button:has-text('Save the correction')")
    assert "Nothing is changed" in page.locator(".govuk-error-summary").inner_text()

    page.check("label:has-text('Leadership')")
    page.check("label:has-text('Concern')")
    page.click("button:has-text('Save the correction')")
    page.wait_for_url(f"**/visits/{world.focused.pk}/#finding-{finding.pk}")
    item = page.locator(f"#finding-{finding.pk}")
    assert "Corrected on" in item.inner_text() and "Leadership" in item.inner_text()
    assert "Corrected:" in page.locator(".govuk-notification-banner").inner_text()
    accessible(page, context="visit page after a correction")

    page.goto("/audit/")
    assert "The letter says thresholds are led well." in page.locator("#audit-table").inner_text()
    accessible(page, context="audit log")
