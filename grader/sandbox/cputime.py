"""CPU time used by a process and its descendants, for time limits that a loaded machine does not
make unfair: a correct solution waiting for a core uses no CPU time, a hang uses it all.

Read from ``/proc`` (Linux); :func:`tree_seconds` returns None where there is none, and the caller
falls back to wall time.
"""
from __future__ import annotations

import os
import time

from grader.sandbox import platform


_FRESH = 0.2  # seconds for which one reading of /proc serves every clock (one scan per round, not per slot)
_last: tuple[float, dict] = (-1.0, {})


def _table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, clock ticks of its own CPU time, user and system); one scan of ``/proc``
    serves every clock for :data:`_FRESH` seconds."""
    global _last
    now = time.monotonic()
    if now - _last[0] < _FRESH:
        return _last[1]
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fd = os.open(f"/proc/{entry.name}/stat", os.O_RDONLY)
            try:
                stat = os.read(fd, 4096)
            finally:
                os.close(fd)
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    _last = (time.monotonic(), table)
    return table


class TreeClock:
    """The CPU seconds that a process and its descendants have used since :meth:`start`.

    Each reading remembers every descendant's time, so that a worker killed (and never
    waited for by its parent) still counts up to the last reading.  Where the time cannot be
    read, :attr:`available` is False and :meth:`seconds` returns 0."""

    def __init__(self, pid: int):
        self.pid = pid
        self.roots = [pid]  # and the processes added (workers forked elsewhere), with their descendants
        self.seen: dict[int, int] = {}  # pid -> last ticks read
        self.base = 0
        self.available = platform.HAS_PROC

    def start(self) -> None:
        self.seen, self.roots = {}, [self.pid]
        self._read()
        self.base = sum(self.seen.values())

    def add(self, pid: int) -> None:
        """Count ``pid`` and its descendants too, from now on (a process just started: its time is new)."""
        if pid not in self.roots:
            self.roots.append(pid)

    def _read(self) -> None:
        if not self.available:
            return
        try:
            table = _table()
        except OSError:
            self.available = False
            return
        children: dict[int, list[int]] = {}
        for child, (parent, _) in table.items():
            children.setdefault(parent, []).append(child)
        todo, done = [p for p in self.roots if p in table], set()
        while todo:
            current = todo.pop()
            if current not in done:
                done.add(current)
                self.seen[current] = max(self.seen.get(current, 0), table[current][1])
                todo += children.get(current, [])

    def seconds(self) -> float:
        """CPU seconds used since :meth:`start` (0 where unknown)."""
        self._read()
        if not self.available:
            return 0.0
        return (sum(self.seen.values()) - self.base) / os.sysconf("SC_CLK_TCK")
