"""Structural cases of the report parser, on small hand-made reports laid out as Ofsted's are."""

from datetime import date

import pytest

from inspections.parsing.extract import Extracted
from inspections.parsing.judgements import area_for
from inspections.parsing.layout import clean_lines
from inspections.parsing.records import Inspector, JudgementRecord, ParseError
from inspections.parsing.reports import is_report, parse_report
from inspections.parsing.visits import inspection_type_from_dates
from inspections.vocabulary import read_grade


def extracted(pages: list[str]) -> Extracted:
    return Extracted(format="pdf", text="\n\n".join(pages), pages=pages)


HEADER = "Inspection of Kingston upon Thames local authority children’s services\n2 to 6 December 2024 {n}\n"
BACK_PAGE = """The Office for Standards in Education, Children’s Services and Skills (Ofsted)
regulates and inspects to achieve excellence in the care of children and young
people, and in education and skills for learners of all ages.
You may reuse this information (not including logos) free of charge in any format
or medium, under the terms of the Open Government Licence.
Piccadilly Gate
Store Street
Manchester
M1 2WD
© Crown copyright 2025"""


def ilacs_pages(dates: str = "2 to 6 December 2024", extra: str = "") -> list[str]:
    cover = f"""Inspection of Kingston upon Thames
local authority children’s services
Inspection dates: {dates}
Lead inspector: Nicki Shaw, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work
practice with children and families
Requires improvement
to be good
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Outstanding
The experiences and progress of care
leavers
Inadequate
Overall effectiveness Good
Children living in Kingston upon Thames receive good services. Leaders know their
services well and have made progress since the last inspection.{extra}
What needs to improve?
◼ Clarity of pre-proceedings letters for parents, so that they are clear about what
needs to change.
◼ The timeliness of assessments."""
    page2 = (
        HEADER.format(n=2)
        + """The experiences and progress of children who need help and
protection: good
1. Children and families benefit from effective early help services. Family
hubs provide support.
2. The response to referrals is timely. This paragraph is broken across"""
    )
    page3 = (
        HEADER.format(n=3)
        + """the page and ends here.
The experiences and progress of children in care: outstanding
3. Children in care live in homes where they are thriving.
The experiences and progress of care leavers: inadequate
4. Care leavers do not have the support they need. Many live in unsuitable
accommodation in Sutton and Croydon."""
    )
    page4 = (
        HEADER.format(n=4)
        + """The impact of leaders on social work practice with children and families:
requires improvement to be good
5. Leaders know their services well.
10.Caseloads are manageable for most social workers."""
    )
    return [cover, page2, page3, page4, BACK_PAGE]


@pytest.fixture
def ilacs(gazetteer):
    return parse_report(extracted(ilacs_pages()), gazetteer)


def test_ilacs_metadata(ilacs):
    assert ilacs.doc_kind == "report"
    assert (ilacs.authority.name, ilacs.authority.ons_code) == ("Kingston upon Thames", "E09000021")
    assert (ilacs.visit_start, ilacs.visit_end) == (date(2024, 12, 2), date(2024, 12, 6))
    assert ilacs.visit_type == "short_inspection"
    assert not ilacs.visit_type_stated
    assert ilacs.published is None  # ILACS reports state none
    assert ilacs.inspectors == [Inspector("Nicki Shaw", "Lead inspector")]
    assert ilacs.title == "Inspection of Kingston upon Thames local authority children’s services"
    assert ilacs.warnings == []


def test_ilacs_judgement_table(ilacs):
    assert set(ilacs.judgements) == {
        JudgementRecord("leadership", "requires_improvement"),
        JudgementRecord("help_and_protection", "good"),
        JudgementRecord("children_in_care", "outstanding"),
        JudgementRecord("care_leavers", "inadequate"),
        JudgementRecord("overall_effectiveness", "good"),
    }


