"""How well the tagger agrees with people, on findings it did not learn from.

Grouped k-fold: the labelled findings are split by the document they come from, so no fold learns
from a paragraph of the report it is then tested on. Each fold's model is built exactly as
`build_theme_model` builds one and applied exactly as ingest applies it (ThemeModel). The keyword
rules alone are measured the same way, and so is a second person's reading of a sample: the
ceiling a tagger can be expected to reach.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..parsing.classify import ThemeRule, classify_findings
from ..parsing.records import FindingRecord
from ..parsing.theme_model import ThemeModel, findings_classify
from ..vocabulary import Polarity
from .build import BuildSettings, model_build
from .dataset import Example, Reading, folds_of


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Agreement:
    """One reading of findings (the tagger's, the rules', a person's) against the labelled set."""

    name: str
    findings: int = 0
    themes: Counts = field(default_factory=Counts)
    by_theme: dict[str, Counts] = field(default_factory=dict)
    support: Counter = field(default_factory=Counter)  # labelled examples per theme
    polarity_right: int = 0
    confusion: Counter = field(default_factory=Counter)  # (labelled, read) -> findings

    @property
    def polarity_accuracy(self) -> float:
        return self.polarity_right / self.findings if self.findings else 0.0

    def add(self, example: Example, themes: Sequence[str], polarity: str) -> None:
        self.findings += 1
        gold, read = set(example.themes), set(themes)
        for slug in gold | read:
            counts = self.by_theme.setdefault(slug, Counts())
            hit = (slug in gold, slug in read)
            if hit == (True, True):
                counts.tp += 1
                self.themes.tp += 1
            elif hit == (False, True):
                counts.fp += 1
                self.themes.fp += 1
            else:
                counts.fn += 1
                self.themes.fn += 1
        self.support.update(gold)
        self.polarity_right += polarity == example.polarity
        self.confusion[(example.polarity, polarity)] += 1


def _records(examples: Sequence[Example]) -> list[FindingRecord]:
    return [FindingRecord(text=e.text, section=e.section, area=e.area) for e in examples]


def evaluate(
    examples: Sequence[Example],
    rules: list[ThemeRule],
    *,
    k: int = 5,
    settings: BuildSettings | None = None,
    second: Reading | None = None,
) -> list[Agreement]:
    """The tagger (held out, k-fold), the rules alone, and a second person where there is one."""
    tagger, by_rules = Agreement("tagger, held out"), Agreement("keyword rules alone")
    for held_out in folds_of(examples, k):
        kept = set(held_out)
        model = ThemeModel(model_build([e for i, e in enumerate(examples) if i not in kept], rules, settings))
        tested = [examples[i] for i in held_out]
        records = _records(tested)
        findings_classify(records, rules, model)
        for example, record in zip(tested, records, strict=True):
            tagger.add(example, record.themes, record.polarity)
    records = _records(examples)
    classify_findings(records, rules)
    for example, record in zip(examples, records, strict=True):
        by_rules.add(example, record.themes, record.polarity)
    agreements = [tagger, by_rules]
    if second is not None:
        person = Agreement("a second person")
        for example in examples:
            if example.id in second.themes:
                person.add(example, second.themes[example.id], second.polarity[example.id])
        agreements.append(person)
    return agreements


def report_markdown(agreements: list[Agreement], *, min_support: int = 20) -> str:
    """The tables BENCHMARKS.md keeps."""
    lines = [
        "| reading | findings | themes precision | recall | F1 | polarity accuracy |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for a in agreements:
        lines.append(
            f"| {a.name} | {a.findings} | {a.themes.precision:.3f} | {a.themes.recall:.3f} | "
            f"{a.themes.f1:.3f} | {a.polarity_accuracy:.3f} |"
        )
    tagger, rules = agreements[0], agreements[1]
    lines += [
        "",
        "| theme | labelled | precision | recall | F1 | rules' F1 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for slug in sorted(tagger.support, key=lambda s: (-tagger.support[s], s)):
        counts = tagger.by_theme.get(slug, Counts())
        flag = "" if tagger.support[slug] < min_support or counts.f1 >= 0.75 else " (below 0.75)"
        lines.append(
            f"| {slug} | {tagger.support[slug]} | {counts.precision:.2f} | {counts.recall:.2f} | "
            f"{counts.f1:.2f}{flag} | {rules.by_theme.get(slug, Counts()).f1:.2f} |"
        )
    labels = Polarity.values
    lines += ["", "Polarity, held out (rows: labelled; columns: read by the tagger)", ""]
    lines += ["| labelled \\ read | " + " | ".join(labels) + " |", "| --- |" + " --- |" * len(labels)]
    for gold in labels:
        lines.append(
            f"| {gold} | " + " | ".join(str(tagger.confusion[(gold, read)]) for read in labels) + " |"
        )
    return "\n".join(lines)
