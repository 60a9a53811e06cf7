"""Every file of the corpus of real Ofsted reports, parsed once, against its labels.

The labels (../shared/corpus/ofsted-reports/labels.json) are what a careful reader found on a
report's first pages; a null is "not read" (except `published`, which ILACS reports never
state). How each field is compared:

- authority: ONS code, and the name up to normalise_name ("Bristol, City of" == "Bristol");
- visit_type, visit_start, visit_end, lead_inspector: equal, where labelled;
- published: equal where labelled; a null compared for ILACS reports only (they state none);
- judgements: for ILACS reports the same set; for older reports every labelled judgement must
  be found (their labels leave some out, e.g. the LSCB's); an empty list is "not read";
- improvement points: the labelled points, each by its first eight words lower-cased with
  punctuation and hyphens as spaces (as the labels were made), must be the parsed points in
  order; a report may list more than its label (three labels stop early);
- numbered paragraphs: the number of section="finding" findings.

Run with `pytest -s -m corpus tests/parsing/test_corpus.py` to see the accuracy table.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import pytest

from inspections.parsing import ParseError, parse_document
from inspections.parsing.gazetteer import normalise_name
from inspections.parsing.records import ParsedDocument
from tests.paths import CORPUS

pytestmark = pytest.mark.corpus

LABELS: dict[str, dict] = {entry["file"]: entry for entry in json.loads((CORPUS / "labels.json").read_text())}

# Where a label contradicts what the document plainly states. Each correction says why.
ERRATA: dict[tuple[str, str], tuple[object, str]] = {
    ("80447_cheshire-east_2015-09-15.pdf", "judgements"): (
        [
            {"area": "help_and_protection", "grade": "requires_improvement"},
            {"area": "looked_after_children", "grade": "requires_improvement"},
            {"area": "adoption", "grade": "good"},
            {"area": "care_leavers", "grade": "requires_improvement"},
            {"area": "overall_effectiveness", "grade": "requires_improvement"},
        ],
        "page 1 reads 'Children's services in Cheshire East require improvement to be good'; "
        "the label has overall_effectiveness 'good', the last word of that line",
    ),
}

FIELDS = (
    "authority",
    "visit_type",
    "visit_start",
    "visit_end",
    "published",
    "lead_inspector",
    "judgements",
    "improvement_points",
    "numbered_paragraphs",
)
ILACS_TYPES = ("short_inspection", "standard_inspection")
BOILERPLATE = re.compile(
    r"Crown copyright|Open Government Licence|Piccadilly Gate|enquiries@ofsted|eepurl|Judgement Grade"
    r"|local authority children’s services \d{1,2}(?: to| and|\s*[-–])|Information about this (?:inspection|local)"
    r"|\bContents\b.*\b\d+\s*$|Ofsted produces this report",
    re.IGNORECASE,
)


def first_words(text: str, count: int = 8) -> str:
    """As the labels were made: lower case, punctuation and hyphens as spaces, apostrophes kept."""
    text = text.lower().replace("'", "’")
    return " ".join(re.sub(r"[^\w’]+", " ", text).split()[:count])


def lead_inspector(parsed: ParsedDocument) -> str | None:
    return next((i.name for i in parsed.inspectors if i.role == "Lead inspector"), None)


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class Check:
    file: str
    field: str
    ok: bool
    expected: object
    got: object

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: expected {self.expected!r}, got {self.got!r}"


def label(file: str, field: str, default=None):
    if (file, field) in ERRATA:
        return ERRATA[(file, field)][0]
    return LABELS[file].get(field, default)


def compare(file: str, parsed: ParsedDocument) -> list[Check]:
    checks: list[Check] = []

    def check(field: str, expected, got, ok: bool | None = None) -> None:
        checks.append(Check(file, field, expected == got if ok is None else ok, expected, got))

    ilacs = label(file, "visit_type") in ILACS_TYPES
    authority = label(file, "authority")
    if authority:
        got = (parsed.authority.name, parsed.authority.ons_code) if parsed.authority else None
        ok = (
            got is not None
            and got[1] == authority["ons_code"]
            and (normalise_name(got[0]) == normalise_name(authority["name"]))
        )
        check("authority", (authority["name"], authority["ons_code"]), got, ok)
    for field in ("visit_type", "visit_start", "visit_end"):
        if label(file, field) is not None:
            value = getattr(parsed, field)
            check(field, label(file, field), value if field == "visit_type" else iso(value))
    if label(file, "published") is not None or ilacs:
        check("published", label(file, "published"), iso(parsed.published))
    if label(file, "lead_inspector"):
        check("lead_inspector", label(file, "lead_inspector"), lead_inspector(parsed))
    judgements = label(file, "judgements") or []
    if judgements:
        expected = {(j["area"], j["grade"]) for j in judgements}
        got = {(j.area, j.grade) for j in parsed.judgements}
        check("judgements", sorted(expected), sorted(got), expected == got if ilacs else expected <= got)
    points = label(file, "improvement_points_start")
    if points is not None:
        expected = [first_words(point) for point in points]
        got = [first_words(f.text) for f in parsed.findings if f.section == "improvement"]
        check("improvement_points", expected, got, got[: len(expected)] == expected)
    if label(file, "numbered_paragraphs") is not None:
        got = sum(1 for f in parsed.findings if f.section == "finding")
        check("numbered_paragraphs", label(file, "numbered_paragraphs"), got)
    return checks


@dataclass
class Corpus:
    results: dict[str, ParsedDocument | ParseError]
    seconds: float

    def parsed(self) -> dict[str, ParsedDocument]:
        return {name: r for name, r in self.results.items() if isinstance(r, ParsedDocument)}


@pytest.fixture(scope="module")
def corpus(gazetteer, theme_rules) -> Corpus:
    results: dict[str, ParsedDocument | ParseError] = {}
    started = time.perf_counter()
    for path in sorted(CORPUS.iterdir()):
        if path.name == "labels.json":
            continue
        try:
            results[path.name] = parse_document(
                path.read_bytes(), gazetteer=gazetteer, theme_rules=theme_rules
            )
        except ParseError as error:
            results[path.name] = error
    return Corpus(results, time.perf_counter() - started)


@pytest.fixture(scope="module")
def checks(corpus) -> list[Check]:
    found: list[Check] = []
    for name, result in corpus.results.items():
        if isinstance(result, ParsedDocument):
            found.extend(compare(name, result))
    return found


def impostors() -> list[str]:
    return [
        p.name for p in CORPUS.iterdir() if p.suffix == ".pdf" and not p.read_bytes().startswith(b"%PDF-")
    ]


def test_every_file_is_labelled(corpus):
    assert set(corpus.results) == set(LABELS)


def test_the_impostor_is_rejected(corpus):
    names = impostors()
    assert len(names) == 1, names
    result = corpus.results[names[0]]
    assert isinstance(result, ParseError), f"{names[0]} was accepted as a {result.doc_kind}"
    assert re.search(r"html|not a (?:pdf|report)", str(result), re.IGNORECASE), str(result)


def test_every_report_parses(corpus):
    failed = {
        name: str(result)
        for name, result in corpus.results.items()
        if name not in impostors() and not isinstance(result, ParsedDocument)
    }
    assert not failed
    for parsed in corpus.parsed().values():
        assert (parsed.doc_kind, parsed.format) == ("report", "pdf")


@pytest.mark.parametrize("field", FIELDS)
def test_labelled_field(checks, field):
    misses = [str(c) for c in checks if c.field == field and not c.ok]
    assert not misses, "\n".join(misses)


def test_findings_are_report_prose(corpus):
    problems = []
    for name, parsed in corpus.parsed().items():
        if [f.position for f in parsed.findings] != list(range(len(parsed.findings))):
            problems.append(f"{name}: positions out of order")
        ilacs = parsed.visit_type in ILACS_TYPES
        for finding in parsed.findings:
            where = f"{name} #{finding.position} ({finding.section})"
            if BOILERPLATE.search(finding.text):
                problems.append(f"{where}: boilerplate: {finding.text[:120]!r}")
            if re.match(r"^\d{1,3}\.\s", finding.text):
                problems.append(f"{where}: still numbered: {finding.text[:60]!r}")
            if ilacs and finding.section == "finding" and finding.area is None:
                problems.append(f"{where}: no judgement area")
            if finding.section not in ("overview", "improvement", "finding"):
                problems.append(f"{where}: section {finding.section!r}")
    assert not problems, "\n".join(problems)


def test_accuracy_table(corpus, checks):
    """Prints the per-field accuracy (pytest -s) and fails listing every miss."""
    rows = []
    for field in FIELDS:
        field_checks = [c for c in checks if c.field == field]
        right = sum(c.ok for c in field_checks)
        rows.append((field, right, len(field_checks)))
    impostor_ok = all(isinstance(corpus.results[name], ParseError) for name in impostors())
    rows.append(("impostor rejected", int(impostor_ok), 1))
    lines = [
        "",
        f"Corpus: {len(corpus.results)} files parsed in {corpus.seconds:.2f} s",
        f"{'field':<22}{'right':>7}{'checked':>9}{'accuracy':>10}",
    ]
    for field, right, total in rows:
        accuracy = f"{100 * right / total:.1f}%" if total else "-"
        lines.append(f"{field:<22}{right:>7}{total:>9}{accuracy:>10}")
    for (file, field), (_, why) in ERRATA.items():
        lines.append(f"label corrected: {file} {field}: {why}")
    print("\n".join(lines))
    misses = [str(c) for c in checks if not c.ok]
    if not impostor_ok:
        misses.append("the impostor (an HTML page saved as .pdf) was not rejected")
    assert not misses, "\n".join(misses)
