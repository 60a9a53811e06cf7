"""Trade-press news summaries of Ofsted letters and reports.

A summary is a headline (sometimes), prose paragraphs that paraphrase or quote the report,
bullet lists introduced by a lead-in ("Inspectors highlighted:"), improvement points written
as prose ("Westminster should improve X and work on Y"), and the news site's furniture
(footers, addresses, the headline and standfirst repeated at the end). Findings are the
bullets, the improvement points and the prose paragraphs that say something about the service.
"""

from __future__ import annotations

import re

from inspections.vocabulary import DocumentKind, Section, VisitType

from .dates import parse_date
from .extract import Extracted
from .gazetteer import Gazetteer, mention
from .inspectors import named_in_prose
from .judgements import prose_judgements, referred_to
from .layout import Block, blocks, is_furniture
from .records import FindingRecord, ParsedDocument, ParseError
from .text import ends_sentence, is_heading, sentences
from .visits import find_focus, find_sequence, stated_visit_type, visit_dates

_OFSTED = re.compile(
    r"\bOfsted\b|\binspectorate\b|\bMajesty['’]?s\s+Inspector|\binspect(?:ion|ions|ors?|ed)\b|"
    r"\b(?:focused|monitoring)\s+visit",
    re.IGNORECASE,
)
_CHILDRENS_SERVICES = re.compile(
    r"\bchildren['’]?s\s+(?:social\s+care\s+)?services\b|\bsocial\s+work|\bchildren['’]?s\s+social\s+care\b|"
    r"\bchild\s+protection\b|\bchildren\s+in\s+(?:care|need)\b|\bcare\s+leavers\b|\blooked[- ]after\s+children\b|"
    r"\bmulti-agency\s+safeguarding\s+hub\b|\bfocused\s+visit\b|\bmonitoring\s+visit\b",
    re.IGNORECASE,
)
_INSPECTION_PAGE_TITLE = re.compile(
    r"^(?:inspection|re-inspection)\s+of\s+(?:services\s+for\s+)?children['’]?s\s+(?:social\s+care\s+)?services\b",
    re.IGNORECASE,
)


