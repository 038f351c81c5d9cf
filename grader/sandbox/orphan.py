"""A worker that outlives its grader ends itself (where no keeper watches it: macOS, Windows).

On Linux a keeper process (:mod:`grader.sandbox.keeper`) ends the worker and everything it
started when the grader is gone.  Elsewhere the worker watches for itself: a daemon thread
asks every half second whether the grader still runs and, once it does not, kills what the
learner's code started and leaves.  Without it, a learner function stuck in a loop or a
sleep would run on after the grader was killed, since nobody is left to end it.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading

from grader.sandbox import cleanup, platform

POLL_SECONDS = 0.5
SYNCHRONIZE = 0x00100000
WAIT_TIMEOUT = 0x102


def grader_alive(grader: int) -> bool:
    """Whether process ``grader``, which started this one, still runs."""
    if platform.IS_WINDOWS:  # a Windows process keeps its parent's pid after the parent ends
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(SYNCHRONIZE, False, grader)
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == WAIT_TIMEOUT
        finally:
            kernel32.CloseHandle(handle)
    return os.getppid() == grader  # POSIX: an orphan gets another parent


def watch(grader: int, poll: float = POLL_SECONDS) -> threading.Thread:
    """Start the watch of ``grader`` (the parent of this worker); the thread, a daemon."""
    def run() -> None:
        stop = threading.Event()
        while grader_alive(grader):
            stop.wait(poll)
        leave()

    thread = threading.Thread(target=run, name="grader-watch", daemon=True)
    thread.start()
    return thread


def leave() -> None:
    """Kill what learner code started in this worker, then end it."""
    try:
        if platform.HAS_TASKKILL:
            cleanup.taskkill(os.getpid())  # the tree, this process included
        for pid in cleanup.descendants(os.getpid()):  # (none found where the sandbox hides /proc)
            cleanup.kill_quietly(pid)
        if platform.HAS_PROCESS_GROUPS and os.getpgrp() == os.getpid():  # the worker's own group
            os.killpg(os.getpid(), signal.SIGKILL)
    finally:
        os._exit(1)
