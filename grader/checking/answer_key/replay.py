"""A student kit's ``ref``: the reference's answers, replayed from a recorded :class:`Store`.

Every request is keyed as it was when the kit was made
(:mod:`grader.instructor.record_keys`); a request the record does not hold raises
:class:`AnswerKeyMiss`, so a check never passes on a missing answer.  Replaying
runs no code of the record: its values are decoded by :mod:`grader.sandbox.codec`,
which builds plain data only, and its objects are handles.
"""
from __future__ import annotations

import builtins
from pathlib import Path

import numpy as np

from grader.checking.answer_key.keys import Unkeyable, args_label, describe, digest, keyof
from grader.checking.answer_key.store import AnswerKeyMiss, Store
from grader.checking.answer_key.transport import Handle, KeyTransport, decode_value


def _restore_into(target, value) -> None:
    """Make ``target`` (an argument the reference changed in place) equal to ``value``."""
    if isinstance(target, np.ndarray):
        target[...] = value
    elif isinstance(target, list):
        target[:] = value
    elif isinstance(target, dict):
        target.clear()
        target.update(value)


def _recorded_exception(entry: dict) -> Exception:
    exc_type = getattr(builtins, str(entry.get("type", "")), None)
    if not (isinstance(exc_type, type) and issubclass(exc_type, Exception)):
        exc_type = RuntimeError
    return exc_type(str(entry.get("message", "")))


class AnswerKey(KeyTransport):
    """Answers the reference's calls from a recorded :class:`Store` (a student kit's ``ref``)."""

    @classmethod
    def load(cls, path: Path) -> "AnswerKey":
        return cls(Store.load(path))

    def _answer(self, handle: Handle, key: str, label: str, step, args=(), kwargs=None):
        entry = self.store.entries.get(key)
        if entry is None:
            raise AnswerKeyMiss(label)
        kind = entry.get("kind")
        if kind == "ambiguous":
            raise AnswerKeyMiss(label, ambiguous=True)
        if kind == "raise":
            raise _recorded_exception(entry)
        for where, node in entry.get("mutates", ()):
            target = args[where] if isinstance(where, int) else (kwargs or {}).get(where)
            if target is not None:
                _restore_into(target, decode_value(node))
        return decode_value(entry["value"], self.object_maker(handle, key, label, step))

    def getattr(self, handle: Handle, name: str):
        label = f"{handle.label}.{name}"
        if handle.root.tainted:
            raise AnswerKeyMiss(label)
        key = handle.op("get", name)
        entry = self.store.entries.get(key)
        if entry is None:  # perhaps only ever called: let the call decide
            return self.attribute(handle, name, label, unknown=True)
        value = entry.get("value")
        if isinstance(value, dict) and value.get("attr"):  # a function, class or method
            return self.attribute(handle, name, label, type_name=str(value.get("type", "function")))
        return self._answer(handle, key, label, ["get", name])

    def call(self, handle: Handle, args: tuple, kwargs: dict):
        label = f"{handle.label}({args_label(args, kwargs)})"
        if handle.root.tainted:
            raise AnswerKeyMiss(label)
        try:
            detail = [keyof(args), keyof(kwargs)]
        except Unkeyable:
            raise AnswerKeyMiss(label) from None
        try:
            return self._answer(handle, handle.op("call", detail), label, ["call", digest(detail)], args, kwargs)
        finally:
            self.called(handle, detail)

    def setattr(self, handle: Handle, name: str, value) -> None:
        try:
            handle.root.did(["set", list(handle.path), name, keyof(value)])
        except Unkeyable:
            handle.root.tainted = True

    def getitem(self, handle: Handle, key_value):
        label = f"{handle.label}[{describe(key_value)}]"
        try:
            detail = keyof(key_value)
        except Unkeyable:
            raise AnswerKeyMiss(label) from None
        return self._answer(handle, handle.op("item", detail), label, ["item", detail])

    def setitem(self, handle: Handle, key_value, value) -> None:
        try:
            handle.root.did(["setitem", list(handle.path), keyof(key_value), keyof(value)])
        except Unkeyable:
            handle.root.tainted = True

    def summarize(self, handle: Handle) -> dict:
        return self._answer(handle, handle.op("summarize", None), f"{handle.label} (figure)", ["summarize"])
