"""What ../shared/docs/seeds-expected.md asks of the parser (the parts it decides alone)."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from datetime import date

import pytest

from inspections.parsing import ParseError, parse_document
from inspections.parsing.records import PriorJudgement
from tests.paths import SEEDS

WESTMINSTER = "E09000033"
WANDSWORTH = "E09000032"
TOWER_HAMLETS = "E09000030"


def seed_path(prefix: str):
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path


@pytest.fixture(scope="module")
def seeds(gazetteer, theme_rules):
    return {
        prefix: parse_document(seed_path(prefix).read_bytes(), gazetteer=gazetteer, theme_rules=theme_rules)
        for prefix in ("000", "001", "002", "003", "004")
    }


def sections(doc) -> Counter:
    return Counter(finding.section for finding in doc.findings)


def finding_starting(doc, start: str):
    matches = [f for f in doc.findings if f.text.startswith(start)]
    assert matches, f"no finding starts {start!r}"
    return matches[0]


# --- documents ------------------------------------------------------------------------------


def test_kinds(seeds):
    assert seeds["001"].doc_kind == "letter"
    for prefix in ("000", "002", "003", "004"):
        assert seeds[prefix].doc_kind == "news", prefix


@pytest.mark.parametrize(
    ("prefix", "name", "code"),
    [
        ("000", "Westminster", WESTMINSTER),
        ("001", "Westminster", WESTMINSTER),
        ("002", "Westminster", WESTMINSTER),
        ("003", "Wandsworth", WANDSWORTH),
        ("004", "Tower Hamlets", TOWER_HAMLETS),
    ],
)
def test_subject_authority(seeds, prefix, name, code):
    assert seeds[prefix].authority.name == name
    assert seeds[prefix].authority.ons_code == code


def test_other_authorities_mentioned_but_never_the_subject(seeds):
    assert set(seeds["001"].other_authorities) == {"Hammersmith and Fulham", "Kensington and Chelsea"}
    assert set(seeds["002"].other_authorities) == {"Hammersmith and Fulham", "Kensington and Chelsea"}
    for doc in seeds.values():
        assert doc.authority.name not in ("Hammersmith and Fulham", "Kensington and Chelsea")


def test_addresses_do_not_name_authorities(seeds):
    # Ofsted's Manchester address, the news site's Lancashire and Essex addresses
    for doc in seeds.values():
        assert not {"Manchester", "Lancashire", "Essex"} & set(doc.other_authorities)
    assert seeds["000"].other_authorities == []
    assert seeds["003"].other_authorities == []
    assert seeds["004"].other_authorities == []


def test_titles(seeds):
    assert seeds["001"].title == "Focused visit to Westminster children's services"
    assert seeds["002"].title == "Westminster rated as outstanding by Ofsted"
    assert seeds["003"].title == "Strong political support for children's services at Wandsworth"
    # 000 and 004 open with a sentence, not a headline
    assert seeds["000"].title is None
    assert seeds["004"].title is None


# --- visits ---------------------------------------------------------------------------------


def test_letter_visit(seeds):
    letter = seeds["001"]
    assert letter.visit_type == "focused_visit"
    assert letter.visit_type_stated
    assert (letter.visit_start, letter.visit_end) == (date(2018, 8, 7), date(2018, 8, 8))
    assert letter.published == date(2018, 8, 31)
    assert letter.judgements == []
    assert letter.prior_judgements == []
    assert letter.focus.startswith(
        "the local authority's arrangements for children who need help and protection"
    )


def test_letter_inspectors(seeds):
    assert [(i.name, i.role) for i in seeds["001"].inspectors] == [
        ("Andy Whippey", "Her Majesty's Inspector"),
        ("Caroline Walsh", "Her Majesty's Inspector"),
    ]


def test_outstanding_inspection_judgements(seeds):
    doc = seeds["002"]
    assert doc.visit_type == "standard_inspection"
    assert {(j.area, j.grade) for j in doc.judgements} == {
        ("overall_effectiveness", "outstanding"),
        ("leadership", "outstanding"),
        ("help_and_protection", "outstanding"),
        ("children_in_care_and_care_leavers", "outstanding"),
    }
    assert doc.prior_judgements == []


def test_focused_visit_news(seeds):
    doc = seeds["003"]
    assert doc.visit_type == "focused_visit"
    assert doc.visit_type_stated
    assert doc.judgements == []


def test_monitoring_visit_refers_to_an_earlier_judgement(seeds):
    doc = seeds["004"]
    assert doc.visit_type == "monitoring_visit"
    assert doc.sequence == "sixth and final monitoring visit"
    assert doc.judgements == []
    assert doc.prior_judgements == [
        PriorJudgement("overall_effectiveness", "inadequate", date(2017, 4, 1), "month")
    ]


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_unstated_dates_stay_unknown(seeds, prefix):
    doc = seeds[prefix]
    assert doc.visit_start is None
    assert doc.visit_end is None
    assert doc.published is None


def test_news_of_the_letter_has_no_visit_type_it_does_not_state(seeds):
    assert seeds["000"].visit_type is None
    assert seeds["000"].judgements == []


# --- findings -------------------------------------------------------------------------------


def test_letter_finding_counts(seeds):
    counts = sections(seeds["001"])
    assert counts["finding"] == 15
    assert counts["improvement"] == 2
    assert counts["overview"] == 3


def test_letter_improvement_points(seeds):
    points = [f.text for f in seeds["001"].findings if f.section == "improvement"]
    assert points[0].startswith("The focus of case file audits")
    assert points[1] == "Partner engagement in strategy discussions and meetings."


def test_bullet_split_by_page_break_is_joined(seeds):
    texts = [f.text for f in seeds["001"].findings]
    joined = [t for t in texts if "Examples were seen by inspectors of strategy discussions" in t]
    assert len(joined) == 1
    assert joined[0].startswith("Thresholds are appropriate and well embedded in practice.")
    assert not any(t[0].islower() for t in texts)


def test_overview_paragraph_split_by_page_break_is_joined(seeds):
    overview = [f.text for f in seeds["001"].findings if f.section == "overview"]
    assert any("self-evaluation. This knowledge is further informed" in t for t in overview)


def test_letter_furniture_is_not_a_finding(seeds):
    for finding in seeds["001"].findings:
        assert not re.search(
            r"Piccadilly Gate|Dear Ms|Yours sincerely|Ofsted will take the findings|^Andy Whippey|"
            r"enquiries@ofsted|Melissa Caslake|This letter summarises|Inspectors gathered evidence",
            finding.text,
        ), finding.text


FURNITURE = re.compile(
    r"Mackman|Delivering a diverse|Registered Address|Tel:|Contact Us|Speed Medical House|Parkside|"
    r"^City of Westminster$|^Inspection of children’s social care services$|"
    r"^Monitoring visit to Tower Hamlets|^Focused visit to Wandsworth"
)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_site_furniture_is_not_a_finding(seeds, prefix):
    for finding in seeds[prefix].findings:
        assert not FURNITURE.search(finding.text), finding.text


def test_news_lead_ins_are_not_findings(seeds):
    for doc in seeds.values():
        for finding in doc.findings:
            assert not finding.text.endswith(":"), finding.text


def test_news_summary_of_the_letter_uses_the_letters_words(seeds):
    news, letter = seeds["000"], seeds["001"]
    assert sections(news)["finding"] == 6
    news_points = [f.text for f in news.findings if f.section == "improvement"]
    letter_points = [f.text for f in letter.findings if f.section == "improvement"]
    assert news_points == letter_points  # "should improve X ... and work on Y": two points

    def letters_only(text):  # the letter lost some hyphens ("decisionmaking"); quotes differ
        return re.sub(r"[^a-z]", "", text.lower())

    letter_text = letters_only(" ".join(f.text for f in letter.findings))
    for finding in news.findings:
        if finding.section == "finding":
            assert letters_only(finding.text) in letter_text


def test_quoted_report_loses_its_attribution(seeds):
    overview = [f.text for f in seeds["000"].findings if f.section == "overview"]
    assert overview[0] == (
        "Within Westminster, there is strong corporate leadership to improve outcomes for children and their "
        "families who are in need of help or protection."
    )
    assert any(t.startswith("Inspectors found evidence of sound social work practice") for t in overview)
    assert not any("the report said" in t or "Ofsted has said" in t for t in overview)


def test_outstanding_inspection_bullets(seeds):
    doc = seeds["002"]
    bullets = [f.text for f in doc.findings if f.section == "finding"]
    assert len(bullets) == 27  # 9 + 10 + 8, with the line that lost its dash
    missing = finding_starting(doc, "Children who go missing are seen promptly")
    assert missing.section == "finding"
    before = bullets.index(missing.text)
    assert bullets[before - 1].startswith("Partner agencies have a shared understanding of thresholds")
    assert bullets[before + 1].startswith("Responses to children at immediate risk of harm")


def test_outstanding_inspection_improvement(seeds):
    points = [f.text for f in seeds["002"].findings if f.section == "improvement"]
    assert points == ["The formal matching and panel approval of adolescents in long-term foster homes."]


def test_wandsworth_findings(seeds):
    doc = seeds["003"]
    bullets = [f for f in doc.findings if f.section == "finding"]
    assert len(bullets) == 6
    assert sum(f.polarity == "concern" for f in bullets) >= 5
    points = [f.text for f in doc.findings if f.section == "improvement"]
    assert len(points) == 4
    assert "parental consent for enquiries" in points[0]
    assert "thresholds for initiating child protection processes" in points[1]
    assert "partner engagement in strategy discussions and strategy meetings" in points[2]
    assert "timeliness of assessments for children in need" in points[3]


def test_tower_hamlets_findings(seeds):
    doc = seeds["004"]
    bullets = [f for f in doc.findings if f.section == "finding"]
    assert len(bullets) == 6
    polarities = {f.polarity for f in bullets}
    assert "strength" in polarities
    assert polarities & {"mixed", "concern"}
    assert not [f for f in doc.findings if f.section == "improvement"]


def test_quoted_paragraph_becomes_an_overview_finding(seeds):
    finding = finding_starting(seeds["004"], "Children at risk of immediate harm are responded to quickly.")
    assert finding.section == "overview"
    assert "Thresholds are well embedded and are applied consistently" in finding.text
    assert not finding.text.endswith(",")


def test_positions_are_in_document_order(seeds):
    for doc in seeds.values():
        assert [f.position for f in doc.findings] == list(range(len(doc.findings)))


# --- themes and polarity --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "start", "themes", "polarity"),
    [
        ("001", "Thresholds are appropriate and well embedded in practice", {"thresholds"}, "strength"),
        (
            "003",
            "Consent for checks within the front door is too routinely overridden",
            {"consent", "front-door"},
            "concern",
        ),
        (
            "003",
            "Police co-located in the front-door service expressed concerns",
            {"strategy-discussions", "partnership"},
            "concern",
        ),
        (
            "004",
            "While inspectors saw good examples of analytical case supervision",
            {"management-oversight", "timeliness"},
            "mixed",
        ),
        ("001", "Staff morale in Westminster is high", {"workforce"}, "strength"),
        ("001", "The integrated gangs unit adds real value", {"exploitation"}, "strength"),
    ],
)
def test_example_themes_and_polarity(seeds, prefix, start, themes, polarity):
    finding = finding_starting(seeds[prefix], start)
    assert themes <= set(finding.themes), finding.themes
    assert finding.polarity == polarity
    for theme in themes:
        assert finding.theme_evidence[theme]


def test_thresholds_compare_across_authorities(seeds):
    def thresholds(prefix):
        return [f for f in seeds[prefix].findings if "thresholds" in f.themes]

    for prefix in ("000", "001"):
        lead = [f for f in thresholds(prefix) if f.text.startswith("Thresholds are appropriate")]
        assert lead and lead[0].polarity == "strength"
    wandsworth = [f for f in thresholds("003") if f.section == "improvement"]
    assert wandsworth and all(f.polarity == "concern" for f in wandsworth)
    assert "understanding and application of thresholds" in wandsworth[0].text
    tower_hamlets = [f for f in thresholds("004") if f.section == "overview"]
    assert tower_hamlets and tower_hamlets[0].polarity == "strength"


def test_consent_concerns_are_wandsworths(seeds):
    consent_concerns = {
        prefix
        for prefix, doc in seeds.items()
        for f in doc.findings
        if "consent" in f.themes and f.polarity == "concern"
    }
    assert consent_concerns == {"003"}


def test_improvement_points_are_concerns(seeds):
    for doc in seeds.values():
        for finding in doc.findings:
            if finding.section == "improvement":
                assert finding.polarity == "concern"


# --- the same letter as a PDF would give it ---------------------------------------------------


def test_letter_with_wrapped_lines_and_no_blank_lines(gazetteer, theme_rules):
    lines = []
    for paragraph in seed_path("001").read_text(encoding="utf-8").split("\n"):
        if paragraph.startswith("- "):
            wrapped = textwrap.wrap(paragraph[2:], 86)
            lines += ["• " + wrapped[0], *wrapped[1:]]
        elif paragraph.strip():
            lines += textwrap.wrap(paragraph, 90)
        lines.append("" if len(lines) % 37 else "2")  # a page number now and then
    text = "\n".join(line for line in lines if line)
    doc = parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.doc_kind == "letter"
    assert sections(doc) == Counter({"finding": 15, "improvement": 2, "overview": 3})
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2018, 8, 7),
        date(2018, 8, 8),
        date(2018, 8, 31),
    )
    assert len(doc.inspectors) == 2


# --- documents that are not about an inspection -----------------------------------------------


def test_text_about_something_else_is_refused(gazetteer, theme_rules):
    text = "Westminster council approves new cycle lanes\n\nThe council voted on Tuesday to build new lanes."
    with pytest.raises(ParseError, match="Ofsted"):
        parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules)


def test_text_without_an_english_authority_is_refused(gazetteer, theme_rules):
    text = (
        "Ofsted praised children's services in a small Welsh town.\n\n"
        "Inspectors found that social workers know their children well."
    )
    with pytest.raises(ParseError, match="local authority"):
        parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules)


# --- beyond the seeds: the same parsers on other letters and articles -------------------------

MONITORING_LETTER = """Ofsted
Agora
6 Cumberland Place
Nottingham
NG1 6HJ
T 0300 123 1231
enquiries@ofsted.gov.uk

