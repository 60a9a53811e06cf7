"""The seed letter uploaded as a PDF, published, then uploaded again as text: the second is flagged
on the review page as a copy, with keep both, replace and discard; nothing doubles."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from inspections.models import Finding, SourceDocument
from tests.parsing.letter_pdfs import LAYOUTS, letter_pdf
from tests.paths import SEEDS
from tests.uploads import queued_uploads_read
from tests.web.html import text_of

LETTER = next(SEEDS.glob("001_*"))


@pytest.fixture
def copy(db, client, django_user_model):
    """The letter as PDF, published; the same letter as text, uploaded after it."""
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    user = django_user_model.objects.create_user("admin", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    text = LETTER.read_text(encoding="utf-8")
    client.post("/upload/", {"document": SimpleUploadedFile("letter.pdf", letter_pdf(text, LAYOUTS[0]))})
    queued_uploads_read()
    stored = SourceDocument.objects.get(filename="letter.pdf")
    client.post(f"/upload/{stored.pk}/publish")
    response = client.post("/upload/", {"document": SimpleUploadedFile("letter.txt", text.encode())})
    queued_uploads_read()
    assert response.status_code == 302
    return SourceDocument.objects.get(filename="letter.txt")


def public_findings(client) -> list[str]:
    return [row["text"] for row in client.get("/api/findings/?authority=westminster").json()["results"]]


def review(client, document) -> BeautifulSoup:
    return BeautifulSoup(client.get(f"/upload/{document.pk}/").content, "html.parser")


def test_the_copy_is_flagged_with_three_choices(client, copy):
    page = review(client, copy)
    notice = text_of(page.find(id="copy-of"))
    assert f"This looks like the Ofsted letter already stored as {copy.copy_of} (letter.pdf)" in notice
    buttons = [text_of(button) for button in page.find(id="copy-of").find_all("button")]
    assert buttons == [
        "Keep both as sources of the same findings",
        "Replace the stored one with this",
        "Discard this copy",
    ]
    assert not copy.findings.exists()


def test_keep_both_publishes_the_copy_and_nothing_doubles(client, copy):
    before = public_findings(client)
    client.post(f"/upload/{copy.pk}/publish")
    copy.refresh_from_db()
    assert copy.status == "published"
    assert sorted(public_findings(client)) == sorted(before)
    visits = client.get("/api/authorities/westminster/").json()["visits"]
    sources = {source["sha256"] for visit in visits for source in visit["sources"]}
    assert {copy.sha256, copy.copy_of.sha256} <= sources
    assert "Findings (0)" in text_of(review(client, copy))
    home = BeautifulSoup(client.get("/").content, "html.parser")
    listed = [text_of(link) for link in home.select("li a[href^='/sources/']")]
    assert listed.count(str(copy.copy_of)) == 1, "the home page lists the letter once"


def test_replace_makes_the_copy_the_source_and_keeps_the_stored_one_superseded(client, copy):
    stored = copy.copy_of
    ids = set(stored.findings.values_list("pk", flat=True))
    client.post(f"/upload/{copy.pk}/replace")
    copy.refresh_from_db()
    stored.refresh_from_db()
    assert (copy.status, stored.status) == ("published", "superseded")
    assert set(copy.findings.values_list("pk", flat=True)) == ids, "the findings keep their ids"
    assert {row["source_sha256"] for row in client.get("/api/findings/").json()["results"]} == {copy.sha256}
    assert "Superseded by a copy" in text_of(review(client, stored))
    assert client.get(f"/sources/{stored.pk}/original").status_code == 200, "staff can still download it"


def test_discard_keeps_the_original_and_makes_it_no_source(client, copy):
    before = public_findings(client)
    client.post(f"/upload/{copy.pk}/discard")
    copy.refresh_from_db()
    assert copy.status == "discarded" and bytes(copy.original) == LETTER.read_bytes()
    assert not copy.visits.exists()
    assert public_findings(client) == before
    assert "Discarded as a copy" in text_of(review(client, copy))


def test_a_published_document_cannot_be_discarded(client, copy):
    stored = copy.copy_of
    client.post(f"/upload/{stored.pk}/discard")
    stored.refresh_from_db()
    assert stored.status == "published"
    assert Finding.objects.filter(source=stored).exists()
