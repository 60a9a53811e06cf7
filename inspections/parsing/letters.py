"""Ofsted's letters on a visit: focused visits, monitoring visits, joint targeted area inspections.

A letter has an address block, a date, "Dear ...", a subject line ("Focused visit to
Westminster children's services"), an introduction (dates, inspectors, focus), then sections
("Overview" or "Headline findings", "What needs to improve ...", "Findings" or "Main
findings" or "Findings and evaluation of progress"), then "Ofsted will take the findings ...",
"Yours sincerely" and the inspector's sign-off. Only the sections become findings.

The letter is read as paragraphs (`layout.blocks`); what it says of the visit, its inspectors,
its authorities and the judgements it refers to is read by the shared layers (`visits`,
`inspectors`, the gazetteer, `judgements`).
"""

from __future__ import annotations

import re
from datetime import date

from inspections.vocabulary import DocumentKind, Section

from .dates import parse_date
from .extract import Extracted
from .gazetteer import Gazetteer, mention
from .inspectors import merged, named_in_prose, signed_by
from .judgements import prose_judgements, referred_to
from .layout import LETTER_MARGIN, Block, blocks, clean_pages, is_furniture
from .records import FindingRecord, ParsedDocument, ParseError
from .text import is_heading, sentences
from .visits import find_focus, find_sequence, stated_visit_type, visit_dates

_DEAR = re.compile(r"^Dear\s+\S", re.IGNORECASE)
_CLOSING = (
    r"(?:Ofsted\s+will\s+(?:take|consider|use)|Yours\s+(?:sincerely|faithfully)|I\s+am\s+copying\s+this\s+letter|"
    r"This\s+letter\s+will\s+be\s+published|If\s+you\s+have\s+any\s+(?:questions|concerns))"
)
_LETTER_END = re.compile("^" + _CLOSING, re.IGNORECASE)
# The closing run on from the last paragraph (a PDF marks no paragraph with a blank line).
_CLOSING_RUN_ON = re.compile(r"(?<=[.!?])['’”\"]?\s+(?=" + _CLOSING + ")", re.IGNORECASE)
_SUBJECT_LINE = re.compile(
    r"^((?:[A-Z][\w-]*\s+){0,4}(?:visit|inspection)\s+(?:to|of)\s+[^.]{3,120}?children['’]?s\s+services)\s+(?=[A-Z])"
)
_LETTER_OPENING = re.compile(r"\bThis\s+letter\s+summarises\b", re.IGNORECASE)
_SECTION_HEADINGS = [
    (
        re.compile(r"^(?:overview|headline\s+findings|summary(?:\s+of\s+findings)?|main\s+points)\W*$", re.I),
        Section.OVERVIEW,
    ),
    (
        re.compile(
            r"^(?:what\s+needs\s+to\s+improve|what\s+the\s+local\s+authority\s+needs\s+to\s+improve|"
            r"areas?\s+for\s+(?:priority\s+)?(?:action|improvement|development)|priority\s+actions?|"
            r"recommendations?)\b",
            re.I,
        ),
        Section.IMPROVEMENT,
    ),
    (
        re.compile(
            r"^(?:(?:main|key|detailed)\s+findings|findings(?:\s+and\s+evaluation\s+of\s+progress)?|"
            r"evaluation\s+of\s+progress|progress\s+since\s+the\s+last\s+(?:inspection|visit))\W*$",
            re.I,
        ),
        Section.FINDING,
    ),
    (
        re.compile(r"^(?:areas\s+covered(?:\s+by\s+the\s+visit)?|context|background|introduction)\W*$", re.I),
        "intro",
    ),
]
_INTRO_SENTENCE = re.compile(
    r"^(?:This\s+letter\s+summarises|The\s+(?:lead\s+)?inspectors?\s+(?:were|was)|(?:Her|His)\s+Majesty|"
    r"(?:Specifically,\s+)?inspectors\s+(?:considered|reviewed|looked|gathered|evaluated|examined|spoke|met)|"
    r"This\s+(?:visit|was\s+the)|The\s+(?:focus|visit)\b|Areas\s+covered)",
    re.IGNORECASE,
)


def is_letter(text: str) -> bool:
    """An Ofsted letter: "Dear ..." with a letter's signs, or "This letter summarises the findings"."""
    head = text[:20000]
    if re.search(r"\bThis\s+letter\s+summarises\s+the\s+findings\b", head, re.IGNORECASE):
        return True
    if not re.search(r"^\s*Dear\s+\S", head, re.IGNORECASE | re.MULTILINE):
        return False
    return bool(
        re.search(
            r"Yours\s+sincerely|Majesty['’]?s\s+Inspector|(?:focused|monitoring)\s+visit", text, re.IGNORECASE
        )
    )


def _section_of(text: str) -> str | None:
    for pattern, section in _SECTION_HEADINGS:
        if pattern.search(text.strip()):
            return section
    return None


