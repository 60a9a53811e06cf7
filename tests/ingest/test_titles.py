"""A document that states no title gets one a person can read, never its file name."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from inspections.models import SourceDocument
from tests.paths import SEEDS
from tests.web.html import text_of


def seed(prefix: str) -> SourceDocument:
    return SourceDocument.objects.get(filename__startswith=prefix)


def test_untitled_documents_are_named_by_what_they_are_and_the_visit(seeds):
    assert seed("004").title == "News summary: Tower Hamlets monitoring visit"
    assert seed("000").title == "News summary: Westminster focused visit"
    # A title the document states is kept.
    assert seed("003").title == "Strong political support for children's services at Wandsworth"
    assert seed("001").title == "Focused visit to Westminster children's services"


def test_a_made_title_follows_what_a_later_source_says_the_visit_was(seeds):
    # 000 came first and said nothing of the visit's kind; the 001 letter says it was a focused visit.
    document = seed("000")
    assert document.title_made and document.title.endswith("focused visit")
    assert not seed("003").title_made


def test_the_pages_show_the_title_not_the_file_name(seeds, get_soup):
    visit = seed("004").visits.get(reference_only=False)
    soup = get_soup(f"/visits/{visit.pk}/")
    sources = [text_of(row.th) for row in soup.find(id="sources-table").tbody.find_all("tr")]
    assert sources == ["News summary: Tower Hamlets monitoring visit"]
    assert "004_fa02ad1508ba9fa6" not in text_of(soup.find("main"))


def test_a_dry_run_states_no_title_the_document_does_not(reference_data):
    out = io.StringIO()
    call_command(
        "ingest", "--dry-run", "--json", str(next(SEEDS.glob("004_*"))), stdout=out, stderr=io.StringIO()
    )
    assert json.loads(out.getvalue())[0]["title"] is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_names_documents_stored_without_a_title():
    executor = MigrationExecutor(connection)
    executor.migrate([("inspections", "0005_ofsted_sync"), ("authorities", "0002_region_labels")])
    apps = executor.loader.project_state([("inspections", "0005_ofsted_sync")]).apps
    Authority = apps.get_model("authorities", "Authority")
    SourceDocument_ = apps.get_model("inspections", "SourceDocument")
    Visit = apps.get_model("inspections", "Visit")
    VisitSource = apps.get_model("inspections", "VisitSource")
    wandsworth = Authority.objects.create(
        name="Wandsworth",
        slug="wandsworth",
        ons_code="E09000032",
        region="London",
        authority_type="london_borough",
    )
    visit = Visit.objects.create(authority=wandsworth, visit_type="focused_visit")
    untitled = SourceDocument_.objects.create(
        sha256="a" * 64, filename="003_x.txt", format="text", doc_kind="news", original=b"x", size=1
    )
    titled = SourceDocument_.objects.create(
        sha256="b" * 64,
        filename="t.txt",
        format="text",
        doc_kind="letter",
        title="Kept",
        original=b"y",
        size=1,
    )
    for document in (untitled, titled):
        VisitSource.objects.create(visit=visit, document=document)

    executor = MigrationExecutor(connection)
    executor.migrate([("inspections", "0006_readable_titles")])
    # The model as that migration left it: later ones add columns.
    SourceDocument_ = executor.loader.project_state([("inspections", "0006_readable_titles")]).apps.get_model(
        "inspections", "SourceDocument"
    )
    named = SourceDocument_.objects.get(pk=untitled.pk)
    assert (named.title, named.title_made) == ("News summary: Wandsworth focused visit", True)
    assert SourceDocument_.objects.get(pk=titled.pk).title == "Kept"
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
