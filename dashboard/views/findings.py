"""The findings explorer and its exports, in CSV and JSON, with the same filters."""

from __future__ import annotations

import csv
import io
import json
from itertools import islice

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from dashboard.explorer import (
    cached_finding_facets,
    chosen_filters,
    facet_options,
    filter_findings,
    finding_filter_form,
    sorted_findings,
    total_from_facets,
)
from dashboard.forms import MAX_PAGE
from dashboard.serialisers import CSV_COLUMNS, finding_csv_row, finding_record, finding_rows
from dashboard.web import bad_request, invalid_query, numbered_pages, page_or_partial, query_with
from inspections.models import Finding

PAGE_SIZE = 25


def _pages(request, page: int, total: int, has_next: bool) -> dict:
    """Links to the previous and next pages and numbered links to others, and to the last where
    the page is past it."""
    last_page = min(max(1, -(-total // PAGE_SIZE)), MAX_PAGE)
    past_the_end = page > last_page
    return {
        "page": page,
        "previous_query": query_with(request.GET, page=page - 1 if page > 2 else None) if page > 1 else "",
        "next_query": query_with(request.GET, page=page + 1) if has_next and page < MAX_PAGE else "",
        "numbered_pages": numbered_pages(request.GET, page, last_page)
        if last_page > 1 and not past_the_end
        else [],
        "last_page": last_page,
        # A page past the end (an old link, a hand-made address): say so, and link to the last.
        "last_page_query": query_with(request.GET, page=last_page if last_page > 1 else None)
        if past_the_end
        else "",
    }


def _page_of(findings, start: int) -> list[Finding]:
    """The page from `start` and one more finding (to know there is a next page). The order picks
    the ids alone, then they are fetched for display: the database sorts narrow rows, not every
    finding's text with its visit and authority (at 250,000 findings by authority, 2 s not 7.6 s)."""
    ids = list(findings.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])
    shown = Finding.objects.for_display().in_bulk(ids)
    return [shown[pk] for pk in ids if pk in shown]  # one deleted meanwhile is left out


# The fields of the filter form an error summary can take the reader to (others are in the address).
_FIELD_IDS = {"from": "filter-from", "to": "filter-to", "q": "filter-q", "sort": "sort"}


@require_safe
@vary_on_headers("HX-Request")
def findings(request):
    form = finding_filter_form(request)
    template = page_or_partial(request, "inspections/findings.html", "explorer")
    valid = form.is_valid()
    # Wrong filters: the page shows what was wrong beside the form, with the findings of the
    # filters that are right, and answers 400.
    filters = form.filters
    facets = cached_finding_facets(filters)
    total = total_from_facets(filters, facets)
    page = form.page_number
    start = (page - 1) * PAGE_SIZE
    rows = _page_of(sorted_findings(filter_findings(filters), form.order), start)
    export_query = query_with(request.GET, page=None)
    context = {
        "findings": rows[:PAGE_SIZE],
        "total": total,
        "first": start + 1,
        "last": start + len(rows[:PAGE_SIZE]),
        **_pages(request, page, total, has_next=len(rows) > PAGE_SIZE),
        "export_query": "" if export_query == "?" else export_query,
        "chosen": chosen_filters(request, form),
        "clear_query": "?",
        "facets": facet_options(form, facets),
        "authority_choices": form.fields["authority"].choices,
        "chosen_authorities": form.cleaned_data.get("authority") or [],
        "sorts": form.fields["sort"].choices,
        # The sort form's hidden fields: every other parameter given, but the page.
        "kept_parameters": [
            (name, value)
            for name, values in request.GET.lists()
            if name not in ("sort", "page")
            for value in values
            if value
        ],
        "sort": form.order,
        "search_text": form.cleaned_data.get("q") or "",  # the words to mark in each finding
    }
    if not valid:
        return invalid_query(request, template, form, field_ids=_FIELD_IDS, **context)
    return render(request, template, {"form": form, **context})


def _export(request, filename: str, content_type: str, render_rows):
    """A download of every finding the filters match, streamed: `render_rows(rows)` yields the
    file's text a piece at a time from finding_rows()."""
    form = finding_filter_form(request)
    if not form.is_valid():
        return bad_request(request, form)
    rows = finding_rows(sorted_findings(filter_findings(form.filters), form.order), request)
    response = StreamingHttpResponse(render_rows(rows), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def export_end_line(count: int) -> str:
    """The CSV export's last line. A download cut short (a timeout, a dropped connection) lacks it."""
    return f"# end of export: {count} findings\r\n"


# Rows a piece of a streamed export holds: a few tens of kilobytes, not a write per row.
_ROWS_A_PIECE = 200


@require_safe
def findings_export_csv(request):
    def lines(rows):
        piece = io.StringIO()
        writer = csv.writer(piece)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for row in rows:
            count += 1
            writer.writerow(finding_csv_row(row))
            if count % _ROWS_A_PIECE == 0:
                yield piece.getvalue()
                piece.seek(0)
                piece.truncate()
        yield piece.getvalue() + export_end_line(count)

    return _export(request, "findings.csv", "text/csv; charset=utf-8", lines)


@require_safe
def findings_export_json(request):
    def chunks(rows):
        records = map(json.dumps, map(finding_record, rows))
        separator = "["
        while piece := list(islice(records, _ROWS_A_PIECE)):
            yield separator + "\n" + ",\n".join(piece)
            separator = ","
        yield ("" if separator == "," else "[") + "\n]\n"

    return _export(request, "findings.json", "application/json", chunks)
