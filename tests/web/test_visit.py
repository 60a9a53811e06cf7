import datetime as dt

from tests.factories import make_document, make_finding, make_judgements, make_visit
from tests.web.html import column_headers, table_rows, text_of

# visit with authority; judgements with sources; visit sources; disagreements; findings; their themes;
# when the visit, its judgements and findings were last corrected (the audit log)
VISIT_QUERIES = 7


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


def test_findings_grouped_by_judgement_area_with_a_jump_list(world, get_soup):
    make_finding(world.focused, "Leaders know their services well.", source=world.letter, area="leadership")
    make_finding(
        world.focused, "Help is slow.", source=world.letter, polarity="concern", area="help_and_protection"
    )
    make_finding(world.focused, "Overall, children are safe.", source=world.letter, section="overview")
    soup = get_soup(f"/visits/{world.focused.pk}/")
    headings = [text_of(h) for h in soup.find(id="findings").find_all_next("h3")]
    # The vocabulary's order (leaders before help and protection), whatever the documents' order.
    assert headings[:6] == [
        "Contents",
        "Overview",
        "Impact of leaders on social work practice",
        "Children who need help and protection",
        "Findings under no judgement area",
        "What needs to improve",
    ]
    jumps = soup.find(id="findings-jump-list").find_all("li")
    assert text_of(jumps[0]) == "Overview (1 finding)"
    assert jumps[1].find("a")["href"] == "#findings-leadership"
    assert text_of(jumps[-1]) == "Strengths and concerns by theme"
    help_group = soup.find(id="findings-help-and-protection").find_parent("section")
    assert "1 finding: 0 strengths, 1 concern, 0 mixed or neutral." in text_of(help_group)
    assert "Help is slow." in text_of(help_group)


def test_findings_with_polarity_themes_and_evidence(world, get_soup):
    soup = get_soup(f"/visits/{world.focused.pk}/")
    finding = soup.find(id=f"finding-{world.westminster_thresholds_2018.pk}")
    assert "Strength" in text_of(finding.find(class_="govuk-tag"))
    assert "Thresholds are appropriate and well embedded in practice." in text_of(finding)
    assert "Thresholds – because it says “Thresholds”" in text_of(finding)
    source = finding.find("a", href=f"/sources/{world.letter.pk}/")
    assert text_of(source) == "Focused visit to Westminster children's services"
    improvement = soup.find(id="findings-improvement").find_parent("section")
    assert "Partner engagement in strategy discussions and meetings." in text_of(improvement)


def test_strengths_and_concerns_counted_by_theme(world, get_soup):
    # The authority's page showed this table for every visit; it is the visit's own now.
    make_finding(world.focused, "Thresholds are known but not always applied.", source=world.letter, polarity="mixed", themes=["thresholds"])  # fmt: skip
    table = get_soup(f"/visits/{world.focused.pk}/").find(id="themes-table")
    assert column_headers(table) == ["Theme", "Strengths", "Concerns", "Mixed or neutral"]
    themes = {row[0]: row[1:] for row in table_rows(table)}
    assert themes["Quality assurance"] == ["0", "2", "0"]
    assert themes["Thresholds"] == ["1", "0", "1"]
    assert list(themes) == sorted(themes)


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
    # The judgement referred to is this visit's own: in its table, not under "earlier judgements".
    rows = table_rows(soup.find(id="judgements-table"))
    assert rows == [
        [
            "Overall effectiveness",
            "Inadequate",
            "Referred to in Monitoring visit to Tower Hamlets local authority children's services",
        ]
    ]
    assert soup.find(id="referred-judgements") is None


def test_a_reference_only_visit_of_unstated_type_is_not_called_other(world, get_soup):
    # As the real seed 004 is ingested: "judged inadequate ... in April 2017", no type given.
    world.tower_hamlets_2017.visit_type = "other"
    world.tower_hamlets_2017.save()
    soup = get_soup(f"/visits/{world.tower_hamlets_2017.pk}/")
    assert text_of(soup.find("h1")) == "Visit (type not stated), April 2017"
    assert facts(soup)["Type of visit"] == "Not stated"
    timeline = table_rows(get_soup("/authorities/tower-hamlets/").find(id="timeline-table"))
    assert timeline[0][1] == "Visit (type not stated) known only from a reference in another document"


def test_an_other_visit_does_not_claim_its_type_was_worked_out(world, get_soup):
    letter = make_document("Inspection of looked after children services", doc_kind="report")
    visit = make_visit(
        world.leeds, visit_type="other", start=dt.date(2013, 6, 24), sources=[letter], visit_type_stated=False
    )
    assert facts(get_soup(f"/visits/{visit.pk}/"))["Type of visit"] == "Other"
    short = make_visit(
        world.leeds,
        visit_type="short_inspection",
        start=dt.date(2023, 1, 23),
        end=dt.date(2023, 1, 27),
        sources=[letter],
        visit_type_stated=False,
    )
    assert facts(get_soup(f"/visits/{short.pk}/"))["Type of visit"] == (
        "Short inspection (worked out from its dates or its kind of document; the source does not say)"
    )


def test_judgements_in_the_order_of_the_report_not_alphabetical(world, get_soup):
    report = make_document("Barnsley single inspection", doc_kind="report")
    visit = make_visit(world.leeds, visit_type="sif_inspection", start=dt.date(2014, 6, 2), sources=[report])
    make_judgements(
        visit,
        {
            "adoption": "requires_improvement",
            "care_leavers": "good",
            "help_and_protection": "requires_improvement",
            "leadership_management_governance": "requires_improvement",
            "looked_after_children": "requires_improvement",
            "lscb": "requires_improvement",
            "overall_effectiveness": "requires_improvement",
        },
        source=report,
    )
    expected = [
        "Overall effectiveness",
        "Children who need help and protection",
        "Children looked after and achieving permanence",
        "Adoption performance",
        "Care leavers",
        "Leadership, management and governance",
        "Local Safeguarding Children Board",
    ]
    soup = get_soup(f"/visits/{visit.pk}/")
    assert [row[0] for row in table_rows(soup.find(id="judgements-table"))] == expected
    section = get_soup("/authorities/leeds/").find(id=f"visit-{visit.pk}").find_parent("section")
    assert [text_of(li).split(":")[0] for li in section.find("ul").find_all("li")] == expected


def test_a_summary_that_is_also_a_finding_is_not_shown_twice(world, get_soup):
    summary = "Effective action has been taken by leaders and managers at Tower Hamlets."
    world.monitoring.summary = summary
    world.monitoring.save()
    make_finding(world.monitoring, summary, source=world.news_tower_hamlets, section="overview")
    soup = get_soup(f"/visits/{world.monitoring.pk}/")
    assert soup.find(id="visit-summary") is None
    assert text_of(soup).count(summary) == 1
    world.monitoring.summary = "A summary in other words."
    world.monitoring.save()
    assert text_of(get_soup(f"/visits/{world.monitoring.pk}/").find(id="visit-summary")) == (
        "A summary in other words."
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
