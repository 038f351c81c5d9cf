"""Recording answer keys (``grade release``): the public checks, run with a recording ``ref``.

Within :func:`recording`, the ``ref`` fixture is a :class:`Recorder`: a transport
behind the same :class:`grader.sandbox.proxy.Remote` proxy as a kit's
:class:`grader.checking.answer_key.AnswerKey`.  It passes every request through to
the reference module and records what came back (or what was raised) under the
key the kit will compute for the same request.  Load this module as a pytest
plugin (:data:`PLUGIN`) so that hidden checks are left out: their inputs never
enter an answer key.  Only the instructor's grader imports this module; the
checking side knows it only through :func:`grader.checking.reference.set_recorder`.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np

from grader import exercises
from grader.checking import reference
from grader.checking.answer_key import Store
from grader.checking.answer_key.keys import Unkeyable, args_label, describe, digest, keyof
from grader.checking.answer_key.transport import KINDS, LEAF_TAG, Handle, KeyTransport, decode_value, encode_value
from grader.sandbox.codec import is_plain
from grader.sandbox.proxy import Remote

PLUGIN = __name__  # pass ("-p", PLUGIN) to grader.checking.runner.grade while recording
MUTABLE = (np.ndarray, list, dict)  # arguments the reference may change in place


def _raised(label: str, exc: Exception) -> dict:
    return {"call": label, "kind": "raise", "type": type(exc).__name__, "message": str(exc)[:500]}


def _mutable_args(args, kwargs):
    for i, a in enumerate(args):
        if isinstance(a, MUTABLE) and is_plain(a, KINDS):
            yield i, a
    for k, a in kwargs.items():
        if isinstance(a, MUTABLE) and is_plain(a, KINDS):
            yield k, a


class Recorder(KeyTransport):
    """Wraps the reference module: passes every request through and records what came back."""

    def __init__(self, store: Store, real_module):
        super().__init__(store)
        self.real_module = real_module
        self.handles[None].real = real_module

    def _unwrap(self, value):
        """The real objects behind this recorder's handles (in containers too)."""
        if isinstance(value, Remote) and value._process is self:
            return self.handles[value._ref.id].real
        if type(value) in (list, tuple):
            return type(value)(self._unwrap(v) for v in value)
        if type(value) is dict:
            return {k: self._unwrap(v) for k, v in value.items()}
        return value

    def _record(self, handle: Handle, key: str, label: str, step, compute, extra=None):
        """Run ``compute`` (the real reference), record its value (or exception) under ``key``."""
        try:
            value = compute()
        except Exception as exc:
            self.store.put(key, _raised(label, exc))
            raise
        reals = {}

        def leaf(obj, path):
            reals[tuple(path)] = obj
            return {"t": LEAF_TAG, "path": list(path), "callable": callable(obj), "type": type(obj).__qualname__}

        node = encode_value(value, leaf)
        entry = {"call": label, "kind": "value", "value": node}
        if extra is not None:
            entry.update(extra())
        self.store.put(key, entry)
        # the check sees exactly what a kit gives back: copies of values, handles for objects
        return decode_value(node, self.object_maker(handle, key, label, step, reals))

    def getattr(self, handle: Handle, name: str):
        real = handle.real
        if handle.root.tainted:
            return getattr(real, name)
        label = f"{handle.label}.{name}"
        key = handle.op("get", name)
        try:
            value = getattr(real, name)
        except Exception as exc:
            self.store.put(key, _raised(label, exc))
            raise
        if callable(value) and not is_plain(value, KINDS):  # a function, a class, a bound method
            type_name = type(value).__qualname__
            self.store.put(key, {"call": label, "kind": "value", "value": {
                "t": LEAF_TAG, "path": [], "callable": True, "attr": True, "type": type_name}})
            return self.attribute(handle, name, label, value, type_name=type_name)
        return self._record(handle, key, label, ["get", name], lambda: value)

    def call(self, handle: Handle, args: tuple, kwargs: dict):
        func, root = handle.real, handle.root
        label = f"{handle.label}({args_label(args, kwargs)})"
        real_args, real_kwargs = self._unwrap(args), self._unwrap(kwargs)
        try:
            if root.tainted:
                raise Unkeyable("an earlier step could not be keyed")
            detail = [keyof(args), keyof(kwargs)]
        except Unkeyable:
            if root is not self.module_root:
                root.tainted = True
            return func(*real_args, **real_kwargs)
        before = {i: keyof(a) for i, a in _mutable_args(real_args, real_kwargs)}

        def changed_args():
            changed = [[i, encode_value(a)] for i, a in _mutable_args(real_args, real_kwargs)
                       if keyof(a) != before[i]]
            return {"mutates": changed} if changed else {}

        try:
            return self._record(handle, handle.op("call", detail), label, ["call", digest(detail)],
                                lambda: func(*real_args, **real_kwargs), changed_args)
        finally:
            self.called(handle, detail)

    def setattr(self, handle: Handle, name: str, value) -> None:
        setattr(handle.real, name, self._unwrap(value))
        try:
            handle.root.did(["set", list(handle.path), name, keyof(value)])
        except Unkeyable:
            handle.root.tainted = True

    def getitem(self, handle: Handle, key_value):
        real = handle.real
        label = f"{handle.label}[{describe(key_value)}]"
        try:
            if handle.root.tainted:
                raise Unkeyable("an earlier step could not be keyed")
            detail = keyof(key_value)
        except Unkeyable:
            return real[self._unwrap(key_value)]
        return self._record(handle, handle.op("item", detail), label, ["item", detail],
                            lambda: real[self._unwrap(key_value)])

    def setitem(self, handle: Handle, key_value, value) -> None:
        handle.real[self._unwrap(key_value)] = self._unwrap(value)
        try:
            handle.root.did(["setitem", list(handle.path), keyof(key_value), keyof(value)])
        except Unkeyable:
            handle.root.tainted = True

    def summarize(self, handle: Handle) -> dict:
        from grader.sandbox.figure_summary import summarize
        return self._record(handle, handle.op("summarize", None), f"{handle.label} (figure)", ["summarize"],
                            lambda: summarize(handle.real))


