"""Ofsted focused-visit and monitoring-visit letters.

A letter has an address block, a date, "Dear ...", a subject line ("Focused visit to
Westminster children's services"), an introduction (dates, inspectors, focus), then sections
("Overview" or "Headline findings", "What needs to improve ...", "Findings" or "Main
findings" or "Findings and evaluation of progress"), then "Ofsted will take the findings ...",
"Yours sincerely" and the inspector's sign-off. Only the sections become findings.

The prose helpers here (authorities named, inspectors, visit dates, sequence, focus, graded
judgements and the judgements a text only refers to, page furniture) are shared with news.py.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import month_year, parse_date, parse_date_range
from .extract import Extracted
from .gazetteer import Gazetteer, Place
from .records import (
    AuthorityMention,
    FindingRecord,
    Inspector,
    JudgementRecord,
    ParsedDocument,
    ParseError,
    PriorJudgement,
)
from .text import Block, blocks, ends_sentence, is_heading, sentences

# --- shared: authorities -------------------------------------------------------------------


def named_authorities(text: str, gazetteer: Gazetteer) -> list[Place]:
    """Authorities named in the text, most mentioned first; a name must be capitalised as a name
    ("Reading", not "reading")."""
    return [place for place, _ in authority_counts(text, gazetteer)]


def authority_counts(text: str, gazetteer: Gazetteer) -> list[tuple[Place, int]]:
    """(authority, times named) for the authorities a text names, most named first."""
    plain = text.replace("’", "'")
    counted = []
    for place in gazetteer.mentions(text):
        names = sorted({n.replace("’", "'") for n in (place.name, *place.aliases)}, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in names)
        count = len(re.findall(rf"(?<![\w-])(?:{alternatives})(?![\w-])", plain))
        if count:
            counted.append((place, count))
    counted.sort(key=lambda item: -item[1])  # stable: ties keep the gazetteer's first-appearance order
    return counted


def mention(place: Place) -> AuthorityMention:
    return AuthorityMention(name=place.name, ons_code=place.ons_code)


# --- shared: furniture -----------------------------------------------------------------------

_FURNITURE = re.compile(
    r"(?:\bcollaboration\s+-|\bwebsite design by\b|\bmarket research by\b|^Registered (?:Address|Office)\b|"
    r"^(?:Tel|Telephone|Fax|Email|E-mail|Web|Phone)\s*[:.]|\bContact Us\b|^Delivering a diverse\b|"
    r"\bAll rights reserved\b|^(?:Copyright|©)|\bPrivacy (?:policy|notice)\b|\bTerms (?:and|&) conditions\b|"
    r"\bCookies?\b.*\b(?:policy|settings|accept)\b|^(?:Share|Follow us|Subscribe|Sign up|Read more|"
    r"Related (?:articles|stories|news)|Back to top|Skip to)\b|\benquiries@ofsted\b|www\.gov\.uk/ofsted|"
    r"^Textphone\b|\*\*Textphone\*\*|^T\s+0\d{3}|^Ofsted\s+(?:Piccadilly Gate|Agora|Royal Exchange|"
    r"Clive House)|^(?:Piccadilly Gate|Store Street|Agora|Cumberland Place|Royal Exchange Buildings)\b|"
    r"^(?:www\.|https?://)\S+$|^\S+@\S+\.\S+$)",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def is_furniture(text: str) -> bool:
    """Site or letterhead furniture: addresses, telephone lines, footers, links."""
    text = text.strip()
    if not text:
        return True
    if _FURNITURE.search(text):
        return True
    # an address: a postcode in a short text that is not a sentence
    return bool(_POSTCODE.search(text)) and len(text.split()) <= 25 and not ends_sentence(text)


# --- shared: visit facts -----------------------------------------------------------------------

_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|\d{1,2}(?:st|nd|rd|th)"
)
_SEQUENCE = re.compile(
    rf"\b((?:(?:{_ORDINALS})(?:\s+and\s+(?:final|last))?|final)\s+(?:monitoring|focused)\s+visit)\b",
    re.IGNORECASE,
)


def find_sequence(text: str) -> str | None:
    """ "sixth and final monitoring visit", as the document words it (lower case)."""
    match = _SEQUENCE.search(text)
    return " ".join(match.group(1).lower().split()) if match else None


_VISIT_KIND = re.compile(
    r"\b(?P<kind>focused visit|monitoring visit|joint targeted area inspection|JTAI|short inspection|"
    r"standard inspection|single inspection framework)\b(?!s)",
    re.IGNORECASE,
)
_VISIT_TYPES = {
    "focused visit": "focused_visit",
    "monitoring visit": "monitoring_visit",
    "joint targeted area inspection": "jtai",
    "jtai": "jtai",
    "short inspection": "short_inspection",
    "standard inspection": "standard_inspection",
    "single inspection framework": "sif_inspection",
}


def stated_visit_type(text: str) -> str | None:
    """The visit type a text names first ("a focused visit", "monitoring visit to ...")."""
    for match in _VISIT_KIND.finditer(text):
        before = text[max(0, match.start() - 25) : match.start()].lower()
        if re.search(r"\b(?:previous|earlier|subsequent|last|prior|recent|future|next)\s+$", before):
            continue  # "the previous monitoring visit": not this one
        return _VISIT_TYPES[match.group("kind").lower()]
    return None


_VISIT_DATES = re.compile(
    r"\b(?:visit(?:ed|s)?|inspect(?:ed|ion|ors?)|on site|summarises)\b[^.]{0,200}?"
    r"\b(?:on|between|from|during)\s+(?P<dates>(?:\d|[A-Z])[^.]{0,60}?\b(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def visit_dates(text: str) -> tuple[date | None, date | None]:
    """The dates a text says the visit took place ("on 7 and 8 August 2018"); (None, None) if unstated."""
    for sentence in sentences(text):
        match = _VISIT_DATES.search(sentence)
        if match is None:
            continue
        start, end = parse_date_range(match.group("dates"))
        if start is not None:
            return start, end
    return None, None


_INSPECTOR_ROLE = (
    r"(?:(?:Her|His)\s+Majesty['’]?s\s+Inspectors?|Senior\s+HMI|HMI|Ofsted\s+Inspectors?|"
    r"Social\s+Care\s+Regulatory\s+Inspectors?|Regulatory\s+Inspectors?|Lead\s+Inspector|Team\s+Inspector)"
)
_ROLE = re.compile(_INSPECTOR_ROLE, re.IGNORECASE)
_NAME_WORD = r"[A-Z][A-Za-z'’-]+"
_NAME = re.compile(rf"^(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")
_INSPECTOR_LIST = re.compile(
    rf"(?:\b(?:the\s+)?(?:lead\s+)?inspectors?\s+(?:for\s+this\s+(?:visit|inspection)\s+)?(?:were|was)|"
    rf"(?P<role>{_INSPECTOR_ROLE})\s+for\s+this\s+(?:visit|inspection)\s+(?:were|was))\s+(?P<list>[^.]+)",
    re.IGNORECASE,
)
_NAME_ROLE = re.compile(rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?P<role>{_INSPECTOR_ROLE})")


def _role_name(role: str | None) -> str | None:
    if not role:
        return None
    role = " ".join(role.replace("’", "'").split())
    return re.sub(r"(?i)inspectors$", "Inspector", role)


def find_inspectors(text: str) -> list[Inspector]:
    """Inspectors a text names with their roles ("Andy Whippey, Her Majesty's Inspector, and ...")."""
    found: list[Inspector] = []
    for match in _INSPECTOR_LIST.finditer(text):
        listed = match.group("list")
        pairs = list(_NAME_ROLE.finditer(listed))
        if pairs:
            for pair in pairs:
                _add_inspector(found, pair.group("name"), _role_name(pair.group("role")))
            continue
        role = _role_name(match.group("role"))
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed):
            part = part.strip()
            if _NAME.match(part) and not _ROLE.search(part):
                _add_inspector(found, part, role)
    return found


def _add_inspector(found: list[Inspector], name: str, role: str | None) -> None:
    name = " ".join(name.split())
    for index, inspector in enumerate(found):
        if inspector.name.lower() == name.lower():
            if inspector.role is None and role:
                found[index] = Inspector(inspector.name, role)
            return
    found.append(Inspector(name, role))


_FOCUS = re.compile(
    r"(?:\b(?:inspectors|which|that|the\s+(?:focused\s+|monitoring\s+)?visit|this\s+visit)\s+"
    r"(?:considered|looked\s+at|reviewed|evaluated|examined|focused\s+on)"
    r"|\bthe\s+focus\s+of\s+(?:the|this)\s+(?:focused\s+|monitoring\s+)?visit\s+(?:was|were|is))"
    r"\s+(?P<focus>[^.]+)",
    re.IGNORECASE,
)
_FOCUS_END = re.compile(
    r",\s*(?:in\s+accordance|in\s+line|namely|under|as\s+part\s+of|using|in\s+particular)\b.*$|[:;].*$",
    re.IGNORECASE,
)


def find_focus(text: str) -> str | None:
    """What the visit looked at ("the local authority's arrangements for children who need help ...")."""
    for match in _FOCUS.finditer(text):
        focus = _FOCUS_END.sub("", match.group("focus")).strip(" ,")
        if re.match(r"(?i)(?:evidence|examples?|cases?|records?|a\s+range|the\s+case\s+records)\b", focus):
            continue
        if len(focus.split()) >= 3:
            return focus
    return None


# --- shared: judgements in prose ------------------------------------------------------------

GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "require improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "require improvement to be good": "requires_improvement",
    "inadequate": "inadequate",
}
_GRADE_WORDS = r"outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate"
_Q = r"['‘\"“]?"
# a grade ends its clause ("rated good in 2014", "judged inadequate for ..."); "good examples" is no grade
_GRADE_END = (
    r"(?=['’\"”]?\s*(?:[.,;:)!?]|and\b|overall\b|for\b|in\b|by\b|at\b|on\b|following\b|after\b|when\b|"
    r"since\b|across\b|$))"
)
_JUDGED = re.compile(
    rf"\b(?:(?P<verb>judged|rated|graded|assessed|found)\s+(?:it\s+|them\s+)?"
    rf"(?:as\s+being\s+|as\s+|to\s+be\s+|to\s+remain\s+)?"
    rf"(?:still\s+)?{_Q}(?P<grade>{_GRADE_WORDS}){_GRADE_END}"
    rf"|(?P<be>is|are|was|were|remains?|remained|be|been)\s+(?:now\s+|still\s+|both\s+|all\s+|also\s+|"
    rf"consistently\s+|therefore\s+)*{_Q}(?P<grade2>{_GRADE_WORDS}){_GRADE_END}"
    rf"|(?P<bare>requires?\s+improvement\s+to\s+be\s+good)"
    rf"|\bfrom\s+{_Q}(?P<from>{_GRADE_WORDS})['’\"”]?\s+to\s+{_Q}(?P<to>{_GRADE_WORDS})"
    rf"|\b(?:an?|its|the)\s+{_Q}(?P<rating>outstanding|good|requires?\s+improvement|inadequate)['’\"”]?\s+"
    rf"(?:rating|judgement|grade|verdict))\b",
    re.IGNORECASE,
)
_AREAS = [
    (r"overall\s+effectiveness|overall\s+judgement|overall\s+grade", "overall_effectiveness"),
    (r"leadership,?\s+management\s+and\s+governance", "leadership_management_governance"),
    (r"impact\s+of\s+leaders|leadership|leaders", "leadership"),
    (r"help\s+and\s+protection", "help_and_protection"),
    (
        r"children\s+in\s+care\s+and\s+care\s+leavers|children\s+looked\s+after\s+and\s+care\s+leavers|"
        r"looked\s+after\s+children\s+and\s+care\s+leavers",
        "children_in_care_and_care_leavers",
    ),
    (r"looked\s+after\s+and\s+achieving\s+permanence|looked\s+after\s+children", "looked_after_children"),
    (r"children\s+in\s+care", "children_in_care"),
    (r"care\s+leavers|leaving\s+care", "care_leavers"),
    (r"adoption", "adoption"),
    (r"safeguarding\s+children\s+board|\bLSCB\b", "lscb"),
]
_AREA = re.compile("|".join(f"(?P<a{i}>{pattern})" for i, (pattern, _) in enumerate(_AREAS)), re.IGNORECASE)
_WHOLE_SERVICE = re.compile(
    r"\b(?:council|local\s+authority|authority|children['’]?s\s+(?:social\s+care\s+)?services|"
    r"services\s+for\s+(?:children|vulnerable\s+children)|borough|county|overall)\b",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:they|it|these|both|all|each|this|and\s+they|and\s+it)\b", re.IGNORECASE
)
_CLAUSE_BOUNDARY = re.compile(
    r"[;:]|,\s*(?:and|but|which|while|whilst|although)\b|\b(?:since|that|when|after|while|whilst|although|"
    r"because|following)\b",
    re.IGNORECASE,
)
_PAST_MARKER = re.compile(
    r"\b(?:since|previous(?:ly)?|last|earlier|former(?:ly)?|had\s+been|prior|after\s+being|up\s+from|"
    r"down\s+from|originally|once)\b",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:in|on|during|since)\s+(?P<when>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)?\s*"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(
    r"\b(?:in|on|during)\s+(?P<when>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)?\s*"
    r"(?:19|20)\d\d)\b[^.;]*$",
    re.IGNORECASE,
)


_AREA_AFTER = re.compile(r"^\W*(?:for|in|on|across)\s+[^,;.]*", re.IGNORECASE)


def _areas_in(text: str) -> list[str]:
    areas: list[str] = []
    for match in _AREA.finditer(text):
        index = int(match.lastgroup[1:])
        area = _AREAS[index][1]
        if area not in areas:
            areas.append(area)
    return areas


def _grade(word: str) -> str:
    return GRADES[" ".join(word.lower().split())]


def prose_judgements(
    text: str, gazetteer: Gazetteer | None = None
) -> tuple[list[JudgementRecord], list[PriorJudgement], list[str]]:
    """Judgements a text states in prose: (this visit's, ones it only refers to, warnings).

    "The experiences and progress of children in care and care leavers was judged as
    outstanding" is a judgement of the visit; "since the local authority was judged inadequate
    for overall effectiveness in April 2017" is one the text refers to (with its date).
    """
    current: list[JudgementRecord] = []
    prior: list[PriorJudgement] = []
    warnings: list[str] = []
    for sentence in sentences(text):
        for match in _JUDGED.finditer(sentence):
            _read_judgement(sentence, match, gazetteer, current, prior)
    by_area: dict[str, JudgementRecord] = {}
    for record in current:
        existing = by_area.get(record.area)
        if existing is None:
            by_area[record.area] = record
        elif existing.grade != record.grade:
            warnings.append(
                f"the text gives {record.area} two grades ({existing.grade}, {record.grade}); kept the first"
            )
    # the 2018-2022 framework grades children in care and care leavers together
    combined = by_area.get("children_in_care_and_care_leavers")
    for part in ("care_leavers", "children_in_care"):
        if combined is not None and part in by_area:
            if by_area[part].grade != combined.grade:
                warnings.append(
                    f"{part} is {by_area[part].grade} but children in care and care leavers together are "
                    f"{combined.grade}; kept the combined judgement"
                )
            del by_area[part]
    seen = set()
    unique_prior = []
    for record in prior:
        key = (record.area, record.grade, record.date)
        if key not in seen:
            seen.add(key)
            unique_prior.append(record)
    return list(by_area.values()), unique_prior, warnings


def _read_judgement(sentence, match, gazetteer, current, prior) -> None:
    if match.group("from"):
        grades = [(match.group("from"), True), (match.group("to"), False)]  # (grade, is the earlier one)
    else:
        word = match.group("grade") or match.group("grade2") or match.group("bare") or match.group("rating")
        grades = [(word, None)]
    boundaries = [b.start() for b in _CLAUSE_BOUNDARY.finditer(sentence, 0, match.start())]
    clause_start = boundaries[-1] if boundaries else 0
    subject = sentence[clause_start : match.start()]
    after = sentence[match.end() :]
    after_clause = re.split(r"[;:]|,\s*(?:and|but|which)\b|\.", after, maxsplit=1)[0]

    # "judged inadequate for overall effectiveness": the area follows the grade
    named_after = _AREA_AFTER.match(after_clause)
    areas = _areas_in(named_after.group(0)) if named_after else []
    if not areas:
        areas = _areas_in(subject)
    if not areas and _PRONOUN_SUBJECT.search(re.sub(r"^[\s,;:]*(?:and|but|since|that)?", "", subject)):
        areas = _areas_in(sentence[: match.start()])
    if not areas:
        names = gazetteer is not None and bool(named_authorities(subject, gazetteer))
        if match.group("be") and not (names or _WHOLE_SERVICE.search(subject)):
            return  # "the quality of work is good": not a judgement
        if names or _WHOLE_SERVICE.search(subject) or match.group("verb") or match.group("rating"):
            areas = ["overall_effectiveness"]
        else:
            return
    when = _DATE_AFTER.match(after_clause) or _DATE_BEFORE.search(subject)
    dated = month_year(when.group("when")) if when else None
    is_past = bool(_PAST_MARKER.search(subject)) or bool(
        re.search(r"\b(?:previous|last|earlier)\s+(?:inspection|visit)", after_clause, re.IGNORECASE)
    )
    for word, from_grade in grades:
        grade = _grade(word)
        past = from_grade if from_grade is not None else is_past
        for area in areas:
            if past or dated is not None:
                when_date, precision = dated if dated else (None, "day")
                prior.append(PriorJudgement(area, grade, when_date, precision))
            else:
                current.append(JudgementRecord(area, grade))


# --- letters ------------------------------------------------------------------------------------

_DEAR = re.compile(r"^Dear\s+\S", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^Yours\s+(?:sincerely|faithfully)\b", re.IGNORECASE)
_LETTER_END = re.compile(
    r"^(?:Ofsted\s+will\s+(?:take|consider|use)|Yours\s+(?:sincerely|faithfully)|I\s+am\s+copying\s+this\s+letter|"
    r"This\s+letter\s+will\s+be\s+published|If\s+you\s+have\s+any\s+(?:questions|concerns))",
    re.IGNORECASE,
)
_SUBJECT_LINE = re.compile(
    r"^((?:[A-Z][\w-]*\s+){0,4}(?:visit|inspection)\s+(?:to|of)\s+[^.]{3,120}?children['’]?s\s+services)\s+(?=[A-Z])"
)
_LETTER_OPENING = re.compile(r"\bThis\s+letter\s+summarises\b", re.IGNORECASE)
_SECTION_HEADINGS = [
    (
        re.compile(r"^(?:overview|headline\s+findings|summary(?:\s+of\s+findings)?|main\s+points)\W*$", re.I),
        "overview",
    ),
    (
        re.compile(
            r"^(?:what\s+needs\s+to\s+improve|what\s+the\s+local\s+authority\s+needs\s+to\s+improve|"
            r"areas?\s+for\s+(?:priority\s+)?(?:action|improvement|development)|priority\s+actions?|"
            r"recommendations?)\b",
            re.I,
        ),
        "improvement",
    ),
    (
        re.compile(
            r"^(?:(?:main|key|detailed)\s+findings|findings(?:\s+and\s+evaluation\s+of\s+progress)?|"
            r"evaluation\s+of\s+progress|progress\s+since\s+the\s+last\s+(?:inspection|visit))\W*$",
            re.I,
        ),
        "finding",
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
    items = blocks(text)
    if not items:
        raise ParseError("the letter has no text")

    dear = next((i for i, block in enumerate(items) if _DEAR.match(block.text)), None)
    if dear is None:
        dear = next((i - 1 for i, block in enumerate(items) if _LETTER_OPENING.search(block.text)), None)
    if dear is None:
        raise ParseError("this looks like a letter but has neither 'Dear ...' nor 'This letter summarises'")
    head = items[: max(dear, 0)]
    body = items[dear + 1 :]
    end = next((i for i, block in enumerate(body) if _LETTER_END.match(block.text)), len(body))
    content, closing = body[:end], body[end:]

    doc = ParsedDocument(format=extracted.format, doc_kind="letter", text=text)
    doc.published = _letter_date(head)

    subject_line = None
    if content and not is_heading(content[0].text):
        # wrapped text can run the subject line into the first paragraph
        run_on = _SUBJECT_LINE.match(content[0].text)
        if run_on:
            rest = content[0].text[run_on.end() :].strip()
            content = [Block("para", run_on.group(1)), Block(content[0].kind, rest), *content[1:]]
    if content and is_heading(content[0].text) and _section_of(content[0].text) is None:
        subject_line = content[0].text
        doc.title = subject_line
    intro_text = " ".join(block.text for block in content[:6] if not block.is_bullet)
    kept = [block for block in content if not is_furniture(block.text)]
    body_text = "\n\n".join(block.text for block in kept)

    # the subject: named in the subject line, or the opening sentence, or the addressee block
    subject_place = None
    for candidate in (subject_line or "", _opening_sentence(kept), " ".join(b.text for b in head[-4:])):
        places = named_authorities(candidate, gazetteer) if candidate else []
        if places:
            subject_place = places[0]
            break
    everyone = named_authorities(body_text, gazetteer)
    if subject_place is None and everyone:
        subject_place = everyone[0]
    if subject_place is not None:
        doc.authority = mention(subject_place)
        doc.other_authorities = [p.name for p in everyone if p.ons_code != subject_place.ons_code]

    kind = stated_visit_type(subject_line or "") or stated_visit_type(intro_text)
    if kind:
        doc.visit_type, doc.visit_type_stated = kind, True
    else:
        doc.warnings.append("the letter does not say what kind of visit it reports")
    doc.visit_start, doc.visit_end = visit_dates(intro_text)
    doc.sequence = find_sequence(intro_text) or find_sequence(body_text)
    doc.focus = find_focus(intro_text)

    inspectors = find_inspectors(intro_text)
    for inspector in _signed_by(closing):
        _add_inspector(inspectors, inspector.name, inspector.role)
    doc.inspectors = inspectors

    judgements, prior, warnings = prose_judgements(intro_text, gazetteer)
    doc.prior_judgements = prior + [
        PriorJudgement(j.area, j.grade, None, "day") for j in judgements
    ]  # a visit letter grades nothing: any judgement it states is an earlier one
    doc.warnings.extend(warnings)

    doc.findings = _letter_findings(kept[1:] if subject_line else kept)
    if not doc.findings:
        doc.warnings.append("no findings were found in the letter")
    doc.summary = next((f.text for f in doc.findings if f.section == "overview"), None)
    return doc


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


def _signed_by(closing: list[Block]) -> list[Inspector]:
    signed: list[Inspector] = []
    after = False
    for block in closing:
        if _SIGN_OFF.match(block.text):
            after = True
            rest = _SIGN_OFF.sub("", block.text).strip(" ,")
            if not rest:
                continue
            text = rest
        elif not after:
            continue
        else:
            text = block.text
        role = _ROLE.search(text)
        name = text[: role.start()] if role else text
        name = name.strip(" ,")
        if _NAME.match(name):
            signed.append(Inspector(" ".join(name.split()), _role_name(role.group(0)) if role else None))
        elif role is not None and signed and signed[-1].role is None:
            signed[-1] = Inspector(signed[-1].name, _role_name(role.group(0)))
        if len(signed) >= 3:
            break
    return signed


def _letter_findings(content: list[Block]) -> list[FindingRecord]:
    has_sections = any(
        not block.is_bullet and is_heading(block.text) and _section_of(block.text) in {"overview", "finding"}
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
            target = "finding"  # a letter without section headings: its paragraphs after the intro
        else:
            target = section
        if len(text.split()) < 3:
            continue
        findings.append(FindingRecord(text=text, section=target, position=len(findings)))
    return findings
