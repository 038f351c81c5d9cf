"""Leaving no learner process behind: a worker and everything it started."""
from __future__ import annotations

import os
import signal

from grader.sandbox import platform


def descendants(root: int) -> list[int]:
    """Every live descendant of process ``root`` (from /proc; empty where there is none)."""
    if not platform.HAS_PROC:
        return []
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
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
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


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


def kill_tree(proc) -> None:
    """Kill ``proc`` (a ``Popen`` or a forked worker) and every process it started.

    The descendants are listed before ``proc`` dies: once it is gone, learner processes in
    sessions of their own would no longer be its descendants.
    """
    family = descendants(proc.pid) if proc.poll() is None else []
    proc.kill()  # safe from pid reuse: a Popen is not reaped yet, a forked worker has a pidfd
    for pid in family:
        kill_quietly(pid)
    if platform.HAS_PROCESS_GROUPS:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
