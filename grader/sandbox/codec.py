"""One format for plain values: what a worker sends back, and what an answer key stores.

A value becomes a JSON-able *tree*.  JSON's own types carry None, bool, str, small
ints, finite floats and lists; everything else is a small tagged object
``{"t": TAG, ...}``: ``int`` (beyond 2**53, as text), ``float`` (nan and the
infinities, as text), ``complex``, ``tuple``, ``set``, ``frozenset``, ``dict``
(a list of key-value pairs, so keys need not be strings), ``bytes``, and NumPy's
``array`` and ``scalar`` (dtype, shape and the raw bytes).  The bytes of arrays and
``bytes`` objects go where the caller says: appended to a list of buffers (the
node names the index: :mod:`grader.sandbox.wire` sends them after the tree) or
inlined as base64 (an answer key's JSON file).

What is not plain data (a layer, a function, an open figure) is handed to the
caller's *leaf* hook, which keeps the object and returns the node that names it
(the wire's ``ref``, the answer key's ``object``).  Decoding builds nothing but
plain data: it checks every tag, index and dtype (numeric kinds only unless the
caller allows more, never objects or fields), and leaf nodes are passed to the
caller's ``make_leaf``.  Anything malformed raises :class:`CodecError`.
"""
from __future__ import annotations

import base64
import math

import numpy as np

MAX_DEPTH = 64
NUMERIC_KINDS = "biufc"  # bool, signed and unsigned ints, floats, complex
BIG_INT = 2**53  # larger ints travel as text: JSON readers may round them
_BASES = (bool, int, float, str)  # subclasses (IntEnum, a str subclass, ...) travel as their base value
_COLLECTIONS = {"tuple": tuple, "set": set, "frozenset": frozenset}


class CodecError(Exception):
    """A value could not be encoded, or a tree is malformed."""


def allowed_dtype(dtype: np.dtype, kinds: str = NUMERIC_KINDS) -> bool:
    return dtype.kind in kinds and dtype.fields is None and not dtype.hasobject


def unsupported_array(arr: np.ndarray) -> CodecError:
    """The error for an array that cannot travel as a value (in the learner's words)."""
    if arr.dtype == object:
        return CodecError("a NumPy array of dtype=object (mixed Python objects) cannot be graded")
    return CodecError(f"a NumPy array of dtype {arr.dtype} cannot be graded")


def is_plain(value, kinds: str = NUMERIC_KINDS, depth: int = 0) -> bool:
    """Would :func:`encode` describe ``value`` without calling its leaf hook?"""
    if depth > MAX_DEPTH:
        return False
    t = type(value)
    if value is None or t in (bool, int, float, complex, str, bytes):
        return True
    if t in (list, tuple, set, frozenset):
        return all(is_plain(v, kinds, depth + 1) for v in value)
    if t is dict:
        return all(is_plain(k, kinds, depth + 1) and is_plain(v, kinds, depth + 1) for k, v in value.items())
    if isinstance(value, (np.ndarray, np.generic)):
        return allowed_dtype(np.asarray(value).dtype, kinds)
    return isinstance(value, _BASES)


# --------------------------------------------------------------------------- encode
class Encoder:
    """Turns values into trees.

    ``leaf(obj, path)`` returns the node for a non-plain object.  ``buffers``: a list
    that receives the raw bytes (the node holds the index), or None to inline them as
    base64.  With ``paths``, each leaf gets its path (the indexes that lead to it);
    items of sets and keys of dicts have none, so a set or dict holding a non-plain
    item or key is a leaf as a whole.  ``kinds``: the dtype kinds stored as values
    (other arrays go to ``leaf``).
    """

    def __init__(self, leaf, *, buffers: list | None = None, paths: bool = False, kinds: str = NUMERIC_KINDS):
        self.leaf = leaf
        self.buffers = buffers
        self.paths = paths
        self.kinds = kinds

    def encode(self, value):
        return self._node(value, () if self.paths else None, 0)

    def _node(self, v, path, depth):
        if depth > MAX_DEPTH:
            raise CodecError("the value is nested too deeply (or contains itself)")
        t = type(v)
        if v is None or t is bool or t is str:
            return v
        if t is int:
            return {"t": "int", "v": str(v)} if abs(v) > BIG_INT else v
        if t is float:
            return v if math.isfinite(v) else {"t": "float", "v": repr(v)}
        if t is complex:
            return {"t": "complex", "v": [repr(v.real), repr(v.imag)]}
        if t is list or t is tuple:
            items = [self._node(x, _at(path, i), depth + 1) for i, x in enumerate(v)]
            return items if t is list else {"t": "tuple", "v": items}
        if t is set or t is frozenset:
            if path is not None and not is_plain(v, self.kinds):
                return self.leaf(v, path)
            return {"t": t.__name__, "v": [self._node(x, path, depth + 1) for x in v]}
        if t is dict:
            return self._dict(v, path, depth)
        if t is bytes:
            return {"t": "bytes", **self._buffer(v)}
        if isinstance(v, (np.ndarray, np.generic)):
            return self._array(v, path)
        for base in _BASES:
            if isinstance(v, base):
                return self._node(base(v), path, depth)
        return self.leaf(v, path)

    def _dict(self, v: dict, path, depth):
        if path is not None and not all(is_plain(k, self.kinds) for k in v):
            return self.leaf(v, path)
        return {"t": "dict", "v": [[self._node(k, path, depth + 1), self._node(x, _at(path, i), depth + 1)]
                                   for i, (k, x) in enumerate(v.items())]}

    def _array(self, v, path):
        arr = np.asarray(v)
        if not allowed_dtype(arr.dtype, self.kinds):
            return self.leaf(v, path)
        node = {"t": "scalar" if isinstance(v, np.generic) else "array", "dtype": arr.dtype.str,
                "shape": list(arr.shape)}
        node.update(self._buffer(np.ascontiguousarray(arr).tobytes()))
        return node

    def _buffer(self, data: bytes) -> dict:
        if self.buffers is None:
            return {"b64": base64.b64encode(data).decode("ascii")}
        self.buffers.append(data)
        return {"b": len(self.buffers) - 1}


