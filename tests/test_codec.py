"""The one value codec (grader.sandbox.codec) behind the wire and the answer keys.

Round trips keep every type, dtype and special value; decoding builds plain data
only and turns anything malformed into an error (WireError on the wire).
"""
from __future__ import annotations

import enum
import json
import struct

import numpy as np
import pytest

from grader.sandbox import codec, wire
from grader.sandbox.wire import Ref, WireError

_LEN = struct.Struct(">Q")


class Color(enum.IntEnum):
    RED = 3


class Name(str):
    pass


PLAIN = [
    None, True, False, 0, -7, 2**53, 2**53 + 1, -(2**80), 1.5, -0.0, float("nan"), float("inf"), float("-inf"),
    1e-310, complex(1, -2), complex(float("nan"), float("inf")), "", "héllo 한국어", b"", b"\x00\xffraw",
    [], [1, [2, [3]]], (), (1, "a", (2.5,)), {1, 2, 3}, frozenset({"a", "b"}), {}, {"a": 1, 2: [3], (1, 2): {4}},
    np.arange(12, dtype=np.int16).reshape(3, 4), np.zeros((0, 3)), np.array(5.0), np.array([True, False]),
    np.array([1 + 2j, 3j], dtype=np.complex64), np.arange(6, dtype=">f8").reshape(2, 3),
    np.arange(10)[::3], np.asfortranarray(np.arange(6.0).reshape(2, 3)),
    np.float32(1.25), np.int64(-3), np.bool_(True), np.uint8(200), np.complex128(1 - 1j),
    {"network": {"W1": np.ones((2, 3)), "b1": np.zeros(3)}, "shape": (2, 3)},
]


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (np.ndarray, np.generic)):
        return a.dtype == b.dtype and np.shape(a) == np.shape(b) and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, float):
        return (a != a and b != b) or (a == b and str(a) == str(b))
    if isinstance(a, complex):
        return _same(a.real, b.real) and _same(a.imag, b.imag)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def _wire_round_trip(value, keep=None):
    return wire.decode(wire.encode(value, keep or (lambda obj: pytest.fail(f"kept {obj!r}"))), lambda ref: ref)


def _payload(tree, buffers=()) -> bytes:
    head, meta = json.dumps(tree).encode(), json.dumps([len(b) for b in buffers]).encode()
    return b"".join([_LEN.pack(len(head)), head, _LEN.pack(len(meta)), meta, *buffers])


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("value", PLAIN, ids=[f"{i}-{type(v).__name__}" for i, v in enumerate(PLAIN)])
def test_plain_values_round_trip_on_the_wire_and_in_an_answer_key(value):
    assert _same(_wire_round_trip(value), value)
    tree = codec.encode(value, lambda obj, path: pytest.fail(f"leaf {obj!r}"), paths=True)
    text = json.dumps(tree, allow_nan=False)  # an answer key is strict JSON: no NaN or Infinity tokens
    assert _same(codec.decode(json.loads(text)), value)
    assert codec.is_plain(value)


def test_decoded_arrays_are_writable_copies():
    arr = _wire_round_trip(np.arange(4.0))
    arr[0] = 9.0
    assert arr.flags.owndata and arr.flags.c_contiguous


def test_subclasses_of_plain_scalars_travel_as_their_base_value():
    assert _same(_wire_round_trip([Color.RED, Name("x")]), [3, "x"])
    assert codec.is_plain(Color.RED)


def test_objects_go_to_the_leaf_hook_and_come_back_as_references():
    kept = []

    def keep(obj):
        kept.append(obj)
        return Ref(len(kept), None, type(obj).__qualname__, callable(obj))

    thing = object()
    got = _wire_round_trip({"obj": thing, "f": len, "n": 1, "ref": Ref(99, "forward", "Layer", True)}, keep)
    assert kept == [thing, len]
    assert got == {"obj": Ref(1, None, "object", False), "f": Ref(2, None, "builtin_function_or_method", True),
                   "n": 1, "ref": Ref(99, "forward", "Layer", True)}


def test_leaves_get_their_path_and_unordered_containers_of_objects_are_leaves():
    a, b = object(), object()
    leaves = []

    def leaf(obj, path):
        leaves.append((obj, path))
        return {"t": "object", "path": list(path)}

    tree = codec.encode([1, (a, {"k": b}), {a}, {a: 1}], leaf, paths=True)
    assert [path for _, path in leaves] == [(1, 0), (1, 1, 0), (2,), (3,)]
    assert leaves[2][0] == {a} and leaves[3][0] == {a: 1}
    back = codec.decode(tree, lambda node: ("obj", tuple(node["path"])), leaf_tag="object")
    assert back == [1, (("obj", (1, 0)), {"k": ("obj", (1, 1, 0))}), ("obj", (2,)), ("obj", (3,))]


