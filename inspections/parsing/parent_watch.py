"""A parse worker ends when the process that started it is gone (killed, even with SIGKILL),
instead of waiting for work that will never come.

The ingest process holds the only write end of a pipe; each worker watches the read end from a
thread, and when the pipe closes (the ingest process exited, however) the worker exits. The
forkserver and the resource tracker end by themselves once no worker holds their pipes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from multiprocessing.connection import Connection

from . import workers


def start(parent_alive: Connection, *worker_args) -> None:
    """A worker's initializer: watch the parent, then what workers.start does."""
    threading.Thread(target=_exit_with_parent, args=(parent_alive,), name="parent-watch", daemon=True).start()
    workers.start(*worker_args)


def _exit_with_parent(parent_alive: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        parent_alive.recv()  # nothing is ever sent: this returns when the pipe closes
    os._exit(1)