def test_ilacs_findings(ilacs):
    sections = [(f.section, f.area) for f in ilacs.findings]
    assert sections == [
        ("overview", None),
        ("improvement", None),
        ("improvement", None),
        ("finding", "help_and_protection"),
        ("finding", "help_and_protection"),
        ("finding", "children_in_care"),
        ("finding", "care_leavers"),
        ("finding", "leadership"),
    ]
    texts = [f.text for f in ilacs.findings]
    assert (
        texts[1]
        == "Clarity of pre-proceedings letters for parents, so that they are clear about what needs to change."
    )
    assert texts[2] == "The timeliness of assessments."
    # numbering gone; a paragraph broken across a page is joined, without the page header
    assert (
        texts[3]
        == "Children and families benefit from effective early help services. Family hubs provide support."
    )
    assert (
        texts[4]
        == "The response to referrals is timely. This paragraph is broken across the page and ends here."
    )
    assert [f.position for f in ilacs.findings] == list(range(len(ilacs.findings)))
    for text in texts:
        assert "Inspection of Kingston" not in text
        assert "Ofsted" not in text and "Crown" not in text


def test_paragraph_numbers_must_run_in_sequence(ilacs):
    # "10.Caseloads" does not follow 5: it is text of paragraph 5, not a new paragraph.
    assert (
        ilacs.findings[-1].text
        == "Leaders know their services well. 10.Caseloads are manageable for most social workers."
    )


def test_other_authorities_from_the_body_not_the_address(ilacs):
    assert set(ilacs.other_authorities) == {"Sutton", "Croydon"}  # not Manchester, Ofsted's address


def test_visit_type_by_dates_and_as_stated(gazetteer):
    two_weeks = parse_report(extracted(ilacs_pages("2 to 13 December 2024")), gazetteer)
    assert (two_weeks.visit_type, two_weeks.visit_type_stated) == ("standard_inspection", False)
    odd = parse_report(extracted(ilacs_pages("2 to 30 December 2024")), gazetteer)
    assert odd.visit_type is None
    assert "visit type could not be told from the inspection dates" in odd.warnings
    stated = parse_report(extracted(ilacs_pages(extra=" This was a standard inspection.")), gazetteer)
    assert (stated.visit_type, stated.visit_type_stated) == ("standard_inspection", True)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 12, 2), date(2024, 12, 6), "short_inspection"),  # Monday to Friday
        (date(2024, 12, 2), date(2024, 12, 13), "standard_inspection"),  # two weeks
        (date(2024, 12, 5), date(2024, 12, 9), None),  # Thursday to Monday: not one week on site
        (date(2024, 12, 2), date(2024, 12, 30), None),
        (None, date(2024, 12, 6), None),
    ],
)
def test_visit_type_from_dates(start, end, expected):
    assert inspection_type_from_dates(start, end) == expected


SIF_PAGES = [
    """1
Thurrock Council
Inspection of services for children in need of help and
protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children
Board1
Inspection date: 22 February 2016 – 17 March 2016
Report published: 24 May 2016
Children’s services in Thurrock Council require improvement to
be good
1. Children who need help and protection Require improvement
2. Children looked after and achieving
permanence
Good
2.1 Adoption performance Not judged
2.2 Experiences and progress of care leavers Outstanding
3. Leadership, management and governance Inadequate
{BLANK}
1 Ofsted produces this report under its power to combine reports in accordance with section 152 of
the Education and Inspections Act 2006.""".replace("{BLANK}", " "),
    """2
Executive summary
Services to children, young people and families in Thurrock require improvement.
Contents
Executive summary 2
Recommendations 3
The experiences and progress of children who need help and
protection 3""",
    """3
Recommendations
1. Improve the quality of plans for children in need.
2. Ensure that return home interviews are offered to every child.
The experiences and progress of
children who need help and
protection
Requires improvement
Summary
Services for children in need of help and protection require improvement to be good.
Inspection findings
3. Most children benefit from early help provided by a range of commissioned
services.""",
    """4
The Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board is good
Executive summary
The LSCB in Thurrock is effective and well chaired by an influential chair.
Recommendations
4. The LSCB should evaluate the impact of its training.
Inspection findings – the Local Safeguarding Children Board
5. The board is able to prioritise and challenge effectively.""",
    """5
Information about this inspection
Inspectors have looked closely at the experiences of children and young people.
The inspection team
Lead inspector: Jansy Kelly
Team inspectors: Lynn Radley, Sarah Urding, Rob
Hackeson, Sue Williams.""",
]


