"""A manager: filter findings by theme and polarity (in place, the URL following), export them,
and compare three authorities."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests.factories import CONSENT_WANDSWORTH, THRESHOLDS_WANDSWORTH

pytestmark = pytest.mark.e2e


def settled(page):
    """htmx has swapped and processed the new content (a person is never that quick)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_filter_findings_in_place_and_export_csv(page, accessible, live_world):
    page.goto("/findings/")
    accessible(page)
    page.evaluate("() => { window.samePage = true; }")

    # From the keyboard: focus the checkbox and press space.
    page.locator("#filter-theme-consent").focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"/findings/\?theme=consent$"))
    settled(page)
    page.locator("#filter-polarity-concern").check()
    page.wait_for_url(re.compile(r"/findings/\?.*polarity=concern"))
    page.wait_for_function("() => document.querySelectorAll('article.app-finding').length === 1")

    assert "theme=consent" in page.url
    assert page.evaluate("() => window.samePage") is True  # updated in place, not reloaded
    assert page.locator("#results-count").inner_text().startswith("1 finding")
    article = page.locator("article.app-finding")
    assert CONSENT_WANDSWORTH in article.inner_text()
    assert "Wandsworth" in article.locator(".app-finding__meta").inner_text()
    assert page.locator("#filter-polarity-concern").is_checked()
    accessible(page)

    with page.expect_download() as download:
        page.locator("#exports").get_by_role("link", name="CSV").click()
    *lines, end = Path(download.value.path()).read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.DictReader(io.StringIO("".join(lines))))
    assert [(row["authority"], row["text"]) for row in rows] == [("wandsworth", CONSENT_WANDSWORTH)]
    assert end.rstrip() == "# end of export: 1 findings"

    # Back restores the previous filters.
    page.go_back()
    page.wait_for_url(re.compile(r"/findings/\?theme=consent$"))
    page.wait_for_function("() => document.querySelectorAll('article.app-finding').length === 2")
    assert page.errors == []


def test_compare_three_authorities(page, accessible, live_world):
    page.goto("/compare/")
    accessible(page)

    # The typeahead, from the keyboard.
    page.get_by_label("Add an authority by name").fill("Westm")
    add = page.get_by_role("link", name="Add Westminster to the comparison")
    add.wait_for()
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/\?authority=westminster$"))
    settled(page)

    page.get_by_label("Add an authority by name").fill("Wands")
    page.get_by_role("link", name="Add Wandsworth to the comparison").click()
    page.wait_for_url(re.compile(r"/compare/\?authority=westminster&authority=wandsworth$"))
    settled(page)

    # The form that works without JavaScript.
    page.get_by_label("Or choose from the list").select_option("tower-hamlets")
    page.get_by_role("button", name="Add to the comparison").click()
    page.wait_for_url(
        re.compile(r"/compare/\?authority=westminster&authority=wandsworth&authority=tower-hamlets$")
    )

    row = page.locator("#theme-thresholds")
    balances = [
        " ".join(row.locator(f"td[data-authority='{slug}'] .app-balance").inner_text().split())
        for slug in ("westminster", "wandsworth", "tower-hamlets")
    ]
    assert balances == ["Mostly strengths +1.00", "Mostly concerns \u22121.00", "Mostly strengths +1.00"]
    wandsworth = row.locator("td[data-authority='wandsworth']")
    quote = wandsworth.locator("blockquote")
    assert not quote.is_visible()
    wandsworth.locator("summary").click()
    assert quote.is_visible() and THRESHOLDS_WANDSWORTH in quote.inner_text()
    assert page.locator("#compare-bands").is_visible()
    accessible(page)

    # A cell's link opens exactly those findings.
    row.locator("td[data-authority='wandsworth'] a.app-counts").click()
    page.wait_for_url(re.compile(r"/findings/\?authority=wandsworth&theme=thresholds$"))
    assert page.locator("article.app-finding").count() == 1
    assert page.errors == []
