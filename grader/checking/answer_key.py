"""Answer keys: the reference solution's results for the public checks, without its code.

A student kit (``grade release``) ships no reference solution.  Its public
checks still compare against the reference: when the kit is made, the public
checks run against ``solutions/`` with ``ref`` replaced by a :class:`Recorder`,
which passes every call through to the reference module and writes down what
came back.  In the kit, ``ref`` is an :class:`AnswerKey` that answers the same
calls from that record.  Public checks draw their inputs from a fixed seed
(:data:`grader.checking.plugin.PUBLIC_SEED`), so they make the same calls again.

What is recorded is data only: for each call, a stable key (the path of the
call, such as ``softmax`` or ``MulLayer().forward``, a digest of its arguments
and of what was done to the object before) and the plain value returned
(numbers, strings, lists, dicts, NumPy arrays ...), stored as JSON.  Objects
(a ``MulLayer``, a ``TwoLayerNet``, a function returned by ``tangent_line``)
are not stored: they are named by the chain of calls that created them, and
calls on them are keyed by that chain plus everything done to them so far.

A call the record does not hold makes the check fail with a message that says
so (:class:`AnswerKeyMiss`): the kit never guesses and never lets a check pass
on a missing answer.

Modes of :func:`reference` (used by the ``ref`` fixture):

* recording (:func:`recording`, used by ``grade release``): the real module,
  wrapped in a :class:`Recorder`;
* the environment variable ``GRADER_ANSWER_KEY=DIR``: the answer keys in ``DIR``;
* a kit (``grader/answer_keys/`` exists): the answer keys shipped with it;
* otherwise: the module ``solutions.<module>`` itself.
"""
from __future__ import annotations

import base64
import builtins
import contextlib
import functools
import hashlib
import importlib
import json
import os
import types
from pathlib import Path

import numpy as np

from grader.checking.check import CheckFailed
from grader.i18n import T

FORMAT = "dlscratch-answer-key/1"
KEYS_DIR = Path(__file__).resolve().parents[1] / "answer_keys"
ENV = "GRADER_ANSWER_KEY"

__all__ = ["AnswerKey", "AnswerKeyMiss", "Recorder", "Store", "reference", "recording", "key_path",
           "student_kit"]


def student_kit() -> bool:
    """Is this installation a student kit (answer keys instead of reference solutions)?"""
    return KEYS_DIR.is_dir()


def key_path(module: str, directory: Path | None = None) -> Path:
    return Path(directory or KEYS_DIR) / f"{module}.json"


# ============================================================================ errors
class AnswerKeyMiss(CheckFailed):
    """The record has no answer for a call: the check fails (never passes) and says why."""

    def __init__(self, label: str, ambiguous: bool = False):
        self.label = label
        if ambiguous:
            message = T(
                f"The student kit cannot answer {label}: when the kit was made, the reference solution gave "
                "different results for this same call, so there is no single recorded answer. This check "
                "cannot be graded in the kit and counts as failed here; your instructor's grading runs it "
                "with the reference solution.",
                f"학생용 키트가 {label}에 답할 수 없습니다. 키트를 만들 때 같은 호출에 참조 답안이 서로 다른 결과를 "
                "냈기 때문에 기록된 답이 하나로 정해지지 않습니다. 이 검사는 키트에서 채점할 수 없어 여기서는 실패로 "
                "처리합니다. 강사 채점에서는 참조 답안으로 실행됩니다.")
        else:
            message = T(
                f"The student kit has no recorded reference answer for {label}. Your code led this check to "
                "a call that was not recorded when the kit was made, so it cannot be graded here and counts "
                "as failed; your instructor's grading runs it with the reference solution.",
                f"학생용 키트에 {label}의 참조 답안이 기록되어 있지 않습니다. 여러분의 코드 때문에 이 검사가 키트를 "
                "만들 때 기록하지 않은 호출로 진행되어 여기서는 채점할 수 없으므로 실패로 처리합니다. 강사 채점에서는 "
                "참조 답안으로 실행됩니다.")
        hint = T("This usually follows from a wrong value returned earlier in the same check: compare your "
                 "results with the lecture's on the inputs shown in the other failed checks.",
                 "보통 같은 검사에서 앞서 반환한 값이 틀렸을 때 생깁니다. 다른 실패한 검사에 나온 입력에서 여러분의 "
                 "결과를 강의의 결과와 비교해 보세요.")
        super().__init__(message, hint)


class Unkeyable(Exception):
    """An argument has no stable key (a learner handle, an open file, ...)."""


