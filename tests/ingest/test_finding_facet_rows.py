"""Free text's facet counts and total read each finding's narrow facet row: what a search shows
follows a finding added, changed, hidden, moved or deleted, a visit moved or retyped or redated,
an authority's region changed, a document withdrawn, the ingest and re-parsing, and a migrate
that rebuilt the findings' table."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection

from authorities.models import Authority
from inspections.corrections import correct, correct_fields
from inspections.models import Finding, FindingFacetRow, SourceDocument, Visit
from tests.factories import make_finding
from tests.web.html import text_of
from tests.web.test_findings import facet_counts

LIVE = {
    "source_id": "source_id",
    "hidden": "hidden",
    "polarity": "polarity",
    "area": "area",
    "sort_date": "sort_date",
    "region": "visit__authority__region",
    "visit_type": "visit__visit_type",
    "authority_id": "visit__authority_id",
}


def assert_rows_are_live():
    """Every finding has its row, and the row holds what the finding, its visit and its authority
    hold now."""
    kept = {row[0]: row[1:] for row in FindingFacetRow.objects.values_list("finding_id", *LIVE)}
    live = {row[0]: row[1:] for row in Finding.objects.values_list("pk", *LIVE.values())}
    assert live, "no findings"
    assert kept == live


def searched(get_soup, query: str) -> tuple[int, dict]:
    """(the total shown, {facet: {label: count}}) of the explorer's page for this query."""
    soup = get_soup(f"/findings/?{query}")
    total = int(text_of(soup.find(id="results-count")).split()[0]) if soup.find(id="results-count") else 0
    facets = {
        name: facet_counts(soup, name) if soup.find(id=f"filter-{name}") else {}  # none: not shown
        for name in ("polarity", "region", "visit_type")
    }
    return total, facets


def test_a_finding_followed_through_each_change_of_what_it_is_counted_by(world, get_soup, editor):
    finding = make_finding(world.focused, "Zebrafish supervision is weekly.", source=world.letter, area="")
    total, facets = searched(get_soup, "q=zebrafish")
    assert total == 1 and facets["region"]["London"] == 1 and facets["polarity"]["Strength"] == 1
    assert facets["visit_type"] == {"Focused visit": 1}

    correct(Finding.objects.get(pk=finding.pk), "polarity", "concern", by=editor, reason="Misread")
    _, facets = searched(get_soup, "q=zebrafish")
    assert facets["polarity"]["Concern"] == 1 and facets["polarity"]["Strength"] == 0

    Visit.objects.filter(pk=world.focused.pk).update(visit_type="monitoring_visit")
    assert searched(get_soup, "q=zebrafish")[1]["visit_type"] == {"Monitoring visit": 1}

    correct_fields(world.focused, {"authority": world.leeds}, by=editor, reason="Wrong authority")
    _, facets = searched(get_soup, "q=zebrafish")
    assert facets["region"]["Yorkshire and the Humber"] == 1 and facets["region"]["London"] == 0
    assert searched(get_soup, "q=zebrafish&authority=leeds")[0] == 1
    assert searched(get_soup, "q=zebrafish&authority=westminster")[0] == 0

    Authority.objects.filter(pk=world.leeds.pk).update(region="North West")
    assert searched(get_soup, "q=zebrafish")[1]["region"]["North West"] == 1
    assert_rows_are_live()

    Finding.objects.filter(pk=finding.pk).update(text="Giraffe supervision is weekly.")
    assert searched(get_soup, "q=zebrafish")[0] == 0
    assert searched(get_soup, "q=giraffe")[0] == 1

    correct(Finding.objects.get(pk=finding.pk), "hidden", True, by=editor, reason="Repeated")
    assert searched(get_soup, "q=giraffe")[0] == 0
    correct(Finding.objects.get(pk=finding.pk), "hidden", False, by=editor, reason="Not repeated")
    assert searched(get_soup, "q=giraffe")[0] == 1

    SourceDocument.objects.filter(pk=world.letter.pk).update(status=SourceDocument.Status.REVIEW)
    assert searched(get_soup, "q=giraffe")[0] == 0
    SourceDocument.objects.filter(pk=world.letter.pk).update(status=SourceDocument.Status.PUBLISHED)
    assert searched(get_soup, "q=giraffe")[0] == 1
    assert_rows_are_live()

    Finding.objects.filter(pk=finding.pk).delete()
    assert searched(get_soup, "q=giraffe")[0] == 0
    assert_rows_are_live()


def test_a_visit_redated_moves_its_findings_in_a_search_by_date(world, get_soup):
    make_finding(world.focused, "Okapi plans are reviewed.", source=world.letter)
    assert searched(get_soup, "q=okapi&from=2018-01-01&to=2018-12-31")[0] == 1
    visit = Visit.objects.get(pk=world.focused.pk)
    visit.start_date, visit.end_date, visit.published = dt.date(2021, 5, 4), dt.date(2021, 5, 5), None
    visit.save()
    assert searched(get_soup, "q=okapi&from=2018-01-01&to=2018-12-31")[0] == 0
    assert searched(get_soup, "q=okapi&from=2021-01-01")[0] == 1
    assert_rows_are_live()


def test_ingest_and_reparse_keep_every_row(seeds, get_soup):
    assert_rows_are_live()
    expected = Finding.objects.public().search("thresholds").count()
    assert expected and searched(get_soup, "q=thresholds")[0] == expected
    call_command("reparse", *SourceDocument.objects.values_list("sha256", flat=True))
    assert_rows_are_live()
    assert searched(get_soup, "q=thresholds")[0] == Finding.objects.public().search("thresholds").count()


@pytest.mark.django_db(transaction=True)  # SQLite alters a table only outside a transaction
def test_after_migrate_the_rows_are_made_afresh_and_kept_again(world, get_soup):
    make_finding(world.focused, "Zebrafish supervision is weekly.", source=world.letter)
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    if connection.vendor == "sqlite":
        with connection.schema_editor() as editor:
            editor._remake_table(Finding)  # what SQLite's migrations do to alter most columns
    Authority.objects.filter(pk=world.westminster.pk).update(region="North West")
    assert searched(get_soup, "q=zebrafish")[1]["region"]["London"] == 1  # no trigger kept it

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert searched(get_soup, "q=zebrafish")[1]["region"]["North West"] == 1
    Authority.objects.filter(pk=world.westminster.pk).update(region="London")
    assert searched(get_soup, "q=zebrafish")[1]["region"]["London"] == 1
    assert_rows_are_live()
