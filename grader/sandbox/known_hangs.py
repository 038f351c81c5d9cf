"""Functions that already ran out of time, given a short budget inside a fresh worker.

After ``perceptron()`` hangs, the grader restarts the worker and fails later direct calls of
``perceptron()`` at once (see ``LearnerProcess.hung``).  But ``AND()`` calls ``perceptron()``
inside the worker, where the grader does not see it, and would hang for a whole limit of its
own, and so would ``OR()``, ``NAND()`` and ``XOR()``.  So the new worker wraps each hung
function of the learner's module (a module-level function, or a method of a module-level
class): a call of it from learner code runs the learner's function as before, with a budget of
CPU time (a fifth of the limit it ran out of, :data:`BUDGET_SHARE`).  A ``perceptron()`` that
loops only on negative inputs still answers ``AND()``'s 0s and 1s; one that loops on every
input raises :class:`EarlierTimeout` once its budget is spent, and the grader reports the
caller's check as a time-out of the hung function.

The budget is CPU time (``ITIMER_PROF``), so a loaded machine does not spend it; where there is
no interval timer (Windows) or the call is not on the main thread, the learner's function runs
without one, as if it had never hung (the call's own limit still holds).  Runs in the worker (next
to learner code); nothing here decides a verdict.
"""
from __future__ import annotations

import functools
import re
import signal
import threading
import types

BUDGET_SHARE = 0.2  # of the limit a function ran out of: what each later call of it gets inside learner code
_NAME = re.compile(r"([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\(\)")
_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")


class EarlierTimeout(Exception):
    """Raised in a function that ran out of time earlier (``what``: "perceptron()") when it spends its
    budget again."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} did not finish earlier in this grading, nor within its budget now")


class _Budget:
    """The one CPU-time timer of the worker: the outermost call of a hung function arms it."""

    running: str | None = None  # the hung function whose budget is being spent

    @classmethod
    def expired(cls, signum, frame):
        if cls.running is not None:
            raise EarlierTimeout(cls.running)

    @classmethod
    def run(cls, what: str, seconds: float, original, args, kwargs):
        if not _HAS_TIMER or cls.running is not None or threading.current_thread() is not threading.main_thread():
            return original(*args, **kwargs)
        cls.running = what
        signal.setitimer(signal.ITIMER_PROF, seconds)
        try:
            return original(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            cls.running = None


def _place(module, what: str):
    """Where ``what`` ("name()" or "Class.method()") lives: (owner, attribute name, function), or None."""
    match = _NAME.fullmatch(what)
    if match is None or module is None:
        return None
    first, method = match.groups()
    value = vars(module).get(first)
    if method is None:
        return (module, first, value) if isinstance(value, types.FunctionType) else None
    if isinstance(value, type) and isinstance(vars(value).get(method), types.FunctionType):
        return value, method, vars(value)[method]
    return None


def _budgeted(what: str, original, seconds: float):
    @functools.wraps(original)
    def hung_before(*args, **kwargs):
        return _Budget.run(what, seconds, original, args, kwargs)
    return hung_before


class KnownHangs:
    """The wrapped functions of one worker's module: :meth:`set` makes them exactly ``wanted``."""

    def __init__(self):
        self.placed: dict[str, tuple] = {}  # what -> (owner, name, original, budget)

    def set(self, module, wanted: dict) -> list[str]:
        """Wrap the functions named in ``wanted`` (name -> the limit they ran out of, in seconds) and
        put back the others; the names wrapped."""
        wanted = {w: float(limit) * BUDGET_SHARE for w, limit in dict(wanted).items()
                  if type(w) is str and type(limit) in (int, float) and limit > 0}
        if wanted and _HAS_TIMER and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGPROF, _Budget.expired)
        for what in [w for w in self.placed if self.placed[w][3] != wanted.get(w)]:
            owner, name, original, _ = self.placed.pop(what)
            setattr(owner, name, original)
        for what in set(wanted) - set(self.placed):
            place = _place(module, what)
            if place is not None:
                owner, name, original = place
                setattr(owner, name, _budgeted(what, original, wanted[what]))
                self.placed[what] = (owner, name, original, wanted[what])
        return sorted(self.placed)
