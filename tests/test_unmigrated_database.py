"""Every command of ours that uses the database, run before `migrate`: one line saying what to do."""

import pytest

from tests.paths import REFERENCE, SEEDS
from tests.processes import manage

RUN_MIGRATE = "CommandError: the database is not set up for this version: run python manage.py migrate"


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", SEEDS],
        ["sync_ofsted", "--dry-run"],
        ["import_outcomes", REFERENCE / "ofsted-la-inspection-outcomes-2025-03-31.ods"],
        ["load_authorities"],
        ["load_themes"],
        ["reparse"],
        ["retag_findings"],
        ["build_theme_model", "--with-corrections", "--output", "{tmp}/model.json"],
    ],
    ids=lambda command: command[0],
)
def test_a_command_on_an_unmigrated_database_says_to_migrate(tmp_path, command):
    arguments = [str(part).format(tmp=tmp_path) for part in command]
    result = manage(*arguments, database=tmp_path / "db.sqlite3")
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [RUN_MIGRATE], "")


def test_a_dry_run_needs_no_database(tmp_path):
    """`ingest --dry-run` writes nothing and reads the shipped reference data where the database has none."""
    result = manage("ingest", "--dry-run", next(SEEDS.glob("003_*")), database=tmp_path / "db.sqlite3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["1 documents: 1 read, 0 unchanged, 0 failed"]


def test_a_backup_of_a_database_that_is_not_set_up_says_so(tmp_path):
    result = manage("backup", tmp_path / "backup", database=tmp_path / "db.sqlite3")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [
            "CommandError: the database is not set up (no documents table): nothing to back up; "
            "is DATABASE_URL right?"
        ],
    )
    assert not (tmp_path / "backup").exists()
