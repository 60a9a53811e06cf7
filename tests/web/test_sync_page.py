"""/sync/: staff see each run of the sync, its failures, and the providers no authority matches."""

import pytest
from bs4 import BeautifulSoup

from authorities.models import Authority
from inspections.models import OfstedProvider, SyncRun
from tests.factories import make_authority
from tests.web.html import table_rows, text_of


@pytest.fixture
def staff(client, editor):
    client.force_login(editor)
    return editor


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get("/sync/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/sync/")


def test_a_signed_in_person_who_is_not_an_editor_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("analyst", password="x"))
    assert client.get("/sync/").status_code == 403
    client.force_login(django_user_model.objects.create_user("clerk", password="x", is_staff=True))
    assert client.get("/sync/").status_code == 403


def test_staff_see_each_run_its_counts_and_failures(client, staff):
    SyncRun.objects.create(
        base_url="https://reports.ofsted.gov.uk/",
        status=SyncRun.Status.FAILED,
        providers_total=153,
        providers_done=153,
        found=1020,
        new=3,
        unchanged=1015,
        failed=2,
        failures=[
            {"url": "https://files.ofsted.gov.uk/v1/file/5001", "reason": "HTTP 404 Not Found"},
            {"url": "javascript:alert(1)", "reason": "not a web address"},
        ],
    )
    SyncRun.objects.create(
        base_url="https://reports.ofsted.gov.uk/",
        status=SyncRun.Status.SITE_CHANGED,
        message="https://reports.ofsted.gov.uk/search?...: the first page of the listing links to no provider",
    )
    soup = BeautifulSoup(client.get("/sync/").content, "html.parser")
    rows = table_rows(soup.find(id="sync-runs"))
    assert rows[0][1] == "The site no longer matches"
    assert rows[1][1:] == ["Some documents failed", "153 of 153", "1020", "3", "1015", "0", "2"]
    failures = soup.select(".app-sync-failures li")
    assert [text_of(item) for item in failures] == [
        "https://files.ofsted.gov.uk/v1/file/5001: HTTP 404 Not Found",
        "javascript:alert(1): not a web address",
    ]
    assert failures[0].a["href"] == "https://files.ofsted.gov.uk/v1/file/5001"
    assert failures[1].a is None, "only web addresses become links"
    assert "the first page of the listing links to no provider" in text_of(soup.find("main"))


def test_staff_see_the_providers_no_authority_matches(client, staff):
    OfstedProvider.objects.create(
        urn="99999", name="Ofsted Test Children's Trust", url="https://x.example/provider/44/99999"
    )
    OfstedProvider.objects.create(
        urn="80519", name="Westminster City Council", url="https://x.example/provider/44/80519",
        authority=make_authority("Westminster"),
    )  # fmt: skip
    soup = BeautifulSoup(client.get("/sync/").content, "html.parser")
    assert [text_of(li) for li in soup.select("#unmatched-providers li")] == [
        "Ofsted Test Children's Trust (URN 99999)"
    ]
    assert Authority.objects.count() == 1


def test_the_upload_page_links_to_the_sync_runs(client, staff):
    soup = BeautifulSoup(client.get("/upload/").content, "html.parser")
    assert soup.find(id="sync-runs-link")["href"] == "/sync/"


def test_the_admin_lists_runs_and_providers(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    SyncRun.objects.create(base_url="https://reports.ofsted.gov.uk/")
    assert client.get("/admin/inspections/syncrun/").status_code == 200
    assert client.get("/admin/inspections/ofstedprovider/?authority__isnull=True").status_code == 200
