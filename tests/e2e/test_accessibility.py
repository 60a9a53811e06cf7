"""axe-core on every kind of page, including the 400 pages and the narrow (mobile) layout."""

import pytest

from authorities.workforce import load_workforce

pytestmark = pytest.mark.e2e


def pages(world):
    return [
        "/",
        "/authorities/",
        "/authorities/?grade=brilliant",
        "/authorities/tower-hamlets/",
        "/authorities/westminster/",
        f"/visits/{world.outstanding.pk}/",
        f"/visits/{world.tower_hamlets_2017.pk}/",
        f"/sources/{world.news_wandsworth.pk}/",
        "/compare/",
        "/compare/?authority=westminster",
        "/compare/?authority=westminster&authority=tower-hamlets&authority=leeds",
        "/compare/?authority=atlantis",
        "/findings/?authority=westminster&authority=wandsworth&from=2018-01-01",
        "/findings/?theme=astrology",
        "/findings/?from=2018-02-30&sort=authority",
        "/authorities/search/?q=ham",
    ]


def test_every_kind_of_page_passes_axe(page, accessible, live_world):
    load_workforce()  # the authority pages' workforce tables
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages(live_world):
            page.goto(url)
            accessible(page, context=f"{url} at {width}px")
    assert page.errors == [] or all("400 (Bad Request)" in error for error in page.errors)


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, live_world):
    page.goto("/authorities/westminster/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
