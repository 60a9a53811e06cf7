"""Re-parsing keeps each finding's id while its position and text are the same, and never
overwrites what an editor corrected; re-tagging does not either."""

import datetime as dt

import pytest
from django.core.management import call_command

from inspections.corrections import correct, correct_fields
from inspections.ingest import IngestContext, document_ingest, document_reparse
from inspections.ingest.retag import findings_retag
from inspections.models import Finding, Theme
from tests.paths import CORPUS, SEEDS

WANDSWORTH = next(SEEDS.glob("003_*"))
KINGSTON = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"


@pytest.fixture
def context(db):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    return IngestContext.load()


def ingested(path, context):
    return document_ingest(data=path.read_bytes(), filename=path.name, context=context).document


def identities(document) -> dict:
    return {(f.position, f.text): f.pk for f in document.findings.all()}


def test_reparse_keeps_every_unchanged_findings_id(context):
    document = ingested(WANDSWORTH, context)
    before = identities(document)
    Theme.objects.filter(slug="housing").update(patterns="breakfast")  # a change that reaches one finding

    outcome = document_reparse(document=document, context=IngestContext.load())

    assert outcome.changed
    assert identities(document) == before
    breakfast = document.findings.get(text__contains="‘breakfast’ sessions")
    assert "housing" in breakfast.themes.values_list("slug", flat=True)


def test_only_a_finding_whose_text_changed_gets_a_new_id(context):
    document = ingested(WANDSWORTH, context)
    before = identities(document)
    stale = document.findings.get(text__startswith="Consent for checks")
    Finding.objects.filter(pk=stale.pk).update(text="What an older parser read.")

    document_reparse(document=document, context=IngestContext.load())

    after = identities(document)
    assert not Finding.objects.filter(pk=stale.pk).exists()
    assert after.pop((stale.position, stale.text)) != stale.pk
    before.pop((stale.position, stale.text))
    assert after == before


def test_reparse_keeps_the_text_index(context):
    document = ingested(WANDSWORTH, context)
    stale = document.findings.get(text__startswith="Consent for checks")
    Finding.objects.filter(pk=stale.pk).update(text="What an older parser read.")
    assert list(Finding.objects.search("older parsers")) == [stale]

    document_reparse(document=document, context=IngestContext.load())

    assert not Finding.objects.search("older parsers").exists()
    assert Finding.objects.search('"consent for checks"').get().text == stale.text


def test_corrections_survive_reparse_and_retag(context, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    document = ingested(KINGSTON, context)
    visit = document.visits.get()
    finding = document.findings.order_by("position")[3]
    correct_fields(finding, {"themes": ["housing"], "polarity": "concern"}, by=editor, reason="Read again")
    hidden = document.findings.order_by("position")[4]
    correct(hidden, "hidden", True, by=editor, reason="Repeats the summary")
    judgement = visit.judgements.get(area="leadership")
    graded = "good" if judgement.grade != "good" else "outstanding"
    correct(judgement, "grade", graded, by=editor, reason="The report says so")
    correct(visit, "start_date", dt.date(2024, 12, 1), by=editor, reason="Dates misread")
    ids = identities(document)

    document_reparse(document=document, context=IngestContext.load())
    findings_retag(context=IngestContext.load())

    assert identities(document) == ids
    finding.refresh_from_db()
    hidden.refresh_from_db()
    visit.refresh_from_db()
    assert list(finding.themes.values_list("slug", flat=True)) == ["housing"]
    assert finding.polarity == "concern"
    assert hidden.hidden
    assert visit.judgements.get(area="leadership").grade == graded
    assert visit.start_date == dt.date(2024, 12, 1)
