"""Recurring weaknesses: an authority's improvement points and concerns that come back at more than
one visit ("the quality of assessments" raised in 2019 and again in 2023).

Two findings match when they come from different visits, share a theme, and the cosine similarity
of their TF-IDF vectors (English stop words dropped, sublinear term frequency, the vocabulary and
its weights learned from all the authority's public findings) is at least SIMILARITY. Matches are
joined into groups (connected components); each group keeps one finding a visit, the one most like
the rest of its group. docs/recurring-weaknesses.md says how the threshold was chosen.

The groups are stored (RecurringWeakness) when an authority's findings change, by the merging
service and the corrections, so that the authority's page only reads them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from sklearn.feature_extraction.text import TfidfVectorizer

from inspections.models import Finding, FindingTheme, RecurringOccurrence, RecurringWeakness
from inspections.vocabulary import Polarity, Section

SIMILARITY = 0.3


@dataclass
class _Candidate:
    pk: int
    visit_id: int
    sort_date: object
    themes: frozenset[int]


def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return [members for members in groups.values() if len(members) > 1]


def _matches(authority_id: int) -> tuple[list[_Candidate], object, list[tuple[int, int, int]]]:
    """The candidate findings, their TF-IDF vectors and the matching pairs (i, j, shared theme).
    Only findings sharing a theme are compared, theme by theme, so no matrix of every pair is made."""
    public = Finding.objects.public().filter(visit__authority_id=authority_id)
    texts = dict(public.values_list("pk", "text"))
    weak = public.filter(Q(section=Section.IMPROVEMENT) | Q(polarity=Polarity.CONCERN))
    themes: dict[int, set[int]] = defaultdict(set)
    for finding_id, theme_id in FindingTheme.objects.filter(finding__in=weak).values_list(
        "finding_id", "theme_id"
    ):
        themes[finding_id].add(theme_id)
    candidates = [
        _Candidate(pk, visit_id, sort_date, frozenset(themes[pk]))
        for pk, visit_id, sort_date in weak.order_by("pk").values_list("pk", "visit_id", "sort_date")
        if themes[pk]
    ]
    if len({c.visit_id for c in candidates}) < 2:
        return candidates, None, []
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts.values())
    vectors = vectoriser.transform([texts[c.pk] for c in candidates])
    by_theme: dict[int, list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        for theme in candidate.themes:
            by_theme[theme].append(index)
    pairs: dict[tuple[int, int], int] = {}
    # The most specific theme first: a pair is labelled by the shared theme fewest findings have.
    for theme in sorted(by_theme, key=lambda theme: (len(by_theme[theme]), theme)):
        members = np.array(by_theme[theme])
        visits = np.array([candidates[i].visit_id for i in members])
        block = (vectors[members] @ vectors[members].T).toarray()
        close = np.triu(block >= SIMILARITY, k=1) & (visits[:, None] != visits[None, :])
        for i, j in zip(*np.nonzero(close), strict=True):
            pairs.setdefault((int(members[i]), int(members[j])), theme)
    return candidates, vectors, [(i, j, theme) for (i, j), theme in pairs.items()]


def recurring_weaknesses_find(authority_id: int) -> list[tuple[int, list[int]]]:
    """The authority's recurring weaknesses, most visits first, then most recent: (theme id, finding
    ids oldest first, one a visit)."""
    candidates, vectors, pairs = _matches(authority_id)
    edge_themes: dict[int, Counter] = defaultdict(Counter)
    for i, j, theme in pairs:
        edge_themes[i][theme] += 1
        edge_themes[j][theme] += 1
    groups = []
    for members in _components(len(candidates), ((i, j) for i, j, _ in pairs)):
        theme = sum((edge_themes[i] for i in members), Counter()).most_common(1)[0][0]
        closeness = np.asarray((vectors[members] @ vectors[members].T).sum(axis=1)).ravel()
        best: dict[int, int] = {}
        for index, member in enumerate(members):
            visit = candidates[member].visit_id
            if visit not in best or closeness[index] > closeness[best[visit]]:
                best[visit] = index
        chosen = sorted(
            (candidates[members[index]] for index in best.values()),
            key=lambda c: (c.sort_date is None, c.sort_date, c.visit_id),
        )
        groups.append((theme, chosen))
    groups.sort(key=lambda group: (-len(group[1]), _newest(group[1])))
    return [(theme, [c.pk for c in chosen]) for theme, chosen in groups]


def _newest(chosen: list[_Candidate]) -> float:
    """For sorting newest first: minus the latest date's ordinal (undated visits count as oldest)."""
    dates = [c.sort_date for c in chosen if c.sort_date is not None]
    return -max(dates).toordinal() if dates else 0


def recurring_weaknesses_refresh(authority_ids: Iterable[int]) -> None:
    """Find and store these authorities' recurring weaknesses again, replacing what was stored."""
    for authority_id in set(authority_ids):
        RecurringWeakness.objects.filter(authority_id=authority_id).delete()
        groups = recurring_weaknesses_find(authority_id)
        weaknesses = RecurringWeakness.objects.bulk_create(
            RecurringWeakness(authority_id=authority_id, rank=rank, theme_id=theme, n_visits=len(ids))
            for rank, (theme, ids) in enumerate(groups)
        )
        RecurringOccurrence.objects.bulk_create(
            RecurringOccurrence(weakness=weakness, finding_id=finding_id)
            for weakness, (_, ids) in zip(weaknesses, groups, strict=True)
            for finding_id in ids
        )
