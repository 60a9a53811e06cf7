"""Running manage.py as a person does, in its own process, and the processes it leaves behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.paths import REPO

# Root reads every file whatever its mode; without these two capabilities it is refused like
# anyone else (util-linux's setpriv drops them for the one command).
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def manage(*args, database: Path | str | None = None, prefix=(), **env) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` with DEBUG and SECRET_KEY unset; DATABASE_URL unset or a SQLite file."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    if database is not None:
        environment["DATABASE_URL"] = f"sqlite:///{database}"
    environment.update(env)
    return subprocess.run(
        [*prefix, sys.executable, "manage.py", *map(str, args)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        errors="backslashreplace",
    )


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: int  # the most memory the process held at once (its peak resident set)


def manage_measured(*args, database: Path, timeout: float = 300) -> Measured:
    """`python manage.py ARGS`, with how long it ran and its own peak memory (from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = manage_popen(*args, database=database, stdout=out, stderr=err)
        while (finished := os.wait4(process.pid, os.WNOHANG))[0] == 0:
            if time.monotonic() - started > timeout:
                process.kill()
            time.sleep(0.05)
        _, status, usage = finished
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0), err.seek(0)
        return Measured(
            process.returncode,
            out.read().decode(errors="backslashreplace"),
            err.read().decode(errors="backslashreplace"),
            seconds,
            usage.ru_maxrss // 1024,
        )


_PARSE_IN_CHILD = """
import resource, time
from inspections.parsing.records import ParseError
{setup}
# Should a limit not hold, this process runs out of address space rather than the machine of memory.
size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (size + 1024**3, size + 1024**3))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    {call}
    print("read")
except ParseError as error:
    print(error)
print(time.perf_counter() - started, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def parse_in_child(setup: str, call: str) -> tuple[str, float, int]:
    """Run setup, then time call in a process of its own, with 1 GB more address space than setup
    left it: what it said ("read" or the ParseError), the seconds it took, the MB of memory it added."""
    result = subprocess.run(
        [sys.executable, "-c", _PARSE_IN_CHILD.format(setup=setup, call=call)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    message, numbers = result.stdout.strip().splitlines()
    seconds, megabytes = numbers.split()
    return message, float(seconds), int(megabytes)


def manage_popen(*args, database: Path, **popen) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment["DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)], cwd=REPO, env=environment, **popen
    )


def _stat(pid: int) -> tuple[int, str, int] | None:
    """(parent, state, start time) of a process, from /proc; None when there is no such process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return int(fields[1]), fields[0], int(fields[19])


def descendants(pid: int) -> dict[int, int]:
    """Every process below pid, children's children too: {pid: start time}."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (status := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = status
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, _, started) in parents.items():
            if ppid == parent and child not in found:
                found[child] = started
                frontier.append(child)
    return found


def still_running(processes: dict[int, int]) -> list[int]:
    """Those of the processes that still run (the same process: a pid may be reused; not a zombie)."""
    alive = []
    for pid, started in processes.items():
        status = _stat(pid)
        if status is not None and status[2] == started and status[1] != "Z":
            alive.append(pid)
    return alive


def left_running(processes: dict[int, int], *, within: float = 5) -> list[int]:
    """Those of the processes still running after waiting up to `within` seconds for them to end."""
    deadline = time.monotonic() + within
    while still_running(processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    return still_running(processes)


def kill_what_is_left(processes: dict[int, int]) -> None:
    """What a test started, should it fail before they ended."""
    for pid in still_running(processes):
        os.kill(pid, signal.SIGKILL)
