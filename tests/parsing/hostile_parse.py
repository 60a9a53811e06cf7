"""A stand-in for workers.parse that misbehaves on request, run in the parse children of the tests:
documents starting "sleep" never finish, "allocate" ask for 10 GB, "die" kill their process."""

import os
import signal
import time

from inspections.parsing import workers


def parse(data: bytes, kind: str | None):
    if data.startswith(b"sleep"):
        time.sleep(600)
    if data.startswith(b"allocate"):
        [bytearray(1024**2) for _ in range(10 * 1024)]
    if data.startswith(b"die"):
        os.kill(os.getpid(), signal.SIGKILL)
    return workers.parse(data, kind)
