from tests.factories import make_finding
from tests.web.html import table_rows, text_of

# visit with authority; judgements with sources; visit sources; disagreements; findings; their themes
VISIT_QUERIES = 6


def facts(soup):
    return {
        text_of(row.find("dt")): text_of(row.find("dd"))
        for row in soup.find(id="visit-facts").find_all(class_="govuk-summary-list__row")
    }


def test_dates_type_and_inspectors(world, get_soup):
    soup = get_soup(f"/visits/{world.focused.pk}/")
    assert text_of(soup.find("h1")) == "Focused visit, 7 to 8 August 2018"
    shown = facts(soup)
    assert shown["Started"] == "7 August 2018"
    assert shown["Ended"] == "8 August 2018"
    assert shown["Published"] == "31 August 2018"
    assert [text_of(li) for li in soup.find(id="inspectors").find_all("li")] == [
        "Andy Whippey, Her Majesty's Inspector",
        "Caroline Walsh, Her Majesty's Inspector",
    ]
    assert "Ofsted does not grade a focused visit." in text_of(soup)


def test_dates_a_source_did_not_state(world, get_soup):
    soup = get_soup(f"/visits/{world.wandsworth_visit.pk}/")
    assert text_of(soup.find("h1")) == "Focused visit, date not stated"
    shown = facts(soup)
    assert shown["Started"] == shown["Ended"] == shown["Published"] == "date not stated"
    assert shown["Inspectors"] == "Not stated"


def test_findings_grouped_by_section_with_polarity_themes_and_evidence(world, get_soup):
    soup = get_soup(f"/visits/{world.focused.pk}/")
    headings = [text_of(h) for h in soup.find(id="findings").find_all_next("h3")]
    assert headings[:2] == ["Findings", "What needs to improve"]
    finding = soup.find(id=f"finding-{world.westminster_thresholds_2018.pk}")
    assert "Strength" in text_of(finding.find(class_="govuk-tag"))
    assert "Thresholds are appropriate and well embedded in practice." in text_of(finding)
    assert "Thresholds – because it says “Thresholds”" in text_of(finding)
    source = finding.find("a", href=f"/sources/{world.letter.pk}/")
    assert text_of(source) == "Focused visit to Westminster children's services"
    improvement = soup.find(id="section-improvement").find_parent("section")
    assert "Partner engagement in strategy discussions and meetings." in text_of(improvement)


def test_every_source_with_a_download_of_the_original(world, get_soup):
    soup = get_soup(f"/visits/{world.focused.pk}/")
    rows = table_rows(soup.find(id="sources-table"))
    assert [row[0] for row in rows] == [
        "Focused visit to Westminster children's services",
        "Westminster: strong corporate leadership",
    ]
    assert rows[1][2] == "date not stated"
    downloads = [a["href"] for a in soup.find(id="sources-table").find_all("a") if "Download" in text_of(a)]
    assert downloads == [f"/sources/{world.letter.pk}/original", f"/sources/{world.news_focused.pk}/original"]


def test_disagreements_between_sources_are_shown_plainly(world, get_soup):
    text = text_of(get_soup(f"/visits/{world.focused.pk}/").find(id="disagreements"))
    assert "The sources of this visit disagree." in text
    assert (
        "About the date published: Focused visit to Westminster children's services says 31 August 2018 "
        "(shown here), but Westminster: strong corporate leadership says 3 September 2018."
    ) in text


def test_judgements_and_their_source(world, get_soup):
    soup = get_soup(f"/visits/{world.outstanding.pk}/")
    rows = {row[0]: row[1:] for row in table_rows(soup.find(id="judgements-table"))}
    assert rows["Overall effectiveness"] == ["Outstanding", "Westminster rated as outstanding by Ofsted"]
    assert len(rows) == 4


def test_a_visit_known_only_from_a_reference(world, get_soup):
    soup = get_soup(f"/visits/{world.tower_hamlets_2017.pk}/")
    assert text_of(soup.find("h1")) == "Single inspection framework inspection, April 2017"
    assert "This visit is known only because another document refers to it" in text_of(soup)
    assert "Overall effectiveness: Inadequate – referred to in" in text_of(
        soup.find(id="referred-judgements")
    )


def test_hidden_findings_and_draft_visits_are_not_public(world, client, get_soup):
    assert "HIDDEN" not in text_of(get_soup(f"/visits/{world.wandsworth_visit.pk}/"))
    assert client.get(f"/visits/{world.draft_visit.pk}/").status_code == 404
    assert client.get("/visits/999999/").status_code == 404


def test_query_count_does_not_grow(world, client, django_assert_num_queries):
    with django_assert_num_queries(VISIT_QUERIES):
        client.get(f"/visits/{world.focused.pk}/")
    for index in range(30):
        make_finding(
            world.focused, f"Another finding {index}", source=world.letter, themes=["consent", "neglect"]
        )
    with django_assert_num_queries(VISIT_QUERIES):
        assert client.get(f"/visits/{world.focused.pk}/").status_code == 200
