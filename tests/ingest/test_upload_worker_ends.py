"""The upload worker (`manage.py db_worker`) killed outright while it reads a document: the
process reading it ends too, and the document is read when the worker is started again
(`resume_uploads` first, as `make run` and the service do), or by `reparse`."""

import os
import signal
import subprocess
import time

import pytest

from tests.paths import CORPUS
from tests.processes import descendants, kill_what_is_left, left_running, manage, manage_popen

A_REPORT = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"
QUEUE_IT = f"""
from pathlib import Path
from inspections.ingest.uploads import upload_queue
path = Path({str(A_REPORT)!r})
upload_queue(data=path.read_bytes(), filename=path.name, uploaded_by=None)
"""
STATUS = "from inspections.models import SourceDocument; print(SourceDocument.objects.get().status)"


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "db.sqlite3"
    for step in (["migrate", "-v", "0"], ["load_authorities", "-v", "0"], ["shell", "-c", QUEUE_IT]):
        result = manage(*step, database=path)
        assert result.returncode == 0, result.stderr
    return path


def status(database) -> str:
    return manage("shell", "-c", STATUS, database=database).stdout.split()[-1]  # after shell's own lines


def worker_killed_while_reading(database) -> list[int]:
    """Start the worker, kill it outright once it reads the upload; the processes it had then."""
    worker = manage_popen(
        "db_worker", "--no-reload", "--no-startup-delay", database=database,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    children = {}
    try:
        deadline = time.monotonic() + 120
        while (
            len(children) < 3 and time.monotonic() < deadline
        ):  # resource tracker, forkserver, reading child
            assert worker.poll() is None, "the worker ended by itself"
            children = descendants(worker.pid)
            time.sleep(0.05)
        assert len(children) >= 3, "the worker never started reading"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        return left_running(children)
    finally:
        kill_what_is_left(children)
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_killed_outright_while_reading_it_leaves_no_process_behind(database):
    assert worker_killed_while_reading(database) == []
    assert status(database) in {"queued", "reading"}, "nothing half-written"
    assert manage("reparse", database=database).returncode == 0
    assert status(database) == "review"


def test_killed_while_reading_it_is_read_when_the_worker_starts_again(database):
    worker_killed_while_reading(database)
    assert status(database) == "reading"
    resumed = manage("resume_uploads", database=database)
    assert resumed.returncode == 0, resumed.stderr
    assert "queued again: 80545_kingston-upon-thames_2025-01-29.pdf" in resumed.stdout
    assert resumed.stdout.strip().endswith("1 upload queued again")
    assert status(database) == "queued"
    again = manage("db_worker", "--batch", "--no-reload", "--no-startup-delay", database=database)
    assert again.returncode == 0, again.stderr
    assert status(database) == "review"
    nothing_left = manage("resume_uploads", database=database)
    assert nothing_left.stdout.strip().endswith("0 uploads queued again")
