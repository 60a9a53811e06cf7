"""Parsing in child processes, each document under a wall-clock limit and a memory limit.

A child that runs past its time is killed and replaced; one that runs out of memory says so (or
dies, and is replaced). Either way that document fails with one line and the others go on. Each
child reads the gazetteer and the theme model once, then parses documents one at a time.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import queue
import resource
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from . import parent_watch, workers
from .records import ParsedDocument, ParseError

_READY = "ready"


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_bytes: int

    @property
    def time_message(self) -> str:
        return f"gave up after {self.seconds:g} s"

    @property
    def memory_message(self) -> str:
        return f"needed more than {size_text(self.memory_bytes)}"


def size_text(size: int) -> str:
    """1073741824 -> "1 GB", 52428800 -> "50 MB"."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{round(size / scale, 1):g} {unit}"
    return f"{size} bytes"


def child_main(
    connection: Connection, parent_alive: Connection, limits: Limits, worker_args: tuple, parse
) -> None:
    """A child's life: watch the parent, load what parsing needs, cap memory, then parse on request.
    Documents are taken off the pipe as they come, so the parent never waits to hand over the next."""
    parent_watch.start(parent_alive, *worker_args)
    _memory_cap(limits.memory_bytes)
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive_all, args=(connection, inbox), name="inbox", daemon=True).start()
    connection.send(_READY)
    while (job := inbox.get()) is not None:
        data, kind = job
        try:
            result = parse(data, kind)
        except MemoryError:
            result = ParseError(limits.memory_message)
        del job, data
        connection.send(result)


def _receive_all(connection: Connection, inbox: queue.SimpleQueue) -> None:
    with contextlib.suppress(EOFError, OSError):
        while True:
            inbox.put(connection.recv())
    inbox.put(None)  # the parent closed the pipe: no more documents


def _memory_cap(memory_bytes: int) -> None:
    """Address space for one document on top of what the child already holds (the parser, the
    gazetteer, the theme model), so the limit is what a document may take."""
    try:
        with open("/proc/self/statm") as statm:
            held = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        held = 0
    resource.setrlimit(resource.RLIMIT_AS, (held + memory_bytes, held + memory_bytes))


_Job = tuple[int, bytes, "str | None"]  # ticket, document, kind


@dataclass
class _Child:
    process: object
    connection: Connection
    ready: bool = False
    in_flight: deque[_Job] = field(default_factory=deque)  # the first is being parsed
    deadline: float = 0.0  # of the first

    @property
    def busy(self) -> bool:
        return bool(self.in_flight) or not self.ready


class LimitedParsers:
    """Up to `processes` children parsing at once. submit() queues a document and returns a ticket;
    result(ticket) waits for that document's ParsedDocument or ParseError, enforcing the limits.
    Each child holds the next document while it parses one, so it never waits for this process.

    worker_args go to workers.start in each child; parse (a module-level function, workers.parse
    unless a test stands in) reads each document there.
    """

    def __init__(self, processes: int, *, limits: Limits, worker_args: tuple, parse=workers.parse):
        self._limits = limits
        self._worker_args = worker_args
        self._parse = parse
        self._context = multiprocessing.get_context("forkserver")
        # Preloaded by the server the children fork from; not Django, so no connection is inherited.
        self._context.set_forkserver_preload([__name__])
        # Children exit when this process does, however it ends: it holds the only write end.
        self._parent_alive, self._parent_alive_writer = self._context.Pipe(duplex=False)
        self._tickets = itertools.count()
        self._pending: deque[_Job] = deque()
        self._results: dict[int, ParsedDocument | ParseError] = {}
        self._children = [self._spawn() for _ in range(processes)]

    def submit(self, data: bytes, kind: str | None) -> int:
        ticket = next(self._tickets)
        self._pending.append((ticket, data, kind))
        self._dispatch()
        return ticket

    def result(self, ticket: int) -> ParsedDocument | ParseError:
        while ticket not in self._results:
            self._dispatch()
            busy = [child for child in self._children if child.busy]
            deadlines = [child.deadline for child in busy if child.in_flight]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for connection in wait([child.connection for child in busy], timeout):
                self._receive(next(c for c in self._children if c.connection is connection))
            for child in list(self._children):
                if child.in_flight and time.monotonic() >= child.deadline:
                    self._replace(child, ParseError(self._limits.time_message))
        return self._results.pop(ticket)

    def close(self) -> None:
        """Idle children end when their pipe closes; busy ones are stopped."""
        for child in self._children:
            if child.busy:
                child.process.kill()
            child.connection.close()
        for child in self._children:
            child.process.join(5)
            if child.process.is_alive():
                child.process.kill()
                child.process.join()
        self._children = []
        self._parent_alive.close()
        self._parent_alive_writer.close()

    def __enter__(self) -> LimitedParsers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _spawn(self) -> _Child:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=child_main,
            args=(theirs, self._parent_alive, self._limits, self._worker_args, self._parse),
            name="parse-child",
            daemon=True,
        )
        process.start()
        theirs.close()
        return _Child(process, ours)

    def _dispatch(self) -> None:
        for child in self._children:
            while child.ready and len(child.in_flight) < 2 and self._pending:
                job = self._pending.popleft()
                child.connection.send(job[1:])
                child.in_flight.append(job)
                if len(child.in_flight) == 1:
                    child.deadline = time.monotonic() + self._limits.seconds

    def _receive(self, child: _Child) -> None:
        try:
            message = child.connection.recv()
        except (EOFError, OSError):
            child.process.join()
            if not child.ready:
                raise RuntimeError(
                    f"a parse process could not start (exit code {child.process.exitcode})"
                ) from None
            self._replace(child, ParseError(self._ended_message(child.process.exitcode)))
            return
        if message == _READY:
            child.ready = True
            return
        self._results[child.in_flight.popleft()[0]] = message
        # The next one started when this answer was sent; counting from now is a little generous.
        child.deadline = time.monotonic() + self._limits.seconds

    def _ended_message(self, exitcode: int | None) -> str:
        return f"the reading process ended without an answer (exit code {exitcode}); it may have {self._limits.memory_message}"

    def _replace(self, child: _Child, outcome: ParseError) -> None:
        """Fail the document being parsed, stop the child, start another in its place; the one
        it held next goes back to the front of the queue."""
        if child.in_flight:
            self._results[child.in_flight.popleft()[0]] = outcome
        self._pending.extendleft(reversed(child.in_flight))
        with contextlib.suppress(OSError):
            child.process.kill()
        child.process.join()
        child.connection.close()
        self._children[self._children.index(child)] = self._spawn()