@pytest.fixture
def sif(gazetteer):
    return parse_report(extracted(SIF_PAGES), gazetteer)


def test_sif_metadata(sif):
    assert sif.visit_type == "sif_inspection"
    assert sif.authority.name == "Thurrock"
    assert (sif.visit_start, sif.visit_end) == (date(2016, 2, 22), date(2016, 3, 17))
    assert sif.published == date(2016, 5, 24)
    assert sif.inspectors[0] == Inspector("Jansy Kelly", "Lead inspector")
    assert [i.name for i in sif.inspectors[1:]] == [
        "Lynn Radley",
        "Sarah Urding",
        "Rob Hackeson",
        "Sue Williams",
    ]
    assert {i.role for i in sif.inspectors[1:]} == {"Team inspector"}


def test_sif_judgements(sif):
    # "Require improvement" is requires_improvement; "Not judged" is no judgement at all.
    assert set(sif.judgements) == {
        JudgementRecord("overall_effectiveness", "requires_improvement"),
        JudgementRecord("help_and_protection", "requires_improvement"),
        JudgementRecord("looked_after_children", "good"),
        JudgementRecord("care_leavers", "outstanding"),
        JudgementRecord("leadership_management_governance", "inadequate"),
        JudgementRecord("lscb", "good"),
    }


def test_sif_findings(sif):
    found = [(f.section, f.area, f.text) for f in sif.findings]
    assert found == [
        (
            "overview",
            None,
            "Services to children, young people and families in Thurrock require improvement.",
        ),
        ("improvement", None, "Improve the quality of plans for children in need."),
        ("improvement", None, "Ensure that return home interviews are offered to every child."),
        (
            "overview",
            "help_and_protection",
            "Services for children in need of help and protection require improvement to be good.",
        ),
        (
            "finding",
            "help_and_protection",
            "Most children benefit from early help provided by a range of commissioned services.",
        ),
        ("overview", "lscb", "The LSCB in Thurrock is effective and well chaired by an influential chair."),
        ("improvement", "lscb", "The LSCB should evaluate the impact of its training."),
        ("finding", "lscb", "The board is able to prioritise and challenge effectively."),
    ]


def test_footnotes_and_page_numbers_are_dropped():
    lines = [line.text for line in clean_lines(SIF_PAGES)]
    assert not any(
        text.startswith(("1 Ofsted produces", "the Education and Inspections Act")) for text in lines
    )
    assert "2" not in lines and "3" not in lines


def test_running_headers_are_dropped():
    lines = [line.text for line in clean_lines(ilacs_pages())]
    assert not any(
        text.startswith(("Inspection of Kingston upon Thames local", "2 to 6 December 2024 "))
        for text in lines
    )


def test_older_format(gazetteer):
    pages = [
        """Inspection of looked after children
services
Sandwell Metropolitan Borough Council
Inspection dates: 24 – 28 June 2013
Reporting inspector Christopher Sands HMI
Age group: All
Published: 2 August 2013""",
        """Overall effectiveness of services for looked
after children and young people
Grade 4 (Inadequate)
13. Overall effectiveness for looked after children is inadequate.""",
    ]
    parsed = parse_report(extracted(pages), gazetteer)
    assert parsed.authority.name == "Sandwell"
    assert (parsed.visit_start, parsed.visit_end) == (date(2013, 6, 24), date(2013, 6, 28))
    assert parsed.visit_type is None  # not in the vocabulary's visit types
    assert parsed.judgements == []  # graded on the older scale (adequate), not ours
    assert parsed.inspectors == [Inspector("Christopher Sands", "Lead inspector")]
    assert parsed.published == date(2013, 8, 2)
    assert parsed.warnings


