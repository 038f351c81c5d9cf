"""The wire between the grader and the worker that runs learner code.

Requests travel grader -> worker as pickles: the worker trusts the grader.
Replies travel worker -> grader in a small *safe* format that can only ever
build plain data (None, bool, int, float, complex, str, bytes, list, tuple,
dict, set, and NumPy arrays/scalars of numeric dtypes) plus references to
objects that stay in the worker.  Nothing the worker sends can make the grader
run code, which is why the grader never unpickles what comes back.

Frame: 8-byte big-endian length, then the payload.  The grader reads replies with a
:class:`PolledReader` where ``poll`` waits on pipes (POSIX), else with a :class:`FrameReader`
(a thread per pipe: a deadline works on every OS); the worker reads requests with
:func:`read_frame`.  A reply payload is a JSON
document (the value's tree, :mod:`grader.sandbox.codec`), then the JSON list of
buffer sizes, then the raw bytes of every array or bytes object the tree names.
"""
from __future__ import annotations

import json
import os
import queue
import select
import struct
import threading
import time
from dataclasses import dataclass

import numpy as np

from grader.sandbox import codec

_LEN = struct.Struct(">Q")
#: The worker's argument for its pipes when they are its standard input and output (no pass_fds).
STDIO = "-"


class WireError(codec.CodecError):
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


