"""`backup` then `restore` into a fresh deployment, on the database the suite runs on (SQLite, and
PostgreSQL in its PostgreSQL run): every table's rows and every original's sha256 come back.

The backup is made in this process, from the test database (committed: a transactional test, so
that pg_dump's own connection sees it). The restore runs as `manage.py restore` in its own
process against a database made for the test, as a person restoring a deployment would run it,
and the result is read back with the database's own client library, not through Django."""

import hashlib
import json
import sqlite3
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.paths import SEEDS
from tests.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deployment():
    """The authorities, the themes and the five seed documents, committed."""
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    call_command("ingest", str(SEEDS), verbosity=0)


def contents(cursor, tables) -> dict:
    """Rows per table and the sha256 of every stored original, read with plain SQL."""
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT original FROM inspections_sourcedocument")
    return {"rows": counts, "originals": sorted(hashlib.sha256(bytes(row[0])).hexdigest() for row in cursor)}


class FreshDatabase:
    """An empty database of the suite's engine, outside the test database, and a way to read it."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        params = connection.settings_dict
        self.name = f"{params['NAME']}_restored_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.name}"')
        auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
        self.url = f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{self.name}"

    def read(self, tables) -> dict:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as restored:
                return contents(restored.cursor(), tables)
        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as restored:
            return contents(restored.cursor(), tables)

    def drop(self):
        if self.vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh(tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def restore(backup, fresh, *options):
    return manage("restore", *options, backup, DATABASE_URL=fresh.url)


def test_round_trip_brings_back_every_row_and_every_original(deployment, tmp_path, fresh):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        before = contents(cursor, tables)
    assert len(before["originals"]) == 5

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["row_counts"] == before["rows"]
    assert sorted(original["sha256"] for original in manifest["originals"]) == before["originals"]
    for sha in before["originals"]:
        assert hashlib.sha256((backup / "originals" / sha).read_bytes()).hexdigest() == sha

    result = restore(backup, fresh)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"restored {backup}: {sum(before['rows'].values()):,} rows in {len(tables)} tables and 5 originals; "
        "every row count and sha256 matches the manifest"
    ]
    assert fresh.read(tables) == before


def test_a_database_that_holds_documents_is_replaced_only_when_forced(deployment, tmp_path, fresh):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    assert restore(backup, fresh).returncode == 0

    again = restore(backup, fresh)
    assert (again.returncode, again.stderr.splitlines()) == (
        1,
        [
            "CommandError: the database already holds 5 documents: restore replaces everything in it; "
            "use --force to do so"
        ],
    )
    forced = restore(backup, fresh, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "every row count and sha256 matches the manifest" in forced.stdout


def test_a_damaged_backup_is_refused_before_anything_is_replaced(deployment, tmp_path, fresh):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), verbosity=0)
    damaged = next((backup / "originals").iterdir())
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")
    result = restore(backup, fresh)
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [f"CommandError: {damaged}: its sha256 does not match the manifest; the backup is damaged"],
    )


def test_backup_will_not_write_into_a_folder_that_holds_files(deployment, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="already exists and is not an empty folder"):
        call_command("backup", str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_without_pg_dump_postgresql_says_so_and_leaves_nothing_and_sqlite_needs_none(
    deployment, tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    if connection.vendor == "postgresql":
        with pytest.raises(
            CommandError, match=r"^pg_dump not found on PATH: install PostgreSQL's client tools"
        ):
            call_command("backup", str(tmp_path / "backup"))
        assert not (tmp_path / "backup").exists()  # no half backup left behind
    else:
        call_command("backup", str(tmp_path / "backup"), verbosity=0)
        assert (tmp_path / "backup" / "database.sqlite3").stat().st_size > 0


def test_a_live_sqlite_database_is_copied_whole_where_copying_its_file_is_not(tmp_path):
    """Another process holds written rows in the write-ahead log: the file alone lacks them (what
    `cp db.sqlite3` gives), the backup has them. Whatever engine the suite runs on: a SQLite file."""
    database = tmp_path / "db.sqlite3"
    assert manage("migrate", "-v", "0", database=database).returncode == 0
    writer = sqlite3.connect(database)
    [groups] = writer.execute("SELECT COUNT(*) FROM auth_group").fetchone()  # the editors, from migrate
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.executemany("INSERT INTO auth_group (name) VALUES (?)", [(f"team {n}",) for n in range(500)])
        writer.commit()
        file_alone = tmp_path / "copied.sqlite3"
        file_alone.write_bytes(database.read_bytes())
        with sqlite3.connect(file_alone) as copied:
            assert copied.execute("SELECT COUNT(*) FROM auth_group").fetchone() == (groups,)

        result = manage("backup", tmp_path / "backup", database=database)
        assert result.returncode == 0, result.stderr
    finally:
        writer.close()
    with sqlite3.connect(tmp_path / "backup" / "database.sqlite3") as backed_up:
        assert backed_up.execute("SELECT COUNT(*) FROM auth_group").fetchone() == (groups + 500,)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["row_counts"]["auth_group"] == groups + 500