8 November 2022

Cathi Hadley
Corporate Director for Children’s Services
Bournemouth, Christchurch and Poole Council
BH2 6DY

Dear Cathi

Monitoring visit to Bournemouth, Christchurch and Poole children’s services

This letter summarises the findings of the monitoring visit to Bournemouth, Christchurch and Poole \
children’s services on 4 and 5 October 2022. This was the second monitoring visit since the local authority \
was judged inadequate in December 2021. His Majesty’s Inspectors for this visit were Steve Lowe and \
Louise Hocking.

Areas covered by the visit

The focus of the monitoring visit was children in need and those subject to a child protection plan, namely \
those children who are at risk of significant harm. Inspectors reviewed the progress made in the following \
areas of concern identified at the last inspection:
• The quality of practice, in particular assessment and the recording of children’s views.
• The timeliness of social work intervention for unborn and very young children.

Headline findings

Senior leaders have made steady progress in improving the quality of practice, but practice remains \
inconsistent and too many children experience delay.

Findings and evaluation of progress

Children at immediate risk of harm receive a timely response. Strategy meetings are well attended by \
partners and lead to appropriate decisions.

The quality of assessments is too variable. Not all assessments consider the history of the family.

Supervision is regular, but it does not always provide clear direction to social workers.

Ofsted will take the findings from this monitoring visit into account when planning your next inspection.

