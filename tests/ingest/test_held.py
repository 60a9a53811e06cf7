"""What a pending document brings to a visit another source describes waits on its link: through a
re-parse too, and publishing merges it."""

from authorities.models import Authority
from inspections.ingest import document_ingest, document_parse, document_publish, document_reparse
from inspections.models import SourceDocument
from tests.factories import make_document, make_visit
from tests.paths import CORPUS

REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


def test_reparsing_a_pending_report_still_holds_its_account_until_published(context):
    data = REPORT.read_bytes()
    parsed = document_parse(data=data, context=context)
    inspectors = [{"name": i.name, "role": i.role} for i in parsed.inspectors]
    statistics = make_document("Outcomes", doc_kind=SourceDocument.Kind.STATISTICS, format="ods")
    authority = Authority.objects.get(slug="barking-and-dagenham")
    visit = make_visit(
        authority, visit_type=parsed.visit_type, start=parsed.visit_start, sources=[statistics]
    )

    pending = document_ingest(data=data, filename=REPORT.name, context=context, status="review")
    assert pending.visit == visit
    document_reparse(document=pending.document, context=context)
    visit.refresh_from_db()
    assert (visit.end_date, visit.inspectors) == (None, [])
    assert visit.visit_sources.get(document=pending.document).held["account"]["inspectors"] == inspectors

    assert document_publish(document=pending.document)
    visit.refresh_from_db()
    assert (visit.end_date, visit.inspectors) == (parsed.visit_end, inspectors)
    assert visit.visit_sources.get(document=pending.document).held == {}


def test_the_admin_publish_action_merges_what_was_held(context, admin_client):
    data = REPORT.read_bytes()
    parsed = document_parse(data=data, context=context)
    statistics = make_document("Outcomes", doc_kind=SourceDocument.Kind.STATISTICS, format="ods")
    authority = Authority.objects.get(slug="barking-and-dagenham")
    visit = make_visit(
        authority, visit_type=parsed.visit_type, start=parsed.visit_start, sources=[statistics]
    )
    pending = document_ingest(data=data, filename=REPORT.name, context=context, status="review")

    response = admin_client.post(
        "/admin/inspections/sourcedocument/",
        {"action": "publish", "_selected_action": [pending.document.pk, statistics.pk]},
    )
    assert response.status_code == 302
    pending.document.refresh_from_db()
    visit.refresh_from_db()
    assert pending.document.status == "published"
    assert visit.end_date == parsed.visit_end
