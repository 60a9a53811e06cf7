"""An analyst: national overview -> an authority -> one of its visits -> the source document."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_overview_to_authority_to_visit_to_source_download(page, accessible, live_world):
    page.goto("/")
    page.wait_for_selector("canvas[data-chart='grades-by-region'][data-chart-drawn]")
    accessible(page)

    page.get_by_label("Find an authority").fill("City of Westminster")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/authorities/\?q=City\+of\+Westminster"))
    rows = page.locator("#authorities-table tbody tr")
    assert rows.count() == 1
    accessible(page)

    rows.get_by_role("link", name="Westminster").click()
    page.wait_for_url(re.compile(r"/authorities/westminster/$"))
    assert page.locator("h1").inner_text() == "Westminster"
    assert page.locator(f"#grade-bands svg[data-visit='{live_world.focused.pk}']").is_visible()
    timeline = page.locator("#timeline-table tbody tr")
    assert timeline.nth(0).locator("td").nth(0).inner_text() == "7 to 8 August 2018"
    assert timeline.nth(1).locator("td").nth(0).inner_text() == "date not stated"
    accessible(page)

    timeline.nth(0).get_by_role("link", name="Focused visit").click()
    page.wait_for_url(re.compile(rf"/visits/{live_world.focused.pk}/$"))
    assert page.locator("h1").inner_text() == "Focused visit, 7 to 8 August 2018"
    assert "Andy Whippey" in page.locator("#inspectors").inner_text()
    accessible(page)

    page.locator("#sources-table").get_by_role(
        "link", name="Focused visit to Westminster children's services", exact=True
    ).click()
    page.wait_for_url(re.compile(rf"/sources/{live_world.letter.pk}/$"))
    accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the original")).click()
    assert Path(download.value.path()).read_bytes() == bytes(live_world.letter.original)
    assert download.value.suggested_filename == "001_a56e531bfe843bf1.txt"
    assert page.errors == []
