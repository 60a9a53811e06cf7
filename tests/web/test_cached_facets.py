"""The findings explorer's facet counts are cached under the data version: a repeated search shows
the same counts without counting again, and any write shows at once, never a stale count."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import OperationalError

from inspections.corrections import correct_fields
from inspections.data_version import data_version
from inspections.models import Finding
from tests.factories import make_finding
from tests.web.html import text_of
from tests.web.test_findings import FINDINGS_QUERIES, facet_counts
from tests.web.visitors import as_editor_and_as_reader

SEARCH = "/findings/?q=consent"


def shown_total(soup) -> int:
    return int(text_of(soup.find(id="results-count")).split()[0])


def test_a_repeated_search_shows_the_same_counts_without_counting_again(
    world, client, get_soup, django_assert_num_queries
):
    first = get_soup(SEARCH)
    # Counted once: now the version and the cache read stand for the two GROUP BYs.
    with django_assert_num_queries(FINDINGS_QUERIES) as counted:
        again = get_soup(SEARCH)
    assert not any("GROUP BY" in query["sql"] for query in counted.captured_queries)
    assert shown_total(again) == shown_total(first) == Finding.objects.public().search("consent").count()
    for facet in ("polarity", "theme", "region"):
        assert facet_counts(again, facet) == facet_counts(first, facet)


def test_the_same_filters_in_another_order_share_the_counts(world, get_soup):
    first = get_soup("/findings/?polarity=concern&polarity=strength&q=consent")
    again = get_soup("/findings/?q=consent&polarity=strength&polarity=concern")
    assert facet_counts(again, "theme") == facet_counts(first, "theme")


def test_a_new_finding_shows_in_the_counts_at_once(world, get_soup):
    before = get_soup(SEARCH)
    make_finding(world.focused, "Consent is not recorded.", source=world.letter, polarity="concern")
    after = get_soup(SEARCH)
    assert shown_total(after) == shown_total(before) + 1
    assert facet_counts(after, "polarity")["Concern"] == facet_counts(before, "polarity")["Concern"] + 1


def test_a_correction_shows_in_the_counts_at_once(world, get_soup):
    before = get_soup(SEARCH)
    finding = Finding.objects.public().search("consent").first()
    editor = get_user_model().objects.create(username="corrector")
    correct_fields(finding, {"hidden": True}, by=editor, reason="not a finding")
    after = get_soup(SEARCH)
    assert shown_total(after) == shown_total(before) - 1


@pytest.mark.parametrize("order", ["anonymous first", "editor first"])
def test_editors_and_readers_each_get_their_own_page(world, client, editor, order):
    """The counts are shared; the page is not: an editor's links never reach a reader, nor the
    reverse, whoever asked first."""

    as_editor, as_reader = as_editor_and_as_reader(
        client, editor, SEARCH, editor_first=order == "editor first"
    )
    assert "Sign out" in as_editor and "Sign out" not in as_reader


def test_the_version_moves_with_each_write_and_only_forward(world):
    version = data_version()
    make_finding(world.focused, "Another finding.", source=world.letter)
    assert data_version() > version


def test_a_cache_the_database_cannot_write_leaves_the_page_whole(world, get_soup, monkeypatch):
    """Another writer holding the database (SQLite: an ingest's transaction) makes the cache's
    write fail (here, as the cache makes room): the page still answers, with the counts."""
    refused = []

    def locked(*args, **kwargs):
        refused.append(args)
        raise OperationalError("database is locked")

    monkeypatch.setattr(DatabaseCache, "_cull", locked)
    monkeypatch.setattr(caches["default"], "_max_entries", -1)  # every write makes room first
    expected = Finding.objects.public().search("consent").count()
    assert shown_total(get_soup(SEARCH)) == expected
    assert shown_total(get_soup(SEARCH)) == expected
    assert len(refused) == 2  # nothing was cached: each request counted and tried again
