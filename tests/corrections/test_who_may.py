"""Who may do what: every staff page sends anyone not signed in to sign in, refuses (403) anyone
signed in without the permission, staff included, and changes nothing for either."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from inspections.models import AuditEntry, Finding, Judgement, SourceDocument, Visit
from tests.web.html import text_of


def staff_requests(world):
    finding = world.westminster_thresholds_2018
    judgement = world.outstanding.judgements.get(area="leadership")
    change = {"reason": "wrong", "polarity": "concern", "grade": "inadequate", "visit_type": "other"}
    return [
        ("get", "/upload/", {}),
        ("post", "/upload/", {"kind": "letter"}),
        ("get", f"/upload/{world.draft.pk}/", {}),
        ("post", f"/upload/{world.draft.pk}/publish", {}),
        ("get", "/sync/", {}),
        ("get", "/audit/", {}),
        ("get", f"/findings/{finding.pk}/correct", {}),
        ("post", f"/findings/{finding.pk}/correct", change),
        ("get", f"/judgements/{judgement.pk}/correct", {}),
        ("post", f"/judgements/{judgement.pk}/correct", change),
        ("get", f"/visits/{world.focused.pk}/correct", {}),
        ("post", f"/visits/{world.focused.pk}/correct", {**change, "authority": "wandsworth"}),
    ]


def state():
    return (
        list(Finding.objects.order_by("pk").values_list("pk", "polarity", "hidden", "edited")),
        list(Judgement.objects.order_by("pk").values_list("pk", "grade")),
        list(Visit.objects.order_by("pk").values_list("pk", "visit_type", "authority_id", "start_date")),
        list(SourceDocument.objects.order_by("pk").values_list("pk", "status")),
        AuditEntry.objects.count(),
    )


def test_anyone_not_signed_in_is_sent_to_sign_in_and_changes_nothing(world, client):
    before = state()
    for method, url, data in staff_requests(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith("/login/?next="), (method, url)
    assert state() == before


@pytest.mark.parametrize("staff", [False, True], ids=["signed-in", "staff-without-permissions"])
def test_a_signed_in_account_without_the_permissions_is_refused_and_changes_nothing(
    world, client, django_user_model, staff
):
    client.force_login(django_user_model.objects.create_user("analyst", password="x", is_staff=staff))
    before = state()
    for method, url, data in staff_requests(world):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    assert state() == before


def test_an_editor_may_open_every_staff_page(world, client, editor):
    assert not editor.is_staff and not editor.is_superuser
    client.force_login(editor)
    for method, url, _ in staff_requests(world):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_editor_group_holds_what_an_editor_does(db):
    perms = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    assert {
        "add_sourcedocument",
        "change_sourcedocument",
        "change_finding",
        "change_judgement",
        "change_visit",
        "view_auditentry",
    } <= perms
    assert not {"delete_sourcedocument", "delete_finding", "change_theme"} & perms


def test_the_sign_in_page_has_the_products_look_and_signs_an_editor_in(db, client, editor):
    from tests.conftest import EDITOR_PASSWORD

    page = BeautifulSoup(client.get("/login/?next=/audit/").content, "html.parser")
    assert text_of(page.find("h1")) == "Sign in"
    assert page.find("header", class_="govuk-header") is not None
    assert page.find("input", {"name": "next"})["value"] == "/audit/"

    wrong = client.post("/login/", {"username": "editor", "password": "nope", "next": "/audit/"})
    summary = BeautifulSoup(wrong.content, "html.parser").find(class_="govuk-error-summary")
    assert "Please enter a correct username and password" in text_of(summary)

    right = client.post("/login/", {"username": "editor", "password": EDITOR_PASSWORD, "next": "/audit/"})
    assert right.status_code == 302 and right["Location"] == "/audit/"
    footer = text_of(BeautifulSoup(client.get("/").content, "html.parser").find("footer"))
    assert "Upload a document" in footer and "Audit log" in footer and "Sign out (editor)" in footer
