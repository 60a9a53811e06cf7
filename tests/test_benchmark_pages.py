"""benchmarks/pages.py as a person runs it: through gunicorn, against a small database, on the
database the suite runs on (SQLite, and PostgreSQL in its PostgreSQL run).

The world is committed (a transactional test) where the benchmark's processes can read it: the
test database itself on PostgreSQL, a copy of SQLite's in-memory one in a file. Only pages that
render no template are asked for: with production settings a template's static files need the
manifest `collectstatic` writes, which `make benchmark-pages` makes and a test should not."""

import re
import socket
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from tests.paths import REPO

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/api/findings/", "/findings/export.csv (all)"]


@pytest.fixture
def database_url(world, tmp_path):
    if connection.vendor == "sqlite":
        path = tmp_path / "world.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{params['NAME']}"


def pages_py(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "benchmarks/pages.py", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )


def table_rows(stdout: str) -> dict[tuple[str, str], list[str]]:
    """(page, database) -> the row's other cells, of the table's body."""
    rows = {}
    for line in stdout.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("| `"):
            rows[(cells[0].strip("`"), cells[1])] = cells[2:]
    return rows


def test_through_gunicorn_every_page_asked_for_against_healthz_then_the_server_stopped(database_url):
    result = pages_py(
        "--through-gunicorn",
        *("--requests", "2", "--export-requests", "1", "--after-write"),
        *(option for page in PAGES for option in ("--page", page)),
        f"world={database_url}",
    )
    assert result.returncode == 0, result.stderr
    assert "| page | database | median | p95 | p95 / healthz | queries | bytes |" in result.stdout
    rows = table_rows(result.stdout)
    asked = ["/healthz", *PAGES, *(page + " after a write" for page in PAGES)]
    assert sorted(rows) == sorted((page, "world") for page in asked)
    _median, _p95, ratio, queries, size = rows[("/healthz", "world")]
    assert (ratio, queries, size) == ("1.0", "–", "34")  # {"status": "ok", "database": "ok"}
    for page in asked:
        median, p95, ratio, queries, size = rows[(page, "world")]
        assert all(re.fullmatch(r"[\d,]+ ms", time) for time in (median, p95))
        assert re.fullmatch(r"[\d,]+\.\d", ratio)
        assert queries == "–"  # counted only in-process
        assert page == "/healthz" or int(size.replace(",", "")) > 34
    assert "Queries are counted only in-process" in result.stdout
    port = int(re.search(r"serving on 127\.0\.0\.1:(\d+)", result.stderr)[1])
    assert f"gunicorn on 127.0.0.1:{port} stopped" in result.stderr
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


def test_in_process_the_same_pages_with_their_queries(database_url):
    result = pages_py(
        "--requests", "1", "--export-requests", "1", "--page", PAGES[0], f"world={database_url}"
    )
    assert result.returncode == 0, result.stderr
    rows = table_rows(result.stdout)
    assert sorted(rows) == [("/api/findings/", "world"), ("/healthz", "world")]
    assert rows[("/healthz", "world")][3] == "1"
    assert int(rows[("/api/findings/", "world")][3]) > 1
    assert "peak memory" in result.stdout


def test_a_database_not_migrated_to_this_code_is_refused_naming_the_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    result = pages_py("--requests", "1", f"old={url}")
    assert result.returncode != 0
    assert f"DATABASE_URL={url} .venv/bin/python manage.py migrate" in result.stderr
    assert "| page |" not in result.stdout