def test_review_of_the_lscb_alone(gazetteer):
    pages = [
        """1
Surrey Safeguarding Children Board
Review of the effectiveness of the Local Safeguarding Children
Board
Inspection date: 15 June 2015 – 17 June 2015
Report published: 3 August 2015
The Local Safeguarding Children Board requires improvement """,
        """2
Recommendations
1. Update the thresholds document as a matter of urgency.""",
    ]
    parsed = parse_report(extracted(pages), gazetteer)
    assert parsed.authority.name == "Surrey"
    assert parsed.judgements == [JudgementRecord("lscb", "requires_improvement")]
    assert parsed.visit_type is None
    assert [(f.section, f.area) for f in parsed.findings] == [("improvement", "lscb")]


LETTER = """Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD
31 August 2018
Melissa Caslake
Westminster City Council
Dear Ms Caslake
Focused visit to Westminster children’s services
This letter summarises the findings of a focused visit carried out under the inspection of local
authority children’s services (ILACS) framework. Inspection dates: 1 and 2 August 2018.
"""


def test_is_report():
    assert is_report("\n\n".join(ilacs_pages()))
    assert is_report("\n\n".join(SIF_PAGES))
    assert not is_report(LETTER)
    assert not is_report("Westminster rated as outstanding by Ofsted\n\nExcellent services for children.")
    assert not is_report("")


def test_parse_report_rejects_what_is_not_a_report(gazetteer):
    with pytest.raises(ParseError, match="not an Ofsted inspection report"):
        parse_report(Extracted(format="text", text=LETTER), gazetteer)


def test_report_from_plain_text(gazetteer):
    # The same report pasted as plain text (no pages): still read, headers and all.
    text = "\n".join(ilacs_pages())
    parsed = parse_report(Extracted(format="text", text=text), gazetteer)
    assert parsed.authority.name == "Kingston upon Thames"
    assert sum(f.section == "finding" for f in parsed.findings) == 5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bristol City Council", "Bristol"),
        ("Bristol City of", "Bristol"),
        ("County Durham", "Durham"),
        ("Durham County Council", "Durham"),
        ("Kingston upon Hull", "E06000010"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole"),
        ("East Riding", "East Riding of Yorkshire"),
        ("Metropolitan Borough of Barnsley Council", "Barnsley"),
        ("Cheshire East Unitary Authority", "Cheshire East"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
        ("the London Borough of Ealing", "Ealing"),
        ("Surrey Safeguarding Children Board", "Surrey"),
        ("Newcastle Upon Tyne", "Newcastle upon Tyne"),
        ("Nowhere Borough Council", None),
    ],
)
def test_resolve_authority(gazetteer, name, expected):
    place = gazetteer.resolve(name)
    if expected is None:
        assert place is None
    else:
        assert expected in (place.name, place.ons_code)


def test_mentions_need_a_capital(gazetteer):
    names = [p.name for p in gazetteer.mentions("Children in Reading and Bury read well; reading helps.")]
    assert names == ["Reading", "Bury"]
    assert gazetteer.mentions("reading and writing, to bury the past") == []


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Requires improvement to be good", "requires_improvement"),
        ("Require improvement", "requires_improvement"),
        ("requires\nimprovement", "requires_improvement"),
        ("Outstanding", "outstanding"),
        ("Good", "good"),
        ("Inadequate", "inadequate"),
        ("Not judged", None),
    ],
)
def test_grades_as_reports_write_them(text, grade):
    assert read_grade(text) == grade


@pytest.mark.parametrize(
    ("label", "area"),
    [
        ("The impact of leaders on social work practice with children and families", "leadership"),
        ("The experiences and progress of children who need help and protection", "help_and_protection"),
        (
            "The experiences and progress of children in care and care leavers",
            "children_in_care_and_care_leavers",
        ),
        ("The experiences and progress of children in care", "children_in_care"),
        ("The experiences and progress of care leavers", "care_leavers"),
        ("Children looked after and achieving permanence", "looked_after_children"),
        ("Adoption performance", "adoption"),
        ("Leadership, management and governance", "leadership_management_governance"),
        ("The Local Safeguarding Children Board (LSCB)", "lscb"),
        ("Overall effectiveness", "overall_effectiveness"),
        ("Contents", None),
    ],
)
def test_area_for(label, area):
    assert area_for(label) == area
