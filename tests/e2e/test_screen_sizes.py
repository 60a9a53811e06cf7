"""No page scrolls sideways on a phone (320, 375 px), a tablet (768 px) or a laptop (1280 px):
wide tables scroll inside their own region or stack, and the page itself never does."""

import pytest

from authorities.workforce import load_workforce
from tests.factories import add_recurring_weakness, make_authority, make_long_history

pytestmark = pytest.mark.e2e

WIDTHS = (320, 375, 768, 1280)
EIGHT = [
    "westminster",
    "kensington-and-chelsea",
    "hammersmith-and-fulham",
    "wandsworth",
    "tower-hamlets",
    "leeds",
]


def pages(world):
    eight = "&".join(
        f"authority={slug}" for slug in [*EIGHT, "royal-borough-of-greenwich", "barking-and-dagenham"]
    )
    return [
        "/",
        "/authorities/",
        "/authorities/?grade=brilliant",
        "/authorities/westminster/",
        "/authorities/tower-hamlets/",
        "/authorities/barnet/",
        "/authorities/barnet/?visits=2",
        f"/visits/{world.focused.pk}/",
        f"/visits/{world.tower_hamlets_2017.pk}/",
        f"/sources/{world.letter.pk}/",
        "/compare/",
        "/compare/?authority=westminster&authority=wandsworth&authority=tower-hamlets",
        f"/compare/?{eight}",
        "/findings/",
        "/findings/?theme=astrology",
        "/findings/?authority=westminster&authority=wandsworth&sort=oldest",
        "/findings/?from=2018-02-30",
        "/authorities/search/?q=ham",
        "/admin/login/",
    ]


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def widest(page) -> str:
    """The outermost elements that reach past the window's right edge, to say what to fix."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                && el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
            .slice(0, 3)
            .map(el => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join(".")}`)
            .join(", ")"""
    )


def clipped_tags(page) -> list[str]:
    """The grade and polarity tags whose text does not fit their box ("improvemen", "Outs")."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".govuk-tag")]
            .filter(tag => tag.scrollWidth > tag.clientWidth + 1)
            .map(tag => tag.textContent.trim())"""
    )


def test_no_page_scrolls_sideways_at_any_width(page, live_world):
    load_workforce()  # the authority pages' workforce tables
    make_authority("Royal Borough of Greenwich", ons_code="E09000011")
    make_authority("Barking and Dagenham", ons_code="E09000002")
    make_long_history(make_authority("Barnet", ons_code="E09000003"), 25, findings_per_visit=1, themes=2)
    grouped = add_recurring_weakness(live_world.westminster)
    wide = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in [*pages(live_world), grouped.get_absolute_url()]:
            page.goto(url)
            if (extra := overflow(page)) > 0:
                wide.append(f"{url} at {width}px: {extra}px too wide ({widest(page)})")
            if clipped := clipped_tags(page):
                wide.append(f"{url} at {width}px: tags cut short: {clipped}")
    assert wide == [], "\n".join(wide)


def test_the_authorities_list_shows_every_grade_column_without_scrolling(page, live_world):
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/authorities/")
        row = page.locator("#authorities-table tbody tr", has_text="Leeds")
        for label in ("Good", "Requires improvement"):
            tag = row.locator(".govuk-tag", has_text=label).first
            assert tag.is_visible()
            box = tag.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{label} off screen at {width}px"
            # The tag's text is not clipped: its box is as wide as its text.
            assert tag.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{label} clipped at {width}px"


def test_eight_authorities_compared_fit_a_laptop_screen(page, live_world):
    make_authority("Royal Borough of Greenwich", ons_code="E09000011")
    make_authority("Barking and Dagenham", ons_code="E09000002")
    make_long_history(make_authority("Barnet", ons_code="E09000003"), 25, findings_per_visit=1, themes=2)
    page.set_viewport_size({"width": 1280, "height": 900})
    eight = "&".join(
        f"authority={slug}" for slug in [*EIGHT, "royal-borough-of-greenwich", "barking-and-dagenham"]
    )
    page.goto(f"/compare/?{eight}")
    for table in ("#latest-table", "#theme-matrix"):
        region = page.locator(table).locator("xpath=..")
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{table} scrolls at 1280px"
