"""Leaving no learner process behind: a worker and everything it started.

Descendants are found from ``/proc`` (Linux), else from ``ps -A -o pid=,ppid=`` (macOS and
other POSIX systems); Windows kills the whole tree with ``taskkill /F /T`` (built in).
"""
from __future__ import annotations

import os
import signal
import subprocess

from grader.sandbox import platform
from grader.sandbox.keeper import family_of

TASKKILL_SECONDS = 10


def descendants(root: int) -> list[int]:
    """Every live descendant of process ``root`` (empty where no process list can be read)."""
    if platform.HAS_PROC:
        walked = family_of(root, strict=True)  # a few reads, where a scan reads every process of the machine
        if walked is not None:
            return walked
        children = _children_from_proc()
    elif platform.HAS_PS:
        children = _children_from_ps()
    else:
        return []
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _children_from_proc() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return {}
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _children_from_ps() -> dict[int, list[int]]:
    try:
        listing = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], stdin=subprocess.DEVNULL,
                                 capture_output=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_ps(listing)


def parse_ps(listing: bytes) -> dict[int, list[int]]:
    """``ps -o pid=,ppid=`` output as each parent's children (lines that are not two numbers are skipped)."""
    children: dict[int, list[int]] = {}
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 2 and fields[0].isdigit() and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(fields[0]))
    return children


def kill_quietly(pid: int) -> None:
    """SIGKILL ``pid`` and, where there are process groups, the group it leads."""
    kill = getattr(signal, "SIGKILL", signal.SIGTERM)
    targets = [lambda: os.kill(pid, kill)]
    if platform.HAS_PROCESS_GROUPS:
        targets.append(lambda: os.killpg(pid, kill))
    for target in targets:
        try:
            target()
        except (ProcessLookupError, PermissionError, OSError):
            pass


def taskkill(pid: int) -> None:
    """``taskkill /F /T /PID pid``: Windows kills ``pid`` and every process it started."""
    try:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TASKKILL_SECONDS,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        pass


def kill_tree(proc) -> None:
    """Kill ``proc`` (a ``Popen`` or a forked worker) and every process it started.

    The descendants are listed (or, on Windows, killed) before ``proc`` dies: once it is gone,
    learner processes in sessions of their own would no longer be its descendants.
    """
    alive = proc.poll() is None
    if platform.HAS_TASKKILL:
        if alive:  # the Popen's handle keeps the pid from being reused until it is reaped
            taskkill(proc.pid)
        proc.kill()
        return
    family = descendants(proc.pid) if alive else []
    proc.kill()  # safe from pid reuse: a Popen is not reaped yet, a forked worker has a pidfd
    for pid in family:
        kill_quietly(pid)
    if platform.HAS_PROCESS_GROUPS:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
