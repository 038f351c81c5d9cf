"""A transport for :class:`grader.sandbox.proxy.Remote` that serves requests in this process.

A notebook kernel has no worker process to talk to: the learner's code is the
notebook's global namespace.  :class:`InProcessTransport` plays
:class:`grader.sandbox.process.LearnerProcess` for ``Remote`` handles on such a
namespace: each request is copied as the grader sends it to a worker (pickled),
answered by the worker's own request handling (:meth:`grader.sandbox.worker.Worker.answer`)
under the call's time limit, and its reply copied through :mod:`grader.sandbox.wire`.
So a check sees what it sees under ``grade``: copies of plain values, handles for
objects, the same ops, the same time limits and the same error replies.

Also here: what keeps the reference solution and the checks out of a namespace
(:func:`copied_from`, :class:`ImportGuard`), as the worker's ``CopyGuard`` does.
"""
from __future__ import annotations

import builtins
import contextlib
import os
import pickle
import signal
import threading
import traceback
import types
from dataclasses import astuple
from pathlib import Path

from grader import exercises
from grader.results import Frame
from grader.sandbox import wire
from grader.sandbox.platform import HAS_INTERVAL_TIMER
from grader.sandbox.process import CALLS, DEFAULT_CALL_TIMEOUT, LearnerError, LearnerTimeout
from grader.sandbox.proxy import Remote
from grader.sandbox.worker import FORBIDDEN, FORBIDDEN_DIRS, Worker

NOTEBOOK = "notebook.py"  # how messages name the notebook's code (grade names the module file)


# ---------------------------------------------------------------------------- the namespace
class NotebookNamespace:
    """The notebook's globals seen as a module: attribute reads and writes reach the globals."""

    __slots__ = ("_globals",)

    def __init__(self, namespace: dict):
        object.__setattr__(self, "_globals", namespace)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._globals[name]
        except KeyError:
            # worded like Python's own message for a module (a notebook runs as __main__)
            raise AttributeError(f"module '__main__' has no attribute '{name}'") from None

    def __setattr__(self, name: str, value) -> None:
        self._globals[name] = value

    def __delattr__(self, name: str) -> None:
        self._globals.pop(name, None)

    def __dir__(self):
        return sorted(k for k in self._globals if not k.startswith("_"))

    def __repr__(self) -> str:
        return "<the notebook's definitions>"


def _forbidden(name: str | None) -> bool:
    return bool(name) and any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def copied_from(namespace: dict) -> str | None:
    """The reference solution (or checks) that the notebook's globals come from, if any."""
    for value in list(namespace.values()):
        if isinstance(value, types.ModuleType):
            origin = value.__name__
        elif isinstance(value, (types.FunctionType, type)):
            origin = getattr(value, "__module__", None)
        else:
            origin = getattr(type(value), "__module__", None)
        if isinstance(origin, str) and _forbidden(origin):
            return origin
        filename = getattr(getattr(value, "__code__", None), "co_filename", None)
        if isinstance(filename, str) and os.path.abspath(filename).startswith(FORBIDDEN_DIRS):
            return os.path.relpath(os.path.abspath(filename), exercises.ROOT)
    return None


class ImportGuard:
    """While a check runs: imports of the solutions or checks made by the notebook's code fail."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.attempts: list[str] = []
        self.original = builtins.__import__

    def __call__(self, name, globals=None, locals=None, fromlist=(), level=0):
        if globals is self.namespace and level == 0 and _forbidden(name):
            self.attempts.append(name)
            raise ImportError(f"importing {name!r} is not allowed in graded code")
        return self.original(name, globals, locals, fromlist, level)

    def __enter__(self):
        builtins.__import__ = self
        return self

    def __exit__(self, *exc):
        builtins.__import__ = self.original
        return False


# ---------------------------------------------------------------------------- time limit
class _OutOfTime(BaseException):
    """Raised in the learner's code when a call runs past its time limit (not an Exception,
    so that an ``except Exception`` in learner code does not swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop learner code that runs longer than ``seconds`` (main thread with a timer signal; else no limit)."""
    if not HAS_INTERVAL_TIMER or threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_time(signum, frame):
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------- the transport
def _learner_frames(exc: BaseException, namespace: dict) -> list[Frame]:
    frames, tb = [], exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals is namespace:
            summary = traceback.extract_tb(tb, limit=1)[0]
            frames.append(Frame(_cell_name(summary.filename), summary.lineno, summary.name,
                                (summary.line or "")[:200]))
        tb = tb.tb_next
    return frames


def _cell_name(filename: str) -> str:
    # IPython names a cell's code like /tmp/ipykernel_123/456789.py: say "a notebook cell"
    return "notebook cell" if "ipykernel_" in filename or filename.startswith("<") else filename


class _NamespaceWorker(Worker):
    """The worker's request handling, run in this process on a namespace."""

    # the time limit, and nbgrader's own (it interrupts the kernel): neither is the learner's error
    PASS_THROUGH = (_OutOfTime, KeyboardInterrupt)

    def __init__(self, namespace: dict):
        super().__init__(-1, -1, Path(NOTEBOOK))
        self.namespace = namespace
        self.module = NotebookNamespace(namespace)

    def restore(self) -> None:
        """Nothing to undo: the working folder and environment are the kernel's own."""

    def error(self, exc: BaseException) -> dict:
        reply = super().error(exc)
        reply["error"]["frames"] = [list(astuple(f)) for f in _learner_frames(exc, self.namespace)][-20:]
        return reply


class InProcessTransport:
    """Serves ``Remote`` requests on ``namespace`` (a notebook's globals) in this process."""

    module_path = Path(NOTEBOOK)
    generation = 1
    callables: dict = {}  # every attribute is asked for: a notebook's names change as cells run

    def __init__(self, namespace: dict, timeout: float = DEFAULT_CALL_TIMEOUT):
        self.worker = _NamespaceWorker(namespace)
        self.timeout = timeout
        self.hung: dict[str, float] = {}  # calls that ran out of time, with their limit (as LearnerProcess)

    def module(self) -> Remote:
        """The proxy of the namespace itself, as checks get it in ``learner``."""
        return self.handle(wire.Ref(None, None, "module"), self.generation)

    def handle(self, ref: wire.Ref, generation: int) -> Remote:
        return Remote(self, ref, generation)

    def request(self, message: tuple, what: str, timeout: float | None = None):
        try:
            message = pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise ValueError(f"the grader cannot send this argument to your code: {exc}") from None
        seconds = self.timeout if timeout is None else timeout
        hung = what if message[0] in CALLS else None
        if hung in self.hung and seconds <= self.hung[hung]:
            raise LearnerTimeout(self.hung[hung], what)  # it hung before: no second wait
        try:
            with _time_limit(seconds):
                reply = self.worker.answer(message)
        except _OutOfTime:
            if hung is not None:
                self.hung[hung] = seconds
            raise LearnerTimeout(seconds, what) from None
        reply = wire.decode(self.worker.encode_reply(reply), lambda ref: self.handle(ref, self.generation))
        if not reply.get("ok"):
            raise LearnerError(reply["error"])
        if "ref" in reply:
            return self.handle(wire.Ref(*reply["ref"]), self.generation)
        return reply["value"]
