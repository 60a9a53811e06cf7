"""In a browser, the Content Security Policy stops a script that got into a page (an inline
script, an event handler) while the page's own scripts, its charts and GOV.UK Frontend still work."""

import re

import pytest

pytestmark = pytest.mark.e2e

INJECTED = (
    '<script>document.documentElement.dataset.injected = "inline script ran";</script>'
    '<img src="/no-such-image.png" alt="" onerror="document.documentElement.dataset.injected = \'handler ran\'">'
)


def inject_into(page, url_pattern):
    """Answer the page with what the server sent plus the injected markup, headers untouched, as
    if a bug had let it through."""

    def handle(route):
        response = route.fetch()
        body = response.text().replace("</main>", INJECTED + "</main>", 1)
        assert INJECTED in body
        route.fulfill(response=response, body=body)

    page.route(url_pattern, handle)


def test_an_injected_script_does_not_run_and_the_pages_own_scripts_do(page, accessible, live_world):
    inject_into(page, re.compile(r"/authorities/westminster/$"))
    page.goto("/authorities/westminster/")

    page.wait_for_selector("[data-module='govuk-header'][data-govuk-header-init]")
    assert page.evaluate("() => document.documentElement.dataset.injected") is None
    violations = [e for e in page.errors if "Content Security Policy" in e]
    assert any("inline script" in e for e in violations), page.errors
    assert any("inline event handler" in e for e in violations), page.errors
    assert all(e in violations or "no-such-image" in e or "404" in e for e in page.errors), page.errors

    # The page's own scripts: GOV.UK Frontend's start-up and its components, htmx.
    classes = page.evaluate("() => document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    assert page.locator("[data-module='govuk-header'][data-govuk-header-init]").count() == 1
    assert page.evaluate("() => typeof window.htmx") == "object"
    accessible(page)


def test_the_pages_run_without_a_policy_violation(page, live_world):
    """htmx swaps, charts and GOV.UK Frontend need nothing the policy refuses."""
    page.goto("/")
    page.wait_for_selector("canvas[data-chart][data-chart-drawn]")
    page.goto("/compare/?authority=westminster&authority=wandsworth")
    assert page.locator("#compare-bands").is_visible()
    page.goto("/findings/")
    page.locator("#filter-polarity-strength").check()
    page.wait_for_url(re.compile(r"polarity=strength"))
    page.goto("/admin/login/")
    assert page.errors == []
