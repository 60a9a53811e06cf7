"""seeds-expected.md, point by point, through the ingest service into the database."""

import datetime as dt

import pytest
from django.core.management import call_command

from inspections.models import Finding, Judgement, SourceDocument, Visit, VisitSource
from tests.ingest.conftest import ingest_paths
from tests.paths import REPO, SEEDS

FURNITURE = [
    "Mackman",
    "Delivering a diverse, reliable range",
    "Registered Address",
    "Tel:",
    "Contact Us",
    "Piccadilly Gate",
    "Dear Ms",
    "Yours sincerely",
    "Her Majesty's Inspector",
]


def seed(prefix):
    return SourceDocument.objects.get(filename__startswith=prefix)


def visit_of(prefix):
    return seed(prefix).visits.get(reference_only=False)


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (SourceDocument, Visit, VisitSource, Judgement, Finding)
    }


def test_five_documents_stored_with_text_and_sha256(seeds):
    assert [o.status for o in seeds] == ["new"] * 5
    assert SourceDocument.objects.count() == 5
    for outcome in seeds:
        document = outcome.document
        assert len(document.sha256) == 64
        assert bytes(document.original) == (SEEDS / outcome.filename).read_bytes()
        assert document.extracted_text.strip()


def test_ingesting_again_changes_nothing(seeds, context):
    before = table_counts()
    again = ingest_paths(sorted(SEEDS.glob("*.txt")), context)
    assert [o.status for o in again] == ["unchanged"] * 5
    assert table_counts() == before


def test_no_page_furniture_becomes_a_finding(seeds):
    for text in Finding.objects.values_list("text", flat=True):
        for furniture in FURNITURE:
            assert furniture not in text


def test_westminster_focused_visit_has_letter_and_summary_as_sources(seeds):
    visit = visit_of("001")
    assert visit.authority.name == "Westminster"
    assert visit.visit_type == "focused_visit"
    assert (visit.start_date, visit.end_date) == (dt.date(2018, 8, 7), dt.date(2018, 8, 8))
    assert visit.published == dt.date(2018, 8, 31)
    assert set(visit.sources.values_list("filename", flat=True)) == {
        seed("000").filename,
        seed("001").filename,
    }
    assert not visit.judgements.exists()
    assert visit.inspectors == [
        {"name": "Andy Whippey", "role": "Her Majesty's Inspector"},
        {"name": "Caroline Walsh", "role": "Her Majesty's Inspector"},
    ]


def test_summary_adds_no_duplicate_findings(seeds):
    visit = visit_of("001")
    letter = visit.findings.filter(source=seed("001"))
    assert letter.filter(section="finding").count() == 15
    assert list(letter.filter(section="improvement").values_list("text", flat=True)) == [
        "The focus of case file audits on the impact of practice on outcomes for children and the clarity of actions required.",
        "Partner engagement in strategy discussions and meetings.",
    ]
    texts = list(visit.findings.values_list("text", flat=True))
    assert sum("Thresholds are appropriate and well embedded" in t for t in texts) == 1
    assert sum("integrated gangs unit adds real value" in t for t in texts) == 1


def test_summary_first_then_letter_gives_the_same_visit(context):
    """Order must not matter: the letter arriving after its summary takes over its findings."""
    ingest_paths([next(SEEDS.glob("000_*")), next(SEEDS.glob("001_*"))], context)
    visit = visit_of("001")
    assert visit_of("000") == visit
    assert visit.start_date == dt.date(2018, 8, 7)
    texts = list(visit.findings.values_list("text", flat=True))
    assert sum("Thresholds are appropriate and well embedded" in t for t in texts) == 1


def test_page_break_paragraph_is_joined(seeds):
    joined = Finding.objects.get(source=seed("001"), text__contains="Examples were seen by")
    assert "Examples were seen by inspectors of strategy discussions" in joined.text


def test_westminster_outstanding_inspection(seeds):
    visit = visit_of("002")
    assert visit.authority.name == "Westminster"
    assert visit.visit_type == "standard_inspection"
    assert (visit.start_date, visit.end_date, visit.published) == (None, None, None)
    assert dict(visit.judgements.values_list("area", "grade")) == {
        "overall_effectiveness": "outstanding",
        "leadership": "outstanding",
        "help_and_protection": "outstanding",
        "children_in_care_and_care_leavers": "outstanding",
    }
    assert visit.findings.filter(text__startswith="Children who go missing are seen promptly").exists()
    improvement = visit.findings.filter(section="improvement").values_list("text", flat=True)
    assert any("formal matching and panel approval of adolescents" in t for t in improvement)