Yours sincerely

Steve Lowe
His Majesty’s Inspector
"""


@pytest.mark.parametrize("wrapped", [False, True], ids=["paragraph-lines", "wrapped-like-a-pdf"])
def test_monitoring_visit_letter(gazetteer, theme_rules, wrapped):
    text = MONITORING_LETTER
    if wrapped:
        text = "\n".join(line for para in text.split("\n") for line in textwrap.wrap(para, 88))
    doc = parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules)
    assert doc.doc_kind == "letter"
    assert doc.authority.name == "Bournemouth, Christchurch and Poole"
    assert doc.other_authorities == []  # not Nottingham, from Ofsted's address
    assert doc.title == "Monitoring visit to Bournemouth, Christchurch and Poole children’s services"
    assert (doc.visit_type, doc.sequence) == ("monitoring_visit", "second monitoring visit")
    assert (doc.visit_start, doc.visit_end, doc.published) == (
        date(2022, 10, 4),
        date(2022, 10, 5),
        date(2022, 11, 8),
    )
    assert [(i.name, i.role) for i in doc.inspectors] == [
        ("Steve Lowe", "His Majesty's Inspector"),
        ("Louise Hocking", "His Majesty's Inspector"),
    ]
    assert doc.prior_judgements == [
        PriorJudgement("overall_effectiveness", "inadequate", date(2021, 12, 1), "month")
    ]
    assert doc.judgements == []
    assert doc.focus == "children in need and those subject to a child protection plan"
    assert sections(doc) == Counter({"overview": 1, "finding": 3})
    assert [f.polarity for f in doc.findings] == ["mixed", "strength", "concern", "mixed"]


def news(text, gazetteer, theme_rules):
    return parse_document(text.encode(), gazetteer=gazetteer, theme_rules=theme_rules, kind="news")


def test_news_judgement_wording(gazetteer, theme_rules):
    doc = news(
        "Bristol children's services require improvement\n\n"
        "Children's services in Bristol have been rated as requires improvement to be good by Ofsted.\n\n"
        "The council, which was rated good in 2014, was told that leaders know their services well.\n\n"
        "The experiences and progress of children in care and care leavers were judged good, while help and "
        "protection requires improvement to be good.\n\n"
        'Councillor Jane Smith said: "We are pleased that inspectors recognised our hard work."',
        gazetteer,
        theme_rules,
    )
    assert doc.visit_type == "standard_inspection"
    assert {(j.area, j.grade) for j in doc.judgements} == {
        ("overall_effectiveness", "requires_improvement"),
        ("children_in_care_and_care_leavers", "good"),
        ("help_and_protection", "requires_improvement"),
    }
    assert doc.prior_judgements == [PriorJudgement("overall_effectiveness", "good", date(2014, 1, 1), "year")]
    texts = [f.text for f in doc.findings]
    assert not [f for f in doc.findings if f.section == "improvement"]  # "requires improvement" is a grade
    assert not any("Councillor" in t or "rated as requires improvement" in t for t in texts)


def test_news_improvement_from_one_grade_to_another(gazetteer, theme_rules):
    doc = news(
        "Sandwell's children's services have improved from inadequate to requires improvement, Ofsted has said.\n\n"
        "The council should improve the quality of plans and ensure that care leavers have suitable accommodation.\n\n"
        "Read the full report here.",
        gazetteer,
        theme_rules,
    )
    assert [(j.area, j.grade) for j in doc.judgements] == [("overall_effectiveness", "requires_improvement")]
    assert [(j.area, j.grade) for j in doc.prior_judgements] == [("overall_effectiveness", "inadequate")]
    assert [f.text for f in doc.findings] == [
        "The quality of plans.",
        "Care leavers have suitable accommodation.",
    ]


def test_news_about_a_school_is_refused(gazetteer, theme_rules):
    with pytest.raises(ParseError, match="children's services"):
        news(
            "Ofsted rated St Mary's Primary School in Leeds as good. Pupils enjoy learning and safeguarding is "
            "effective, inspectors said.",
            gazetteer,
            theme_rules,
        )


def test_news_round_up_of_several_authorities_is_flagged(gazetteer, theme_rules):
    doc = news(
        "Ofsted has published the outcomes of focused visits to children’s services.\n\n"
        "Inspectors visited Central Bedfordshire on 20 and 21 February 2024. Thresholds are well understood.\n\n"
        "Inspectors visited Wokingham on 20 and 21 February 2024. Plans are detailed and timely.",
        gazetteer,
        theme_rules,
    )
    assert any("several authorities" in warning for warning in doc.warnings)


def test_lower_case_words_are_not_authority_names(gazetteer, theme_rules):
    doc = news(
        "Ofsted found that social workers in Wandsworth are reading case files and will bury no concerns.\n\n"
        "Inspectors said children's services in Wandsworth are improving.",
        gazetteer,
        theme_rules,
    )
    assert doc.authority.name == "Wandsworth"
    assert doc.other_authorities == []
