"""Staff upload a document: the original is kept at once and queued, the background worker reads
it, staff check what was extracted and publish it."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks.backends.database.models import DBTaskResult

from inspections.models import Finding, SourceDocument
from tests.paths import CORPUS, SEEDS
from tests.web.html import table_rows, text_of

WANDSWORTH = next(SEEDS.glob("003_*"))
A_REPORT = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"


@pytest.fixture
def staff(transactional_db, client, django_user_model):
    """Committed for real, as the worker (its own transactions) needs."""
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    user = django_user_model.objects.create_user("admin", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def upload(client, path, **fields):
    return client.post("/upload/", {"document": SimpleUploadedFile(path.name, path.read_bytes()), **fields})


def worker_runs():
    """`manage.py db_worker` reads everything queued, then stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_upload_needs_staff(client, db):
    response = client.get("/upload/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_upload_keeps_the_original_and_queues_it_unread(client, staff):
    response = upload(client, WANDSWORTH)
    assert response.status_code == 302
    document = SourceDocument.objects.get()
    assert document.status == "queued" and bytes(document.original) == WANDSWORTH.read_bytes()
    assert not document.visits.exists() and not document.findings.exists()
    assert DBTaskResult.objects.get().args_kwargs["args"] == [document.pk]

    review = page(client, response["Location"])
    assert text_of(review.find(class_="govuk-caption-xl")) == "Queued to be read", "its kind is not known yet"
    state = review.find(id="document-state")
    assert "Queued to be read." in text_of(state)
    refresh = state.find("a", string="refresh to see the result")
    assert refresh["href"] == response["Location"]
    assert state["hx-get"] == response["Location"] and state["hx-trigger"] == "every 2s"
    assert review.find("h2", string="Visits") is None, "nothing read yet, nothing shown as read"


def test_waiting_page_polls_a_fragment_then_reloads_once_read(client, staff):
    url = upload(client, WANDSWORTH)["Location"]
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    soup = BeautifulSoup(fragment.content, "html.parser")
    assert soup.find("html") is None and "Queued to be read." in text_of(soup.find(id="document-state"))

    worker_runs()
    read = client.get(url, HTTP_HX_REQUEST="true")
    assert read.headers["HX-Refresh"] == "true"
    state = page(client, url).find(id="document-state")
    assert not state.has_attr("hx-trigger"), "polling stops once the document is read"


def test_uploaded_document_is_read_then_waits_for_review_then_publishes(client, staff):
    response = upload(client, WANDSWORTH, published="2019-01-15")
    worker_runs()
    document = SourceDocument.objects.get()
    assert document.status == "review" and document.uploaded_by == staff
    review = page(client, response["Location"])
    assert "Wandsworth: Focused visit" in text_of(review)
    rows = table_rows(review.find("table"))
    assert any(
        row[1].startswith("Consent for checks within the front door") and row[2] == "Concern" for row in rows
    )
    assert any("Consent (" in row[3] for row in rows), "the words behind each theme are shown"

    public = client.get("/findings/?theme=consent&polarity=concern")
    assert "Consent for checks" not in public.content.decode()

    client.post(f"/upload/{document.pk}/publish")
    document.refresh_from_db()
    assert document.status == "published"
    assert Finding.objects.public().filter(text__startswith="Consent for checks").exists()


def test_unreadable_upload_is_kept_and_says_why(client, staff):
    impostor = CORPUS / "80429_birmingham_2012-10-19.pdf"
    url = upload(client, impostor)["Location"]
    worker_runs()
    document = SourceDocument.objects.get()
    assert document.status == "failed" and bytes(document.original) == impostor.read_bytes()
    assert not document.visits.exists()
    message = text_of(page(client, url).find(class_="govuk-warning-text"))
    assert "This document could not be read: this is an HTML page ('Report not found')" in message
    assert "The original is kept" in message


def test_a_failed_document_uploaded_again_is_queued_again_in_place(client, staff):
    impostor = CORPUS / "80429_birmingham_2012-10-19.pdf"
    first = upload(client, impostor)["Location"]
    worker_runs()
    again = upload(client, impostor)["Location"]
    assert again == first
    document = SourceDocument.objects.get()
    assert (document.status, document.error) == ("queued", "")
    assert DBTaskResult.objects.count() == 2


def test_document_past_the_time_limit_fails_saying_so_and_is_kept(client, staff, settings):
    settings.PARSE_TIME_LIMIT = 0.01
    url = upload(client, A_REPORT)["Location"]
    worker_runs()
    document = SourceDocument.objects.get()
    assert (document.status, document.error) == ("failed", "gave up after 0.01 s")
    assert bytes(document.original) == A_REPORT.read_bytes()
    message = text_of(page(client, url).find(class_="govuk-warning-text"))
    assert "This document could not be read: gave up after 0.01 s." in message


def test_same_file_twice_changes_nothing(client, staff):
    upload(client, WANDSWORTH)
    response = upload(client, WANDSWORTH)
    assert response.status_code == 302
    assert SourceDocument.objects.count() == 1 and DBTaskResult.objects.count() == 1
    assert "uploaded before" in client.get(response["Location"]).content.decode()


def test_file_over_the_limit_is_refused_by_name(client, staff, settings):
    settings.MAX_DOCUMENT_BYTES = 100
    response = upload(client, WANDSWORTH)
    assert response.status_code == 400
    assert (
        f"{WANDSWORTH.name} is" in response.content.decode() and "over the limit" in response.content.decode()
    )
    assert not SourceDocument.objects.exists()
