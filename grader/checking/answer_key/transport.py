"""``ref`` as a :class:`grader.sandbox.proxy.Remote` whose transport is an answer key.

A check uses ``ref`` as it uses ``learner``: each attribute access, call or item
access is a request (``("call", ref_id, attr, args, kwargs)``, ...).  Behind the
proxy, a :class:`KeyTransport` (the instructor's recorder, or a kit's
:class:`grader.checking.answer_key.replay.AnswerKey`) keys each request and
answers it.  Objects of the reference never cross: each is a *handle* (a ref id)
named by the chain of calls that made it, and everything done to it so far.
"""
from __future__ import annotations

import copy
import importlib
import math
from dataclasses import dataclass
from pathlib import Path

from grader.checking.answer_key.keys import digest
from grader.checking.answer_key.store import AnswerKeyMiss, Store
from grader.sandbox import codec
from grader.sandbox.proxy import Remote
from grader.sandbox.wire import Ref

KINDS = "biufcUS"  # arrays of numbers, strings and bytes are values in an answer key
LEAF_TAG = "object"


def encode_value(value, leaf=None):
    """A value as it is stored in an answer key; ``leaf(obj, path)`` names each object in it."""
    return codec.encode(value, leaf or _no_objects, paths=True, kinds=KINDS)


def decode_value(node, make_leaf=None):
    """The value stored in an answer key; ``make_leaf(node)`` rebuilds each object of it."""
    return codec.decode(node, make_leaf, leaf_tag=LEAF_TAG, kinds=KINDS)


def _no_objects(obj, path):
    raise codec.CodecError(f"an answer key cannot hold a {type(obj).__name__} here")


class Root:
    """An object of the reference (or the module itself) and what has been done to it."""

    __slots__ = ("chain", "history", "tainted")

    def __init__(self, chain: str):
        self.chain = chain
        self.history = ""  # running digest of the operations that may change the object
        self.tainted = False  # something done to it had no key: later answers cannot be trusted

    def did(self, step) -> None:
        self.history = digest([self.history, step])


@dataclass
class Handle:
    """What a ref id of a :class:`KeyTransport` stands for."""

    root: Root
    path: tuple
    label: str  # names it in messages: ``ref.MulLayer().forward``
    real: object = None  # the reference's own object (recording only)
    callable: bool = True
    unknown: bool = False  # a name the record does not describe

    def key(self) -> list:
        return [self.root.chain, list(self.path), self.root.history]

    def op(self, op: str, detail) -> str:
        return digest([self.key(), op, detail])


