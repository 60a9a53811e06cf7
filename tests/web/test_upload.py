"""Staff upload a document, check what was extracted, and publish it."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from inspections.models import Finding, SourceDocument
from tests.paths import CORPUS, SEEDS
from tests.web.html import table_rows, text_of

WANDSWORTH = next(SEEDS.glob("003_*"))


@pytest.fixture
def staff(db, client, django_user_model):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    user = django_user_model.objects.create_user("admin", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def upload(client, path, **fields):
    data = {"document": SimpleUploadedFile(path.name, path.read_bytes()), **fields}
    return client.post("/upload/", data)


def test_upload_needs_staff(client, db):
    response = client.get("/upload/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_uploaded_document_waits_for_review_then_publishes(client, staff):
    response = upload(client, WANDSWORTH, published="2019-01-15")
    assert response.status_code == 302
    document = SourceDocument.objects.get()
    assert document.status == "review" and document.uploaded_by == staff
    review = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
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
    response = upload(client, impostor)
    assert response.status_code == 422
    message = text_of(BeautifulSoup(response.content, "html.parser").find(class_="govuk-error-summary"))
    assert "80429_birmingham_2012-10-19.pdf could not be read" in message
    assert "Report not found" in message
    document = SourceDocument.objects.get()
    assert document.status == "failed" and bytes(document.original) == impostor.read_bytes()
    assert not document.visits.exists()


def test_same_file_twice_changes_nothing(client, staff):
    upload(client, WANDSWORTH)
    response = upload(client, WANDSWORTH)
    assert response.status_code == 302
    assert SourceDocument.objects.count() == 1
    assert "uploaded before" in client.get(response["Location"]).content.decode()


def test_file_over_the_limit_is_refused_by_name(client, staff, settings):
    settings.MAX_DOCUMENT_BYTES = 100
    response = upload(client, WANDSWORTH)
    assert response.status_code == 400
    assert (
        f"{WANDSWORTH.name} is" in response.content.decode() and "over the limit" in response.content.decode()
    )
    assert not SourceDocument.objects.exists()