# ---------------------------------------------------------------------------- recording a run of the checks
_stores: dict[str, Store] | None = None


@contextlib.contextmanager
def recording():
    """Within this block the ``ref`` fixture records; yields ``{module: Store}``.

    Pass ``extra_args=("-p", PLUGIN)`` to :func:`grader.checking.runner.grade` so that
    only public checks run (hidden ones are never recorded).
    """
    global _stores
    saved, stores = _stores, {}

    def recorder(exercise):
        store = stores.setdefault(exercise.module, Store(exercise.module, exercise.id))
        return Recorder(store, exercises.import_solution(exercise.module)).module()

    _stores = stores
    previous = reference.set_recorder(recorder)
    try:
        yield stores
    finally:
        reference.set_recorder(previous)
        _stores = saved


def record_public_checks(root: Path, selected) -> tuple[dict[str, Store], list[str]]:
    """Run the public checks against the reference (and the stubs) while recording.

    Returns the stores and the public checks that the reference did not pass."""
    from grader.checking.runner import grade

    with recording() as stores:
        report = grade(selected, root / "solutions", seed=0, extra_args=("-p", PLUGIN))
        failed = [f"{ex.id} {c.name}: {c.status} {(c.message.en if c.message else '')[:300]}"
                  for ex in report.exercises for c in ex.checks if not c.hidden and c.status != "passed"]
        if not failed:  # the stubs take the checks' failure paths: record what the reference answers there too
            grade(selected, root / "exercises", seed=0, extra_args=("-p", PLUGIN))
    return stores, failed


# ---------------------------------------------------------------------------- pytest plugin
def pytest_collection_modifyitems(config, items):
    """While recording, run public checks only: hidden checks' inputs never enter an answer key."""
    if _stores is None:
        return
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("check")
        (drop if marker is not None and marker.kwargs.get("hidden") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
