"""`ingest` at its edges, as a person running it sees them: killed outright."""

import os
import re
import signal
import subprocess

import pytest

from tests.paths import CORPUS
from tests.processes import descendants, kill_what_is_left, left_running, manage, manage_popen

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
