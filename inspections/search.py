"""Free text as people type it into a search box: words, "quoted phrases", -exclusions and "or".

PostgreSQL reads this grammar itself (websearch_to_tsquery); elsewhere FindingQuerySet.search
builds its conditions from these functions.
"""

from __future__ import annotations

import re

from django.db.models import Q

# A search term: optional "-", then a "quoted phrase" or a word.
SEARCH_TERMS = re.compile(r'(-?)(?:"([^"]+)"|(\S+))')
_APOSTROPHES = ("'", "\u2019")
_SWAPS = (("'", "\u2019"), ("\u2019", "'"))


def either_apostrophe(text: str) -> str:
    """Free text whose terms match either apostrophe. Reports print "children’s" (U+2019), people
    type "children's": the fallback search (not PostgreSQL's, whose parser splits words at
    either) matches text as typed, and found 13 findings where there are 1,500. Each term with an
    apostrophe becomes both spellings, joined with "or" (or both excluded, for a -term)."""
    terms = []
    for negate, phrase, word in SEARCH_TERMS.findall(text):
        term = phrase or word
        if not any(mark in term for mark in _APOSTROPHES):
            terms.append(f'{negate}"{phrase}"' if phrase else f"{negate}{word}")
            continue
        spellings = dict.fromkeys([term, *(term.replace(old, new) for old, new in _SWAPS)])
        quoted = [f'"{spelling}"' if phrase else spelling for spelling in spellings]
        terms.append(" ".join(f"-{q}" for q in quoted) if negate else " or ".join(quoted))
    return " ".join(terms)


def text_conditions(text: str, field: str = "text") -> list[Q]:
    """Conditions that must all hold: every word and "quoted phrase" appears in `field`
    (case-insensitively), no -word does, and "a or b" needs either."""
    contains = f"{field}__icontains"
    clauses: list[Q] = []  # "or" joins a term to the clause before it
    join_next = False
    for negate, phrase, word in SEARCH_TERMS.findall(text):
        term = phrase or word.strip('"')
        if not phrase and term.lower() == "or":
            join_next = bool(clauses)
            continue
        if not term:
            continue
        condition = ~Q(**{contains: term}) if negate else Q(**{contains: term})
        if join_next:
            clauses[-1] |= condition
        else:
            clauses.append(condition)
        join_next = False
    return clauses