# ============================================================================ keys
def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()


def _array_digest(arr: np.ndarray) -> str:
    return hashlib.blake2b(np.ascontiguousarray(arr).tobytes(), digest_size=20).hexdigest()


def keyof(value, depth: int = 0):
    """A JSON-able description of ``value`` that is equal exactly when the values are equal.

    Arrays are described by dtype, shape and a digest of their bytes; floats by
    ``repr``; functions by module and qualified name (plus a digest of their code
    when they are not importable by name); reference objects by their own key.
    """
    if depth > 64:
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
    if isinstance(value, _Ref):
        return ["ref", object.__getattribute__(value, "_key")()]
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return ["objarray", list(value.shape), [keyof(v, depth + 1) for v in value.ravel().tolist()]]
        return ["array", value.dtype.str, list(value.shape), _array_digest(value)]
    if isinstance(value, np.generic):
        return ["scalar", value.dtype.str, value.tobytes().hex()]
    for base in (bool, int, float, str):  # subclasses: IntEnum, a str subclass, ...
        if isinstance(value, base):
            return keyof(base(value), depth)
    if isinstance(value, bytes):
        return ["bytes", hashlib.sha256(value).hexdigest()]
    if isinstance(value, (list, tuple)):
        return ["tuple" if isinstance(value, tuple) else "list", [keyof(v, depth + 1) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[keyof(k, depth + 1), keyof(v, depth + 1)] for k, v in value.items()]]
    if isinstance(value, (set, frozenset)):
        items = [keyof(v, depth + 1) for v in value]
        return ["set", sorted(items, key=lambda k: json.dumps(k, sort_keys=True))]
    if t is range:
        return ["range", value.start, value.stop, value.step]
    if t is slice:
        return ["slice", keyof(value.start, depth + 1), keyof(value.stop, depth + 1), keyof(value.step, depth + 1)]
    if value is Ellipsis:
        return ["ellipsis"]
    if isinstance(value, np.dtype):
        return ["dtype", value.str]
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


def _describe(value, limit: int = 60) -> str:
    """A short, readable name of an argument for messages."""
    if isinstance(value, _Ref):
        return object.__getattribute__(value, "_label")
    if isinstance(value, np.ndarray):
        return f"<array shape {value.shape} {value.dtype}>"
    if isinstance(value, functools.partial):
        return f"partial({getattr(value.func, '__name__', '?')}, ...)"
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _args_label(args, kwargs) -> str:
    parts = [_describe(a) for a in args] + [f"{k}={_describe(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)


# ============================================================================ values
PLAIN_KINDS = "biufcUS"


def is_plain(value, depth: int = 0) -> bool:
    if depth > 64:
        return False
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in PLAIN_KINDS and value.dtype.fields is None
    if isinstance(value, np.generic):
        return value.dtype.kind in PLAIN_KINDS
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(is_plain(k, depth + 1) and is_plain(v, depth + 1) for k, v in value.items())
    return False


def encode(value, on_object, depth: int = 0):
    """``value`` as JSON-able data; ``on_object(obj, path)`` names each non-plain leaf."""
    return _encode(value, on_object, (), depth)


def _encode(v, on_object, path, depth):
    if depth > 64:
        raise Unkeyable("nested too deeply")
    if v is None or type(v) in (bool, str):
        return v
    if isinstance(v, np.ndarray):
        if v.dtype.kind in PLAIN_KINDS and v.dtype.fields is None:
            arr = np.array(v, order="C", copy=True)
            return {"t": "array", "dtype": arr.dtype.str, "shape": list(arr.shape),
                    "b64": base64.b64encode(arr.tobytes()).decode()}
        return on_object(v, path)
    if isinstance(v, np.generic):
        if v.dtype.kind in PLAIN_KINDS:
            return {"t": "scalar", "dtype": v.dtype.str, "b64": base64.b64encode(v.tobytes()).decode()}
        return on_object(v, path)
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return int(v) if abs(v) < 2**53 else {"t": "int", "v": str(int(v))}
    if isinstance(v, float):
        v = float(v)
        return v if np.isfinite(v) else {"t": "float", "v": repr(v)}
    if isinstance(v, complex):
        return {"t": "complex", "v": [repr(v.real), repr(v.imag)]}
    if isinstance(v, str):
        return str(v)
    if isinstance(v, bytes):
        return {"t": "bytes", "b64": base64.b64encode(bytes(v)).decode()}
    if isinstance(v, list):
        return [_encode(x, on_object, path + (i,), depth + 1) for i, x in enumerate(v)]
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [_encode(x, on_object, path + (i,), depth + 1) for i, x in enumerate(v)]}
    if isinstance(v, (set, frozenset)):
        if not is_plain(v):
            return on_object(v, path)
        items = [_encode(x, on_object, path, depth + 1) for x in v]
        return {"t": "frozenset" if isinstance(v, frozenset) else "set", "v": items}
    if isinstance(v, dict):
        pairs = []
        for i, (k, x) in enumerate(v.items()):
            if not is_plain(k):
                return on_object(v, path)
            pairs.append([_encode(k, on_object, path, depth + 1), _encode(x, on_object, path + (i,), depth + 1)])
        return {"t": "dict", "v": pairs}
    return on_object(v, path)


