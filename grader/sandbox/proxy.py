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

import copy
from pathlib import Path
from typing import Protocol

from grader.sandbox import untrusted, wire
from grader.sandbox.process import LearnerProcess


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
        object.__setattr__(self, "_owner", owner)  # a method's: the type of its object ("TwoLayerNet")

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
            return Remote(value._process, value._ref, value._generation, owner=untrusted.note(self._ref.type_name, 80))
        return value

    def __setattr__(self, name: str, value) -> None:
        self._process.request(("setattr", self._ref.id, name, value), self._describe(name))

    def __getitem__(self, key):
        return self._process.request(("getitem", self._ref.id, key), self._describe())

    def __setitem__(self, key, value) -> None:
        self._process.request(("setitem", self._ref.id, key, value), self._describe())

    def __call__(self, *args, **kwargs):
        return self._process.request(("call", self._ref.id, self._ref.attr, args, kwargs),
                                     f"{self._describe()}()")

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

    def call_keep(self, *args, **kwargs) -> "Remote":
        """Call, keeping the result in the worker (for checks on views and in-place writes)."""
        return self._process.request(("call_keep", self._ref.id, self._ref.attr, args, kwargs),
                                     f"{self._describe()}()")


# ---------------------------------------------------------------------- helpers for checks
def is_remote(obj) -> bool:
    return isinstance(obj, Remote)


def put(learner, value):
    """A copy of ``value`` owned by the learner's side (worker or, in-process, a deep copy)."""
    return learner.put(value) if is_remote(learner) else copy.deepcopy(value)


def fetch(obj):
    """Bring a learner-side value back as plain data."""
    return obj.fetch() if is_remote(obj) else obj


def call_keep(func, *args, **kwargs):
    """Call learner code, keeping the result on the learner's side."""
    return func.call_keep(*args, **kwargs) if is_remote(func) else func(*args, **kwargs)


def shared_folder(learner, fallback: Path) -> Path:
    """A folder that both the check and the learner's code may read and write: the worker's
    private scratch folder (the only one its sandbox lets it write), or ``fallback`` in-process."""
    scratch = getattr(learner._process, "scratch", None) if is_remote(learner) else None
    return Path(scratch) if scratch is not None else Path(fallback)


def kit_call(learner, name: str, *args, **kwargs):
    """A kit function's result on the learner's side: handles in a worker, plain values in-process."""
    if is_remote(learner):
        return learner.kit(name, *args, **kwargs)
    from grader.sandbox.worker import KIT
    import importlib
    module, func = KIT[name]
    return getattr(importlib.import_module(module), func)(*args, **kwargs)



def connect(module_path: Path, **options) -> tuple[LearnerProcess, Remote]:
    """Start a worker for ``module_path`` and return it with the proxy of its module."""
    process = LearnerProcess(module_path, **options)
    process.start()
    return process, Remote(process, wire.Ref(None, None, "module"), process.generation)
