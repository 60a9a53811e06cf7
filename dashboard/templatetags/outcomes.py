"""Template filters. Display formatting is dashboard.formatting's (registered here under the
same names); the rest look things up for a template: a dictionary value, a visit's own judgement
in an area, an authority's latest grade, judgements in report order."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from dashboard import formatting
from dashboard.theme_cells import theme_rows
from inspections.search import hit_spans
from inspections.vocabulary import area_rank

register = template.Library()

for _function in (
    formatting.date_stated,
    formatting.visit_when,
    formatting.window_reasons,
    formatting.grade_label,
    formatting.grade_class,
    formatting.polarity_label,
    formatting.polarity_class,
    formatting.area_label,
    formatting.finding_place,
    formatting.visit_type_label,
    formatting.visit_kind,
    formatting.visit_type_note,
    formatting.authority_type_label,
    formatting.doc_kind_label,
    formatting.disagreement_field,
    formatting.stated_value,
    formatting.logged_value,
    formatting.publication_note,
    formatting.is_web_address,
    formatting.short_sha,
    formatting.sync_status_class,
    formatting.plural_count,
    formatting.finding_tally,
    formatting.number_words,
    formatting.duration_words,
):
    register.filter(_function.__name__, _function)

register.simple_tag(theme_rows)


@register.filter
def get_item(mapping, key):
    """A dictionary value by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def highlight(text: str, query: str | None) -> SafeString:
    """The text, escaped, with each word or phrase the free text `query` matched (stemmed as the
    search stems: "supervise" marks "supervision") in <mark>."""
    marked = SafeString()
    position = 0
    for start, end in hit_spans(text, query or ""):
        marked += escape(text[position:start]) + format_html("<mark>{}</mark>", text[start:end])
        position = end
    return marked + escape(text[position:])


@register.filter
def in_area_order(judgements) -> list:
    """Judgements in the order a report gives them (overall effectiveness first), not by name."""
    return sorted(judgements, key=lambda judgement: area_rank(judgement.area))


@register.filter
def judgement_for(visit, area: str):
    """The judgement a visit itself made in an area (not one it only refers to), from the
    prefetched judgements; None if it made none."""
    return next((judgement for judgement in visit.own_judgements() if judgement.area == area), None)


@register.filter
def latest_grade(authority, key: str):
    """An authority's latest grade in one column (annotated latest_<column> by grades.with_latest_grades(),
    or on a statistical neighbour link by the authority page)."""
    return getattr(authority, f"latest_{key}", None)


@register.filter
def grade_tag(grade) -> SafeString:
    """A grade as a coloured GOV.UK tag, or "Not graded". A filter, not an included template:
    the list of authorities shows 765 of them (153 authorities x 5 columns), which included took
    35-45 ms of the page's time."""
    if not grade:
        return SafeString('<span class="app-muted">Not graded</span>')
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        formatting.grade_class(grade),
        formatting.grade_label(grade),
    )


@register.simple_tag
def latest_grade_cells(authority, columns) -> SafeString:
    """A table cell for each column of latest grades: the authority's latest grade in it."""
    return format_html_join(
        "",
        '<td class="govuk-table__cell" data-label="{}">{}</td>',
        ((column.label, grade_tag(latest_grade(authority, column.key))) for column in columns),
    )


@register.filter
def document_authorities(document) -> list:
    """The authorities a document's visits are about, each once, from prefetched visit_sources."""
    seen = {}
    for link in document.visit_sources.all():
        seen.setdefault(link.visit.authority_id, link.visit.authority)
    return list(seen.values())
