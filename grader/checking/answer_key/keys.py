"""Stable keys of what a check does with ``ref``, and short names of it for messages.

A call is keyed by the path that reached the callee, the digests of its arguments
(:func:`keyof`) and of what was done to the object before.  Keys are digests of
JSON, so the same call gives the same key in the process that recorded the
answer key and in a student's kit.
"""
from __future__ import annotations

import functools
import hashlib
import json
import types

import numpy as np

from grader.sandbox.codec import MAX_DEPTH
from grader.sandbox.proxy import Remote


class Unkeyable(Exception):
    """An argument has no stable key (a learner handle, an open file, ...)."""


def digest(data) -> str:
    return hashlib.sha256(json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()


def _array_digest(arr: np.ndarray) -> str:
    return hashlib.blake2b(np.ascontiguousarray(arr).tobytes(), digest_size=20).hexdigest()


def _handle_key(value: Remote) -> list:
    """A reference object's key: only an answer key's transport can name its objects."""
    key_of = getattr(value._process, "key_of", None)
    if key_of is None:
        raise Unkeyable("a handle to learner code")
    return ["ref", key_of(value._ref)]


def keyof(value, depth: int = 0):
    """A JSON-able description of ``value`` that is equal exactly when the values are equal.

    Arrays are described by dtype, shape and a digest of their bytes; floats by
    ``repr``; functions by module and qualified name (plus a digest of their code
    when they are not importable by name); reference objects by their own key.
    """
    if depth > MAX_DEPTH:
        raise Unkeyable("nested too deeply")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return ["int", str(value)]
    if t is float:
        return ["float", repr(value)]
    if t is complex:
        return ["complex", repr(value)]
    if isinstance(value, Remote):
        return _handle_key(value)
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return ["objarray", list(value.shape), [keyof(v, depth + 1) for v in value.ravel().tolist()]]
        return ["array", value.dtype.str, list(value.shape), _array_digest(value)]
    if isinstance(value, np.generic):
        return ["scalar", value.dtype.str, value.tobytes().hex()]
    for base in (bool, int, float, str):  # subclasses: IntEnum, a str subclass, ...
        if isinstance(value, base):
            return keyof(base(value), depth)
    return _container_key(value, depth)


def _container_key(value, depth: int):
    if isinstance(value, bytes):
        return ["bytes", hashlib.sha256(value).hexdigest()]
    if isinstance(value, (list, tuple)):
        return ["tuple" if isinstance(value, tuple) else "list", [keyof(v, depth + 1) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[keyof(k, depth + 1), keyof(v, depth + 1)] for k, v in value.items()]]
    if isinstance(value, (set, frozenset)):
        items = [keyof(v, depth + 1) for v in value]
        return ["set", sorted(items, key=lambda k: json.dumps(k, sort_keys=True))]
    if type(value) is range:
        return ["range", value.start, value.stop, value.step]
    if type(value) is slice:
        return ["slice", keyof(value.start, depth + 1), keyof(value.stop, depth + 1), keyof(value.step, depth + 1)]
    if value is Ellipsis:
        return ["ellipsis"]
    if isinstance(value, np.dtype):
        return ["dtype", value.str]
    return _callable_key(value, depth)


def _callable_key(value, depth: int):
    if isinstance(value, functools.partial):
        return ["partial", keyof(value.func, depth + 1), keyof(value.args, depth + 1),
                keyof(value.keywords, depth + 1)]
    if isinstance(value, type):
        return ["type", value.__module__, value.__qualname__]
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, np.ufunc)):
        module = getattr(value, "__module__", None) or ""
        qualname = getattr(value, "__qualname__", None) or getattr(value, "__name__", "?")
        described = ["function", module, qualname]
        if isinstance(value, types.FunctionType) and ("<" in qualname):  # a lambda or a local function
            described.append(_code_key(value.__code__))
            described.append(keyof(value.__defaults__, depth + 1))
            described.append([keyof(c.cell_contents, depth + 1) for c in value.__closure__ or ()])
        return described
    if isinstance(value, types.MethodType) and isinstance(value.__self__, type):
        return ["classmethod", keyof(value.__self__, depth + 1), value.__name__]
    raise Unkeyable(type(value).__name__)


def _code_key(code: types.CodeType) -> str:
    consts = [(_code_key(c) if isinstance(c, types.CodeType) else repr(c)) for c in code.co_consts]
    return hashlib.sha256(repr((code.co_code, consts, code.co_names, code.co_varnames)).encode()).hexdigest()


# ---------------------------------------------------------------------------- names for messages
def describe(value, limit: int = 60) -> str:
    """A short, readable name of an argument for messages."""
    if isinstance(value, Remote) and hasattr(value._process, "label_of"):
        return value._process.label_of(value._ref)
    if isinstance(value, np.ndarray):
        return f"<array shape {value.shape} {value.dtype}>"
    if isinstance(value, functools.partial):
        return f"partial({getattr(value.func, '__name__', '?')}, ...)"
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def args_label(args, kwargs) -> str:
    parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)