def decode(node, make_object):
    """The value that :func:`encode` described; ``make_object(node)`` rebuilds object leaves."""
    if node is None or isinstance(node, (bool, int, float, str)):
        return node
    if isinstance(node, list):
        return [decode(x, make_object) for x in node]
    tag = node.get("t")
    if tag == "array":
        data = base64.b64decode(node["b64"])
        return np.frombuffer(data, dtype=np.dtype(node["dtype"])).reshape(node["shape"]).copy()
    if tag == "scalar":
        return np.frombuffer(base64.b64decode(node["b64"]), dtype=np.dtype(node["dtype"]))[0]
    if tag == "int":
        return int(node["v"])
    if tag == "float":
        return float(node["v"])
    if tag == "complex":
        return complex(float(node["v"][0]), float(node["v"][1]))
    if tag == "bytes":
        return base64.b64decode(node["b64"])
    if tag == "tuple":
        return tuple(decode(x, make_object) for x in node["v"])
    if tag == "set":
        return {decode(x, make_object) for x in node["v"]}
    if tag == "frozenset":
        return frozenset(decode(x, make_object) for x in node["v"])
    if tag == "dict":
        return {decode(k, make_object): decode(v, make_object) for k, v in node["v"]}
    if tag == "object":
        return make_object(node)
    raise ValueError(f"unknown value tag {tag!r} in an answer key")


# ============================================================================ the record
class Store:
    """The entries of one exercise's answer key: key digest -> what the reference did."""

    def __init__(self, module: str, exercise: str = "", entries: dict | None = None):
        self.module = module
        self.exercise = exercise
        self.entries: dict[str, dict] = entries if entries is not None else {}

    def put(self, key: str, entry: dict) -> None:
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = entry
        elif old.get("kind") != "ambiguous" and _canonical(old) != _canonical(entry):
            self.entries[key] = {"call": entry.get("call", ""), "kind": "ambiguous"}

    def to_json(self) -> dict:
        from grader.checking.plugin import PUBLIC_SEED
        return {"format": FORMAT, "exercise": self.exercise, "module": self.module,
                "public_seed": PUBLIC_SEED, "entries": dict(sorted(self.entries.items()))}

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=False),
                       encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> "Store":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path} is not an answer key of format {FORMAT}")
        return cls(data["module"], data.get("exercise", ""), data["entries"])


def _canonical(entry: dict) -> str:
    return json.dumps({k: v for k, v in entry.items() if k != "call"}, sort_keys=True)


# ============================================================================ proxies
class _Root:
    """An object of the reference (or the module itself) and what has been done to it."""

    __slots__ = ("chain", "history", "real", "tainted")

    def __init__(self, chain: str, real=None):
        self.chain = chain
        self.history = ""  # running digest of the operations that may change the object
        self.real = real
        self.tainted = False

    def did(self, step) -> None:
        self.history = _digest([self.history, step])


class _Ref:
    """A reference function, class or object, reached through a :class:`Recorder` or an :class:`AnswerKey`."""

    __slots__ = ("_mode", "_root", "_path", "_label", "_real")

    def __init__(self, mode, root: _Root, path: tuple, label: str, real=None):
        object.__setattr__(self, "_mode", mode)
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_real", real)

    # -- keys
    def _key(self) -> list:
        root = object.__getattribute__(self, "_root")
        return [root.chain, list(object.__getattribute__(self, "_path")), root.history]

    def _op(self, op: str, detail) -> str:
        return _digest([self._key(), op, detail])

    # -- what a check does with it
    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return object.__getattribute__(self, "_mode").getattr(self, name)

    def __setattr__(self, name: str, value) -> None:
        object.__getattribute__(self, "_mode").setattr(self, name, value)

    def __getitem__(self, key):
        return object.__getattribute__(self, "_mode").getitem(self, key)

    def __setitem__(self, key, value) -> None:
        object.__getattribute__(self, "_mode").setitem(self, key, value)

    def summarize(self) -> dict:
        """A figure's plain summary (see :mod:`grader.checking.figures`)."""
        return object.__getattribute__(self, "_mode").summarize(self)

    def __repr__(self) -> str:
        return f"<reference {object.__getattribute__(self, '_label')}>"

    __hash__ = object.__hash__