def parse_news(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    text = extracted.text
    if not _OFSTED.search(text):
        raise ParseError("not an Ofsted summary: the text mentions neither Ofsted nor an inspection or visit")
    if not _CHILDRENS_SERVICES.search(text):
        raise ParseError("not about children's services: the text mentions no children's social care")

    items = [block for block in blocks(text) if block.text.strip()]
    kept = [block for block in items if not is_furniture(block.text)]
    kept = _drop_trailing_labels(kept)
    if not kept:
        raise ParseError("the text has no article, only page furniture")

    doc = ParsedDocument(format=extracted.format, doc_kind=DocumentKind.NEWS, text=text)
    title = extracted.title
    first = kept[0]
    if not first.is_bullet and _is_headline(first.text):
        title = title or first.text
        kept = kept[1:]
    elif title and first.text.strip() == title.strip():
        kept = kept[1:]
    doc.title = title

    article = "\n\n".join(block.text for block in kept)
    headline_and_article = f"{title}\n\n{article}" if title else article
    _read_authorities(doc, gazetteer, headline_and_article)
    # visit facts: the repeated headline and standfirst at the end still say what the visit was
    labels = "\n".join(block.text for block in items if not is_furniture(block.text))
    _read_visit(doc, gazetteer, headline_and_article, labels, items)
    doc.visit_start, doc.visit_end = visit_dates(article)
    doc.published = extracted.published or _published(kept[:4])
    doc.focus = find_focus(article)
    doc.inspectors = named_in_prose(article)

    doc.findings = _news_findings(kept)
    if not doc.findings:
        doc.warnings.append("no findings were found in the text")
    doc.summary = next((f.text for f in doc.findings if f.section == Section.OVERVIEW), None)
    return doc


def _read_authorities(doc: ParsedDocument, gazetteer: Gazetteer, text: str) -> None:
    """The authority the text names most is its subject; a warning when another is named as often."""
    counted = gazetteer.counts(text)
    if not counted:
        raise ParseError("no English local authority is named as the subject of this text")
    places = [place for place, _ in counted]
    doc.authority = mention(places[0])
    doc.other_authorities = [place.name for place in places[1:]]
    rivals = [place.name for place, count in counted[1:] if count >= counted[0][1]]
    if rivals:
        doc.warnings.append(
            f"{', '.join(rivals)} named as often as {places[0].name}: the text may cover several authorities"
        )


def _read_visit(
    doc: ParsedDocument, gazetteer: Gazetteer, text: str, labels: str, items: list[Block]
) -> None:
    """The visit's type, sequence and judgements, from the article and the site's labels."""
    judgements, prior, warnings = prose_judgements(text, gazetteer)
    doc.warnings.extend(warnings)
    doc.sequence = find_sequence(labels)
    kind = stated_visit_type(text) or stated_visit_type(labels)
    if doc.sequence and "monitoring" in doc.sequence:
        kind = VisitType.MONITORING_VISIT
    if kind in (VisitType.FOCUSED_VISIT, VisitType.MONITORING_VISIT):
        # focused and monitoring visits are not graded: any judgement named is an earlier one
        prior = prior + referred_to(judgements)
        judgements = []
        doc.visit_type, doc.visit_type_stated = kind, True
    elif kind is not None:
        doc.visit_type, doc.visit_type_stated = kind, True
    elif judgements or any(_INSPECTION_PAGE_TITLE.match(block.text) for block in items):
        # a graded inspection; a summary seldom says short or standard, and states no dates
        doc.visit_type = VisitType.STANDARD_INSPECTION
        if judgements:
            doc.warnings.append("visit type standard_inspection inferred from the graded judgements")
        else:
            doc.warnings.append("visit type standard_inspection inferred from the page title")
    else:
        doc.warnings.append("the text does not say what kind of visit or inspection it reports")
    doc.judgements = judgements
    doc.prior_judgements = prior


def _is_headline(text: str) -> bool:
    return is_heading(text) and len(text.split()) >= 3 and not text.endswith(":")


def _drop_trailing_labels(kept: list[Block]) -> list[Block]:
    """The headline, standfirst and section labels that news sites repeat after the article."""
    end = len(kept)
    while end > 0 and not kept[end - 1].is_bullet and not ends_sentence(kept[end - 1].text):
        if len(kept[end - 1].text.split()) > 20:
            break
        end -= 1
    return kept[:end]


def _published(head: list[Block]) -> object:
    for block in head:
        stated = re.match(
            r"^(?:published|posted|date|updated)\s*:?\s*(?:on\s+)?(?P<rest>.+)$", block.text, re.I
        )
        candidate = stated.group("rest") if stated else block.text
        if stated or len(block.text.split()) <= 6:
            found = parse_date(candidate)
            if found is not None:
                return found
    return None


# --- findings -----------------------------------------------------------------------------------

_IMPROVE_VERBS = (
    r"improve|address|work\s+on|develop|strengthen|ensure(?:\s+that)?|focus\s+on|review|tackle|increase|"
    r"reduce|make\s+sure(?:\s+that)?|consider|prioritise|embed|establish"
)
_IMPROVE_AFTER = re.compile(
    rf"(?:\b(?:should|must|ought\s+to|is\s+required\s+to|are\s+required\s+to|has\s+to|have\s+to|will\s+need\s+to|"
    rf"(?<!the\s)(?<!a\s)needs?\s+to)\s+(?:also\s+|further\s+|now\s+|urgently\s+)?(?:{_IMPROVE_VERBS})"
    rf"|\bcan\s+improve\s+is\s+(?:to\s+)?(?:{_IMPROVE_VERBS})?"
    rf"|\band\s+(?:also\s+)?(?:work\s+on|improve|address|strengthen|ensure(?:\s+that)?|develop|tackle|make\s+sure)"
    rf"|\bthere\s+(?:should|needs?\s+to|must)\s+be"
    rf"|\bthere\s+is\s+(?:a|an\s+urgent)\s+need\s+(?:to\s+(?:{_IMPROVE_VERBS})|for))\s+",
    re.IGNORECASE,
)
_IMPROVE_BEFORE = re.compile(
    # not the grade: "rated as requires improvement", "requires improvement to be good"
    r"(?<!\bas)(?<!\bto)(?<!judged)(?<!rated)(?<!graded)(?<!\bbe)"
    r"\s+(?:needs?|requires?)\s+(?:to\s+(?:be\s+)?improve[d]?|improvement(?!\s+to\s+be\s+good)|improving|"
    r"strengthening|to\s+be\s+strengthened)\b",
    re.IGNORECASE,
)
_IMPROVE_PREFIX = re.compile(
    r"^(?:(?:finally|also|in\s+addition|additionally|furthermore|however),?\s+)?"
    r"(?:(?:in\s+order\s+)?to\s+improve\s+[^,]{0,80},\s*)?",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(r"^(?:and|as\s+well\s+as|but|also|while|;|,)\s+", re.IGNORECASE)
_TRAIL_WORDS = re.compile(r"[\s,;]+(?:and|as\s+well\s+as|while)?\s*$", re.IGNORECASE)

_ATTRIBUTION_VERBS = (
    r"said|says|added|reported|found|concluded|noted|stated|highlighted|explained|continued|warned"
)
_TRAILING_ATTRIBUTION = re.compile(
    rf"(?:,\s*(?:Ofsted|the\s+inspectorate|inspectors|the\s+report|it|they|the\s+(?:inspectors|letter))\s+"
    rf"(?:has\s+|have\s+|had\s+|also\s+)?(?:{_ATTRIBUTION_VERBS})"
    rf"|,\s*(?:{_ATTRIBUTION_VERBS})\s+(?:Ofsted|the\s+inspectorate|the\s+report|inspectors)"
    rf"|,\s*(?:an?|the)\s+(?:[\w’'-]+\s+){{0,24}}?(?:visit|inspection|report|letter)\b[^,\"”]{{0,140}}?\s+"
    rf"(?:found|said|concluded|reported|noted|stated))\s*\.?\s*$",
    re.IGNORECASE,
)
_LEADING_ATTRIBUTION = re.compile(
    rf"^(?:(?:however|furthermore|moreover|additionally|in\s+addition|also),?\s+)?"
    rf"(?:it|they|the\s+report|ofsted|inspectors|the\s+inspectorate|the\s+letter)\s+(?:also\s+)?"
    rf"(?:{_ATTRIBUTION_VERBS}|states)\s+that\s+",
    re.IGNORECASE,
)
_QUOTE_ATTRIBUTION = re.compile(
    rf"^\s*,?\s*(?:(?:{_ATTRIBUTION_VERBS})\s+(?:the\s+report|ofsted|inspectors|the\s+inspectorate|the\s+letter)|"
    rf"(?:the\s+report|ofsted|inspectors|the\s+inspectorate|it|the\s+letter)\s+(?:also\s+)?(?:{_ATTRIBUTION_VERBS}))\b",
    re.IGNORECASE,
)
_NOT_A_FINDING = re.compile(
    r"\b(?:Cllr|Councillor|cabinet\s+member|spokes(?:man|woman|person)|chief\s+executive\s+said|MP\b|"
    r"read\s+the\s+(?:full\s+)?report|full\s+report|report\s+(?:was|is|has\s+been)\s+published|click\s+here|"
    r"subscribe|newsletter|sign\s+up|(?:has|have)\s+published|published\s+(?:the|its)\s+(?:outcomes|findings|report))",
    re.IGNORECASE,
)
_METHOD = re.compile(
    r"^(?:specifically,\s+)?(?:the\s+)?inspectors\s+(?:considered|reviewed|looked\s+at|visited|gathered|spoke|met|"
    r"examined|evaluated|sampled|tracked)\b",
    re.IGNORECASE,
)
_SERVICE_WORDS = re.compile(
    r"\b(?:child|children|families|family|young\s+people|social\s+work(?:ers?)?|practice|services?|leaders?|"
    r"managers?|staff|practitioners?|assessments?|plans?|partners?|care|safeguarding|support|workforce|"
    r"caseloads?|supervision|thresholds?|referrals?)\b",
    re.IGNORECASE,
)


def _news_findings(kept: list[Block]) -> list[FindingRecord]:
    findings: list[FindingRecord] = []

    def add(text: str, section: str) -> None:
        text = text.strip()
        if len(text.split()) >= 3 and not any(f.text == text and f.section == section for f in findings):
            findings.append(FindingRecord(text=text, section=section, position=len(findings)))

    list_section = Section.FINDING
    for index, block in enumerate(kept):
        text = block.text.strip()
        if block.is_bullet or _inside_list(kept, index):
            if text.endswith(":"):
                continue
            add(_clean(text), list_section)
            continue
        if text.endswith(":"):
            # a lead-in: the list after it is improvement points or findings
            list_section = Section.IMPROVEMENT if _is_improvement_lead(text) else Section.FINDING
            continue
        if is_heading(text) or is_furniture(text):
            continue
        list_section = Section.FINDING
        rest: list[str] = []
        for sentence in sentences(text):
            points = improvement_points(sentence)
            if points:
                for point in points:
                    add(point, Section.IMPROVEMENT)
            else:
                rest.append(sentence)
        if rest:
            paragraph = _clean(" ".join(rest))
            if _is_service_finding(paragraph):
                add(paragraph, Section.OVERVIEW)
    return findings


def _inside_list(kept: list[Block], index: int) -> bool:
    """A paragraph between two bullets of a list is a bullet that lost its dash."""
    if index == 0 or index + 1 >= len(kept):
        return False
    block = kept[index]
    return (
        kept[index - 1].is_bullet
        and kept[index + 1].is_bullet
        and ends_sentence(block.text)
        and not block.text.rstrip().endswith(":")
    )


def _is_improvement_lead(text: str) -> bool:
    return bool(
        re.search(r"\b(?:should|must|needs?\s+to|improve|improvement|recommend)", text, re.IGNORECASE)
    )


def improvement_points(sentence: str) -> list[str]:
    """The points of an improvement sentence ("Westminster should improve X and work on Y" -> X, Y)."""
    body = _strip_attribution(sentence.strip())
    body = _IMPROVE_PREFIX.sub("", body, count=1)
    after = list(_IMPROVE_AFTER.finditer(body))
    before = list(_IMPROVE_BEFORE.finditer(body))
    if not before and all(re.match(r"and\b", m.group(0), re.IGNORECASE) for m in after):
        return []  # "a commitment to sustain and improve": no one is told to improve anything
    marks = sorted(
        [(m.start(), m.end(), "after") for m in after] + [(m.start(), m.end(), "before") for m in before]
    )
    points: list[str] = []
    consumed = 0
    for number, (start, end, kind) in enumerate(marks):
        if kind == "before":
            point = body[consumed:start]
        else:
            following = marks[number + 1][0] if number + 1 < len(marks) else len(body)
            if number + 1 < len(marks) and marks[number + 1][2] == "before":
                continue  # the next mark's subject is this mark's object
            point = body[end:following]
        consumed = end
        point = _TRAIL_WORDS.sub("", _LEAD_WORDS.sub("", point.strip())).strip(" .,;")
        if len(point.split()) >= 2:
            points.append(point[0].upper() + point[1:] + ".")
    return points


def _strip_attribution(text: str) -> str:
    stripped = (
        _TRAILING_ATTRIBUTION.sub(".", text[-400:])
        if len(text) > 400
        else _TRAILING_ATTRIBUTION.sub(".", text)
    )
    if len(text) > 400:
        stripped = text[:-400] + stripped
    stripped = _LEADING_ATTRIBUTION.sub("", stripped, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped else stripped


def _clean(text: str) -> str:
    """A finding's text without the news report's attribution around it."""
    text = text.strip()
    quoted = _unquote(text)
    if quoted is not None:
        return quoted
    return _strip_attribution(text)


def _unquote(text: str) -> str | None:
    """'"Children are seen promptly," said the report.' -> 'Children are seen promptly.'"""
    if not text or text[0] not in '"“':
        return None
    close = max(text.rfind('"'), text.rfind("”"))
    if close <= 0:
        return None
    inner = text[1:close].strip()
    if '"' in inner or "“" in inner or "”" in inner:
        return None
    tail = text[close + 1 :]
    if tail.strip(" .") and not _QUOTE_ATTRIBUTION.match(tail):
        return None
    inner = inner.rstrip(" ,")
    if not ends_sentence(inner):
        inner += "."
    return inner


def _is_service_finding(text: str) -> bool:
    if len(text.split()) < 6 or text.endswith(":"):
        return False
    if _NOT_A_FINDING.search(text) or _METHOD.match(text):
        return False
    if len(sentences(text)) == 1 and _is_grading(text):
        return False  # "Bristol has been rated requires improvement": a judgement, kept as one
    return bool(_SERVICE_WORDS.search(text))


def _is_grading(sentence: str) -> bool:
    judgements, _, _ = prose_judgements(sentence)
    return bool(judgements)
