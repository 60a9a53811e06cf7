"""An editor corrects a finding, a judgement and a visit in the product's own pages, with a reason;
the public page says it was corrected (no reason, no name) and the audit log says who, what and why."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from inspections.models import AuditEntry, FindingLabel
from tests.factories import make_finding, make_theme
from tests.web.html import table_rows, text_of

TODAY = timezone.localdate().strftime("%-d %B %Y")


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_finding_corrected_from_its_visit_page(world, signed_in, client):
    finding = world.westminster_thresholds_2018
    make_theme("leadership", "Leadership")
    visit_page = soup(client.get(f"/visits/{world.focused.pk}/"))
    link = visit_page.find(id=f"finding-{finding.pk}").find("a", class_="app-correct-link")
    assert (
        link["href"]
        == f"/findings/{finding.pk}/correct?next=/visits/{world.focused.pk}/%23finding-{finding.pk}"
    )

    form = soup(client.get(link["href"]))
    assert [box["value"] for box in form.select("input[name=themes][checked]")] == ["thresholds"]
    assert form.select_one("input[name=polarity][checked]")["value"] == "strength"

    response = client.post(
        link["href"],
        {"themes": ["thresholds", "leadership"], "polarity": "concern", "reason": "It says thresholds fail.",
         "next": f"/visits/{world.focused.pk}/#finding-{finding.pk}"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/visits/{world.focused.pk}/#finding-{finding.pk}"
    finding.refresh_from_db()
    assert finding.polarity == "concern" and finding.edited
    assert sorted(finding.themes.values_list("slug", flat=True)) == ["leadership", "thresholds"]
    label = FindingLabel.objects.get(finding=finding)  # the theme model learns from it
    assert (label.themes, label.polarity) == (["leadership", "thresholds"], "concern")

    client.logout()
    public = soup(client.get(f"/visits/{world.focused.pk}/")).find(id=f"finding-{finding.pk}")
    assert f"Corrected on {TODAY}" in text_of(public)
    assert "Concern" in text_of(public) and "Leadership" in text_of(public)
    assert "thresholds fail" not in text_of(public) and "editor" not in text_of(public)
    assert public.find("a", class_="app-correct-link") is None


def test_the_audit_log_lists_who_what_before_after_and_why(world, signed_in, client):
    finding = world.westminster_thresholds_2018
    client.post(
        f"/findings/{finding.pk}/correct",
        {"themes": ["thresholds"], "polarity": "concern", "reason": "Reads as a concern."},
    )
    judgement = world.outstanding.judgements.get(area="leadership")
    client.post(f"/judgements/{judgement.pk}/correct", {"grade": "good", "reason": "The report says good."})

    rows = table_rows(soup(client.get("/audit/")).find(id="audit-table"))
    assert [row[1:] for row in rows] == [
        ["editor", f"Judgement {judgement.pk}", "grade", "Outstanding", "Good", "The report says good."],
        ["editor", f"Finding {finding.pk}", "polarity", "Strength", "Concern", "Reads as a concern."],
    ]
    only_findings = table_rows(
        soup(client.get("/audit/?object_type=finding&user=editor")).find(id="audit-table")
    )
    assert [row[3] for row in only_findings] == ["polarity"]
    assert soup(client.get("/audit/?field=start_date")).find(id="audit-table") is None
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert "0 entries" in text_of(soup(client.get(f"/audit/?since={tomorrow}")))
    bad = client.get("/audit/?since=yesterday")
    assert bad.status_code == 400 and "Enter a valid date" in text_of(
        soup(bad).find(class_="govuk-error-summary")
    )


def test_with_htmx_the_form_comes_alone_to_open_in_place(world, signed_in, client):
    finding = world.westminster_thresholds_2018
    fragment = soup(client.get(f"/findings/{finding.pk}/correct?next=/visits/1/", HTTP_HX_REQUEST="true"))
    assert fragment.find("h1") is None and fragment.find("footer") is None
    form = fragment.find("form", class_="app-correction-form")
    assert form["action"] == f"/findings/{finding.pk}/correct?next=/visits/1/"
    assert form.find("input", {"name": "next"})["value"] == "/visits/1/"


def test_a_correction_needs_a_reason_and_a_change(world, signed_in, client):
    judgement = world.outstanding.judgements.get(area="leadership")
    url = f"/judgements/{judgement.pk}/correct"
    no_reason = client.post(url, {"grade": "good", "reason": "  "})
    assert no_reason.status_code == 400
    assert "Say why you are making this correction." in text_of(
        soup(no_reason).find(class_="govuk-error-summary")
    )
    unchanged = client.post(url, {"grade": "outstanding", "reason": "checked"})
    assert unchanged.status_code == 400
    assert "Nothing is changed" in text_of(soup(unchanged).find(class_="govuk-error-summary"))
    unknown = client.post(url, {"grade": "brilliant", "reason": "checked"})
    assert unknown.status_code == 400
    judgement.refresh_from_db()
    assert judgement.grade == "outstanding" and not AuditEntry.objects.exists()


def test_a_judgement_corrected_shows_the_marker_and_the_new_grade(world, signed_in, client):
    judgement = world.outstanding.judgements.get(area="leadership")
    response = client.post(
        f"/judgements/{judgement.pk}/correct?next=/visits/{world.outstanding.pk}/",
        {"grade": "good", "reason": "Misread", "next": f"/visits/{world.outstanding.pk}/"},
    )
    assert response["Location"] == f"/visits/{world.outstanding.pk}/"
    banner = soup(client.get(response["Location"])).find(class_="govuk-notification-banner")
    assert text_of(banner).startswith("Done Corrected: impact of leaders on social work practice judgement")
    client.logout()
    rows = table_rows(soup(client.get(f"/visits/{world.outstanding.pk}/")).find(id="judgements-table"))
    leadership = next(row for row in rows if row[0] == "Impact of leaders on social work practice")
    assert leadership[1] == f"Good Corrected on {TODAY}"
    assert all("Corrected" not in row[1] for row in rows if row is not leadership)


def correct_visit(client, visit, **changes):
    """POST the visit's correction form: Westminster's focused visit of 7-8 August 2018, with changes."""
    form = {"visit_type": "focused_visit", "start_date": "2018-08-07", "end_date": "2018-08-08",
            "authority": "westminster", **changes}  # fmt: skip
    return client.post(f"/visits/{visit.pk}/correct", form)


def test_a_visit_corrected_dates_type_and_authority(world, signed_in, client):
    visit = world.focused
    response = correct_visit(client, visit, start_date="2018-08-06", reason="The letter says 6 August.")
    assert response.status_code == 302 and response["Location"] == f"/visits/{visit.pk}/"
    visit.refresh_from_db()
    assert visit.start_date == dt.date(2018, 8, 6) and visit.sort_date == dt.date(2018, 8, 6)
    entry = AuditEntry.objects.get()
    assert (entry.field, entry.before, entry.after) == ("start_date", "2018-08-07", "2018-08-06")

    moved = correct_visit(
        client,
        visit,
        start_date="2018-08-06",
        authority="wandsworth",
        reason="Matched to the wrong authority.",
    )
    assert moved.status_code == 302
    visit.refresh_from_db()
    assert visit.authority == world.wandsworth
    client.logout()
    page = soup(client.get(f"/visits/{visit.pk}/"))
    assert f"Corrected on {TODAY}" in text_of(page.find(id="visit-corrections"))
    assert text_of(page.find(class_="govuk-caption-xl")) == "Wandsworth"


def test_a_visit_cannot_end_before_it_starts(world, signed_in, client):
    response = correct_visit(
        client, world.focused, start_date="2018-08-08", end_date="2018-08-01", reason="typo"
    )
    assert response.status_code == 400
    assert "The visit cannot end before it started." in text_of(
        soup(response).find(class_="govuk-error-summary")
    )


def test_a_hidden_finding_leaves_the_public_pages(world, signed_in, client):
    finding = world.westminster_thresholds_2018
    client.post(
        f"/findings/{finding.pk}/correct",
        {"themes": ["thresholds"], "polarity": "strength", "hidden": "on", "reason": "Duplicate of another."},
    )
    finding.refresh_from_db()
    assert finding.hidden and not finding.edited  # hiding does not freeze its themes
    client.logout()
    assert finding.text not in text_of(soup(client.get(f"/visits/{world.focused.pk}/")))


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_elsewhere_is_ignored(world, signed_in, client, unsafe):
    judgement = world.outstanding.judgements.get(area="leadership")
    response = client.post(
        f"/judgements/{judgement.pk}/correct", {"grade": "good", "reason": "x", "next": unsafe}
    )
    assert response["Location"] == f"/visits/{world.outstanding.pk}/"


def test_query_counts_of_the_staff_pages_are_pinned(world, signed_in, client, django_assert_num_queries):
    finding = world.westminster_thresholds_2018
    for number in range(3):
        client.post(
            f"/findings/{finding.pk}/correct",
            {"themes": [], "polarity": ["concern", "strength"][number % 2], "reason": f"try {number}"},
        )
    # session; user; permissions (user's, group's); entries with their users; count
    with django_assert_num_queries(6):
        client.get("/audit/")
    for number in range(3, 8):
        client.post(
            f"/findings/{finding.pk}/correct",
            {"themes": [], "polarity": ["concern", "strength"][number % 2], "reason": f"try {number}"},
        )
    with django_assert_num_queries(6):
        client.get("/audit/")
    # session; user; permissions (user's, group's); finding with source; its themes; all themes
    with django_assert_num_queries(7):
        client.get(f"/findings/{finding.pk}/correct")


def test_the_review_pages_query_count_does_not_grow(world, signed_in, client, django_assert_num_queries):
    url = f"/upload/{world.draft.pk}/"
    with django_assert_num_queries(REVIEW_QUERIES):
        client.get(url)
    for number in range(20):
        make_finding(
            world.draft_visit, f"Another draft finding {number}", source=world.draft, themes=["consent"]
        )
    with django_assert_num_queries(REVIEW_QUERIES):
        page = soup(client.get(url))
    assert len(page.select(".app-correct-link")) == 21 + 1  # each finding, and the visit


# session; user; permissions (user's, group's); document; visits with authority; their judgements;
# their disagreements; findings; their themes
REVIEW_QUERIES = 10


def test_no_filter_value_makes_the_audit_page_fail(world, signed_in, client):
    from urllib.parse import quote

    from tests.web.test_nothing_500s import NASTY

    for name in ("user", "object_type", "field", "since", "until", "page"):
        for value in [*NASTY, "99999999999999999999"]:
            response = client.get(f"/audit/?{name}={quote(value)}")
            assert response.status_code in (200, 400), (name, value, response.status_code)


def test_a_visit_moved_onto_another_of_the_same_day_is_refused(world, signed_in, client):
    response = correct_visit(client, world.focused, authority="wandsworth", reason="Wrong authority")
    assert response.status_code == 302
    clash = correct_visit(client, world.wandsworth_visit, visit_type="focused_visit", authority="wandsworth",
                          start_date="2018-08-07", reason="Same visit")  # fmt: skip
    assert clash.status_code == 400
    assert "Another focused visit to Wandsworth starting on 7 August 2018 is already recorded" in text_of(
        soup(clash).find(class_="govuk-error-summary")
    )
    world.wandsworth_visit.refresh_from_db()
    assert world.wandsworth_visit.start_date != dt.date(2018, 8, 7)
