"""Whatever it is given, parse_document returns a ParsedDocument or raises ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections.parsing import ParsedDocument, ParseError, parse_document
from inspections.parsing.classify import polarity
from tests.paths import SEEDS

SEED_LINES = sorted(
    {
        line
        for path in SEEDS.glob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)
FRAGMENTS = [
    *SEED_LINES,
    "Dear Ms Smith",
    "Yours sincerely",
    "This letter summarises the findings of a monitoring visit to Leeds children's services on 3 May 2019.",
    "Overview",
    "Findings",
    "What needs to improve in this area of social work practice",
    "- ",
    "•",
    "<html><body><p>",
    "</p></body></html>",
    "judged inadequate in",
    "rated as good",
    "",
    "\f",
    "\u00a0",
]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def parses_or_refuses(data: bytes, gazetteer, theme_rules) -> None:
    try:
        result = parse_document(data, gazetteer=gazetteer, theme_rules=theme_rules)
    except ParseError as error:
        assert str(error)
        return
    assert isinstance(result, ParsedDocument)
    assert result.authority is not None
    for finding in result.findings:
        assert finding.section in ("overview", "improvement", "finding")
        assert finding.polarity in ("strength", "concern", "mixed", "neutral")


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(gazetteer, theme_rules, data):
    parses_or_refuses(data, gazetteer, theme_rules)


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text(gazetteer, theme_rules, text):
    parses_or_refuses(text.encode("utf-8"), gazetteer, theme_rules)


@SETTINGS
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40),
    st.sampled_from(["\n", "\n\n", "\n\n\n\n", " ", "\r\n"]),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_shuffled_seed_lines(gazetteer, theme_rules, lines, separator, encoding):
    """Text that looks like the real thing, in the wrong order: the deep paths of the parsers."""
    data = separator.join(lines).encode(encoding, errors="replace")
    parses_or_refuses(data, gazetteer, theme_rules)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_polarity_is_always_a_polarity(text):
    assert polarity(text) in ("strength", "concern", "mixed", "neutral")