def test_string_arrays_are_values_only_where_the_caller_allows_them():
    words = np.array(["ab", "c"])
    with pytest.raises(WireError, match="dtype <U2 cannot be graded"):
        wire.encode(words, lambda obj: Ref(1))
    tree = codec.encode(words, None, kinds="biufcUS")
    assert _same(codec.decode(tree, kinds="biufcUS"), words)
    with pytest.raises(codec.CodecError, match="not allowed"):
        codec.decode(tree)


@pytest.mark.parametrize("value, message", [
    (np.array([object()], dtype=object), "dtype=object"),
    (np.zeros(2, dtype=[("a", "<i4")]), "cannot be graded"),
    (np.array(["2024-01-01"], dtype="datetime64[D]"), "cannot be graded"),
])
def test_arrays_of_other_dtypes_cannot_be_sent(value, message):
    with pytest.raises(WireError, match=message):
        wire.encode(value, lambda obj: Ref(1))


def test_a_value_that_contains_itself_is_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(WireError, match="nested too deeply"):
        wire.encode(loop, lambda obj: Ref(1))


# ---------------------------------------------------------------------------- malformed input
ARRAY = {"t": "array", "dtype": "<f8", "shape": [2], "b": 0}
MALFORMED = {
    "object dtype": (dict(ARRAY, dtype="|O"), [b"\0" * 16]),
    "structured dtype": (dict(ARRAY, dtype="V16"), [b"\0" * 16]),
    "fields in dtype text": (dict(ARRAY, dtype="i4,O"), [b"\0" * 16]),
    "unknown dtype": (dict(ARRAY, dtype="not-a-dtype"), [b"\0" * 16]),
    "dtype not text": (dict(ARRAY, dtype=8), [b"\0" * 16]),
    "data does not fit the shape": (dict(ARRAY, shape=[3]), [b"\0" * 16]),
    "ragged buffer": (ARRAY, [b"\0" * 15]),
    "negative shape": (dict(ARRAY, shape=[-2]), [b"\0" * 16]),
    "shape not a list": (dict(ARRAY, shape="2"), [b"\0" * 16]),
    "scalar with a shape": (dict(ARRAY, t="scalar"), [b"\0" * 16]),
    "negative buffer index": (dict(ARRAY, b=-1), [b"\0" * 16]),
    "buffer index out of range": (dict(ARRAY, b=1), [b"\0" * 16]),
    "buffer index not an int": (dict(ARRAY, b=True), [b"\0" * 16]),
    "inline data on the wire": ({"t": "bytes", "b64": "AAAA"}, []),
    "unknown tag": ({"t": "pickle", "v": "cos\nsystem\n"}, []),
    "no tag": ({"v": [1, 2]}, []),
    "tuple items not a list": ({"t": "tuple", "v": "ab"}, []),
    "dict pair of three": ({"t": "dict", "v": [[1, 2, 3]]}, []),
    "unhashable dict key": ({"t": "dict", "v": [[[1], 2]]}, []),
    "int not text": ({"t": "int", "v": [1]}, []),
    "int not a number": ({"t": "int", "v": "0x10"}, []),
    "complex of one part": ({"t": "complex", "v": ["1.0"]}, []),
    "reference with a bad id": ({"t": "ref", "id": [1], "attr": None, "type": "x", "callable": False}, []),
    "reference with a bad type": ({"t": "ref", "id": 1, "attr": None, "type": None, "callable": False}, []),
    "nested too deeply": (json.loads("[" * 80 + "]" * 80), []),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_replies_raise_wire_errors(name):
    tree, buffers = MALFORMED[name]
    with pytest.raises(WireError):
        wire.decode(_payload(tree, buffers), lambda ref: ref)


@pytest.mark.parametrize("payload", [
    b"", b"\0" * 4, _LEN.pack(100) + b"{}", _LEN.pack(2) + b"{}" + _LEN.pack(3) + b"[8]",
    _payload(1)[:-1] + b"x", _LEN.pack(4) + b"nope" + _LEN.pack(2) + b"[]",
    _LEN.pack(1) + b"1" + _LEN.pack(4) + b"[-1]", _LEN.pack(1) + b"1" + _LEN.pack(2) + b"{}",
])
def test_broken_frames_raise_wire_errors(payload):
    with pytest.raises(WireError):
        wire.decode(payload, lambda ref: ref)


def test_a_well_formed_reply_decodes():
    assert _same(wire.decode(_payload([ARRAY, {"t": "float", "v": "nan"}], [np.arange(2.0).tobytes()]),
                             lambda ref: ref), [np.arange(2.0), float("nan")])


def test_answer_key_trees_are_checked_too():
    good = codec.encode(np.arange(3), None)
    assert _same(codec.decode(good), np.arange(3))
    for bad in (dict(good, b64="***"), dict(good, dtype="|O"), {"t": "object"}, {"t": "array"}):
        with pytest.raises(codec.CodecError):
            codec.decode(bad)