class _CallableRef(_Ref):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return object.__getattribute__(self, "_mode").call(self, args, kwargs)


class _UnknownRef(_CallableRef):
    """A name the record does not describe: any use of it is a miss."""

    __slots__ = ()

    def _miss(self, *args, **kwargs):
        raise AnswerKeyMiss(object.__getattribute__(self, "_label"))

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _miss
    __bool__ = __len__ = __iter__ = __contains__ = __float__ = __int__ = __index__ = __array__ = _miss
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _miss
    __pow__ = __rpow__ = __neg__ = __abs__ = __matmul__ = __rmatmul__ = _miss
    __hash__ = object.__hash__


def _attr(obj, name):
    return object.__getattribute__(obj, name)


def _new_ref(mode, root, path, label, real=None, is_callable=True, unknown=False) -> _Ref:
    cls = _UnknownRef if unknown else (_CallableRef if is_callable else _Ref)
    return cls(mode, root, path, label, real)


def _unwrap(value):
    """The real objects behind recorder proxies (in containers too)."""
    if isinstance(value, _Ref):
        return _attr(value, "_real")
    if type(value) in (list, tuple):
        return type(value)(_unwrap(v) for v in value)
    if type(value) is dict:
        return {k: _unwrap(v) for k, v in value.items()}
    return value


MUTABLE = (np.ndarray, list, dict)


def _restore_into(target, value) -> None:
    """Make ``target`` (an argument the reference changed in place) equal to ``value``."""
    if isinstance(target, np.ndarray):
        target[...] = value
    elif isinstance(target, list):
        target[:] = value
    elif isinstance(target, dict):
        target.clear()
        target.update(value)


class _Mode:
    """What recording and replaying share: keys, labels and turning entries into values."""

    def __init__(self, store: Store):
        self.store = store
        self.module_root = _Root("ref")

    def module(self) -> _Ref:
        return _Ref(self, self.module_root, (), "ref", getattr(self, "real_module", None))

    def _child_path(self, ref: _Ref, step) -> tuple:
        return _attr(ref, "_path") + (step,)

    def _object_maker(self, parent: _Ref, key: str, label: str, path_step, reals=None):
        """Rebuild object leaves of a result: each is named by the call that produced it."""
        root = _attr(parent, "_root")
        new_root = root is self.module_root

        def make(node):
            leaf = tuple(node.get("path", ()))
            real = reals.get(leaf) if reals is not None else None
            text = label + "".join(f"[{i}]" for i in leaf)
            if new_root:
                return _new_ref(self, _Root(_digest([key, list(leaf)]), real), (), text, real,
                                node.get("callable", False))
            return _new_ref(self, root, _attr(parent, "_path") + (path_step, list(leaf)), text, real,
                            node.get("callable", False))
        return make


