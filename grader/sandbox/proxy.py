"""The proxy that checks use to reach learner code: ``learner.softmax(x)``.

A :class:`Remote` turns each attribute access, call or item access into a request
(a tuple such as ``("call", ref_id, attr, args, kwargs)``, the ops of
:meth:`grader.sandbox.worker.Worker.handle`) and hands it to its *transport*, which
answers with plain data or with a further ``Remote`` for an object that stays on the
learner's side.  Transports are interchangeable (:class:`Transport`): a worker
process over pipes (:class:`grader.sandbox.process.LearnerProcess`), the notebook's
own namespace in-process, or a recorded answer key.  The helpers :func:`put`,
:func:`fetch`, :func:`call_keep` and :func:`kit_call` also accept plain objects.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import json
import os
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from grader.sandbox import untrusted, wire

if TYPE_CHECKING:
    from grader.sandbox.process import LearnerProcess

# A line the worker prints that starts with this is a training run's progress, not output
# (see TrainingMonitor and grader.sandbox.process._OutputSink).  This module stays importable
# in the worker, whose sandbox lets it read little of the grader: no import of process here.
PROGRESS_MARK = b"\x00grader-progress "


class Transport(Protocol):
    """What a :class:`Remote` needs of whatever serves its requests."""

    module_path: Path  # names the learner's module in messages
    callables: dict[str, str]  # the module's functions and classes: name -> type name
    generation: int  # changes when the learner's side restarts; older handles are stale
    timeout: float  # seconds a call may take

    def request(self, message: tuple, what: str, timeout: float | None = None):
        """Serve ``message``; ``what`` names it in a time-out message."""

    def handle(self, ref: wire.Ref, generation: int) -> "Remote":
        """The proxy for an object that stays on the learner's side."""


class Remote:
    """A proxy for something in the worker: the module, an object, a function or a method."""

    __slots__ = ("_process", "_ref", "_generation", "_owner")

    def __init__(self, process: Transport, ref: wire.Ref, generation: int, owner: str | None = None):
        object.__setattr__(self, "_process", process)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_generation", generation)
        # a method's: the type of its object ("TwoLayerNet"); an object's: what made it (see _made)
        object.__setattr__(self, "_owner", owner)

    def _describe(self, name: str | None = None) -> str:
        ref = self._ref
        base = ref.attr if ref.attr else (ref.type_name if ref.id is not None else self._process.module_path.stem)
        if ref.attr and self._owner:
            base = f"{self._owner}.{base}"  # net.predict() is TwoLayerNet.predict(), not the module's predict()
        return f"{base}.{name}" if name else base

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._ref.attr is not None:
            raise AttributeError(f"{self._ref.attr}.{name}")
        process = self._process
        if self._ref.id is None and name in process.callables:
            # a function or class of the module: it is looked up by name when called
            return Remote(process, wire.Ref(None, name, process.callables[name], True), process.generation)
        value = process.request(("getattr", self._ref.id, name), self._describe(name))
        if self._ref.id is not None and isinstance(value, Remote) and value._ref.attr == name \
                and value._ref.id == self._ref.id:  # a method of this object
            owner = self._owner or untrusted.note(self._ref.type_name, 80)  # see _made
            return Remote(value._process, value._ref, value._generation, owner=owner)
        return value

    def __setattr__(self, name: str, value) -> None:
        self._process.request(("setattr", self._ref.id, name, value), self._describe(name))

    def __getitem__(self, key):
        return self._process.request(("getitem", self._ref.id, key), self._describe())

    def __setitem__(self, key, value) -> None:
        self._process.request(("setitem", self._ref.id, key, value), self._describe())

    def __call__(self, *args, **kwargs):
        # official grading keeps what a function of the module answered (grader.checking.fresh_answers)
        answers = getattr(self._process, "answers", None) if self._ref.id is None and self._ref.attr else None
        pending = answers.before(self._ref.attr, args, kwargs) if answers is not None else None
        if pending is None:
            return self._made(self._process.request(("call", self._ref.id, self._ref.attr, args, kwargs),
                                                    f"{self._describe()}()"))
        try:
            value = self._made(self._process.request(("call", self._ref.id, self._ref.attr, args, kwargs),
                                                     f"{self._describe()}()"))
        except BaseException as exc:
            pending.raised(exc)
            raise
        pending.returned(value)
        return value

    def prefetch(self, calls: list[tuple], keywords: list[dict] | None = None) -> None:
        """Make these calls now (``keywords``: each one's keyword arguments), in one round trip; the same
        calls made next are answered from what came back, exactly as if they were made then (see
        :mod:`grader.sandbox.ahead`)."""
        prefetch = getattr(self._process, "prefetch", None)  # a transport without it: each call asks
        if prefetch is not None:
            calls = [tuple(args) for args in calls]
            keywords = [dict(kw) for kw in keywords] if keywords is not None else [{} for _ in calls]
            prefetch([("call", self._ref.id, self._ref.attr, args, kw) for args, kw in zip(calls, keywords)],
                     f"{self._describe()}()")
            answers = getattr(self._process, "answers", None) if self._ref.id is None and self._ref.attr else None
            made = getattr(self._process, "ahead", None)
            if answers is not None and made is not None:  # official grading keeps them (grader.checking.fresh_answers)
                answers.prefetched(self._ref.attr, calls, made.waiting(), keywords)

    def _made(self, value):
        """An object that a function or class of the module made is known by that name ("SimpleNet":
        its methods are "SimpleNet.predict()"), which the check chose, not by the type name that the
        worker reports, which the learner's code chooses (see LearnerProcess.called)."""
        if self._ref.id is None and self._ref.attr and type(value) is Remote and value._ref.id is not None \
                and value._ref.attr is None:
            return Remote(value._process, value._ref, value._generation, owner=self._ref.attr)
        return value

    def __reduce__(self):  # travels back to the worker as a reference
        return (wire.Ref, (self._ref.id, self._ref.attr, self._ref.type_name, self._ref.callable))

    def __repr__(self) -> str:
        return f"<{self._ref.type_name} {self._describe()} in your code>"

    # helpers for checks that must look inside the worker
    def keep(self, name: str) -> "Remote":
        """A handle to attribute ``name`` itself (for example a ``params`` dict), not a copy."""
        return self._process.request(("keep", self._ref.id, name), self._describe(name))

    def put(self, value) -> "Remote":
        """A handle to a copy of ``value`` that lives in the worker."""
        return self._process.request(("put", None, value), "put")

    def fetch(self):
        """The current value of this handle, brought back as plain data."""
        return self._process.request(("fetch", self._ref.id), self._describe())

    def kit(self, name: str, *args, **kwargs):
        """Run a kit function (see ``grader.sandbox.worker.KIT``) in the worker, keeping its results there."""
        return self._process.request(("kit", None, name, args, kwargs), name, timeout=max(self._process.timeout, 120))

    def summarize(self) -> dict:
        """A plain-data summary of a Matplotlib figure (see :mod:`grader.checking.figures`)."""
        return self._process.request(("summarize", self._ref.id), self._describe())

    def call_each(self, calls: list[tuple], attribute: str | None = None) -> list:
        """``[self(*args) for args in calls]`` in one request: the same calls, in the same order, each on
        its own copy of its arguments (as separate requests would), but one round trip for them all.
        With ``attribute``, each result's attribute instead (``[Net().W for ...]``)."""
        values = self._process.request(("call_each", self._ref.id, self._ref.attr, [tuple(c) for c in calls],
                                        attribute), f"{self._describe()}()")
        return [self._made(value) for value in values] if type(values) is list else values

    def call_keep(self, *args, **kwargs) -> "Remote":
        """Call, keeping the result in the worker (for checks on views and in-place writes)."""
        return self._made(self._process.request(("call_keep", self._ref.id, self._ref.attr, args, kwargs),
                                                f"{self._describe()}()"))


