"""Nothing of a document awaiting review shows on a public page, export or API response, until an
admin publishes it; then all of it does.

Barking and Dagenham's 2023 report is uploaded while Ofsted's statistics (a published source,
believed less than a report) already describe its inspection: the visit's start date and one
grade that the report contradicts. The report would bring the end date, the inspectors, its own
grades (one of them contradicting the statistics: a disagreement) and its findings.
"""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from authorities.models import Authority
from dashboard.formatting import stated_value, visit_when
from inspections.ingest import IngestContext, document_parse
from inspections.models import SourceDocument
from inspections.vocabulary import Grade
from tests.factories import make_document, make_judgements, make_visit
from tests.paths import CORPUS
from tests.uploads import queued_uploads_read
from tests.web.html import text_of

REPORT = CORPUS / "80486_barking-and-dagenham_2023-09-04.pdf"


@pytest.fixture
def pending(db, client, django_user_model):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    parsed = document_parse(data=REPORT.read_bytes(), context=IngestContext.load())
    authority = Authority.objects.get(slug="barking-and-dagenham")
    statistics = make_document(
        "Ofsted's children's services outcomes", doc_kind=SourceDocument.Kind.STATISTICS, format="ods"
    )
    visit = make_visit(
        authority, visit_type=parsed.visit_type, start=parsed.visit_start, sources=[statistics]
    )
    contradicted = parsed.judgements[0]
    other_grade = next(g for g in Grade.values if g != contradicted.grade)
    make_judgements(visit, {contradicted.area: other_grade}, source=statistics)

    staff = django_user_model.objects.create_user("admin", password="x", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post("/upload/", {"document": SimpleUploadedFile(REPORT.name, REPORT.read_bytes())})
    queued_uploads_read()
    assert response.status_code == 302
    client.logout()
    report = SourceDocument.objects.get(filename=REPORT.name)
    assert report.status == "review"
    finding = parsed.findings[0].text
    return SimpleNamespace(
        client=client,
        staff=staff,
        visit=visit,
        report=report,
        statistics=statistics,
        inspector=parsed.inspectors[0].name,
        dates=visit_when(SimpleNamespace(start_date=parsed.visit_start, end_date=parsed.visit_end)),
        end=parsed.visit_end.isoformat(),
        finding=finding,
        finding_words=" ".join(finding.split()[:8]),
        area=contradicted.area,
        grade=contradicted.grade,
        other_grade=other_grade,
    )


def public_urls(case) -> list[str]:
    """Every public URL that could show something of the report (dashboard/urls.py)."""
    slug = "barking-and-dagenham"
    return [
        "/",
        "/authorities/",
        "/authorities/search/?q=barking",
        f"/authorities/{slug}/",
        f"/compare/?authority={slug}&authority=westminster",
        f"/compare/themes.csv?authority={slug}&authority=westminster",
        "/findings/",
        f"/findings/?authority={slug}",
        "/findings/export.csv",
        "/findings/export.json",
        f"/visits/{case.visit.pk}/",
        f"/sources/{case.statistics.pk}/",
        f"/sources/{case.report.pk}/",
        f"/sources/{case.report.pk}/original",
        "/api/authorities/",
        f"/api/authorities/{slug}/",
        "/api/findings/",
        f"/api/findings/?authority={slug}",
    ]


def page_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/html"):
        return text_of(BeautifulSoup(content, "html.parser"))
    return " ".join(content.decode(errors="replace").split())


def test_a_pending_report_contributes_nothing_to_any_public_url(pending):
    for url in public_urls(pending):
        response = pending.client.get(url)
        assert response.status_code in (200, 404), url
        text = page_text(response)
        assert pending.inspector not in text, url
        assert pending.dates not in text and pending.end not in text, url
        assert pending.finding_words not in text, url
        assert pending.report.title not in text, url
        assert "disagree" not in text, url


def test_the_visit_page_shows_only_what_published_sources_say(pending, get_soup):
    page = text_of(get_soup(f"/visits/{pending.visit.pk}/"))
    assert pending.inspector not in page
    api = pending.client.get("/api/authorities/barking-and-dagenham/").json()
    (visit,) = api["visits"]
    assert visit["visit_end"] is None
    assert {(j["area"], j["grade"]) for j in visit["judgements"]} == {(pending.area, pending.other_grade)}
    assert visit["n_findings"] == 0
    assert [s["doc_kind"] for s in visit["sources"]] == ["statistics"]


def test_once_published_everything_it_brings_shows(pending, get_soup):
    pending.client.force_login(pending.staff)
    pending.client.post(f"/upload/{pending.report.pk}/publish")
    pending.client.logout()

    page = text_of(get_soup(f"/visits/{pending.visit.pk}/"))
    assert pending.inspector in page
    assert pending.dates in page
    assert pending.finding_words in page
    assert "The sources of this visit disagree" in page
    visit = pending.client.get("/api/authorities/barking-and-dagenham/").json()["visits"][0]
    assert visit["visit_end"] == pending.end
    assert (pending.area, pending.grade) in {(j["area"], j["grade"]) for j in visit["judgements"]}
    findings = pending.client.get("/api/findings/?authority=barking-and-dagenham").json()
    assert findings["count"] == visit["n_findings"] > 0
    assert pending.finding_words in page_text(pending.client.get("/findings/export.csv"))
    assert pending.report.title in text_of(get_soup("/"))


def test_a_pending_report_leaves_a_news_summary_it_repeats_in_place_until_published(pending):
    """A primary document takes the place of the summary findings it repeats only when published."""
    news = make_document("Barking and Dagenham news", doc_kind=SourceDocument.Kind.NEWS)
    pending.visit.visit_sources.create(document=news)
    summary = pending.visit.findings.create(
        source=news, position=0, text=pending.finding, section="overview", polarity="neutral"
    )
    rows = pending.client.get("/api/findings/?authority=barking-and-dagenham").json()["results"]
    assert [row["id"] for row in rows] == [summary.pk]
    pending.client.force_login(pending.staff)
    pending.client.post(f"/upload/{pending.report.pk}/publish")
    rows = pending.client.get("/api/findings/?authority=barking-and-dagenham").json()["results"]
    assert summary.pk not in {row["id"] for row in rows}
    assert pending.finding in {row["text"] for row in rows}


def test_the_review_page_shows_staff_what_the_report_brings(pending, get_soup):
    pending.client.force_login(pending.staff)
    held = text_of(get_soup(f"/upload/{pending.report.pk}/").find(id=f"held-{pending.visit.pk}"))
    assert f"{pending.inspector}, Lead inspector" in held
    assert f"to {stated_value(pending.end)}" in held
    pending.client.post(f"/upload/{pending.report.pk}/publish")
    assert get_soup(f"/upload/{pending.report.pk}/").find(id=f"held-{pending.visit.pk}") is None


def test_a_visit_a_pending_letter_created_shows_nothing_of_it_when_a_published_summary_joins(
    db, client, django_user_model
):
    """The seed letter uploaded (pending) creates its visit; the news summary of that visit, ingested
    as published, joins it: the public visit page shows the summary, not the letter's inspector."""
    from inspections.ingest import document_ingest
    from tests.paths import SEEDS

    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    context = IngestContext.load()
    letter, news = next(SEEDS.glob("001_*")), next(SEEDS.glob("000_*"))
    parsed = document_parse(data=letter.read_bytes(), context=context)
    pending = document_ingest(
        data=letter.read_bytes(), filename=letter.name, context=context, status=SourceDocument.Status.REVIEW
    )
    summary = document_ingest(data=news.read_bytes(), filename=news.name, context=context)
    assert summary.visit == pending.visit
    page = client.get(f"/visits/{pending.visit.pk}/")
    assert page.status_code == 200
    assert parsed.inspectors[0].name not in text_of(BeautifulSoup(page.content, "html.parser"))
    assert (
        visit_when(SimpleNamespace(start_date=parsed.visit_start, end_date=parsed.visit_end))
        not in page.content.decode()
    )
