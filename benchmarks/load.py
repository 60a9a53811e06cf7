"""Analysts and managers at once against a running server, for a fixed time; optionally with an
ingest writing to the same database all along.

    .venv/bin/python benchmarks/load.py --base-url http://127.0.0.1:8100 --users 10 --seconds 60 \\
        [--ingest-database-url sqlite:////tmp/national-1.sqlite3]

A small bounded tool rather than locust: threads and the standard library, no package to pin, and
no web UI or gevent to share two cores with the server it measures. Each user repeats a journey,
analysts and managers alternately: an analyst opens the overview, the list of authorities, one
authority's page, one of its visits and the authority's JSON; a manager filters findings by a
theme, then concerns only, searches for words, compares eight authorities and asks the findings
API. Printed: requests, throughput, p50 and p99 latency and errors (a status other than 200 or a
failed connection), then p50 and p99 of each kind of request. With --ingest-database-url, `manage.py ingest` runs over and over on distinct
copies of the corpus (the bytes changed, so each is new) into that database while the users run,
at the lower CPU priority a deployment gives its background work (`nice -n 10`, as the README's
worker and sync units set `Nice=10`): its parse workers get what the web workers leave.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ofsted-reports"
THEMES = ["workforce", "thresholds", "management-oversight", "children-voice", "caseloads"]
WORDS = ["supervision", "neglect", "agency staff", "care leavers"]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.times_by_request: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def get(self, url: str, request: str) -> str:
        """The body of `url`, timed under `request` (what kind of request it is, for the table of each)."""
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                body = response.read().decode()
        except (urllib.error.URLError, OSError) as error:
            with self.lock:
                self.errors.append(f"{url}: {error}")
            return ""
        seconds = time.perf_counter() - started
        with self.lock:
            self.times.append(seconds)
            self.times_by_request.setdefault(request, []).append(seconds)
        return body


def analyst(base: str, rec: Recorder, rng: random.Random, slugs: list[str]) -> None:
    rec.get(f"{base}/", "/")
    rec.get(f"{base}/authorities/", "/authorities/")
    slug = rng.choice(slugs)
    page = rec.get(f"{base}/authorities/{slug}/", "/authorities/<slug>/")
    visits = re.findall(r'href="/visits/(\d+)/"', page)
    if visits:
        rec.get(f"{base}/visits/{rng.choice(visits)}/", "/visits/<id>/")
    rec.get(f"{base}/api/authorities/{slug}/", "/api/authorities/<slug>/")


def manager(base: str, rec: Recorder, rng: random.Random, slugs: list[str]) -> None:
    theme = rng.choice(THEMES)
    rec.get(f"{base}/findings/?theme={theme}", "/findings/?theme=")
    rec.get(f"{base}/findings/?theme={theme}&polarity=concern", "/findings/?theme=&polarity=")
    rec.get(f"{base}/findings/?q={urllib.request.quote(rng.choice(WORDS))}", "/findings/?q=")
    compare = "&".join(f"authority={slug}" for slug in rng.sample(slugs, 8))
    rec.get(f"{base}/compare/?{compare}", "/compare/ (8)")
    rec.get(f"{base}/api/findings/?theme={theme}", "/api/findings/?theme=")


def user(index: int, base: str, rec: Recorder, deadline: float, slugs: list[str]) -> None:
    rng = random.Random(index)
    journeys = [analyst, manager] if index % 2 else [manager, analyst]
    turn = 0
    while time.monotonic() < deadline:
        journeys[turn % 2](base, rec, rng, slugs)
        turn += 1


def ingest_loop(database_url: str, niceness: int, stop: threading.Event) -> int:
    """`manage.py ingest` of fresh copies of the corpus, again and again until stopped, at the
    niceness given (its parse workers inherit it); rounds run."""
    rounds = 0
    env = {**os.environ, "DATABASE_URL": database_url}
    while not stop.is_set():
        with tempfile.TemporaryDirectory() as folder:
            for path in sorted(CORPUS.glob("*.pdf")):
                Path(folder, path.name).write_bytes(
                    path.read_bytes() + f"\n%load {time.time_ns()}\n".encode()
                )
            subprocess.run(
                ["nice", "-n", str(niceness), sys.executable, str(REPO / "manage.py"), "ingest", folder],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        rounds += 1
    return rounds


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] if ordered else 0.0


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ingest-database-url", help="run ingest into this database meanwhile")
    parser.add_argument(
        "--ingest-niceness", type=int, default=10,
        help="the ingest's niceness: 10, as a deployment's background work (README); 0 as the web workers",
    )  # fmt: skip
    args = parser.parse_args(argv)
    base = args.base_url.rstrip("/")
    with urllib.request.urlopen(f"{base}/api/authorities/", timeout=60) as response:
        slugs = [authority["slug"] for authority in json.load(response)]
    rec = Recorder()
    stop = threading.Event()
    ingests: list[int] = []
    if args.ingest_database_url:
        ingester = threading.Thread(
            target=lambda: ingests.append(ingest_loop(args.ingest_database_url, args.ingest_niceness, stop))
        )
        ingester.start()
    deadline = time.monotonic() + args.seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=user, args=(index, base, rec, deadline, slugs)) for index in range(args.users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    stop.set()
    if args.ingest_database_url:
        ingester.join()
    times = rec.times
    print(
        f"| {args.users} | {f'yes, {ingests[0]} rounds, nice {args.ingest_niceness}' if ingests else 'no'} | "
        f"{len(times) + len(rec.errors)} | "
        f"{len(times) / elapsed:.1f}/s | {milliseconds(statistics.median(times))} | {milliseconds(p99(times))} | "
        f"{len(rec.errors)} |"
    )
    print("\n| request | answered | p50 | p99 |\n| --- | ---: | ---: | ---: |")
    for request, seconds in rec.times_by_request.items():
        print(
            f"| `{request}` | {len(seconds)} | {milliseconds(statistics.median(seconds))} | {milliseconds(p99(seconds))} |"
        )
    for error in rec.errors[:5]:
        print(error, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
