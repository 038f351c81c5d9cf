"""The wire between the grader and the worker that runs learner code.

Requests travel grader -> worker as pickles: the worker trusts the grader.
Replies travel worker -> grader in a small *safe* format that can only ever
build plain data (None, bool, int, float, complex, str, bytes, list, tuple,
dict, set, and NumPy arrays/scalars of numeric dtypes) plus references to
objects that stay in the worker.  Nothing the worker sends can make the grader
run code, which is why the grader never unpickles what comes back.

Frame: 8-byte big-endian length, then the payload.  A reply payload is a JSON
document followed by the raw bytes of every array or bytes object it names.
"""
from __future__ import annotations

import json
import os
import select
import struct
import time
from dataclasses import dataclass

import numpy as np

_LEN = struct.Struct(">Q")
MAX_DEPTH = 64
NUMERIC_KINDS = "biufc"


class WireError(Exception):
    """A reply could not be encoded or decoded."""


@dataclass(frozen=True)
class Ref:
    """A reference to an object that lives in the worker (a layer, a network, a function)."""

    id: int | None  # None: the learner's module itself
    attr: str | None = None  # set for a bound attribute such as a method
    type_name: str = "object"
    callable: bool = False


# --------------------------------------------------------------------------- frames
def write_frame(fd: int, payload: bytes) -> None:
    data = memoryview(_LEN.pack(len(payload)) + payload)
    while data:
        written = os.write(fd, data)
        data = data[written:]


def read_exactly(fd: int, n: int, deadline: float | None = None) -> bytes:
    """Read ``n`` bytes; with a ``deadline`` (time.monotonic()), raise TimeoutError past it."""
    chunks = []
    while n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError("the reply did not arrive in time")
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, limit: int = 1 << 31, deadline: float | None = None) -> bytes:
    (size,) = _LEN.unpack(read_exactly(fd, _LEN.size, deadline))
    if size > limit:
        raise WireError(f"reply of {size} bytes is larger than the limit of {limit}")
    return read_exactly(fd, size, deadline)


# --------------------------------------------------------------------------- encode (worker side)
def encode(value, keep) -> bytes:
    """Encode ``value`` as a reply; ``keep(obj)`` stores a non-plain object and returns a Ref."""
    buffers: list[bytes] = []
    tree = _encode(value, keep, buffers, 0)
    head = json.dumps(tree, allow_nan=True).encode()
    sizes = [len(b) for b in buffers]
    meta = json.dumps(sizes).encode()
    return b"".join([_LEN.pack(len(head)), head, _LEN.pack(len(meta)), meta, *buffers])


def _encode(v, keep, buffers, depth):
    if depth > MAX_DEPTH:
        raise WireError("the value is nested too deeply (or contains itself)")
    t = type(v)
    if v is None or t in (bool, str):
        return v
    if t is int:
        return {"t": "int", "v": str(v)} if abs(v) > 2**53 else v
    if t is float:
        return v
    if t is complex:
        return {"t": "complex", "v": [repr(v.real), repr(v.imag)]}
    if t in (list, tuple, set, frozenset):
        items = [_encode(x, keep, buffers, depth + 1) for x in v]
        return items if t is list else {"t": t.__name__, "v": items}
    if t is dict:
        return {"t": "dict", "v": [[_encode(k, keep, buffers, depth + 1),
                                    _encode(x, keep, buffers, depth + 1)] for k, x in v.items()]}
    if t is bytes:
        buffers.append(v)
        return {"t": "bytes", "b": len(buffers) - 1}
    if isinstance(v, np.ndarray) or isinstance(v, np.generic):
        arr = np.asarray(v)
        if arr.dtype.kind not in NUMERIC_KINDS or arr.dtype.fields is not None:
            if arr.dtype == object:
                raise WireError("a NumPy array of dtype=object (mixed Python objects) cannot be graded")
            raise WireError(f"a NumPy array of dtype {arr.dtype} cannot be graded")
        buffers.append(np.ascontiguousarray(arr).tobytes())
        return {"t": "scalar" if isinstance(v, np.generic) else "array",
                "dtype": arr.dtype.str, "shape": list(arr.shape), "b": len(buffers) - 1}
    if t is Ref:  # already kept by the worker
        return {"t": "ref", "id": v.id, "attr": v.attr, "type": v.type_name, "callable": v.callable}
    # subclasses of plain types (IntEnum, str subclasses, ...) travel as their base value
    for base in (bool, int, float, str):
        if isinstance(v, base):
            return _encode(base(v), keep, buffers, depth)
    ref = keep(v)
    return {"t": "ref", "id": ref.id, "attr": ref.attr, "type": ref.type_name, "callable": ref.callable}


# --------------------------------------------------------------------------- decode (grader side)
def decode(payload: bytes, make_ref):
    """Decode a reply into plain data; ``make_ref(Ref)`` turns references into proxies."""
    try:
        view = memoryview(payload)
        (hlen,) = _LEN.unpack(view[:8])
        head = json.loads(bytes(view[8:8 + hlen]))
        pos = 8 + hlen
        (mlen,) = _LEN.unpack(view[pos:pos + 8])
        sizes = json.loads(bytes(view[pos + 8:pos + 8 + mlen]))
        pos += 8 + mlen
        buffers = []
        for size in sizes:
            if not isinstance(size, int) or size < 0 or pos + size > len(view):
                raise WireError("malformed reply")
            buffers.append(bytes(view[pos:pos + size]))
            pos += size
        return _decode(head, buffers, make_ref, 0)
    except WireError:
        raise
    except Exception as exc:  # malformed JSON, struct errors, ...
        raise WireError(f"malformed reply from the worker ({exc})") from None


def _decode(node, buffers, make_ref, depth):
    if depth > MAX_DEPTH + 2:
        raise WireError("malformed reply")
    if node is None or isinstance(node, (bool, int, str)):
        return node
    if isinstance(node, float):
        return node
    if isinstance(node, list):
        return [_decode(x, buffers, make_ref, depth + 1) for x in node]
    if not isinstance(node, dict):
        raise WireError("malformed reply")
    tag = node.get("t")
    if tag == "int":
        return int(node["v"])
    if tag == "complex":
        return complex(float(node["v"][0]), float(node["v"][1]))
    if tag in ("tuple", "set", "frozenset"):
        items = [_decode(x, buffers, make_ref, depth + 1) for x in node["v"]]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {_decode(k, buffers, make_ref, depth + 1): _decode(v, buffers, make_ref, depth + 1)
                for k, v in node["v"]}
    if tag == "bytes":
        return buffers[node["b"]]
    if tag in ("array", "scalar"):
        dtype = np.dtype(str(node["dtype"]))
        if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.hasobject:
            raise WireError("malformed reply")
        shape = tuple(int(s) for s in node["shape"])
        arr = np.frombuffer(buffers[node["b"]], dtype=dtype).reshape(shape).copy()
        return arr[()] if tag == "scalar" else arr
    if tag == "ref":
        return make_ref(Ref(node["id"], node.get("attr"), str(node.get("type")), bool(node.get("callable"))))
    raise WireError("malformed reply")
