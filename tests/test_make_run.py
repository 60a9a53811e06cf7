"""`make run` serves the site with the background worker beside it, and Ctrl-C stops both."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.processes import descendants, kill_what_is_left, left_running, manage


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("stop", ["ctrl-c", "server ends"])
def test_the_worker_stops_with_the_server(tmp_path, stop):
    database = tmp_path / "db.sqlite3"
    assert manage("migrate", "-v", "0", database=database).returncode == 0
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment["DATABASE_URL"] = f"sqlite:///{database}"
    port = free_port()
    run = subprocess.Popen(
        ["bash", "scripts/run.sh", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO, env=environment, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    children = {}
    try:
        deadline = time.monotonic() + 60
        while not answers(f"http://127.0.0.1:{port}/healthz") and time.monotonic() < deadline:
            time.sleep(0.5)
        children = descendants(run.pid)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children}
        assert any(b"db_worker" in command for command in commands.values()), (
            "the worker runs beside the server"
        )
        if stop == "ctrl-c":
            os.killpg(run.pid, signal.SIGINT)  # what a terminal sends to everything it started
        else:
            server = next(pid for pid, command in commands.items() if b"runserver" in command)
            os.kill(server, signal.SIGTERM)
        assert run.wait(timeout=30) is not None
        assert left_running(children, within=10) == []
    finally:
        kill_what_is_left(children)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
