"""Theme tagging and polarity: explainable, fast, and right on the wording Ofsted uses."""

from __future__ import annotations

import re
import time

import pytest

from inspections.parsing import classify
from inspections.parsing.classify import ThemeRule, classify_findings, polarity, polarity_evidence
from inspections.parsing.default_themes import DEFAULT_THEMES
from inspections.parsing.records import FindingRecord

DESIGN_THEMES = [
    "front-door", "thresholds", "consent", "strategy-discussions", "child-protection-enquiries", "assessments",
    "plans", "management-oversight", "caseloads", "workforce", "early-help", "partnership", "quality-assurance",
    "leadership", "children-voice", "exploitation", "missing-children", "disabled-children", "children-in-care",
    "care-leavers", "health", "education", "housing", "out-of-hours", "timeliness", "private-fostering",
    "domestic-abuse", "neglect", "court-proceedings", "youth-justice", "unaccompanied-children",
]  # fmt: skip


def classified(text: str, rules, section: str = "finding") -> FindingRecord:
    finding = FindingRecord(text=text, section=section)
    classify_findings([finding], rules)
    return finding


# --- the default themes ------------------------------------------------------------------------


def test_default_themes_are_the_starting_set_of_the_design():
    assert [theme.slug for theme in DEFAULT_THEMES] == DESIGN_THEMES
    for theme in DEFAULT_THEMES:
        assert theme.name and theme.description and theme.patterns
        for pattern in theme.patterns:
            re.compile(pattern)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Supervision is regular.", "management-oversight"),
        ("Managers provide clear case direction.", "management-oversight"),
        ("Management oversight is evident on files.", "management-oversight"),
        ("Staff morale is high.", "workforce"),
        ("Recruitment of social workers remains a challenge.", "workforce"),
        ("Turnover has reduced.", "workforce"),
        ("Training is valued.", "workforce"),
        ("Contacts to the MASH are screened quickly.", "front-door"),
        ("Pre-proceedings work under the PLO is timely.", "court-proceedings"),
        ("Children at risk of criminal exploitation and county lines", "exploitation"),
        ("Return home interviews are offered to children who go missing.", "missing-children"),
        ("Private fostering arrangements are assessed.", "private-fostering"),
        ("Unaccompanied asylum-seeking children are well supported.", "unaccompanied-children"),
        ("There is drift and delay for some children.", "timeliness"),
    ],
)
def test_default_theme_vocabulary(theme_rules, text, slug):
    assert slug in classified(text, theme_rules).themes


def test_patterns_are_word_bounded(theme_rules):
    # "staffordshire" is not staff, "planet" is not a plan, "gangway" is not a gang
    finding = classified("Staffordshire planet gangway mashed", theme_rules)
    assert finding.themes == []


# --- tagging mechanics ---------------------------------------------------------------------------


def test_themes_in_rule_order_with_evidence_as_written():
    rules = [ThemeRule("b-theme", (r"\bbeta\b",)), ThemeRule("a-theme", (r"\balpha\b", r"\bgamma rays?\b"))]
    finding = classified("Gamma rays and ALPHA, then Beta and alpha again.", rules)
    assert finding.themes == ["b-theme", "a-theme"]
    assert finding.theme_evidence == {"b-theme": ["Beta"], "a-theme": ["Gamma rays", "ALPHA", "alpha"]}


def test_a_broken_pattern_is_skipped_not_fatal():
    rules = [ThemeRule("broken", (r"(unclosed",)), ThemeRule("ok", (r"(unclosed", r"\bfine\b"))]
    finding = classified("This is fine.", rules)
    assert finding.themes == ["ok"]


def test_patterns_compile_once_per_rule_set(theme_rules):
    classify._compile.cache_clear()
    findings = [FindingRecord(text="Thresholds are good.", section="finding") for _ in range(50)]
    classify_findings(findings, theme_rules)
    classify_findings(findings, list(theme_rules))
    info = classify._compile.cache_info()
    assert info.misses == 1
    assert info.hits == 1


def test_rules_with_list_patterns_are_accepted():
    finding = classified("Consent is sought.", [ThemeRule("consent", [r"\bconsent\b"])])
    assert finding.themes == ["consent"]


