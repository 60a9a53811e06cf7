"""axe-core on every kind of page, including the 400 pages and the narrow (mobile) layout."""

import re

import pytest
from playwright.sync_api import expect

from authorities.workforce import load_workforce
from tests.factories import add_recurring_weakness, make_authority, make_long_history

pytestmark = pytest.mark.e2e


def pages(world):
    return [
        "/",
        "/authorities/",
        "/authorities/?grade=brilliant",
        "/authorities/tower-hamlets/",
        "/authorities/barnet/",
        "/authorities/barnet/?visits=2",
        "/authorities/westminster/",
        f"/visits/{world.outstanding.pk}/",
        f"/visits/{world.tower_hamlets_2017.pk}/",
        f"/sources/{world.news_wandsworth.pk}/",
        "/compare/",
        "/compare/?authority=westminster",
        "/compare/?authority=westminster&authority=tower-hamlets&authority=leeds",
        # The theme heat map with an authority that has no report loaded.
        "/compare/?authority=westminster&authority=wandsworth&authority=kensington-and-chelsea",
        "/compare/?authority=atlantis",
        "/findings/?authority=westminster&authority=wandsworth&from=2018-01-01",
        "/findings/?theme=astrology",
        "/findings/?q=supervise+-police",  # hits marked
        "/findings/?from=2018-02-30&sort=authority",
        "/authorities/search/?q=ham",
    ]


def test_every_kind_of_page_passes_axe(page, accessible, live_world):
    load_workforce()  # the authority pages' workforce tables
    # A history of more than one page of visits (the pages' links).
    make_long_history(make_authority("Barnet", ons_code="E09000003"), 25, findings_per_visit=1, themes=2)
    # Westminster's page with recurring weaknesses; a visit's findings grouped by judgement area
    grouped = add_recurring_weakness(live_world.westminster)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for url in [*pages(live_world), grouped.get_absolute_url()]:
            page.goto(url)
            accessible(page, context=f"{url} at {width}px")
    assert page.errors == [] or all("400 (Bad Request)" in error for error in page.errors)


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, live_world):
    page.goto("/authorities/westminster/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    # The jump to the fragment lands after the key's events, later on a loaded machine.
    expect(page).to_have_url(re.compile(r"#main-content$"))