def parse_letter(extracted: Extracted, gazetteer: Gazetteer) -> ParsedDocument:
    text = extracted.text
    head, content, closing = _parts(blocks(_without_page_furniture(extracted)))
    doc = ParsedDocument(format=extracted.format, doc_kind=DocumentKind.LETTER, text=text)
    doc.published = _letter_date(head)

    content = _split_subject_line(content)
    subject_line = None
    if content and is_heading(content[0].text) and _section_of(content[0].text) is None:
        subject_line = content[0].text
        doc.title = subject_line
    intro_text = " ".join(block.text for block in content[:6] if not block.is_bullet)
    kept = [block for block in content if not is_furniture(block.text)]
    body_text = "\n\n".join(block.text for block in kept)

    addressee = " ".join(block.text for block in head[-4:])
    _read_authorities(doc, gazetteer, [subject_line or "", _opening_sentence(kept), addressee], body_text)
    kind = stated_visit_type(subject_line or "") or stated_visit_type(intro_text)
    if kind:
        doc.visit_type, doc.visit_type_stated = kind, True
    else:
        doc.warnings.append("the letter does not say what kind of visit it reports")
    doc.visit_start, doc.visit_end = visit_dates(intro_text)
    doc.sequence = find_sequence(intro_text) or find_sequence(body_text)
    doc.focus = find_focus(intro_text)
    doc.inspectors = merged(named_in_prose(intro_text), signed_by([block.text for block in closing]))

    judgements, prior, warnings = prose_judgements(intro_text, gazetteer)
    # a visit letter grades nothing: any judgement it states is an earlier one
    doc.prior_judgements = prior + referred_to(judgements)
    doc.warnings.extend(warnings)

    doc.findings = _letter_findings(kept[1:] if subject_line else kept)
    if not doc.findings:
        doc.warnings.append("no findings were found in the letter")
    doc.summary = next((f.text for f in doc.findings if f.section == Section.OVERVIEW), None)
    return doc


def _without_page_furniture(extracted: Extracted) -> str:
    """The letter's text without what each page of a PDF adds (letterhead, running header, footer,
    page number), a blank line between its paragraphs; its pages run on as the lines of one page do."""
    if not extracted.pages:
        return extracted.text
    return "\n".join(clean_pages(extracted.spaced_pages(), margin=LETTER_MARGIN))


def _parts(items: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """(the address block and date, the letter's content, its closing from "Ofsted will ..." on)."""
    if not items:
        raise ParseError("the letter has no text")
    dear = next((i for i, block in enumerate(items) if _DEAR.match(block.text)), None)
    if dear is None:
        dear = next((i - 1 for i, block in enumerate(items) if _LETTER_OPENING.search(block.text)), None)
    if dear is None:
        raise ParseError("this looks like a letter but has neither 'Dear ...' nor 'This letter summarises'")
    body = items[dear + 1 :]
    end = next((i for i, block in enumerate(body) if _LETTER_END.match(block.text)), len(body))
    body, end = _split_closing(body, end)
    return items[: max(dear, 0)], body[:end], body[end:]


def _split_closing(body: list[Block], end: int) -> tuple[list[Block], int]:
    """The letter's blocks with its closing ("Ofsted will take the findings ...") split from the
    paragraph before `end` it ran on from, and where the closing starts."""
    for index, block in enumerate(body[:end]):
        run_on = _CLOSING_RUN_ON.search(block.text)
        if run_on:
            before = Block(block.kind, block.text[: run_on.start()])
            closing = Block("para", block.text[run_on.end() :])
            return [*body[:index], before, closing, *body[index + 1 :]], index + 1
    return body, end


def _split_subject_line(content: list[Block]) -> list[Block]:
    """Wrapped text can run the subject line into the first paragraph: split them."""
    if content and not is_heading(content[0].text):
        run_on = _SUBJECT_LINE.match(content[0].text)
        if run_on:
            rest = content[0].text[run_on.end() :].strip()
            return [Block("para", run_on.group(1)), Block(content[0].kind, rest), *content[1:]]
    return content


def _read_authorities(
    doc: ParsedDocument, gazetteer: Gazetteer, candidates: list[str], body_text: str
) -> None:
    """The subject: the first authority named in the first of `candidates` (the subject line, the
    opening sentence, the addressee) to name one; failing those, the one the letter names most."""
    subject = None
    for candidate in candidates:
        places = gazetteer.mentions(candidate) if candidate else []
        if places:
            subject = places[0]
            break
    everyone = gazetteer.mentions(body_text)
    if subject is None and everyone:
        subject = everyone[0]
    if subject is not None:
        doc.authority = mention(subject)
        doc.other_authorities = [p.name for p in everyone if p.ons_code != subject.ons_code]


def _letter_date(head: list[Block]) -> date | None:
    for block in head:
        words = block.text.split()
        if len(words) <= 6:
            found = parse_date(block.text)
            if found is not None:
                return found
    for block in head:
        found = re.search(r"(?:^|\s)(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+(?:19|20)\d\d)\b", block.text)
        if found and parse_date(found.group(1)):
            return parse_date(found.group(1))
    return None


def _opening_sentence(kept: list[Block]) -> str:
    for block in kept[:4]:
        if _LETTER_OPENING.search(block.text):
            return sentences(block.text)[0]
    return ""


def _letter_findings(content: list[Block]) -> list[FindingRecord]:
    has_sections = any(
        not block.is_bullet
        and is_heading(block.text)
        and _section_of(block.text) in {Section.OVERVIEW, Section.FINDING}
        for block in content
    )
    findings: list[FindingRecord] = []
    section = "intro"
    for block in content:
        text = block.text.strip()
        if not block.is_bullet and is_heading(text):
            found = _section_of(text)
            if found is not None:
                section = found
            continue  # other headings: sub-headings within the current section
        if text.endswith(":") or is_furniture(text):
            continue  # a lead-in to a list
        if section == "intro":
            if has_sections or _INTRO_SENTENCE.match(text):
                continue
            target = Section.FINDING  # a letter without section headings: its paragraphs after the intro
        else:
            target = section
        if len(text.split()) < 3:
            continue
        findings.append(FindingRecord(text=text, section=target, position=len(findings)))
    return findings