def test_wandsworth_focused_visit(seeds):
    visit = visit_of("003")
    assert visit.authority.name == "Wandsworth"
    assert visit.visit_type == "focused_visit"
    assert (visit.start_date, visit.published) == (None, None)
    assert not visit.judgements.exists()
    assert visit.findings.filter(section="finding").count() == 6
    assert visit.findings.filter(section="improvement").count() == 4


def test_tower_hamlets_monitoring_visit_refers_to_2017_judgement(seeds):
    visit = visit_of("004")
    assert visit.authority.name == "Tower Hamlets"
    assert visit.visit_type == "monitoring_visit"
    assert "sixth and final" in visit.sequence
    assert not visit.judgements.exists()
    assert visit.findings.filter(section="finding").count() == 6
    referred = Judgement.objects.get(visit__authority__name="Tower Hamlets", is_reference=True)
    assert (referred.area, referred.grade) == ("overall_effectiveness", "inadequate")
    assert referred.visit.reference_only
    assert (referred.visit.approx_date, referred.visit.approx_date_precision) == (
        dt.date(2017, 4, 1),
        "month",
    )
    assert referred.source == seed("004")


def test_mentioned_boroughs_are_not_subjects(seeds):
    subjects = set(Visit.objects.values_list("authority__name", flat=True))
    assert subjects == {"Westminster", "Wandsworth", "Tower Hamlets"}


@pytest.mark.parametrize(
    ("prefix", "starts", "themes", "polarity"),
    [
        # seeds-expected.md says strength; the themes issue names this very paragraph ("although some
        # are held solely with the police ... lack of clarity") as a strength wrongly given, and the
        # person who labelled it read it as mixed: a minority of strategy discussions lack clarity.
        ("001", "Thresholds are appropriate and well embedded", {"thresholds"}, "mixed"),
        ("003", "Consent for checks within the front door", {"consent", "front-door"}, "concern"),
        (
            "003",
            "Police co-located in the front-door service",
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
def test_theme_and_polarity_examples(seeds, prefix, starts, themes, polarity):
    finding = Finding.objects.get(source=seed(prefix), text__startswith=starts)
    assert themes <= set(finding.themes.values_list("slug", flat=True))
    assert finding.polarity == polarity
    evidence = dict(finding.finding_themes.values_list("theme__slug", "evidence"))
    assert all(evidence[slug] for slug in themes), "every theme says which words put it there"


@pytest.mark.parametrize(
    ("authority", "polarity"),
    [("Westminster", "strength"), ("Wandsworth", "concern"), ("Tower Hamlets", "strength")],
)
def test_thresholds_compare_across_the_three(seeds, authority, polarity):
    polarities = set(
        Finding.objects.public()
        .filter(visit__authority__name=authority)
        .for_theme("thresholds")
        .values_list("polarity", flat=True)
    )
    assert polarity in polarities


def test_consent_concern_finds_wandsworth(seeds):
    authorities = set(
        Finding.objects.public()
        .for_theme("consent")
        .filter(polarity="concern")
        .values_list("visit__authority__name", flat=True)
    )
    assert authorities == {"Wandsworth"}


def test_with_official_statistics_the_outstanding_summary_joins_the_one_inspection_graded_so(context):
    """Westminster was judged outstanding in 2019 (combined care judgement) and 2024 (separate):
    only the 2019 inspection is graded exactly as seed 002 says."""
    call_command(
        "import_outcomes", str(REPO / "sample_data/ofsted-la-inspection-outcomes-2025-03-31.ods"), verbosity=0
    )
    ingest_paths(sorted(SEEDS.glob("*.txt")), context)
    visit = visit_of("002")
    assert visit.start_date is not None and visit.start_date.year == 2019
    assert visit.sources.count() == 2
    assert not visit.disagreements.exists()
    assert Visit.objects.filter(authority__name="Westminster", start_date__isnull=True).count() == 0
