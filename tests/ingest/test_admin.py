"""The admin over ingested documents: lists, filters, change pages, and corrections that stick."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.models import Finding, Judgement, SourceDocument, Visit


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/inspections/visit/",
        "/admin/inspections/visit/?visit_type__exact=focused_visit",
        "/admin/inspections/finding/?polarity__exact=concern&q=consent",
        "/admin/inspections/judgement/",
        "/admin/inspections/theme/",
        "/admin/inspections/sourcedocument/?status__exact=published",
    ],
)
def test_lists_open(seeds, admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_change_pages_open(seeds, admin_client):
    visit = Visit.objects.get(authority__name="Wandsworth")
    finding = visit.findings.first()
    document = SourceDocument.objects.first()
    judgement = Judgement.objects.first()
    for url in (
        f"/admin/inspections/visit/{visit.pk}/change/",
        f"/admin/inspections/judgement/{judgement.pk}/change/",
        f"/admin/inspections/finding/{finding.pk}/change/",
        f"/admin/inspections/sourcedocument/{document.pk}/change/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert (
        f"/sources/{document.pk}/original"
        in admin_client.get(f"/admin/inspections/sourcedocument/{document.pk}/change/").content.decode()
    )
    # Themes, polarity, hiding, grades and a visit's facts are corrected in the dashboard, with a reason.
    finding_page = admin_client.get(f"/admin/inspections/finding/{finding.pk}/change/").content.decode()
    assert f'href="/findings/{finding.pk}/correct"' in finding_page and 'name="polarity"' not in finding_page


def test_a_finding_corrected_in_the_admin_is_marked_edited(seeds, admin_client):
    finding = Finding.objects.get(text__startswith="Consent for checks within the front door")
    url = f"/admin/inspections/finding/{finding.pk}/change/"
    form = {
        "visit": finding.visit_id,
        "source": finding.source_id,
        "position": finding.position,
        "text": "Consent for checks is routinely overridden.",
        "section": finding.section,
        "area": finding.area,
        "polarity": "concern",
        "finding_themes-TOTAL_FORMS": "0",
        "finding_themes-INITIAL_FORMS": "0",
        "finding_themes-MIN_NUM_FORMS": "0",
        "finding_themes-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content[:3000]
    finding.refresh_from_db()
    assert finding.edited and finding.text == "Consent for checks is routinely overridden."


def test_the_judgement_list_reads_no_documents_bytes_or_text(seeds, admin_client):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/admin/inspections/judgement/")
    assert response.status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    # The judgements, with their visits' authorities and their documents, in one query ...
    listing = [
        sql
        for sql in statements
        if 'FROM "inspections_judgement"' in sql and "inspections_sourcedocument" in sql
    ]
    assert listing
    for sql in listing:
        assert '"inspections_sourcedocument"."original"' not in sql
        assert '"inspections_sourcedocument"."extracted_text"' not in sql
    # ... and no document read on its own (the deferred fields are never fetched row by row).
    assert not [sql for sql in statements if 'FROM "inspections_sourcedocument"' in sql]