def test_classifying_is_fast(theme_rules):
    text = (
        "Thresholds are appropriate and well embedded in practice. Most strategy discussions are timely and "
        "thorough, although some are held solely with the police and lack other partner agency information. "
    ) * 3
    findings = [FindingRecord(text=text, section="finding") for _ in range(2000)]
    started = time.perf_counter()
    classify_findings(findings, theme_rules)
    assert time.perf_counter() - started < 5
    assert all(f.polarity == findings[0].polarity for f in findings)


# --- polarity ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thresholds are appropriate and well embedded in practice.", "strength"),
        ("Staff morale in Westminster is high.", "strength"),
        ("The integrated gangs unit adds real value.", "strength"),
        ("Decisions are made without delay.", "strength"),
        ("Responses are timely and outstanding.", "strength"),
        ("Consent for checks within the front door is too routinely overridden.", "concern"),
        ("The quality of assessments is not yet consistently good across all teams.", "concern"),
        ("There is insufficient management oversight.", "concern"),
        ("There is a lack of clarity about actions.", "concern"),
        ("Supervision does not always provide case direction.", "concern"),
        ("Practice remains too variable.", "concern"),
        ("Some children experience drift and delay.", "concern"),
        ("Managers do not robustly challenge less effective practice.", "concern"),
        ("Plans are detailed, although actions do not always have timescales.", "mixed"),
        ("Oversight is regular but varies in quality.", "mixed"),
        ("While supervision is regular, required actions lack clarity.", "mixed"),
        ("However, progress has been hampered by staff turnover despite some good work.", "mixed"),
        ("Inspectors met social workers and managers.", "neutral"),
        ("The local authority has 40 social workers.", "neutral"),
    ],
)
def test_polarity(text, expected):
    assert polarity(text) == expected, polarity_evidence(text)


def test_criticism_of_the_past_does_not_make_a_strength_a_concern():
    text = (
        "Thresholds are well embedded and applied consistently. This is a significant improvement; previously "
        "too many children waited too long without adequate help."
    )
    assert polarity(text) == "strength"


def test_a_long_strength_with_one_caveat_stays_a_strength():
    text = (
        "Thresholds are appropriate and well embedded in practice. Responses are prompt and well-coordinated. "
        "Most strategy discussions are timely, although some lack partner information. Work is effective. "
        "In a minority of discussions, there was a lack of clarity about actions. Analysis is clear. "
        "Outcomes are well evidenced."
    )
    assert polarity(text) == "strength"


def test_improvement_points_are_concerns(theme_rules):
    finding = classified(
        "Partner engagement in strategy discussions and meetings.", theme_rules, "improvement"
    )
    assert finding.polarity == "concern"
    assert finding.themes == ["strategy-discussions", "partnership"]


def test_polarity_is_explainable():
    evidence = polarity_evidence("Practice is good, but plans are not consistently timely and lack detail.")
    assert evidence["positive"] == ["good"]
    assert evidence["negative"] == ["not", "lack"]


def test_fast_path_finds_exactly_what_the_expressions_find(theme_rules):
    """Trying a theme only where its literal prefixes occur must change nothing."""
    from tests.paths import SEEDS

    rules = [
        *theme_rules,
        ThemeRule("tricky", (r"(?<![\w-])care\b", r"(?:re)?assess", r"foo|\bbar\b", r"[Ss]taff", r"\bK\w+")),
    ]
    compiled = classify._compile(tuple((r.slug, tuple(r.patterns)) for r in rules))
    texts = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines() if line]
    texts += ["ſtaff KELVIN Kensington re-referrals ‘step down’ case loads", "İstanbul strategy  meetings"]
    for text in texts:
        expected_themes, expected_evidence = [], {}
        for theme in compiled:
            words = list(dict.fromkeys(m.group(0) for m in theme.pattern.finditer(text) if m.group(0)))
            if words:
                expected_themes.append(theme.slug)
                expected_evidence[theme.slug] = words
        assert classify.match_themes(text, compiled) == (expected_themes, expected_evidence), text
