"""Small helpers shared by the page views: htmx fragments, 400 answers, query-string links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render


def page_or_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The whole page, or only its partial for an htmx request (not for a history restore,
    which needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def bad_request(request: HttpRequest, form, *, title: str = "Check the address") -> HttpResponse:
    """The 400 page: what was wrong with the query string."""
    template = page_or_partial(request, "errors/bad_request.html", "problem")
    return render(
        request, template, {"form": form, "title": title, "problems": problems(request, form)}, status=400
    )


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


def compare_query(slugs) -> str:
    """The permalink query string of a comparison."""
    query = QueryDict(mutable=True)
    query.setlist("authority", list(slugs))
    return f"?{query.urlencode()}"


def problems(request: HttpRequest, form) -> list[dict]:
    """What was wrong with each parameter, with a link to the same page without it."""
    found = []
    for name, errors in form.errors.items():
        for message in errors:
            parameter = "" if name == "__all__" else name
            found.append(
                {
                    "name": parameter,
                    "message": message,
                    "fix_query": query_without(request.GET, parameter) if parameter else "?",
                }
            )
    return found
