"""Free text as people type it into a search box: words, "quoted phrases", -exclusions and "or".

PostgreSQL reads this grammar itself (websearch_to_tsquery, English stemming). On SQLite the
same text becomes an FTS5 query (fts5_query) over the findings' text index, whose Porter
tokenizer stems as PostgreSQL does; `hit_spans` says which words of a text the search matched,
for highlighting. No Django here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

# A search term: optional "-", then a "quoted phrase" or a word.
SEARCH_TERMS = re.compile(r'(-?)(?:"([^"]+)"|(\S+))')
# A word as both text indexes split text: letters and digits, so that "children's" and
# "children’s" are both "children" then "s".
WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # lower case; more than one is a phrase
    excluded: bool = False


def search_terms(text: str) -> list[list[Term]]:
    """The terms that must all hold, each a list of alternatives any of which may ("a or b").
    An -excluded term is always a clause of its own; terms without a letter or digit are dropped."""
    clauses: list[list[Term]] = []
    join_next = False
    for negate, phrase, word in SEARCH_TERMS.findall(text):
        if not phrase and word.lower() == "or":
            join_next = bool(clauses) and not clauses[-1][0].excluded
            continue
        words = tuple(found.lower() for found in WORDS.findall(phrase or word))
        if not words:
            continue
        term = Term(words, excluded=bool(negate))
        if join_next and not term.excluded:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return clauses


def _fts5_phrase(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'  # words are letters and digits: nothing to escape


def fts5_query(text: str) -> tuple[str, str]:
    """(what must match, what must not), each an FTS5 query or "" for nothing."""
    clauses = search_terms(text)
    wanted = [clause for clause in clauses if not clause[0].excluded]
    match = " AND ".join("(" + " OR ".join(map(_fts5_phrase, clause)) + ")" for clause in wanted)
    unwanted = " OR ".join(_fts5_phrase(clause[0]) for clause in clauses if clause[0].excluded)
    return match, unwanted


_STEMMERS = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("porter"))


@cache
def _stems(word: str) -> frozenset[str]:
    """A word's stems by PostgreSQL's English stemmer and by SQLite's Porter tokenizer, which now
    and then differ ("generously": "generous", "gener"); a word matches if either agrees."""
    return frozenset(stemmer.stemWord(word.lower()) for stemmer in _STEMMERS)


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each run of words in `text` that a wanted term of `query` matches, stemmed
    as the search stems them: every word of a phrase where the phrase appears whole."""
    wanted = [term for clause in search_terms(query) for term in clause if not term.excluded]
    if not wanted:
        return []
    words = list(WORDS.finditer(text))
    stems = [_stems(found.group()) for found in words]
    spans = []
    for term in wanted:
        term_stems = [_stems(word) for word in term.words]
        size = len(term_stems)
        for start in range(len(words) - size + 1):
            if all(stems[start + i] & term_stems[i] for i in range(size)):
                spans.append((words[start].start(), words[start + size - 1].end()))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
