"""The page scripts hold up: Chart.js comes from this site when its CDN fails, a chart that
cannot be drawn says where its numbers are, and GOV.UK components htmx swaps in are started."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.e2e


def test_the_chart_is_drawn_from_this_site_when_the_cdn_fails(page, live_world):
    page.context.route(settings.CHARTJS_URL, lambda route: route.abort())
    page.goto("/")
    page.wait_for_selector("canvas[data-chart='grades-by-region'][data-chart-drawn]")
    assert page.locator(".app-chart__failed").is_hidden()
    assert not [error for error in page.errors if "chart.umd.js" not in error and "ERR_FAILED" not in error]


def test_a_chart_that_cannot_be_drawn_says_where_its_numbers_are(page, live_world):
    page.context.route(settings.CHARTJS_URL, lambda route: route.abort())
    page.context.route(re.compile(r"/static/vendor/chart\.js/"), lambda route: route.abort())
    page.goto("/")
    note = page.locator(".app-chart__failed")
    note.wait_for(state="visible")
    assert note.inner_text() == "The chart could not be drawn here; the same numbers are in the table below."
    assert page.locator("#grades-by-region-table").is_visible()


def test_gov_uk_components_htmx_swaps_in_are_started(page, live_world):
    page.goto("/authorities/")
    assert (
        page.locator("#authority-results [data-module='govuk-button'][data-govuk-button-init]").count() == 1
    )
    page.locator("#filter-region").select_option(label="London")
    page.wait_for_url(re.compile(r"region=London"))
    page.wait_for_function(
        "() => document.querySelector('#authority-results [data-module=govuk-button][data-govuk-button-init]')"
    )
    assert page.errors == []
