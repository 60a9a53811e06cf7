"""Inspectors and their roles, as reports, letters and news name them.

- a report's role lines: "Lead inspector: Nicki Shaw, His Majesty's Inspector", "Team inspectors:
  ..." (`role_lines`);
- a letter's or a summary's prose: "The inspectors were Andy Whippey, Her Majesty's Inspector, and
  ..." (`named_in_prose`), and a letter's sign-off under "Yours sincerely" (`signed_by`).

Every role goes through `role_name`, so a role reads the same whichever document gave it.
"""

from __future__ import annotations

import re

from .layout import Line
from .records import Inspector

# The roles an inspector holds on a visit (a report's role lines name them).
_POSITION = r"(?:Lead|Deputy\s+lead|Team|Reporting|Shadow|Additional|Assistant\s+lead)\s+inspectors?|Report\s+authors?"
_POSITION_RE = re.compile(_POSITION, re.IGNORECASE)


def role_name(role: str | None) -> str | None:
    """A role as the product shows it, one per inspector: 'Team inspectors' -> 'Team inspector',
    'LEAD INSPECTOR' -> 'Lead inspector', 'Reporting inspector' -> 'Lead inspector' (the older
    reports' name for the lead), "Her Majesty’s Inspectors" -> "Her Majesty's Inspector"."""
    if not role:
        return None
    role = " ".join(role.replace("’", "'").split())
    role = re.sub(r"(?i)(inspector|author)s$", r"\1", role)
    if _POSITION_RE.fullmatch(role):
        role = role.capitalize()
        return "Lead inspector" if role.startswith("Reporting") else role
    return role


def _add(found: list[Inspector], name: str, role: str | None) -> None:
    """Add an inspector once; a role learned later fills in one not known before."""
    name = " ".join(name.split())
    for index, inspector in enumerate(found):
        if inspector.name.lower() == name.lower():
            if inspector.role is None and role:
                found[index] = Inspector(inspector.name, role)
            return
    found.append(Inspector(name, role))


def merged(first: list[Inspector], more: list[Inspector]) -> list[Inspector]:
    """Both lists of inspectors as one, each inspector once."""
    found = list(first)
    for inspector in more:
        _add(found, inspector.name, inspector.role)
    return found


# --- a report's role lines ---------------------------------------------------------------------

_APOS = "[’'`]"
_ROLE_LINE_RE = re.compile(
    r"^(?P<role>(?:Lead|Deputy\s+lead|Team|Reporting|Shadow|Additional|Assistant\s+lead)\s+inspectors?"
    r"|Report\s+author)(?:\s+on\s+site)?(?:\s*:\s*|\s+(?=(?-i:[A-Z])))(?P<names>.*)$",
    re.IGNORECASE,
)
# What stands beside a name in a role line but is no name: an inspector's grade, a bracket.
_TITLE_NOISE_RE = re.compile(
    r"\((?:[^)]*)\)|\b(?:Senior\s+)?(?:Her|His)\s+Majesty"
    + _APOS
    + r"s\s+Inspector\b|\bS?HMI\b|\bAI\b|\bOI\b"
    r"|\bOfsted\s+Inspector\b|\bRegulatory\s+Inspection\s+Manager\b|\bSocial\s+Care\s+Regulatory\s+Inspector\b",
    re.IGNORECASE,
)
_LISTED_NAME_RE = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|le|la|du|di)){1,4}$")


def is_role_line(text: str) -> bool:
    return _ROLE_LINE_RE.match(text) is not None


def _names(text: str) -> list[str]:
    text = _TITLE_NOISE_RE.sub(" ", text)
    names = []
    for part in re.split(r",|;|\band\b|&", text):
        part = " ".join(part.split()).strip(" .:")
        if _LISTED_NAME_RE.match(part):
            names.append(part)
    return names