class Recorder(_Mode):
    """Wraps the reference module: passes every call through and records what came back."""

    def __init__(self, store: Store, real_module):
        super().__init__(store)
        self.real_module = real_module
        self.module_root.real = real_module

    def _record(self, ref: _Ref, key: str, label: str, step, compute, extra=None):
        """Run ``compute`` (the real reference), record its value (or exception) under ``key``."""
        try:
            value = compute()
        except Exception as exc:
            self.store.put(key, {"call": label, "kind": "raise", "type": type(exc).__name__,
                                 "message": str(exc)[:500]})
            raise
        reals = {}

        def on_object(obj, path):
            reals[tuple(path)] = obj
            return {"t": "object", "path": list(path), "callable": callable(obj), "type": type(obj).__qualname__}

        node = encode(value, on_object)
        entry = {"call": label, "kind": "value", "value": node}
        if extra is not None:
            entry.update(extra())
        self.store.put(key, entry)
        # the check sees exactly what a kit gives back: copies of values, proxies for objects
        return decode(node, self._object_maker(ref, key, label, step, reals))

    def getattr(self, ref, name):
        root, real = _attr(ref, "_root"), _attr(ref, "_real")
        if root.tainted:
            return getattr(real, name)
        label = f"{_attr(ref, '_label')}.{name}"
        key = ref._op("get", name)
        try:
            value = getattr(real, name)
        except Exception as exc:
            self.store.put(key, {"call": label, "kind": "raise", "type": type(exc).__name__,
                                 "message": str(exc)[:500]})
            raise
        if callable(value) and not is_plain(value):  # a function, a class, a bound method
            self.store.put(key, {"call": label, "kind": "value", "value": {
                "t": "object", "path": [], "callable": True, "attr": True, "type": type(value).__qualname__}})
            return _new_ref(self, root, self._child_path(ref, ["get", name]), label, value, True)
        return self._record(ref, key, label, ["get", name], lambda: value)

    def call(self, ref, args, kwargs):
        root, func = _attr(ref, "_root"), _attr(ref, "_real")
        label = f"{_attr(ref, '_label')}({_args_label(args, kwargs)})"
        real_args, real_kwargs = _unwrap(args), _unwrap(kwargs)
        try:
            if root.tainted:
                raise Unkeyable("an earlier step could not be keyed")
            detail = [keyof(args), keyof(kwargs)]
        except Unkeyable:
            if root is not self.module_root:
                root.tainted = True
            return func(*real_args, **real_kwargs)
        key = ref._op("call", detail)
        before = {i: keyof(a) for i, a in _mutable_args(real_args, real_kwargs)}

        def changed_args():
            changed = [[i, encode(a, _no_objects)] for i, a in _mutable_args(real_args, real_kwargs)
                       if keyof(a) != before[i]]
            return {"mutates": changed} if changed else {}

        try:
            return self._record(ref, key, label, ["call", _digest(detail)],
                                lambda: func(*real_args, **real_kwargs), changed_args)
        finally:
            if root is not self.module_root:
                root.did(["call", list(_attr(ref, "_path")), detail])

    def setattr(self, ref, name, value):
        root = _attr(ref, "_root")
        setattr(_attr(ref, "_real"), name, _unwrap(value))
        try:
            root.did(["set", list(_attr(ref, "_path")), name, keyof(value)])
        except Unkeyable:
            root.tainted = True

    def getitem(self, ref, key_value):
        root, real = _attr(ref, "_root"), _attr(ref, "_real")
        label = f"{_attr(ref, '_label')}[{_describe(key_value)}]"
        try:
            if root.tainted:
                raise Unkeyable("an earlier step could not be keyed")
            detail = keyof(key_value)
        except Unkeyable:
            return real[_unwrap(key_value)]
        return self._record(ref, ref._op("item", detail), label, ["item", detail],
                            lambda: real[_unwrap(key_value)])

    def setitem(self, ref, key_value, value):
        root = _attr(ref, "_root")
        _attr(ref, "_real")[_unwrap(key_value)] = _unwrap(value)
        try:
            root.did(["setitem", list(_attr(ref, "_path")), keyof(key_value), keyof(value)])
        except Unkeyable:
            root.tainted = True

    def summarize(self, ref):
        from grader.sandbox.figure_summary import summarize
        return self._record(ref, ref._op("summarize", None), f"{_attr(ref, '_label')} (figure)", ["summarize"],
                            lambda: summarize(_attr(ref, "_real")))


def _no_objects(obj, path):
    raise Unkeyable(type(obj).__name__)


def _mutable_args(args, kwargs):
    for i, a in enumerate(args):
        if isinstance(a, MUTABLE) and is_plain(a):
            yield i, a
    for k, a in kwargs.items():
        if isinstance(a, MUTABLE) and is_plain(a):
            yield k, a


