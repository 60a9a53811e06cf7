"""`ingest` at its edges, as a person running it sees them: killed outright."""

import os
import re
import shutil
import signal
import sqlite3
import subprocess

import pytest

from tests.paths import CORPUS, SEEDS
from tests.processes import AS_A_USER, descendants, kill_what_is_left, left_running, manage, manage_popen

GARDENING = b"Pruning roses in winter\n\nCut back to an outward-facing bud and mulch well.\n"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A SQLite file, migrated, with the authorities: what `make run` sets up."""
    path = tmp_path_factory.mktemp("deployment") / "db.sqlite3"
    for step in (["migrate", "-v", "0"], ["load_authorities", "-v", "0"]):
        result = manage(*step, database=path)
        assert result.returncode == 0, result.stderr
    return path


def test_killed_outright_it_leaves_no_process_behind(database):
    """kill -9 of the command: its parse workers, the forkserver and the resource tracker end too."""
    ingest = manage_popen(
        "ingest", "--workers", "2", CORPUS, database=database, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )  # fmt: skip
    children = {}
    try:
        while not re.match(r"\d+/\d+ ", ingest.stderr.readline()):  # the first document is stored
            assert ingest.poll() is None, "ingest ended before it could be killed"
        children = descendants(ingest.pid)
        assert len(children) >= 3, children  # the forkserver and two workers (and a resource tracker)
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        assert left_running(children) == []
    finally:
        ingest.stderr.close()
        kill_what_is_left(children)
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()


def lines_naming(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


def test_a_file_name_cannot_forge_a_line(database, tmp_path):
    """A newline in a name is printed as \\n: the name stays on its failure's one line."""
    (tmp_path / "roses\nFAILED report.pdf: all good\n.txt").write_bytes(GARDENING)
    result = manage("ingest", tmp_path, database=database)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"FAILED {tmp_path}/roses\\nFAILED report.pdf: all good\\n.txt: not an Ofsted summary: "
        "the text mentions neither Ofsted nor an inspection or visit"
    ]
    assert result.stdout.splitlines() == ["1 documents: 0 new, 0 unchanged, 1 failed"]


def test_an_escape_sequence_in_a_name_reaches_no_terminal(database, tmp_path):
    (tmp_path / "\x1b[2Jcleared.txt").write_bytes(GARDENING)
    result = manage("ingest", tmp_path, database=database)
    assert "\x1b" not in result.stderr
    assert lines_naming(result.stderr, "\\x1b[2Jcleared.txt") != []


def test_a_failure_is_reported_once(database, tmp_path):
    """One line naming the file and the reason, counted in the summary, and nothing more."""
    (tmp_path / "gardening.txt").write_bytes(GARDENING)
    shutil.copy(next(SEEDS.glob("003_*")), tmp_path / "wandsworth.txt")
    result = manage("ingest", tmp_path, database=database)
    assert result.returncode == 1
    assert lines_naming(result.stdout + result.stderr, "gardening") == [
        f"FAILED {tmp_path / 'gardening.txt'}: not an Ofsted summary: "
        "the text mentions neither Ofsted nor an inspection or visit"
    ]
    assert result.stdout.splitlines() == ["2 documents: 1 new, 0 unchanged, 1 failed"]
    assert "CommandError" not in result.stderr


@pytest.fixture
def awkward_folder(tmp_path):
    """A folder of documents with a dangling link, a link loop, a folder and a file nobody may read."""
    folder = tmp_path / "documents"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(next(SEEDS.glob("002_*")), folder / "westminster.txt")
    shutil.copy(next(SEEDS.glob("004_*")), folder / "locked" / "tower-hamlets.txt")
    (folder / "sealed.txt").write_bytes(GARDENING)
    (folder / "moved.txt").symlink_to("elsewhere.txt")
    (folder / "round").symlink_to(".")
    (folder / "itself.txt").symlink_to("itself.txt")
    for locked in (folder / "locked", folder / "sealed.txt"):
        locked.chmod(0)
    yield folder
    for locked in (folder / "locked", folder / "sealed.txt"):
        locked.chmod(0o700)


def test_links_and_unreadable_paths_each_get_a_line(database, awkward_folder):
    """Run as a user (without root's power to read anything) as a deployment would run it."""
    result = manage("ingest", awkward_folder, database=database, prefix=AS_A_USER)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"SKIPPED {awkward_folder}/itself.txt: a link loop (it leads back to itself)",
        f"SKIPPED {awkward_folder}/locked: cannot read this folder (Permission denied)",
        f"SKIPPED {awkward_folder}/moved.txt: a link to elsewhere.txt, which does not exist",
        f"SKIPPED {awkward_folder}/round: a link loop (back to .)",
        f"FAILED {awkward_folder}/sealed.txt: cannot read: Permission denied",
        f"2/2 {awkward_folder}/westminster.txt: new",
    ]
    assert result.stdout.splitlines() == ["2 documents: 1 new, 0 unchanged, 1 failed; 4 paths skipped"]


def test_a_folder_that_cannot_be_read_is_said_to_be_unreadable(database, awkward_folder):
    result = manage("ingest", awkward_folder / "locked", database=database, prefix=AS_A_USER)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"SKIPPED {awkward_folder}/locked: cannot read this folder (Permission denied)"
    ]
    assert "no .txt, .html or .pdf documents found" not in result.stderr


def test_a_name_that_is_not_utf8_goes_in_under_a_readable_name(database, tmp_path):
    """Linux allows any bytes in a name; it is printed escaped and stored with U+FFFD, not a traceback."""
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as file:
        file.write(next(SEEDS.glob("000_*")).read_bytes())
    result = manage("ingest", tmp_path, database=database)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"1/1 {tmp_path}/caf\\udce9.txt: new"]
    with sqlite3.connect(database) as stored:
        names = [name for (name,) in stored.execute("SELECT filename FROM inspections_sourcedocument")]
    assert "caf\N{REPLACEMENT CHARACTER}.txt" in names
