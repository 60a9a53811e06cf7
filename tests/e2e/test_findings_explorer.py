"""The findings explorer as a person uses it: several authorities, an order, numbered pages, with
and without JavaScript, and on a phone."""

import re

import pytest

from tests.factories import make_finding

pytestmark = pytest.mark.e2e


def settled(page):
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_on_a_phone_a_summary_comes_first_and_skips_to_the_findings(page, live_world):
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto("/findings/")
    summary = page.locator("#explorer-summary")
    assert summary.is_visible() and summary.bounding_box()["y"] < 667
    assert page.locator("#filters").bounding_box()["y"] > summary.bounding_box()["y"]
    first = page.locator("article.app-finding").first
    assert first.bounding_box()["y"] > 667  # the filters stand between, hence the link
    summary.get_by_role("link", name="Skip to the findings").click()
    page.wait_for_url(re.compile(r"#results$"))
    top = page.evaluate("() => document.querySelector('article.app-finding').getBoundingClientRect().top")
    assert 0 <= top < 667
    # Beside the filters the findings are in view at once: no summary line.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/findings/")
    assert not summary.is_visible()
    assert page.locator("article.app-finding").first.bounding_box()["y"] < 900


def test_choose_two_authorities_sort_and_page_in_place(page, accessible, live_world):
    for index in range(30):
        make_finding(live_world.focused, f"Paged finding {index}", source=live_world.letter)
    page.goto("/findings/")
    page.locator("#filter-authority").select_option("westminster")
    page.wait_for_url(re.compile(r"/findings/\?authority=westminster$"))
    settled(page)
    page.get_by_label("Add an authority").select_option("wandsworth")
    page.wait_for_url(re.compile(r"/findings/\?authority=westminster&authority=wandsworth$"))
    settled(page)
    assert page.locator("#filter-authority-wandsworth").is_checked()
    page.get_by_label("Sort by").select_option("authority")
    page.wait_for_url(re.compile(r"authority=wandsworth&sort=authority$"))
    settled(page)
    names = page.locator("article .app-finding__meta a:first-child").all_inner_texts()
    assert names == sorted(names) and names[0] == "Wandsworth"
    accessible(page)
    page.get_by_role("link", name="Page 2").click()
    page.wait_for_url(re.compile(r"sort=authority&page=2$"))
    settled(page)
    assert page.locator(".govuk-pagination [aria-current=page]").inner_text() == "2"
    assert page.errors == []


def test_without_javascript_authorities_are_added_and_sorted_by_submitting(browser, live_server, live_world):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/findings/?authority=westminster")
    page.get_by_label("Add an authority").select_option("wandsworth")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/findings/\?.*authority=westminster&authority=wandsworth"))
    page.get_by_label("Sort by").select_option("oldest")
    page.get_by_role("button", name="Sort", exact=True).click()
    page.wait_for_url(re.compile(r"authority=westminster&authority=wandsworth&sort=oldest$"))
    assert page.locator("#filter-authority-westminster").is_checked()
    assert page.locator("#filter-authority-wandsworth").is_checked()
    context.close()