class AnswerKey(_Mode):
    """Answers the reference's calls from a recorded :class:`Store` (a student kit's ``ref``)."""

    def __init__(self, store: Store):
        super().__init__(store)

    @classmethod
    def load(cls, path: Path) -> "AnswerKey":
        return cls(Store.load(path))

    def _answer(self, ref, key, label, step, args=(), kwargs=None):
        entry = self.store.entries.get(key)
        if entry is None:
            raise AnswerKeyMiss(label)
        kind = entry.get("kind")
        if kind == "ambiguous":
            raise AnswerKeyMiss(label, ambiguous=True)
        if kind == "raise":
            exc_type = getattr(builtins, entry.get("type", ""), None)
            if not (isinstance(exc_type, type) and issubclass(exc_type, Exception)):
                exc_type = RuntimeError
            raise exc_type(entry.get("message", ""))
        for where, node in entry.get("mutates", ()):
            target = args[where] if isinstance(where, int) else (kwargs or {}).get(where)
            if target is not None:
                _restore_into(target, decode(node, _no_object_leaf))
        return decode(entry["value"], self._object_maker(ref, key, label, step))

    def getattr(self, ref, name):
        root = _attr(ref, "_root")
        label = f"{_attr(ref, '_label')}.{name}"
        if root.tainted:
            raise AnswerKeyMiss(label)
        key = ref._op("get", name)
        if key not in self.store.entries:  # perhaps only ever called: let the call decide
            return _new_ref(self, root, self._child_path(ref, ["get", name]), label, unknown=True)
        entry = self.store.entries[key]
        value = entry.get("value")
        if isinstance(value, dict) and value.get("attr"):  # a function, class or method
            return _new_ref(self, root, self._child_path(ref, ["get", name]), label, None, True)
        return self._answer(ref, key, label, ["get", name])

    def call(self, ref, args, kwargs):
        root = _attr(ref, "_root")
        label = f"{_attr(ref, '_label')}({_args_label(args, kwargs)})"
        if root.tainted:
            raise AnswerKeyMiss(label)
        try:
            detail = [keyof(args), keyof(kwargs)]
        except Unkeyable:
            raise AnswerKeyMiss(label) from None
        key = ref._op("call", detail)
        try:
            return self._answer(ref, key, label, ["call", _digest(detail)], args, kwargs)
        finally:
            if root is not self.module_root:
                root.did(["call", list(_attr(ref, "_path")), detail])

    def setattr(self, ref, name, value):
        root = _attr(ref, "_root")
        try:
            root.did(["set", list(_attr(ref, "_path")), name, keyof(value)])
        except Unkeyable:
            root.tainted = True

    def getitem(self, ref, key_value):
        label = f"{_attr(ref, '_label')}[{_describe(key_value)}]"
        try:
            detail = keyof(key_value)
        except Unkeyable:
            raise AnswerKeyMiss(label) from None
        return self._answer(ref, ref._op("item", detail), label, ["item", detail])

    def setitem(self, ref, key_value, value):
        root = _attr(ref, "_root")
        try:
            root.did(["setitem", list(_attr(ref, "_path")), keyof(key_value), keyof(value)])
        except Unkeyable:
            root.tainted = True

    def summarize(self, ref):
        return self._answer(ref, ref._op("summarize", None), f"{_attr(ref, '_label')} (figure)", ["summarize"])


def _no_object_leaf(node):
    raise ValueError("an answer key's argument update holds an object")


# ============================================================================ choosing ``ref``
_recording: dict[str, Store] | None = None


@contextlib.contextmanager
def recording():
    """Within this block the ``ref`` fixture records; yields ``{module: Store}``.

    Pass ``extra_args=("-p", "grader.checking.answer_key")`` to :func:`grader.checking.runner.grade`
    so that only public checks run (hidden ones are never recorded).
    """
    global _recording
    saved, _recording = _recording, {}
    try:
        yield _recording
    finally:
        _recording = saved


@contextlib.contextmanager
def reference(exercise):
    """What the ``ref`` fixture gives a check of ``exercise`` (see the module's docstring)."""
    if _recording is not None:
        store = _recording.setdefault(exercise.module, Store(exercise.module, exercise.id))
        yield Recorder(store, importlib.import_module(f"solutions.{exercise.module}")).module()
        return
    directory = os.environ.get(ENV) or (KEYS_DIR if student_kit() else None)
    if directory is None:
        yield importlib.import_module(f"solutions.{exercise.module}")
        return
    path = key_path(exercise.module, Path(directory))
    if not path.is_file():
        raise CheckFailed(T(f"This kit has no answer key for {exercise.id} ({path.name}): the public checks "
                            "cannot compare with the reference solution.",
                            f"이 키트에는 {exercise.id}의 답안 키({path.name})가 없어 공개 검사가 참조 답안과 "
                            "비교할 수 없습니다."))
    yield AnswerKey.load(path).module()


# ---------------------------------------------------------------------------- pytest plugin (recording)
def pytest_collection_modifyitems(config, items):
    """While recording, run public checks only: hidden checks' inputs never enter an answer key."""
    if _recording is None:
        return
    keep, drop = [], []
    for item in items:
        marker = item.get_closest_marker("check")
        (drop if marker is not None and marker.kwargs.get("hidden") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