def _list_continues(text: str, following: str, role: str) -> bool:
    """Does the next line carry on a role line's list of names?"""
    if _ROLE_LINE_RE.match(following) or ":" in following or len(following) > 100 or text.endswith("."):
        return False
    if _TITLE_NOISE_RE.fullmatch(following):
        return True  # "Her Majesty's Inspector" on a line of its own
    if not _names(following):
        return False
    return text.endswith(",") or (role != "Lead inspector" and following[:1].isupper())


def role_lines(lines: list[Line]) -> list[Inspector]:
    """'Lead inspector: Nicki Shaw, His Majesty's Inspector', and the inspection team where listed;
    the lead inspector first."""
    found: list[Inspector] = []
    seen: set[tuple[str, str]] = set()
    for index, line in enumerate(lines):
        match = _ROLE_LINE_RE.match(line.text)
        if not match:
            continue
        role = role_name(match["role"])
        text = match["names"].rstrip()
        follow = index + 1
        while follow < min(len(lines), index + 4) and _list_continues(text, lines[follow].text, role):
            text = f"{text} {lines[follow].text}".rstrip()
            follow += 1
        names = _names(text)
        if role == "Lead inspector":
            names = names[:1]
        for name in names:
            if (name, role) not in seen:
                seen.add((name, role))
                found.append(Inspector(name, role))
    found.sort(key=lambda inspector: inspector.role != "Lead inspector")
    return found


# --- inspectors named in prose -----------------------------------------------------------------

_TITLE = (
    r"(?:(?:Her|His)\s+Majesty['’]?s\s+Inspectors?|Senior\s+HMI|HMI|Ofsted\s+Inspectors?|"
    r"Social\s+Care\s+Regulatory\s+Inspectors?|Regulatory\s+Inspectors?|Lead\s+Inspector|Team\s+Inspector)"
)
_TITLE_RE = re.compile(_TITLE, re.IGNORECASE)
_NAME_WORD = r"[A-Z][A-Za-z'’-]+"
_PROSE_NAME_RE = re.compile(rf"^(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")
_INSPECTOR_LIST_RE = re.compile(
    rf"(?:\b(?:the\s+)?(?:lead\s+)?inspectors?\s+(?:for\s+this\s+(?:visit|inspection)\s+)?(?:were|was)|"
    rf"(?P<role>{_TITLE})\s+for\s+this\s+(?:visit|inspection)\s+(?:were|was))\s+(?P<list>[^.]+)",
    re.IGNORECASE,
)
_NAME_TITLE_RE = re.compile(rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?P<role>{_TITLE})")


def named_in_prose(text: str) -> list[Inspector]:
    """Inspectors a text names with their roles ("Andy Whippey, Her Majesty's Inspector, and ...")."""
    found: list[Inspector] = []
    for match in _INSPECTOR_LIST_RE.finditer(text):
        listed = match.group("list")
        pairs = list(_NAME_TITLE_RE.finditer(listed))
        if pairs:
            for pair in pairs:
                _add(found, pair.group("name"), role_name(pair.group("role")))
            continue
        role = role_name(match.group("role"))
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed):
            part = part.strip()
            if _PROSE_NAME_RE.match(part) and not _TITLE_RE.search(part):
                _add(found, part, role)
    return found


_SIGN_OFF_RE = re.compile(r"^Yours\s+(?:sincerely|faithfully)\b", re.IGNORECASE)


def signed_by(closing: list[str]) -> list[Inspector]:
    """The inspectors who sign a letter: the names (and roles) under "Yours sincerely"."""
    signed: list[Inspector] = []
    after = False
    for text in closing:
        if _SIGN_OFF_RE.match(text):
            after = True
            text = _SIGN_OFF_RE.sub("", text).strip(" ,")
            if not text:
                continue
        elif not after:
            continue
        title = _TITLE_RE.search(text)
        name = (text[: title.start()] if title else text).strip(" ,")
        if _PROSE_NAME_RE.match(name):
            signed.append(Inspector(" ".join(name.split()), role_name(title.group(0)) if title else None))
        elif title is not None and signed and signed[-1].role is None:
            signed[-1] = Inspector(signed[-1].name, role_name(title.group(0)))
        if len(signed) >= 3:
            break
    return signed
