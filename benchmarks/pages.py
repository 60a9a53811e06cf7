"""Every page type's server time, queries and size, against the trivial view in the same run.

    .venv/bin/python benchmarks/pages.py --requests 30 \\
        sqlite-25k=sqlite:////tmp/national-0.1.sqlite3 sqlite-250k=sqlite:////tmp/national-1.sqlite3 \\
        postgres-25k=postgres://postgres@127.0.0.1/bench_01 postgres-250k=postgres://postgres@127.0.0.1/bench_1

Each LABEL=DATABASE_URL (a database benchmarks/national_data.py built) is measured in its own
process with production settings (DEBUG=0). Requests go through Django's test Client in that
process: the whole request (middleware, view, queries, template, the streamed body read to its
end) without the network or gunicorn's worker scheduling, so that the noise of a shared machine
is the only noise, the queries can be counted, and the same request is repeated exactly. Pages
are requested in rounds (each page once a round) so that a burst of load from elsewhere falls
on every page alike. The first two requests of each page are a warm-up, the second giving the
query count and the size; the export's first request is also one of its timed ones (it is long). `--page NAME`
(repeatable) measures only that page type, by its name in the table, beside /healthz. Ratio is the page's p95 over /healthz's p95 in the same process.
What is cached (the explorer's facet counts, under the data version) is warm after the first
request; `--after-write` measures each page a second time in the same rounds as the first
request after a write (the data version moved just before it: nothing cached is reachable), and
before each round fills the cache again, untimed, for the warm requests.
Last, each process's peak memory (with `--page` the export: whether it streams in flat memory).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(REPO))
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark"),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    os.environ.setdefault("THEME_MODEL", str(REPO / "var" / "theme-model.json"))
    import django

    django.setup()


def page_addresses() -> list[tuple[str, str]]:
    """(name, address) of every page type, chosen on the data: the authority with the most visits,
    the eight with the most for compare, the visit with the most findings, the middle page."""
    from django.db.models import Count

    from authorities.models import Authority
    from inspections.models import Finding, Visit

    busiest = list(
        Authority.objects.annotate(n=Count("visits"))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)[:8]
    )
    visit = Visit.objects.annotate(n=Count("findings")).order_by("-n", "pk").values_list("pk", flat=True)[0]
    middle_page = max(1, Finding.objects.count() // 25 // 2)
    compare = "&".join(f"authority={slug}" for slug in busiest)
    return [
        ("/healthz", "/healthz"),
        ("/", "/"),
        ("/authorities/", "/authorities/"),
        ("/authorities/<busiest>/", f"/authorities/{busiest[0]}/"),
        ("/compare/ (8)", f"/compare/?{compare}"),
        ("/findings/", "/findings/"),
        ("/findings/?theme=workforce", "/findings/?theme=workforce"),
        ("/findings/?q=supervision", "/findings/?q=supervision"),
        ("/findings/?page=<middle>", f"/findings/?page={middle_page}"),
        ("/findings/?sort=oldest&page=<middle>", f"/findings/?sort=oldest&page={middle_page}"),
        ("/findings/?sort=authority", "/findings/?sort=authority"),
        ("/findings/?sort=authority&page=<middle>", f"/findings/?sort=authority&page={middle_page}"),
        ("/visits/<most findings>/", f"/visits/{visit}/"),
        ("/api/findings/", "/api/findings/"),
        ("/findings/export.csv (all)", "/findings/export.csv"),
    ]


def fetch(client, address: str) -> tuple[float, int, int]:
    """(seconds, status, bytes) of one request, the streamed body read to its end."""
    started = time.perf_counter()
    response = client.get(address, secure=True)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return time.perf_counter() - started, response.status_code, size


AFTER_A_WRITE = " after a write"


def move_data_version() -> None:
    """What any write does to the data version (inspections/data_version.py)."""
    from django.db.models import F

    from inspections.models import DataVersion

    DataVersion.objects.filter(pk=1).update(version=F("version") + 1)


def measure(
    database_url: str, requests: int, export_requests: int, only: list[str], after_write: bool
) -> list[dict]:
    setup_django(database_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    pages = [(name, address) for name, address in page_addresses() if not only or name in ("/healthz", *only)]
    if after_write:
        pages += [(name + AFTER_A_WRITE, address) for name, address in pages if name != "/healthz"]
    results = {}
    for name, address in pages:
        if name.endswith(AFTER_A_WRITE):
            move_data_version()
        elif not address.startswith("/findings/export"):
            fetch(client, address)  # what it caches, cached: the queries counted are a warm request's
        with CaptureQueriesContext(connection) as queries:
            seconds, status, size = fetch(client, address)
        if status != 200:
            raise SystemExit(f"{address} answered {status}")
        export = address.startswith("/findings/export")
        results[name] = {
            "page": name,
            "queries": len(queries),
            "bytes": size,
            "times": [seconds] if export else [],
        }
    for round_ in range(requests):
        if after_write:  # the last round's writes made every page's cache unreachable: fill it again
            for name, address in pages:
                if not name.endswith(AFTER_A_WRITE) and not address.startswith("/findings/export"):
                    fetch(client, address)
        for name, address in pages:
            if address.startswith("/findings/export") and round_ >= export_requests - 1:
                continue
            if name.endswith(AFTER_A_WRITE):
                move_data_version()
            results[name]["times"].append(fetch(client, address)[0])
    # The process's peak memory, its pages all measured: with --page export, the export's.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return [{**row, "peak_kb": peak_kb} for row in results.values()]


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def table(runs: dict[str, list[dict]]) -> str:
    lines = [
        "| page | database | median | p95 | p95 / healthz | queries | bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    names = [row["page"] for row in next(iter(runs.values()))]
    for index, name in enumerate(names):
        for label, rows in runs.items():
            row = rows[index]
            floor = p95(rows[0]["times"])
            lines.append(
                f"| `{name}` | {label} | {milliseconds(statistics.median(row['times']))} | "
                f"{milliseconds(p95(row['times']))} | {p95(row['times']) / floor:,.1f} | "
                f"{row['queries']} | {row['bytes']:,} |"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="*", metavar="LABEL=DATABASE_URL")
    parser.add_argument("--requests", type=int, default=30, help="timed requests a page")
    parser.add_argument("--export-requests", type=int, default=3, help="timed requests of the export")
    parser.add_argument(
        "--page", action="append", default=[], metavar="NAME",
        help="only this page (and /healthz, the floor), by its name in the table; repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--after-write", action="store_true",
        help="each page also as the first request after a write (nothing cached reachable)",
    )  # fmt: skip
    parser.add_argument("--measure", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        json.dump(
            measure(args.measure, args.requests, args.export_requests, args.page, args.after_write),
            sys.stdout,
        )
        return 0
    if not args.databases or any("=" not in item for item in args.databases):
        parser.error("give at least one LABEL=DATABASE_URL")
    runs = {}
    for item in args.databases:
        label, url = item.split("=", 1)
        print(f"measuring {label} ...", file=sys.stderr)
        output = subprocess.run(
            [
                *(sys.executable, __file__, "--measure", url),
                *("--requests", str(args.requests), "--export-requests", str(args.export_requests)),
                *(option for name in args.page for option in ("--page", name)),
                *(("--after-write",) if args.after_write else ()),
            ],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        runs[label] = json.loads(output)
    print(table(runs))
    for label, rows in runs.items():
        print(
            f"\n{label}: peak memory {rows[0]['peak_kb'] / 1024:,.0f} MB (the process that measured these pages)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