# ---------------------------------------------------------------------- helpers for checks
def is_remote(obj) -> bool:
    return isinstance(obj, Remote)


def put(learner, value):
    """A copy of ``value`` owned by the learner's side (worker or, in-process, a deep copy)."""
    return learner.put(value) if is_remote(learner) else copy.deepcopy(value)


def fetch(obj):
    """Bring a learner-side value back as plain data."""
    return obj.fetch() if is_remote(obj) else obj


def call_each(func, calls, attribute: str | None = None) -> list:
    """``[func(*args) for args in calls]`` (with ``attribute``: each result's attribute); one request
    when ``func`` lives in a worker (see Remote.call_each)."""
    calls = [tuple(c) for c in calls]
    if is_remote(func):
        return func.call_each(calls, attribute)
    results = [func(*args) for args in calls]
    return results if attribute is None else [getattr(r, attribute) for r in results]


def prefetch(func, calls, keywords=None) -> None:
    """Before a check calls ``func(*args)`` for each ``args`` of ``calls`` (in that order; ``keywords``:
    each call's keyword arguments, as the check will pass them): when ``func`` lives in a worker, make the
    calls in one round trip (see Remote.prefetch); in-process, nothing."""
    if is_remote(func):
        func.prefetch([tuple(c) for c in calls], keywords)


def call_keep(func, *args, **kwargs):
    """Call learner code, keeping the result on the learner's side."""
    return func.call_keep(*args, **kwargs) if is_remote(func) else func(*args, **kwargs)


@contextlib.contextmanager
def unrecorded(learner):
    """Within: calls of learner code are not recorded as the check's (see LearnerProcess.called).
    For probes that look for the cause of a failure: official grading asks which functions a check
    grades (grader.checking.plugin.forfeit_fixed_only), and a learner who makes a check fail on
    purpose must not make it look as if that check had graded the functions its hint probes, nor
    as if a probe on the kit's examples were a fresh input answered (grader.checking.fresh_answers)."""
    process = getattr(learner, "_process", None) if type(learner).__name__ == "Remote" else None  # or a stand-in
    kept = {name: getattr(process, name, None) for name in ("called", "answers")}  # (answers: official grading's)
    kept = {name: value for name, value in kept.items() if value is not None}
    if not kept:
        yield
        return
    for name in kept:
        setattr(process, name, None)
    try:
        yield
    finally:
        for name, value in kept.items():
            setattr(process, name, value)


