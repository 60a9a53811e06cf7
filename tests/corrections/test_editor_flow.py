"""An editor who is not a superuser uploads a letter, corrects a finding's theme with a reason on
the review page, publishes it; everyone then sees the marker, and the audit log has the entry."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from inspections.models import Finding, SourceDocument
from tests.paths import SEEDS
from tests.web.html import table_rows, text_of

WANDSWORTH = next(SEEDS.glob("003_*"))


@pytest.fixture
def reference_data(db):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_an_editor_uploads_corrects_with_a_reason_and_publishes(reference_data, client, editor):
    assert not editor.is_superuser and not editor.is_staff
    client.force_login(editor)
    uploaded = client.post(
        "/upload/", {"document": SimpleUploadedFile(WANDSWORTH.name, WANDSWORTH.read_bytes())}
    )
    document = SourceDocument.objects.get()
    review_url = uploaded["Location"]
    assert review_url == f"/upload/{document.pk}/" and document.uploaded_by == editor

    finding = document.findings.get(text__startswith="Consent for checks")
    review = soup(client.get(review_url))
    row = next(row for row in review.find_all("tr") if "Consent for checks" in text_of(row))
    link = row.find("a", class_="app-correct-link")["href"]
    assert link == f"/findings/{finding.pk}/correct?next={review_url}"
    themes = sorted(finding.themes.values_list("slug", flat=True))
    corrected = client.post(
        link, {"themes": [*themes, "housing"], "polarity": finding.polarity, "reason": "It is about housing too.", "next": review_url}
    )  # fmt: skip
    assert corrected["Location"] == review_url
    assert "Corrected:" in text_of(soup(client.get(review_url)).find(class_="govuk-notification-banner"))

    client.post(f"/upload/{document.pk}/publish")
    document.refresh_from_db()
    assert document.status == "published"

    audit = table_rows(soup(client.get("/audit/")).find(id="audit-table"))
    assert [row[1:] for row in audit] == [
        ["editor", f"Finding {finding.pk}", "themes", ", ".join(themes), ", ".join(sorted([*themes, "housing"])),
         "It is about housing too."],
    ]  # fmt: skip

    client.logout()
    visit = Finding.objects.get(pk=finding.pk).visit
    public = soup(client.get(f"/visits/{visit.pk}/")).find(id=f"finding-{finding.pk}")
    assert f"Corrected on {timezone.localdate().strftime('%-d %B %Y')}" in text_of(public)
    assert "Housing" in text_of(public)