def _at(path, index):
    return None if path is None else path + (index,)


def encode(value, leaf, *, buffers: list | None = None, paths: bool = False, kinds: str = NUMERIC_KINDS):
    """The tree of ``value`` (see :class:`Encoder`)."""
    return Encoder(leaf, buffers=buffers, paths=paths, kinds=kinds).encode(value)


# --------------------------------------------------------------------------- decode
class Decoder:
    """Turns trees back into values; builds plain data only.

    ``make_leaf(node)`` rebuilds a node tagged ``leaf_tag`` (None: no leaf is allowed).
    ``buffers``: the list the encoder filled, or None for inlined base64.
    """

    def __init__(self, make_leaf=None, *, leaf_tag: str | None = None, buffers: list | None = None,
                 kinds: str = NUMERIC_KINDS):
        self.make_leaf = make_leaf
        self.leaf_tag = leaf_tag if make_leaf is not None else None
        self.buffers = buffers
        self.kinds = kinds

    def decode(self, node):
        try:
            return self._value(node, 0)
        except CodecError:
            raise
        except Exception as exc:  # a missing key, a wrong type, a bad size, bad base64, ...
            raise CodecError(f"malformed value ({type(exc).__name__}: {exc})") from None

    def _value(self, node, depth):
        if depth > MAX_DEPTH + 2:
            raise CodecError("malformed value: nested too deeply")
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, list):
            return [self._value(x, depth + 1) for x in node]
        if not isinstance(node, dict):
            raise CodecError("malformed value")
        tag = node.get("t")
        if tag == "int":
            return int(_text(node["v"]))
        if tag == "float":
            return float(_text(node["v"]))
        if tag == "complex":
            real, imag = _list(node["v"], 2)
            return complex(float(_text(real)), float(_text(imag)))
        if tag in _COLLECTIONS:
            return _COLLECTIONS[tag](self._value(x, depth + 1) for x in _list(node["v"]))
        if tag == "dict":
            pairs = [_list(pair, 2) for pair in _list(node["v"])]
            return {self._value(k, depth + 1): self._value(v, depth + 1) for k, v in pairs}
        if tag == "bytes":
            return self._bytes(node)
        if tag in ("array", "scalar"):
            return self._array(node, tag == "scalar")
        if tag is not None and tag == self.leaf_tag:
            return self.make_leaf(node)
        raise CodecError(f"malformed value: unknown tag {tag!r}")

    def _bytes(self, node: dict) -> bytes:
        if self.buffers is None:
            return base64.b64decode(_text(node["b64"]), validate=True)
        index = node["b"]
        if type(index) is not int or not 0 <= index < len(self.buffers):
            raise CodecError("malformed value: no such buffer")
        return self.buffers[index]

    def _array(self, node: dict, scalar: bool):
        dtype = np.dtype(_text(node["dtype"]))
        if not allowed_dtype(dtype, self.kinds):
            raise CodecError(f"malformed value: dtype {dtype} is not allowed")
        shape = _list(node["shape"])
        if any(type(n) is not int or n < 0 for n in shape) or (scalar and shape):
            raise CodecError("malformed value: bad shape")
        arr = np.frombuffer(self._bytes(node), dtype=dtype)
        if arr.size != math.prod(shape):
            raise CodecError("malformed value: the data does not fit the shape")
        arr = arr.reshape(shape).copy()
        return arr[()] if scalar else arr


def _text(value) -> str:
    if not isinstance(value, str):
        raise CodecError("malformed value: text expected")
    return value


def _list(value, length: int | None = None) -> list:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise CodecError("malformed value: list expected")
    return value


def decode(node, make_leaf=None, *, leaf_tag: str | None = None, buffers: list | None = None,
           kinds: str = NUMERIC_KINDS):
    """The value of a tree (see :class:`Decoder`)."""
    return Decoder(make_leaf, leaf_tag=leaf_tag, buffers=buffers, kinds=kinds).decode(node)
