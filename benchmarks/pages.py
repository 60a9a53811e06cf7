"""Every page type's server time, queries and size, against the trivial view in the same run.

    .venv/bin/python benchmarks/pages.py --requests 30 --export-requests 1 --after-write \\
        sqlite-25k=sqlite:////abs/var/national-0.1.sqlite3 sqlite-250k=sqlite:////abs/var/national-1.sqlite3 \\
        postgres-25k=postgres://postgres@127.0.0.1/bench_01 postgres-250k=postgres://postgres@127.0.0.1/bench_1

Each LABEL=DATABASE_URL (a database benchmarks/national_data.py built, migrated to this code: a
database that is not is refused, naming the command) is measured in its own process with
production settings (DEBUG=0). Requests go through Django's test Client in that
process: the whole request (middleware, view, queries, template, the streamed body read to its
end) without the network or gunicorn's worker scheduling, so that the noise of a shared machine
is the only noise, the queries can be counted, and the same request is repeated exactly.
`--through-gunicorn` instead starts gunicorn for each database (config/gunicorn.conf.py, one
worker, on a free local port, as the proxy in front of a deployment would reach it) and
requests the same pages over HTTP, timed by the client from connecting to the body's last byte;
queries are then not counted (they run in the server's process). Pages
are requested in rounds (each page once a round) so that a burst of load from elsewhere falls
on every page alike. The first two requests of each page are a warm-up, the second giving the
query count and the size; the export's first request is also one of its timed ones (it is long). `--page NAME`
(repeatable) measures only that page type, by its name in the table, beside /healthz. Ratio is the page's p95 over /healthz's p95 in the same process.
What is cached (the explorer's facet counts, under the data version) is warm after the first
request; `--after-write` measures each page a second time in the same rounds as the first
request after a write (the data version moved just before it, by this process writing to the
database: nothing cached is reachable), and before each round fills the cache again, untimed,
for the warm requests.
Last, each process's peak memory (with `--page` the export: whether it streams in flat memory;
in-process only).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
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


def refuse_unmigrated(database_url: str) -> None:
    """Stop, naming the command, when the database lacks one of this code's migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise SystemExit(
            f"{database_url} is not migrated to this code: "
            f"DATABASE_URL={database_url} .venv/bin/python manage.py migrate"
        )


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


