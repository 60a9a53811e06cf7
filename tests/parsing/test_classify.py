"""Theme tagging and polarity: explainable, fast, and right on the wording Ofsted uses."""

from __future__ import annotations

import re
import string

import pytest

from inspections.parsing import polarity as polarity_module
from inspections.parsing import polarity_lexicon, scan, theme_match
from inspections.parsing.classify import ThemeRule, classify_findings, polarity, polarity_evidence, themes_for
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
    theme_match._compile.cache_clear()
    findings = [FindingRecord(text="Thresholds are good.", section="finding") for _ in range(50)]
    classify_findings(findings, theme_rules)
    classify_findings(findings, list(theme_rules))
    info = theme_match._compile.cache_info()
    assert info.misses == 1
    assert info.hits == 1


def test_rules_with_list_patterns_are_accepted():
    finding = classified("Consent is sought.", [ThemeRule("consent", [r"\bconsent\b"])])
    assert finding.themes == ["consent"]


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
    compiled = theme_match.compile_rules(rules)
    texts = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines() if line]
    texts += ["ſtaff KELVIN Kensington re-referrals ‘step down’ case loads", "İstanbul strategy  meetings"]
    for text in texts:
        expected_themes, expected_evidence = [], {}
        for theme in compiled:
            words = list(dict.fromkeys(m.group(0) for m in theme.pattern.finditer(text) if m.group(0)))
            if words:
                expected_themes.append(theme.slug)
                expected_evidence[theme.slug] = words
        assert theme_match.match_themes(text, compiled) == (expected_themes, expected_evidence), text


# --- the fast paths change nothing ---------------------------------------------------------------

TRICKY_TEXTS = [
    "ſtaff KELVIN Kensington re-referrals ‘step down’ case loads",
    "İstanbul strategy  meetings",
    "İNDUCTION and ınduction training; DON'T, isn’t, wasN'T, n'T good",
    "S.47 and s 47 enquiries; co-located, Colocated teams; 'Step Down' plans",
    "health professional development; fiancée ﬁrst response; Straße \u0345good",
    "Not yet good. Previously too slow, now WITHOUT DELAY. Morale, they said, is high",
]


def _texts():
    from tests.paths import SEEDS

    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines() if line]
    return lines + TRICKY_TEXTS


def test_lower_cased_copy_stands_in_for_the_text():
    """What `scan.lowered_copy` relies on, checked for every code point."""
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    for char in scan.CASE_EXCEPTIONS:
        everything = everything.replace(char, "")
    lowered = everything.lower()
    assert len(lowered) == len(everything)  # one character for one
    for expression in (r"\w", r"\s", r"\d", r"[A-Za-z]"):
        found = [m.start() for m in re.finditer(expression, everything)]
        assert found == [m.start() for m in re.finditer(expression.lower(), lowered)], expression
    literals = string.ascii_lowercase + string.digits + string.punctuation + " ’"
    insensitive = set(re.findall(f"[{re.escape(literals)}]", everything, re.IGNORECASE))
    assert insensitive == {char for char, low in zip(everything, lowered, strict=True) if low in literals}
    for char in insensitive:
        assert [c for c in literals if re.fullmatch(re.escape(c), char, re.IGNORECASE)] == [char.lower()]
    for char in scan.CASE_EXCEPTIONS:
        assert scan.lowered_copy(f"a{char}b") is None


def test_literal_prefixes():
    assert theme_match.literal_prefixes(r"\bthresholds?\b") == [("threshold", True)]
    assert theme_match.literal_prefixes(r"\b(?:access|referral) and assessment\b") == [
        ("access", True),
        ("referral", True),
    ]
    assert theme_match.literal_prefixes(r"\bco-?located\b") == [("colocated", True), ("co-located", True)]
    assert theme_match.literal_prefixes(r"\bs\.? ?47\b") == [
        ("s47", True),
        ("s.47", True),
        ("s 47", True),
        ("s. 47", True),
    ]
    assert theme_match.literal_prefixes(r"'step (?:up|down)'") == [("'step ", False)]
    assert theme_match.literal_prefixes(r"\bMASH\b|care") == [("mash", True), ("care", False)]
    assert theme_match.literal_prefixes(r"\bK\w+") == [("k", True)]
    for unknown in (r"[Ss]taff", r"(?:re)?assess", r"x?", r"(?i)foo", r"(?<=a)b", r"\d+"):
        assert theme_match.literal_prefixes(unknown) is None, unknown


