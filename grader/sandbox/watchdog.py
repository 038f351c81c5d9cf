"""A worker that no keeper watches watches itself (macOS, Windows): its grader and its memory.

On Linux a keeper process (:mod:`grader.sandbox.keeper`) ends the worker and everything it
started when the grader is gone or when their memory together passes the limit.  Elsewhere
the worker does what it can for itself: a daemon thread asks every half second whether the
grader still runs and how much memory the worker holds (its peak resident size: macOS has
no address-space limit, Windows no rlimits at all).  Once the grader is gone it kills what
the learner's code started and leaves; past the memory limit it ends as a process the
system stopped for want of memory would (SIGKILL; on Windows STATUS_NO_MEMORY), so that
the grader reports the memory limit.  Processes the learner's code started are not counted.
"""
from __future__ import annotations

import ctypes
import os
import signal
import threading

from grader.sandbox import cleanup, platform

POLL_SECONDS = 0.5
MEMORY_VARIABLE = "GRADER_MEMORY_LIMIT"  # bytes, set by the grader in the worker's environment
SYNCHRONIZE = 0x00100000
WAIT_TIMEOUT = 0x102
STATUS_NO_MEMORY = 0xC0000017


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


class _MemoryCounters(ctypes.Structure):
    _fields_ = [("cb", ctypes.c_ulong), ("PageFaultCount", ctypes.c_ulong)] + [
        (name, ctypes.c_size_t) for name in ("PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                                             "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                                             "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]


def peak_resident() -> int | None:
    """The most memory this process has held (bytes), or None where it cannot be read."""
    if platform.IS_WINDOWS:
        counters = _MemoryCounters()
        counters.cb = ctypes.sizeof(counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.kernel32.K32GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return None
        return int(counters.PeakWorkingSetSize)
    try:
        import resource  # the real module: tests/no_posix removes it, as Windows lacks it
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if platform.IS_MACOS else peak * 1024  # macOS counts bytes, others KiB


def memory_limit(environ=None) -> int | None:
    value = (os.environ if environ is None else environ).get(MEMORY_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def watch(grader: int, memory: int | None = None, poll: float = POLL_SECONDS) -> threading.Thread:
    """Start the watch of ``grader`` (the parent of this worker) and of ``memory`` bytes; the thread."""
    def run() -> None:
        pause = threading.Event()
        while grader_alive(grader):
            if memory is not None and (peak_resident() or 0) > memory:
                out_of_memory()
            pause.wait(poll)
        leave()

    thread = threading.Thread(target=run, name="grader-watch", daemon=True)
    thread.start()
    return thread


def _kill_family() -> None:
    if platform.HAS_TASKKILL:
        cleanup.taskkill(os.getpid())  # the tree, this process included
    for pid in cleanup.descendants(os.getpid()):  # (none found where the sandbox hides /proc)
        cleanup.kill_quietly(pid)
    if platform.HAS_PROCESS_GROUPS and os.getpgrp() == os.getpid():  # the worker's own group
        os.killpg(os.getpid(), signal.SIGKILL)


def leave() -> None:
    """Kill what learner code started in this worker, then end it."""
    try:
        _kill_family()
    finally:
        os._exit(1)


def out_of_memory() -> None:
    """End as a process the system stopped for want of memory (the grader reports the limit)."""
    if platform.IS_WINDOWS:
        os._exit(STATUS_NO_MEMORY)
    os.kill(os.getpid(), signal.SIGKILL)
