"""The kept latest judgements (what the overview, the list of authorities and an authority's
neighbours show as latest grades) equal the judgements found live after every kind of change:
ingest, review and publishing, corrections of grades, dates and authorities, superseding and
deleting. A kept row that drifted would show a grade the authority's own page contradicts."""

import datetime

from django.contrib.auth import get_user_model

from authorities.models import Authority
from dashboard.grades import OVERALL, with_latest_grades
from inspections.corrections import correct_fields
from inspections.ingest import document_ingest, document_publish
from inspections.latest_judgements import kept_latest, live_latest
from inspections.models import Judgement, SourceDocument, Visit
from tests.paths import CORPUS

REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


def assert_kept_is_live():
    live = live_latest()
    assert live, "no public judgements"
    assert kept_latest() == live


def overall_grade(slug: str):
    return getattr(with_latest_grades(Authority.objects.filter(slug=slug)).get(), f"latest_{OVERALL.key}")


def test_a_report_counts_once_published_and_no_longer_once_superseded(context):
    pending = document_ingest(
        data=REPORT.read_bytes(), filename=REPORT.name, context=context, status="review"
    )
    assert Judgement.objects.filter(source=pending.document).exists()
    assert kept_latest() == live_latest() == {}
    assert overall_grade("barking-and-dagenham") is None
    assert document_publish(document=pending.document)
    assert_kept_is_live()
    assert (
        overall_grade("barking-and-dagenham")
        == Judgement.objects.get(source=pending.document, area="overall_effectiveness").grade
    )
    SourceDocument.objects.filter(pk=pending.document.pk).update(status=SourceDocument.Status.SUPERSEDED)
    assert kept_latest() == live_latest() == {}
    assert overall_grade("barking-and-dagenham") is None


def test_corrections_and_deleting_keep_the_latest_judgements(seeds):
    assert_kept_is_live()
    editor = get_user_model().objects.create(username="editor")
    judgement = Judgement.objects.public().first()
    other = "outstanding" if judgement.grade != "outstanding" else "inadequate"
    correct_fields(judgement, {"grade": other}, by=editor, reason="misread")
    assert_kept_is_live()
    visit = Visit.objects.filter(judgements__isnull=False).distinct().first()
    correct_fields(
        visit,
        {"start_date": datetime.date(2001, 1, 1), "end_date": datetime.date(2001, 1, 5)},
        by=editor,
        reason="wrong year",
    )
    assert_kept_is_live()
    wandsworth = Authority.objects.get(slug="wandsworth")
    correct_fields(visit, {"authority": wandsworth}, by=editor, reason="wrong letter")
    assert_kept_is_live()
    Judgement.objects.filter(pk=Judgement.objects.public().first().pk).delete()
    assert_kept_is_live()
    graded = Judgement.objects.public().exclude(source=None).first()
    graded.visit.visit_sources.filter(document=graded.source).delete()
    assert kept_latest() == live_latest()
    SourceDocument.objects.filter(pk=Judgement.objects.exclude(source=None).first().source_id).delete()
    assert kept_latest() == live_latest()
    Visit.objects.filter(pk=Judgement.objects.first().visit_id).delete()
    assert kept_latest() == live_latest()