class Reference(Remote):
    """A handle of the reference: a function, class or object behind an answer key."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<reference {self._process.label_of(self._ref)}>"

    def __reduce__(self):
        raise TypeError("an object of the reference solution cannot be sent to learner code")

    __hash__ = object.__hash__


class UnknownReference(Reference):
    """A name the record does not describe: any use of it is a miss."""

    __slots__ = ()

    def _miss(self, *args, **kwargs):
        raise AnswerKeyMiss(self._process.label_of(self._ref))

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _miss
    __bool__ = __len__ = __iter__ = __contains__ = __float__ = __int__ = __index__ = __array__ = _miss
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _miss
    __pow__ = __rpow__ = __neg__ = __abs__ = __matmul__ = __rmatmul__ = _miss
    __hash__ = object.__hash__


class KeyTransport:
    """What recording and replaying share: handles, keys, labels, and turning entries into values."""

    generation = 0
    timeout = math.inf  # the reference runs in this process, without a time limit
    callables: dict = {}  # every name is asked for: each lookup is part of the record

    def __init__(self, store: Store):
        self.store = store
        self.module_path = Path(f"{store.module or 'ref'}.py")
        self.module_root = Root("ref")
        self.handles: dict[int | None, Handle] = {
            None: Handle(self.module_root, (), "ref", getattr(self, "real_module", None), callable=False)}

    # -- the Transport protocol (grader.sandbox.proxy)
    def module(self) -> Reference:
        return self.handle(Ref(None, None, "module"), self.generation)

    def handle(self, ref: Ref, generation: int) -> Reference:
        cls = UnknownReference if self.handles[ref.id].unknown else Reference
        return cls(self, ref, generation)

    def request(self, message: tuple, what: str, timeout: float | None = None):
        op, ref_id, *rest = message
        handle = self.handles[ref_id]
        if op in ("call", "call_keep"):
            attr, args, kwargs = rest
            if attr is not None:
                return self.request(("getattr", ref_id, attr), what)(*args, **kwargs)
            if not handle.callable:
                raise TypeError(f"{handle.label} is not callable")
            return self.call(handle, args, kwargs)
        if op in ("getattr", "keep"):
            return self.getattr(handle, rest[0])
        if op == "setattr":
            return self.setattr(handle, *rest)
        if op == "getitem":
            return self.getitem(handle, rest[0])
        if op == "setitem":
            return self.setitem(handle, *rest)
        if op == "summarize":
            return self.summarize(handle)
        return self._in_process(op, ref_id, rest)

    def _in_process(self, op: str, ref_id, rest):
        """What a check does with plain objects in its own process (see grader.sandbox.proxy)."""
        if op == "put":
            return copy.deepcopy(rest[0])
        if op == "fetch":
            return self.handle(Ref(ref_id, None, "object"), self.generation)
        if op == "kit":
            from grader.sandbox.worker import KIT
            name, args, kwargs = rest
            module, func = KIT[name]
            return getattr(importlib.import_module(module), func)(*args, **kwargs)
        raise ValueError(f"unknown request {op!r}")

    # -- keys and names of handles (grader.checking.answer_key.keys)
    def key_of(self, ref: Ref) -> list:
        return self.handles[ref.id].key()

    def label_of(self, ref: Ref) -> str:
        return self.handles[ref.id].label

    def new(self, handle: Handle, type_name: str = "object") -> Reference:
        ref_id = len(self.handles)
        self.handles[ref_id] = handle
        return self.handle(Ref(ref_id, None, type_name, handle.callable), self.generation)

    def attribute(self, handle: Handle, name: str, label: str, real=None, unknown: bool = False,
                  type_name: str = "function") -> Reference:
        """The handle of a function, class or method reached as ``handle.name``."""
        return self.new(Handle(handle.root, handle.path + (["get", name],), label, real, True, unknown),
                        type_name)

    def object_maker(self, parent: Handle, key: str, label: str, step, reals: dict | None = None):
        """Rebuild the object leaves of a result: each is named by the call that produced it."""
        def make(node: dict) -> Reference:
            leaf = tuple(node.get("path", ()))
            real = reals.get(leaf) if reals is not None else None
            text = label + "".join(f"[{i}]" for i in leaf)
            if parent.root is self.module_root:
                root, path = Root(digest([key, list(leaf)])), ()
            else:
                root, path = parent.root, parent.path + (step, list(leaf))
            return self.new(Handle(root, path, text, real, bool(node.get("callable", False))),
                            str(node.get("type", "object")))
        return make

    def called(self, handle: Handle, detail) -> None:
        """Remember a call on an object: its later calls are keyed by it."""
        if handle.root is not self.module_root:
            handle.root.did(["call", list(handle.path), detail])

    # -- what each transport does
    def getattr(self, handle: Handle, name: str):
        raise NotImplementedError

    def call(self, handle: Handle, args: tuple, kwargs: dict):
        raise NotImplementedError

    def setattr(self, handle: Handle, name: str, value) -> None:
        raise NotImplementedError

    def getitem(self, handle: Handle, key):
        raise NotImplementedError

    def setitem(self, handle: Handle, key, value) -> None:
        raise NotImplementedError

    def summarize(self, handle: Handle) -> dict:
        raise NotImplementedError