def hand_file(learner, name: str, data: bytes, fallback: Path) -> str:
    """Write a file for the learner's code to read, and return its path: in a worker, into its own
    scratch folder (which only that worker sees: grader.sandbox.namespaces), else into ``fallback``."""
    if is_remote(learner):
        return fetch(learner.kit("write_scratch_file", name, data))
    path = Path(fallback) / name
    path.write_bytes(data)
    return str(path)


def kit_call(learner, name: str, *args, **kwargs):
    """A kit function's result on the learner's side: handles in a worker, plain values in-process."""
    if is_remote(learner):
        return learner.kit(name, *args, **kwargs)
    from grader.sandbox.worker import KIT
    import importlib
    module, func = KIT[name]
    return getattr(importlib.import_module(module), func)(*args, **kwargs)



class TrainingMonitor:
    """Counts a training run's iterations from inside the learner's process, and reports them.

    A check puts one into the worker (:func:`put`) and attaches it to the network
    it hands to the learner's ``train``: for the run, the network's class counts each call of
    ``gradient`` (or ``numerical_gradient``) as an iteration and keeps the last results of
    ``loss`` and ``accuracy``, the way every version of the lecture's loop calls them.  About
    four times a second the numbers go to the grader as a line marked
    :data:`PROGRESS_MARK` on the worker's output (``report``), or, in-process,
    stay in :attr:`state`.  What comes back is the learner's side's word, for display only.
    """

    COUNTED = ("gradient", "numerical_gradient")
    WATCHED = ("gradient", "numerical_gradient", "loss", "accuracy")

    def __init__(self, test_size: int = 0, report: bool = True):
        self.test_size, self.report = test_size, report
        self.state: dict = {"iterations": 0}
        self.losses: deque = deque(maxlen=100)
        self.started = self.sent = 0.0
        self.patched: list = []
        self.inside = threading.local()  # how deep in watched calls each thread is

    def __getstate__(self):  # it travels to the worker before anything is attached
        return {"test_size": self.test_size, "report": self.report}

    def __setstate__(self, state):
        self.__init__(**state)

    def attach(self, network) -> int:
        """Watch the methods of ``network``'s class until :meth:`detach`; how many are watched."""
        cls = type(network)
        for name in self.WATCHED:
            method = inspect.getattr_static(cls, name, None)
            if not inspect.isfunction(method) or name in getattr(network, "__dict__", {}):
                continue
            own = name in cls.__dict__  # else inherited: the class gets it back from its base
            try:
                setattr(cls, name, self._watch(name, method))
            except (TypeError, AttributeError):  # a class that cannot be changed: not watched
                continue
            self.patched.append((cls, name, own, method))
        return len(self.patched)

    def detach(self) -> None:
        """Give the watched class its own methods back (after reporting the last numbers)."""
        self.send()
        while self.patched:
            cls, name, own, method = self.patched.pop()
            with contextlib.suppress(TypeError, AttributeError):
                setattr(cls, name, method) if own else delattr(cls, name)

    def _watch(self, name, method):
        monitor, inside = self, self.inside

        @functools.wraps(method)
        def watched(this, *args, **kwargs):
            depth = getattr(inside, "depth", 0)
            inside.depth = depth + 1  # the loss inside numerical_gradient is no iteration's loss
            try:
                value = method(this, *args, **kwargs)
            finally:
                inside.depth = depth
            if not depth:
                with contextlib.suppress(Exception):
                    monitor.saw(name, value, args, this)
            return value

        return watched

    def saw(self, name: str, value, args, network=None) -> None:
        state, now = self.state, time.monotonic()
        if name in self.COUNTED:
            if not state["iterations"]:
                self.started = now
            state["iterations"] += 1
            state["seconds"] = now - self.started
            loss = getattr(network, "last_loss", None)  # a network that keeps the loss its gradient computed
            if isinstance(loss, (int, float)):
                self._loss(loss)
        elif name == "loss":
            self._loss(value)
        else:
            test = bool(self.test_size) and len(args[0]) == self.test_size
            state["test_acc" if test else "train_acc"] = float(value)
        if now - self.sent >= 0.25 or state["iterations"] == 1:
            self.send()

    def _loss(self, value) -> None:
        self.losses.append(float(value))
        self.state["loss"] = sum(self.losses) / len(self.losses)

    def send(self) -> None:
        """The numbers to the grader now (``report``): a line on the worker's output, which it reads."""
        self.sent = time.monotonic()
        if not self.report:
            return
        with contextlib.suppress(OSError, ValueError):
            os.write(1, PROGRESS_MARK + json.dumps(self.state).encode() + b"\n")


def connect(module_path: Path, **options) -> tuple[LearnerProcess, Remote]:
    """Start a worker for ``module_path`` and return it with the proxy of its module."""
    from grader.sandbox.process import LearnerProcess
    process = LearnerProcess(module_path, **options)
    process.start()
    return process, Remote(process, wire.Ref(None, None, "module"), process.generation)
