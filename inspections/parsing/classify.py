"""Themes and polarity of findings. Rules come from the caller (the Theme table).

Both are explainable: `theme_evidence` keeps the words that made each theme match
(`theme_match`), and polarity comes from a small lexicon of evaluative wording read sentence by
sentence (`polarity`). Points in "What needs to improve" (section "improvement") are concerns by
definition.

Speed (this runs on every finding of every document) comes from reading each text in one pass of
the regular expression engine wherever possible, over one lower-cased copy shared by both
(`scan.lowered_copy` says why that copy is exact, and the tests check it).
"""

from __future__ import annotations

from inspections.vocabulary import Polarity, Section

from .polarity import polarity, polarity_evidence, read_polarity
from .records import FindingRecord
from .scan import lowered_copy
from .theme_match import ThemeRule, compile_rules, match_themes, themes_for, themes_in

__all__ = [
    "ThemeRule",
    "classify_findings",
    "match_themes",
    "polarity",
    "polarity_evidence",
    "themes_for",
]


def classify_findings(findings: list[FindingRecord], rules: list[ThemeRule]) -> None:
    """Set themes, theme_evidence and polarity on each finding, in place."""
    compiled = compile_rules(rules)
    for finding in findings:
        lowered = lowered_copy(finding.text)
        finding.themes, finding.theme_evidence = themes_in(finding.text, lowered, compiled)
        if finding.section == Section.IMPROVEMENT:
            finding.polarity = Polarity.CONCERN
        else:
            finding.polarity = read_polarity(finding.text, lowered)
