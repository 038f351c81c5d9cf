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
            stat = platform.read_proc(f"/proc/{entry.name}/stat")
            fields = stat[stat.rindex(b")") + 2:].split()
            table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    _last = (time.monotonic(), table)
    return table


class TreeClock:
    """The CPU seconds that a process and its descendants have used since :meth:`start`.

    Each reading remembers every descendant's time, so that a worker killed (and never
    waited for by its parent) still counts up to the last reading.  A worker started ahead for
    another job is :meth:`exclude`-d; one started for this job, maybe before it began, is
    :meth:`add`-ed with all of its time.  Where the time cannot be read, :attr:`available` is
    False and :meth:`seconds` returns 0."""

    def __init__(self, pid: int):
        self.pid = pid
        self.roots = [pid]  # and the processes added (workers forked elsewhere), with their descendants
        self.excluded: set[int] = set()  # processes never counted, with their descendants
        self.seen: dict[int, int] = {}  # pid -> last ticks read
        self.parent: dict[int, int] = {}  # pid -> its parent, as last read
        self.before: dict[int, int] = {}  # pid -> its ticks at start, which are not this clock's
        self.available = platform.HAS_PROC

    def start(self) -> None:
        self.seen, self.parent, self.roots, self.excluded = {}, {}, [self.pid], set()
        self._read()
        self.before = dict(self.seen)

    def add(self, pid: int) -> None:
        """Count ``pid`` and its descendants too, from now on, with all the time they have used: a
        worker forked elsewhere, or a descendant started for this clock's job before it began."""
        self.excluded.discard(pid)
        if pid not in self.roots:
            self.roots.append(pid)
        for known in self._subtree(pid):
            self.before.pop(known, None)

    def exclude(self, pid: int) -> None:
        """Never count ``pid`` and its descendants (a worker started ahead for another job)."""
        self.excluded.add(pid)
        if pid in self.roots:
            self.roots.remove(pid)
        for known in self._subtree(pid):
            self.seen.pop(known, None)
            self.before.pop(known, None)

    def _subtree(self, pid: int) -> set[int]:
        """``pid`` and its descendants among the processes read so far."""
        children: dict[int, list[int]] = {}
        for child, parent in self.parent.items():
            children.setdefault(parent, []).append(child)
        todo, found = [pid], set()
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += children.get(current, [])
        return found

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
            if current not in done and current not in self.excluded:
                done.add(current)
                self.seen[current] = max(self.seen.get(current, 0), table[current][1])
                self.parent[current] = table[current][0]
                todo += children.get(current, [])

    def seconds(self) -> float:
        """CPU seconds used since :meth:`start` (0 where unknown)."""
        self._read()
        if not self.available:
            return 0.0
        ticks = sum(ticks - self.before.get(pid, 0) for pid, ticks in self.seen.items())
        return ticks / os.sysconf("SC_CLK_TCK")
