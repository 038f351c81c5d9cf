"""Functions that already ran out of time, given a short budget inside a fresh worker.

After ``perceptron()`` hangs, the grader restarts the worker and fails later direct calls of
``perceptron()`` at once (see ``LearnerProcess.hung``).  But ``AND()`` calls ``perceptron()``
inside the worker, where the grader does not see it, and would hang for a whole limit of its
own, and so would ``OR()``, ``NAND()`` and ``XOR()``.  So the new worker watches each hung
function of the learner's module (a module-level function, or a method of a module-level
class): learner code calls it as before, unchanged, and each time it runs, from its first
frame on the stack to its return, it may spend a budget of CPU time (a fifth of the limit it
ran out of, :data:`BUDGET_SHARE`).  A ``perceptron()`` that loops only on negative inputs still
answers ``AND()``'s 0s and 1s; one that loops on every input raises :class:`EarlierTimeout`
once its budget is spent, and the grader reports the caller's check as a time-out of it.

How: a CPU-time timer (``ITIMER_PROF``) ticks every :data:`TICK` seconds while some function is
watched; at each tick the main thread's stack is looked at, and the main thread's CPU time
since the last tick is charged to the outermost watched frame on it (the time of other threads
is not).  Nothing wraps or replaces the learner's functions, so calls cost nothing more and
recursion goes as deep as before (less one frame, the timer's, at a tick).  Closures (a
decorator's wrapper, a factory's functions) share their code with others and are not watched,
nor is anything where there is no interval timer (Windows): their callers wait their own limit.
Runs in the worker (next to learner code); nothing here decides a verdict.
"""
from __future__ import annotations

import re
import signal
import threading
import time
import types

BUDGET_SHARE = 0.2  # of the limit a function ran out of: what each later run of it gets inside learner code
TICK = 0.05  # seconds of CPU time between two looks at the stack
MAX_FRAMES = 5000  # frames of the stack looked at, at most (Python's own limit is 1000)
_NAME = re.compile(r"([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\(\)")
_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")


class EarlierTimeout(Exception):
    """Raised in a function that ran out of time earlier (``what``: "perceptron()") when it spends its
    budget again."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} did not finish earlier in this grading, nor within its budget now")


def _function(module, what: str):
    """The function ``what`` ("name()" or "Class.method()") names in ``module``, or None; None too for a
    closure (a decorator's wrapper, a factory's function), whose code other functions share: a frame
    tells only its code, so watching it would charge them all to ``what``."""
    match = _NAME.fullmatch(what)
    if match is None or module is None:
        return None
    first, method = match.groups()
    value = vars(module).get(first)
    if method is not None:
        value = vars(value).get(method) if isinstance(value, type) else None
    if not isinstance(value, types.FunctionType) or value.__code__.co_freevars:
        return None
    return value


class KnownHangs:
    """The watched functions of one worker's module: :meth:`set` makes them exactly ``wanted``."""

    def __init__(self):
        self.budgets: dict[types.CodeType, tuple[str, float]] = {}  # code -> (what, CPU seconds per run)
        self.running = None  # the outermost watched frame at the last tick
        self.spent = 0.0  # main-thread CPU seconds charged to it
        self.last = 0.0  # main-thread CPU time at the last tick

    def set(self, module, wanted: dict) -> list[str]:
        """Watch the functions named in ``wanted`` (name -> the limit they ran out of, in seconds) and no
        others; the names watched."""
        budgets = {}
        for what, limit in dict(wanted).items():
            if type(what) is str and type(limit) in (int, float) and limit > 0:
                function = _function(module, what)
                if function is not None:
                    budgets[function.__code__] = (what, float(limit) * BUDGET_SHARE)
        if not _HAS_TIMER or threading.current_thread() is not threading.main_thread():
            budgets = {}
        self.budgets, self.running, self.spent = budgets, None, 0.0
        if budgets:
            self.last = time.thread_time()
            signal.signal(signal.SIGPROF, self._tick)
            signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
        elif _HAS_TIMER and threading.current_thread() is threading.main_thread():
            signal.setitimer(signal.ITIMER_PROF, 0)
        return sorted(what for what, _ in budgets.values())

    def _tick(self, signum, frame) -> None:
        now = time.thread_time()
        elapsed, self.last = now - self.last, now
        outermost = None
        for _ in range(MAX_FRAMES):
            if frame is None:
                break
            if frame.f_code in self.budgets:
                outermost = frame
            frame = frame.f_back
        else:  # a stack this deep (a raised recursion limit): not looked at, so nothing is charged
            self.running, self.spent = None, 0.0
            return
        if outermost is not self.running:  # a new run (or none): its time counts from here
            self.running, self.spent = outermost, 0.0
            return
        if outermost is None:
            return
        self.spent += elapsed
        what, budget = self.budgets[outermost.f_code]
        if self.spent >= budget:
            self.running, self.spent = None, 0.0
            raise EarlierTimeout(what)
