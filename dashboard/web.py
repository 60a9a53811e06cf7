"""Small helpers shared by the page views: htmx fragments, 400 answers, query-string links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request, which swaps in a part of the page (not a history restore, which needs the
    whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def page_or_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The whole page, or only its partial for an htmx request."""
    return f"{template}#{partial}" if wants_partial(request) else template


def bad_request(request: HttpRequest, form, *, title: str = "Check the address") -> HttpResponse:
    """The 400 page: what was wrong with the query string."""
    template = page_or_partial(request, "errors/bad_request.html", "problem")
    return render(
        request, template, {"form": form, "title": title, "problems": problems(request, form)}, status=400
    )


def invalid_query(
    request: HttpRequest, template: str, form, *, field_ids: dict[str, str] | None = None, **context
) -> HttpResponse:
    """A page whose own form found its query string wrong, answered 400 with what was wrong
    (`field_ids`: the ids of the page's fields where a problem can be put right)."""
    context.update(form=form, problems=problems(request, form, field_ids=field_ids))
    return render(request, template, context, status=400)


def query_without(query: QueryDict, name: str, value: str | None = None) -> str:
    """The query string without one value of a parameter (or all of it), and back on page 1."""
    copy = query.copy()
    copy.pop("page", None)
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    encoded = copy.urlencode()
    return f"?{encoded}" if encoded else "?"


def query_with(query: QueryDict, **values) -> str:
    """The query string with these parameters set (a list sets several values)."""
    copy = query.copy()
    for name, value in values.items():
        if value is None:
            copy.pop(name, None)
        elif isinstance(value, list | tuple):
            copy.setlist(name, [str(v) for v in value])
        else:
            copy[name] = str(value)
    encoded = copy.urlencode()
    return f"?{encoded}" if encoded else "?"


def page_numbers(page: int, last_page: int) -> list[int | None]:
    """The pages to link to: the first and last, this one and its neighbours, None for a gap of
    more than one page ("1 … 4 5 6 … 10,000")."""
    around = set(range(max(1, page - 1), min(last_page, page + 1) + 1))
    numbers: list[int | None] = []
    for number in sorted({1, last_page} | around):
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)  # one page between: its number says more than "…"
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def numbered_pages(query: QueryDict, page: int, last_page: int) -> list[dict | None]:
    """GOV.UK pagination's items (page_numbers), each page with its link keeping the other
    parameters and whether it is this one."""
    return [
        None
        if number is None
        else {
            "number": number,
            "label": f"{number:,}",
            "query": query_with(query, page=number if number > 1 else None),
            "current": number == page,
        }
        for number in page_numbers(page, last_page)
    ]


def compare_query(slugs) -> str:
    """The permalink query string of a comparison."""
    query = QueryDict(mutable=True)
    query.setlist("authority", list(slugs))
    return f"?{query.urlencode()}"


def problems(request: HttpRequest, form, *, field_ids: dict[str, str] | None = None) -> list[dict]:
    """What was wrong with each parameter, with a link to the same page without it: without only
    the unknown value where one value of several was unknown (`?authority=westminster&authority=x`
    keeps Westminster); or, for a parameter in `field_ids`, a link to the field on the page."""
    field_ids = field_ids or {}
    found = []
    for name, errors in form.errors.as_data().items():
        parameter = "" if name == "__all__" else name
        for error in errors:
            value = (error.params or {}).get("value") if error.code == "invalid_choice" else None
            several = parameter and len(request.GET.getlist(parameter)) > 1
            if value is not None and several:
                fix_query, fix = query_without(request.GET, parameter, str(value)), f"“{value}”"
            elif parameter:
                fix_query, fix = query_without(request.GET, parameter), ""
            else:
                fix_query, fix = "?", ""
            found.append(
                {
                    "name": parameter,
                    "message": next(iter(error)),
                    "fix_query": fix_query,
                    "fix_value": fix,
                    "field_id": field_ids.get(parameter, ""),
                }
            )
    return found
