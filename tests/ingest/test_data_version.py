"""Whoever writes, the findings explorer shows the new data at once: the data version its cached
counts are filed under moves in the writer's own transaction, from ingest and publishing to the
commands that load authorities and grades."""

import pytest
from django.core.management import call_command
from django.db import connection

from authorities.models import Authority
from inspections.data_version import data_version
from inspections.ingest import document_ingest, document_publish
from inspections.models import Finding, SourceDocument, Theme
from tests.ingest.test_finding_counts import REPORT
from tests.paths import REPO
from tests.web.html import text_of

SEARCH = "/findings/?q=supervision"
WORKBOOK = REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


def shown_total(get_soup) -> int:
    return int(text_of(get_soup(SEARCH).find(id="results-count")).split()[0])


def test_an_ingest_and_a_publishing_show_in_a_search_at_once(context, get_soup):
    assert shown_total(get_soup) == 0
    pending = document_ingest(
        data=REPORT.read_bytes(), filename=REPORT.name, context=context, status="review"
    )
    assert shown_total(get_soup) == 0  # awaiting review: not public
    document_publish(document=pending.document)
    published = Finding.objects.public().search("supervision").count()
    assert published > 0
    assert shown_total(get_soup) == published
    SourceDocument.objects.filter(pk=pending.document.pk).update(status=SourceDocument.Status.SUPERSEDED)
    assert shown_total(get_soup) == 0


def _retag():
    theme = Theme.objects.get(slug="consent")
    theme.patterns += "\nsupervision"
    theme.save()
    call_command("retag_findings", verbosity=0)


WRITERS = {
    "retag": _retag,
    "reparse": lambda: call_command("reparse", *SourceDocument.objects.values_list("sha256", flat=True)),
    "import_outcomes": lambda: call_command("import_outcomes", str(WORKBOOK)),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_moves_the_version(seeds, writer, capsys):
    before = data_version()
    WRITERS[writer]()
    assert data_version() > before


def test_loading_the_authorities_again_moves_the_version_only_where_it_changes_one(context):
    before = data_version()
    call_command("load_authorities", verbosity=0)
    assert data_version() == before  # nothing changed: what is cached stays good
    Authority.objects.filter(slug="wandsworth").update(name="Wandsworth (an old name)")
    before = data_version()
    call_command("load_authorities", verbosity=0)
    assert data_version() > before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's version moves row by row")
def test_renaming_an_authority_moves_the_version_once_however_many_findings_it_has(seeds):
    """The rename rewrites every finding's copy of the name, one trigger's statement a finding; the
    version moves for the rename alone, not once more for each finding."""
    westminster = Authority.objects.get(slug="westminster")
    findings = Finding.objects.filter(visit__authority=westminster)
    assert findings.count() > 10
    before = data_version()
    Authority.objects.filter(pk=westminster.pk).update(name="City of Westminster")
    assert data_version() == before + 1
    assert set(findings.values_list("authority_name", flat=True)) == {"City of Westminster"}
