"""Re-parsing stored originals after the themes change; an admin's corrections survive it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.ingest import IngestContext, document_ingest, document_reparse
from inspections.ingest.uploads import upload_queue, upload_read
from inspections.models import Finding, SourceDocument, Theme
from tests.paths import CORPUS, SEEDS

WANDSWORTH = next(SEEDS.glob("003_*"))


def reparse(*args):
    out = io.StringIO()
    call_command("reparse", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_nothing_changed_says_so(seeds):
    assert "5 documents re-parsed: 0 changed, 5 unchanged, 0 failed" in reparse()


def test_a_new_theme_pattern_reaches_stored_findings(seeds):
    theme = Theme.objects.get(slug="housing")
    theme.patterns += "\nbreakfast"
    theme.save()
    out = reparse(SourceDocument.objects.get(filename=WANDSWORTH.name).sha256[:12])
    assert "1 documents re-parsed: 1 changed" in out
    finding = Finding.objects.get(text__contains="director’s ‘breakfast’ sessions")
    assert "housing" in finding.themes.values_list("slug", flat=True)
    assert finding.finding_themes.get(theme__slug="housing").evidence == "breakfast"


def test_edited_and_hidden_findings_survive(context):
    document = document_ingest(
        data=WANDSWORTH.read_bytes(), filename=WANDSWORTH.name, context=context
    ).document
    edited = document.findings.get(text__startswith="Consent for checks")
    edited.text, edited.polarity, edited.edited = (
        "Consent is overridden (corrected by hand).",
        "concern",
        True,
    )
    edited.save()
    document.findings.filter(text__startswith="The quality of assessments").update(hidden=True)
    Theme.objects.filter(slug="consent").update(patterns="nothing-matches-this")

    outcome = document_reparse(document=document, context=IngestContext.load())

    assert outcome.kept_edited == 1
    assert Finding.objects.filter(text="Consent is overridden (corrected by hand).").exists()
    assert not document.findings.filter(text__startswith="Consent for checks").exists()
    assert document.findings.get(text__startswith="The quality of assessments").hidden


def test_a_grade_an_admin_corrected_survives_but_a_parser_change_reaches_the_others(context):
    report = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"
    document = document_ingest(data=report.read_bytes(), filename=report.name, context=context).document
    visit = document.visits.get()
    corrected = visit.judgements.get(area="leadership")
    corrected.grade = "good"  # an admin's correction
    corrected.save()
    stale = visit.judgements.get(area="care_leavers")
    stale.delete()  # as if an older parser had missed it
    link = visit.visit_sources.get(document=document)
    del link.stated["judgements"]["care_leavers"]
    link.save()

    outcome = document_reparse(document=document, context=IngestContext.load())

    grades = dict(visit.judgements.values_list("area", "grade"))
    assert grades["leadership"] == "good"
    assert grades["care_leavers"] == "outstanding"
    assert outcome.judgements == ["care_leavers: not graded -> outstanding"]


def test_a_document_that_still_cannot_be_read_is_reported_once(context):
    """An upload kept with its reason (here under a name with a newline) fails again: one FAILED
    line on its own, counted in the summary, and no further message."""
    document, _ = upload_queue(
        data=b"Pruning roses in winter\n\nMulch well.\n",
        filename="roses\nFAILED other.txt: fine.txt",
        uploaded_by=None,
    )
    assert upload_read.call(document.pk, kind=None, published=None, source_url=None) == "failed"
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("reparse", stdout=out, stderr=err)
    assert (raised.value.returncode, str(raised.value)) == (1, "")
    [line] = err.getvalue().splitlines()
    assert line.startswith("FAILED roses\\nFAILED other.txt: fine.txt: not an Ofsted ")
    assert out.getvalue().splitlines() == ["1 documents re-parsed: 0 changed, 0 unchanged, 1 failed"]


def test_an_upload_a_stopped_worker_left_unread_is_read_in_place(context, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    document, _ = upload_queue(data=WANDSWORTH.read_bytes(), filename=WANDSWORTH.name, uploaded_by=editor)
    SourceDocument.objects.filter(pk=document.pk).update(status=SourceDocument.Status.READING)

    assert "1 documents re-parsed: 1 changed" in reparse(document.sha256[:12])

    document = SourceDocument.objects.get(pk=document.pk)
    assert (document.status, document.uploaded_by) == ("review", editor)
    assert document.findings.filter(text__startswith="Consent for checks").exists()
