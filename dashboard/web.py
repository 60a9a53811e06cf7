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


def invalid_query(request: HttpRequest, template: str, form, **context) -> HttpResponse:
    """A page whose own form found its query string wrong, answered 400 with what was wrong."""
    context.update(form=form, problems=problems(request, form))
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


def compare_query(slugs) -> str:
    """The permalink query string of a comparison."""
    query = QueryDict(mutable=True)
    query.setlist("authority", list(slugs))
    return f"?{query.urlencode()}"


def problems(request: HttpRequest, form) -> list[dict]:
    """What was wrong with each parameter, with a link to the same page without it: without only
    the unknown value where one value of several was unknown (`?authority=westminster&authority=x`
    keeps Westminster)."""
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
                }
            )
    return found
