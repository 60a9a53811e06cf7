"""The kept counts of public findings (what the explorer's facets sum, and compare's heat map per
report) equal a live count after every kind of change: ingest, review and publishing,
corrections, retagging, re-parsing, and deleting. A count that drifted would show numbers the
listing contradicts."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from authorities.models import Authority, Region
from dashboard.explorer import finding_facets, finding_total
from inspections.corrections import correct_fields
from inspections.finding_counts import kept_counts, kept_visit_counts, live_counts, live_visit_counts
from inspections.ingest import document_ingest, document_publish, document_reparse
from inspections.models import Finding, SourceDocument, Theme, Visit
from tests.paths import CORPUS

REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


def assert_kept_counts_are_live():
    live = live_counts()
    assert +live, "no public findings to count"
    assert kept_counts() == +live
    assert kept_visit_counts() == live_visit_counts()


def assert_nothing_counted():
    assert kept_counts() == live_counts() == {}
    assert kept_visit_counts() == live_visit_counts() == {}


def test_ingest_and_retag_and_reparse_keep_the_counts(seeds, capsys):
    assert_kept_counts_are_live()
    consent = Theme.objects.get(slug="consent")
    consent.patterns += "\nsocial workers?"
    consent.save()
    call_command("retag_findings")
    assert "consent" in capsys.readouterr().out
    assert_kept_counts_are_live()
    call_command("reparse", *SourceDocument.objects.values_list("sha256", flat=True))
    assert_kept_counts_are_live()


def test_a_document_awaiting_review_counts_once_published(context):
    pending = document_ingest(
        data=REPORT.read_bytes(), filename=REPORT.name, context=context, status="review"
    )
    assert Finding.objects.filter(source=pending.document).exists()
    assert_nothing_counted()
    document_reparse(document=pending.document, context=context)
    assert_nothing_counted()
    assert document_publish(document=pending.document)
    assert_kept_counts_are_live()
    SourceDocument.objects.filter(pk=pending.document.pk).update(status=SourceDocument.Status.SUPERSEDED)
    assert_nothing_counted()


def test_corrections_and_deleting_keep_the_counts(seeds):
    editor = get_user_model().objects.create(username="editor")
    finding = Finding.objects.public().filter(finding_themes__isnull=False).first()
    correct_fields(
        finding, {"polarity": "concern", "themes": ["consent", "housing"]}, by=editor, reason="read again"
    )
    assert_kept_counts_are_live()
    correct_fields(finding, {"hidden": True}, by=editor, reason="not a finding")
    assert_kept_counts_are_live()
    visit = Visit.objects.filter(findings__hidden=False).first()
    wandsworth = Authority.objects.get(slug="wandsworth")
    other = "monitoring_visit" if visit.visit_type != "monitoring_visit" else "focused_visit"
    correct_fields(visit, {"visit_type": other, "authority": wandsworth}, by=editor, reason="wrong letter")
    assert_kept_counts_are_live()
    Authority.objects.filter(slug="wandsworth").update(region=Region.NORTH_EAST)
    assert_kept_counts_are_live()
    Finding.objects.filter(pk=Finding.objects.public().first().pk).delete()
    assert_kept_counts_are_live()
    SourceDocument.objects.filter(pk=Finding.objects.public().first().source_id).delete()
    assert_kept_counts_are_live()


def test_the_facets_from_kept_counts_are_the_findings_counted(seeds, monkeypatch):
    """Each facet as the page shows it (summed from the kept counts) against the findings counted
    under the same filters."""
    cases = (
        {},
        {"theme": ["partnership"]},
        {"theme": ["partnership"], "polarity": ["concern"], "region": [Region.LONDON]},
        {"visit_type": ["focused_visit"], "area": [""]},
    )
    kept = [(finding_facets(filters), finding_total(filters)) for filters in cases]
    monkeypatch.setattr("dashboard.explorer.kept_counts_answer", lambda filters: False)
    for filters, (facets, total) in zip(cases, kept, strict=True):
        assert sum(facets["polarity"].values()) > 0
        assert {name: {k: v for k, v in counts.items() if v} for name, counts in facets.items()} == {
            name: {k: v for k, v in counts.items() if v} for name, counts in finding_facets(filters).items()
        }
        assert total == finding_total(filters) > 0