def test_structure_skips_escapes_and_classes():
    assert scan.split_top_level(r"a|(b|c)|[|]|\||[]|]d") == ["a", "(b|c)", "[|]", r"\|", "[]|]d"]
    assert scan.group_end(r"(a(b)[)]\))c") == 10


def test_themes_match_the_expressions_on_tricky_text(theme_rules):
    rules = [
        *theme_rules,
        ThemeRule("free", (r"'step (?:up|down)'", r"ab?c", r"x\.?y", r"^start", r"[]x]yz|qq")),
        ThemeRule("optional", (r"\bs\.? ?47\b", r"\bco-?located\b", r"\b-?dash", r"\bfoo(?:bar)+")),
    ]
    compiled = theme_match.compile_rules(rules)
    texts = [*_texts(), "start: abc ac x.y ]yz -dash foobarbar", "'STEP UP' and 'step down'"]
    for text in texts:
        expected = ([], {})
        for theme in compiled:
            words = list(dict.fromkeys(m.group(0) for m in theme.pattern.finditer(text) if m.group(0)))
            if words:
                expected[0].append(theme.slug)
                expected[1][theme.slug] = words
        assert theme_match.match_themes(text, compiled) == expected, text
    assert "workforce" in classified("İNDUCTION for new staff", theme_rules).themes


_REFERENCE_SCAN = re.compile(
    r"(?P<stop>[.!?;](?=\s|$|['\"”’)]))|(?P<comma>[,:—–(]|\s-\s)|(?P<nt>n['’]t\b)|(?<![\w'’])(?P<word>[A-Za-z])"
)
_REFERENCE_LEXICON = re.compile(
    "|".join(
        f"(?P<{kind}>{'|'.join(sorted(words, key=len, reverse=True))})\\b"
        for kind, words in polarity_lexicon.KINDS
    ),
    re.IGNORECASE,
)


def _reference_tokens(text):
    """The tokens the plain way: at each start of a word, try every lexicon entry."""
    position = 0
    while (match := _REFERENCE_SCAN.search(text, position)) is not None:
        if match.lastgroup != "word":
            position = match.end()
            kind = "strong" if match.lastgroup == "nt" else match.lastgroup
            yield kind, match.group(), match.start(), match.end()
        elif (found := _REFERENCE_LEXICON.match(text, match.start())) is not None:
            position = found.end()
            yield found.lastgroup, found.group(), found.start(), found.end()
        else:
            position = match.end()


def test_polarity_tokens_are_the_plain_scanners():
    import random

    words = [w for _, entries in polarity_lexicon.KINDS for w in entries if re.fullmatch(r"[a-z' -]+", w)]
    words += [
        "N'T",
        "don't",
        "DON'T",
        "isn’t",
        "the",
        "cases",
        "İ",
        "ı",
        "ſo",
        "K",
        "morale, they said, is high",
    ]
    separators = [" ", " ", ", ", ". ", "; ", " - ", "(", "—", "'", "’", "", "-", "\n"]
    rng = random.Random(7)
    texts = list(_texts())
    for _ in range(3000):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        parts = [p.upper() if rng.random() < 0.2 else p for p in parts]
        texts.append("".join(p + rng.choice(separators) for p in parts))
    for text in texts:
        expected = list(_reference_tokens(text))
        assert list(polarity_module.tokens(text, scan.lowered_copy(text))) == expected, text
        assert list(polarity_module.tokens(text, None)) == expected, text


def test_self_assessment_and_private_fostering_are_not_their_neighbouring_themes(theme_rules):
    themes, _ = themes_for("Leaders have an accurate self-assessment of their services.", theme_rules)
    assert "assessments" not in themes and "quality-assurance" in themes
    themes, _ = themes_for("Private fostering arrangements are checked promptly.", theme_rules)
    assert "private-fostering" in themes and "children-in-care" not in themes


def test_polarity_of_a_text_and_its_sentences_from_one_reading():
    """Reading a finding once for the whole and each sentence gives what reading each alone gives."""
    from inspections.parsing.polarity import read_polarity_by_part
    from inspections.parsing.theme_model import sentence_spans

    texts = [
        *_texts(),
        "Morale! Is high. Plans are good; Not yet timely.",
        "Staff are supported. (Plans are too slow.) Good - Not yet. ‘Good’ work",
        " Leading blank. Trailing blank.  ",
    ]
    for text in texts:
        spans = sentence_spans(text)
        whole, parts = read_polarity_by_part(text, scan.lowered_copy(text), spans)
        assert whole == polarity(text), text
        assert parts == [polarity(text[start:end]) for start, end in spans], text