class FrameReader:
    """The frames of one pipe, read by a thread of its own: :meth:`get` waits for the next with a
    deadline on every OS (``select`` cannot wait on a pipe on Windows).

    The thread owns ``file`` and closes it when the other side closes it, a frame is larger
    than ``limit`` or reading fails; nothing else closes it, so its descriptor number is never
    reused under a read.  The grader ends the reading by killing the writer.
    """

    def __init__(self, file, limit: int = 1 << 31):
        self._frames: queue.SimpleQueue = queue.SimpleQueue()
        self._end: BaseException | None = None
        threading.Thread(target=self._read, args=(file, limit), name="frame-reader", daemon=True).start()

    def _read(self, file, limit: int) -> None:
        try:
            with file:
                while True:
                    (size,) = _LEN.unpack(_read_into(file, _LEN.size))
                    if size > limit:
                        raise WireError(f"reply of {size} bytes is larger than the limit of {limit}")
                    self._frames.put(_read_into(file, size))
        except (EOFError, WireError) as exc:
            self._frames.put(exc)
        except (OSError, ValueError) as exc:  # a broken pipe or a closed file: the writer is gone
            self._frames.put(EOFError(f"the pipe failed ({exc})"))

    def close(self) -> None:
        """Nothing to do: the thread closes the file at the end-of-file that killing the writer brings."""

    def get(self, deadline: float | None = None) -> bytes:
        """The next frame; TimeoutError past ``deadline`` (time.monotonic()), EOFError once the
        other side has closed the pipe, WireError for a frame over the limit (then always)."""
        if self._end is None:
            try:
                item = self._frames.get(timeout=None if deadline is None else max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise TimeoutError("the reply did not arrive in time") from None
            if not isinstance(item, BaseException):
                return item
            self._end = item
        raise type(self._end)(*self._end.args)


class PolledReader:
    """The frames of one pipe, read in the caller's thread, waiting with ``poll`` (POSIX): no thread,
    so a reply costs no hand-over between threads.  The same contract as :class:`FrameReader`; the
    file is closed at end-of-file, on an oversized frame or by :meth:`close`, and is only ever read
    with ``os.readv`` (never through its buffer, which ``poll`` would not see)."""

    def __init__(self, file, limit: int = 1 << 31):
        self._file, self._fd, self._limit = file, file.fileno(), limit
        self._poll = select.poll()
        self._poll.register(self._fd, select.POLLIN)
        self._header, self._frame, self._got = bytearray(), None, 0
        self._end: BaseException | None = None

    def get(self, deadline: float | None = None) -> bytes:
        while self._end is None:
            frame = self._step(deadline)
            if frame is not None:
                return frame
            if self._end is None and deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError("the reply did not arrive in time")  # (a frame that trickles in)
        raise type(self._end)(*self._end.args)

    def _step(self, deadline: float | None):
        """Read what has arrived (waiting until ``deadline``); the frame, once it is complete."""
        wait = None if deadline is None else max(deadline - time.monotonic(), 0.0)
        if not self._poll.poll(None if wait is None else int(wait * 1000) + 1):
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError("the reply did not arrive in time")
            return None
        try:
            if self._frame is None:
                chunk = os.read(self._fd, _LEN.size - len(self._header))
                if not chunk:
                    return self._stop(EOFError("the other side closed the pipe"))
                self._header += chunk
                if len(self._header) < _LEN.size:
                    return None
                (size,) = _LEN.unpack(self._header)
                if size > self._limit:
                    return self._stop(WireError(f"reply of {size} bytes is larger than the limit of {self._limit}"))
                self._frame, self._got = bytearray(size), 0
                if size:
                    return None  # poll again before reading the body: a header alone must not block a read
            elif self._got < len(self._frame):
                count = os.readv(self._fd, [memoryview(self._frame)[self._got:self._got + (1 << 24)]])
                if not count:
                    return self._stop(EOFError("the other side closed the pipe"))
                self._got += count
        except OSError as exc:  # a broken pipe: the writer is gone
            return self._stop(EOFError(f"the pipe failed ({exc})"))
        if self._got < len(self._frame):
            return None
        frame, self._frame, self._header = self._frame, None, bytearray()
        return frame

    def _stop(self, end: BaseException) -> None:
        self._end = end
        self.close()

    def close(self) -> None:
        if self._end is None:
            self._end = EOFError("the pipe was closed")
        try:
            self._poll.unregister(self._fd)
        except (KeyError, ValueError, OSError):
            pass
        self._file.close()


def _read_into(file, n: int) -> bytearray:
    buffer = bytearray(n)
    view, got = memoryview(buffer), 0
    while got < n:
        count = file.readinto(view[got:])
        if not count:
            raise EOFError("the other side closed the pipe")
        got += count
    view.release()
    return buffer


# --------------------------------------------------------------------------- encode (worker side)
def encode(value, keep) -> bytes:
    """Encode ``value`` as a reply; ``keep(obj)`` stores a non-plain object and returns a Ref."""
    buffers: list[bytes] = []
    try:
        tree = codec.encode(value, _ref_leaf(keep), buffers=buffers)
    except WireError:
        raise
    except codec.CodecError as exc:
        raise WireError(str(exc)) from None
    head = json.dumps(tree).encode()
    meta = json.dumps([len(b) for b in buffers]).encode()
    return b"".join([_LEN.pack(len(head)), head, _LEN.pack(len(meta)), meta, *buffers])


def _ref_leaf(keep):
    """The leaf hook of the wire: objects stay in the worker, named by a reference."""
    def leaf(obj, path):
        if isinstance(obj, (np.ndarray, np.generic)):  # an array of strings, objects, records, ...
            raise WireError(str(codec.unsupported_array(np.asarray(obj))))
        ref = obj if type(obj) is Ref else keep(obj)  # a Ref: already kept by the worker
        return {"t": "ref", "id": ref.id, "attr": ref.attr, "type": ref.type_name, "callable": ref.callable}
    return leaf


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
        if not isinstance(sizes, list):
            raise WireError("malformed reply")
        buffers = []
        for size in sizes:
            if type(size) is not int or size < 0 or pos + size > len(view):
                raise WireError("malformed reply")
            buffers.append(bytes(view[pos:pos + size]))
            pos += size
        return codec.decode(head, lambda node: make_ref(_ref(node)), leaf_tag="ref", buffers=buffers)
    except WireError:
        raise
    except Exception as exc:  # malformed JSON, struct errors, a malformed tree (CodecError), ...
        raise WireError(f"malformed reply from the worker ({exc})") from None


def _ref(node: dict) -> Ref:
    ref_id, attr, type_name = node["id"], node.get("attr"), node.get("type")
    if not (ref_id is None or type(ref_id) is int) or not (attr is None or isinstance(attr, str)) \
            or not isinstance(type_name, str):
        raise WireError("malformed reply: a bad reference")
    return Ref(ref_id, attr, type_name, bool(node.get("callable")))