class InProcess:
    """Requests through Django's test Client in this process, which can count their queries."""

    def __init__(self):
        from django.test import Client

        self.client = Client()

    def fetch(self, address: str) -> tuple[float, int, int]:
        """(seconds, status, bytes) of one request, the streamed body read to its end."""
        started = time.perf_counter()
        response = self.client.get(address, secure=True)
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        return time.perf_counter() - started, response.status_code, size

    @contextlib.contextmanager
    def queries_counted(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            yield queries


class OverHttp:
    """Requests to a server at 127.0.0.1:port, as a TLS-terminating proxy passes them on."""

    def __init__(self, port: int):
        self.port = port

    def fetch(self, address: str) -> tuple[float, int, int]:
        """(seconds, status, bytes) of one request on a new connection, the body read to its end."""
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request("GET", address, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            size = 0
            while chunk := response.read(1 << 16):
                size += len(chunk)
        finally:
            connection.close()
        return time.perf_counter() - started, response.status, size

    @contextlib.contextmanager
    def queries_counted(self):
        yield None  # they run in the server's process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url: str):
    """gunicorn serving the database with config/gunicorn.conf.py and production settings, one
    worker, on a free local port; stopped (SIGTERM, its graceful shutdown) when the block ends."""
    port = free_port()
    environment = {
        **os.environ,
        **dict(DATABASE_URL=database_url, DEBUG="0", ALLOWED_HOSTS="127.0.0.1"),
        **dict(BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1"),
    }
    # No restart of the worker after max_requests: its start-up would fall into one page's time.
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--max-requests", "0"]
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen(
            [*command, "config.wsgi"], cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=errors
        )
        try:
            wait_until_serving(server, OverHttp(port), errors)
            print(f"gunicorn (1 worker) serving on 127.0.0.1:{port}", file=sys.stderr)
            yield OverHttp(port)
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            print(f"gunicorn on 127.0.0.1:{port} stopped", file=sys.stderr)


def wait_until_serving(server: subprocess.Popen, requester: OverHttp, errors) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            errors.seek(0)
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{errors.read().decode()}")
        try:
            if requester.fetch("/healthz")[1] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


AFTER_A_WRITE = " after a write"


def move_data_version() -> None:
    """What any write does to the data version (inspections/data_version.py)."""
    from django.db.models import F

    from inspections.models import DataVersion

    DataVersion.objects.filter(pk=1).update(version=F("version") + 1)


def measure(
    database_url: str,
    requests: int,
    export_requests: int,
    only: list[str],
    after_write: bool,
    through_gunicorn: bool,
) -> list[dict]:
    setup_django(database_url)
    refuse_unmigrated(database_url)
    pages = [(name, address) for name, address in page_addresses() if not only or name in ("/healthz", *only)]
    if after_write:
        pages += [(name + AFTER_A_WRITE, address) for name, address in pages if name != "/healthz"]
    with gunicorn(database_url) if through_gunicorn else contextlib.nullcontext(InProcess()) as requester:
        results = rounds(requester, pages, requests, export_requests)
    # The process's peak memory, its pages all measured: with --page export, the export's.
    peak_kb = None if through_gunicorn else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return [{**row, "peak_kb": peak_kb} for row in results.values()]


def rounds(requester, pages: list[tuple[str, str]], requests: int, export_requests: int) -> dict[str, dict]:
    results = {}
    for name, address in pages:
        if name.endswith(AFTER_A_WRITE):
            move_data_version()
        elif not address.startswith("/findings/export"):
            requester.fetch(address)  # what it caches, cached: the queries counted are a warm request's
        with requester.queries_counted() as queries:
            seconds, status, size = requester.fetch(address)
        if status != 200:
            raise SystemExit(f"{address} answered {status}")
        export = address.startswith("/findings/export")
        results[name] = {
            "page": name,
            "queries": None if queries is None else len(queries),
            "bytes": size,
            "times": [seconds] if export else [],
        }
    after_write = any(name.endswith(AFTER_A_WRITE) for name, _ in pages)
    for round_ in range(requests):
        if after_write:  # the last round's writes made every page's cache unreachable: fill it again
            for name, address in pages:
                if not name.endswith(AFTER_A_WRITE) and not address.startswith("/findings/export"):
                    requester.fetch(address)
        for name, address in pages:
            if address.startswith("/findings/export") and round_ >= export_requests - 1:
                continue
            if name.endswith(AFTER_A_WRITE):
                move_data_version()
            results[name]["times"].append(requester.fetch(address)[0])
    return results


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
                f"{'–' if row['queries'] is None else row['queries']} | {row['bytes']:,} |"
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
    parser.add_argument(
        "--through-gunicorn", action="store_true",
        help="over HTTP to gunicorn (config/gunicorn.conf.py, one worker) rather than in-process",
    )  # fmt: skip
    parser.add_argument("--measure", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        rows = measure(
            args.measure,
            args.requests,
            args.export_requests,
            args.page,
            args.after_write,
            args.through_gunicorn,
        )
        json.dump(rows, sys.stdout)
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
                *(("--through-gunicorn",) if args.through_gunicorn else ()),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        if output.returncode:  # it has said why
            return output.returncode
        runs[label] = json.loads(output.stdout)
    print(table(runs))
    if args.through_gunicorn:
        print(
            "\nQueries are counted only in-process (without --through-gunicorn): here they run in gunicorn."
        )
    for label, rows in runs.items():
        if rows[0]["peak_kb"] is not None:
            print(
                f"\n{label}: peak memory {rows[0]['peak_kb'] / 1024:,.0f} MB (the process that measured these pages)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
