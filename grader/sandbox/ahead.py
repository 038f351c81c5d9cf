"""Answers fetched ahead: a check's many calls of one learner function, run in one round trip.

A check that calls ``calculate`` on fifty cases waits fifty times for the worker, and each
wait costs more than the call.  ``prefetch`` sends the fifty calls in one request; the worker
answers each as it finishes (one frame per call, each awaited with the call's own time
limit).  The answers wait here until the check makes the same calls, in the same order, and
each is then served as if it had just been made: the same value, the same exception, the
same time-out, named and recorded the same way.  What the check does not call again is never
seen, so a case after the one that fails the check counts for nothing.

Only the exact next request is served (the same pickled request, limit and worker): any other
request first drops what is left, because it may change what learner code would answer.
"""
from __future__ import annotations

import pickle
from collections import deque


def key(message: tuple) -> bytes:
    """What identifies a request: the bytes the worker would receive."""
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


class Ahead:
    """The answers still waiting: each (request key, reply or None, exception or None)."""

    def __init__(self):
        self._waiting: deque = deque()
        self._seconds = 0.0
        self._generation = -1

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def clear(self) -> None:
        self._waiting.clear()

    def fill(self, keys: list[bytes], answers: list[tuple], seconds: float, generation: int) -> None:
        """``answers``: a (reply, None) per call that answered, then maybe (None, the time-out or crash)."""
        self._waiting = deque((k, reply, problem) for k, (reply, problem) in zip(keys, answers))
        self._seconds, self._generation = seconds, generation

    def waiting(self) -> list[tuple]:
        """The answers still waiting, in order: each (reply or None, exception or None)."""
        return [(reply, problem) for _, reply, problem in self._waiting]

    def take(self, message: tuple, seconds: float, generation: int):
        """The answer kept for ``message`` as (reply, exception), or None (then nothing is kept any more)."""
        if not self._waiting:
            return None
        waiting_key, reply, problem = self._waiting[0]
        # a handle in a reply belongs to the worker that made it: after a restart, ask again
        stale = generation != self._generation and isinstance(reply, dict) and "ref" in reply
        if seconds != self._seconds or stale or key(message) != waiting_key:
            self._waiting.clear()
            return None
        self._waiting.popleft()
        return reply, problem
