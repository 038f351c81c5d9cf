"""Warm processes that fork learner workers, so that ``grade`` need not import NumPy and
Matplotlib afresh on every run (the servers themselves: :mod:`grader.sandbox.warm_server`).

The plotting server imports what every worker needs (NumPy, Matplotlib and its fonts, the
worker code) and then waits on a Unix socket in a folder only its user can enter.  The plain
server holds NumPy and the worker code but not Matplotlib, for modules that never mention it
(:func:`flavour_for`): a fork copies the page tables of the memory it shares (16 MiB in the
plain server, 44 MiB with Matplotlib), and the worker and its keeper each free them again at
the end.  For each request a server forks a child that becomes a worker just as ``python -m
grader.sandbox.worker`` would: a session of its own, the memory limit, the caller's folder,
environment and pipes.  It reports the child's pid at once and, when the child ends, its exit
code.  A server never runs learner code itself, and it leaves after some idle minutes.  There
is one pair of servers per user, Python and version of the kit's code: the sockets' names
carry all three.

Client side: :func:`fork_worker` returns a :class:`ForkedProcess` (the part of a
``Popen`` that ``LearnerProcess`` uses) or ``None`` when no server is running, in which
case the caller starts its worker the ordinary way; :func:`start` starts the servers in the
background for the next run; :func:`stop` ends the servers in a folder.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.sandbox import platform

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
IDLE_SECONDS = 15 * 60
LIFETIME = 4 * 3600  # then it finishes with its workers and leaves: no server grows stale
CONNECT_TIMEOUT = 1.0
MAX_SOCKET_PATH = 100  # bytes; Unix sockets allow about 108
EXIT_UNKNOWN = 1000  # a worker's exit code when nobody could learn it (never a real one)
PLOTTING, PLAIN = "plotting", "plain"  # the two servers: with Matplotlib warmed up, and without
PLOTTING_WORDS = (b"matplotlib", b"pylab")  # a module that mentions one of these gets the plotting server


def flavour_for(module_path: Path) -> str:
    """The server for a learner module: the plotting one if it mentions Matplotlib (or cannot be read)."""
    try:
        source = Path(module_path).read_bytes()
    except OSError:
        return PLOTTING
    return PLOTTING if any(word in source for word in PLOTTING_WORDS) else PLAIN


def _paths(path: Path) -> dict[str, Path]:
    """The sockets of both servers, from the plotting server's (what :func:`socket_path` names)."""
    return {PLOTTING: path, PLAIN: path.with_name(f"{path.stem}-{PLAIN}{path.suffix}")}


# ---------------------------------------------------------------------------- where
def folder() -> Path | None:
    """The private folder that holds the sockets, or None when it cannot be made private."""
    if not hasattr(os, "getuid"):  # Windows: no warm server (see socket_path), so no folder for one
        return None
    base = os.environ.get("GRADER_FORKSERVER_DIR")
    if base:
        path = Path(base).absolute()
    elif os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(os.environ["XDG_RUNTIME_DIR"]).absolute() / "dlscratch-grader"
    else:
        path = Path(tempfile.gettempdir()).absolute() / f"dlscratch-grader-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or not path.is_dir() or path.is_symlink():
        return None  # someone else's folder, or one others can enter: never trust it
    return path


def socket_path() -> Path | None:
    """The socket of the server for this user, this Python, this kit and its NumPy and Matplotlib."""
    if os.environ.get("GRADER_FORKSERVER", "1") == "0" or not (
            platform.HAS_PIDFD and platform.HAS_FORK and platform.HAS_UNIX_SOCKETS and platform.HAS_PROC):
        return None
    if _confined(os.getpid()):  # sandboxed already: the server could not tell its clients from learner code
        return None
    where = folder()
    if where is None:
        return None
    key = hashlib.sha256(f"{sys.executable}\n{sys.version}\n{PACKAGE_ROOT}\n".encode())
    sources = sorted(os.path.join(folder, name) for sub in ("grader", "dataset")
                     for folder, _, names in os.walk(PACKAGE_ROOT / sub) for name in names if name.endswith(".py"))
    for name in ("numpy", "matplotlib"):  # an upgrade of either means a new server
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            sources.append(spec.origin)
    try:
        for source in sources:
            info = os.stat(source)
            key.update(f"{source} {info.st_mtime_ns} {info.st_size}\n".encode())
    except OSError:  # a file vanished (an editor's lock file): no server this time
        return None
    path = where / f"{key.hexdigest()[:20]}.sock"
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


_pinned: list | None = None  # [the socket path] worked out once for a grading session (see pinned)


@contextlib.contextmanager
def pinned():
    """Within: every worker asked for goes to the server that :func:`socket_path` names at the start
    (working the key out reads every file of the kit: once per grading session, not once per worker;
    inside an outer ``pinned``, the outer one's: a batch's grading process pins it for all its jobs)."""
    global _pinned
    saved, _pinned = _pinned, _pinned or [socket_path()]
    try:
        yield
    finally:
        _pinned = saved


# ---------------------------------------------------------------------------- client
class ForkedProcess:
    """A worker forked by the server: what ``LearnerProcess`` needs of a ``Popen``.

    Its pidfd (sent by the server) tells when it ends and kills it without any risk of
    hitting a reused pid; the server's connection brings its exit code.
    """

    def __init__(self, conn: "_Lines", pid: int, pidfd: int, stdout):
        self.conn, self.pid, self.pidfd, self.stdout = conn, pid, pidfd, stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and _readable(self.pidfd, 0):
            self._ended()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not _readable(self.pidfd, timeout):
                raise subprocess.TimeoutExpired("grader.sandbox.worker", timeout)
            self._ended()
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _ended(self) -> None:
        try:
            self.returncode = int(json.loads(self.conn.line(timeout=1.0))["returncode"])
        except (OSError, ValueError, KeyError, TypeError):  # the server is gone or stuck
            self.returncode = EXIT_UNKNOWN
        self.conn.close()
        os.close(self.pidfd)


def _readable(fd: int, timeout: float | None) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(None if timeout is None else int(timeout * 1000)))


class _Lines:
    """A socket read as lines of JSON (one message may arrive with the next)."""

    def __init__(self, sock: socket.socket):
        self.sock, self.buffer, self.fds = sock, b"", []

    def line(self, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no answer")
            self.sock.settimeout(remaining)
            data, fds, _, _ = socket.recv_fds(self.sock, 4096, 1)
            self.fds += fds
            if not data:
                raise ConnectionError("closed")
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)
        self.fds = []
        self.sock.close()


def fork_worker(worker_args: list[str], fds: tuple[int, int], output: tuple[int, object], *, cwd: str,
                env: dict, memory_limit: int, flavour: str = PLOTTING) -> ForkedProcess | None:
    """Ask the server for a worker; None if there is none, or it did not answer in time.

    ``fds`` are the worker's ends of the request and reply pipes; ``output`` is the pipe for
    its stdout and stderr: the worker's end (a descriptor) and the caller's (a file). After
    None, the caller must not reuse these pipes (a late worker may hold them).
    """
    global _unresponsive
    path = _pinned[0] if _pinned is not None else socket_path()
    path = _paths(path)[flavour] if path is not None else None
    if path is None or _unresponsive or not path.exists():
        return None
    conn = _Lines(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    try:
        conn.sock.settimeout(CONNECT_TIMEOUT)
        conn.sock.connect(str(path))
        if _peer(conn.sock)[1] != os.getuid():
            raise PermissionError("the server belongs to another user")
        request = json.dumps({"args": worker_args, "cwd": cwd, "env": env, "memory_limit": memory_limit})
        socket.send_fds(conn.sock, [request.encode() + b"\n"], [*fds, output[0]])
        pid = int(json.loads(conn.line(CONNECT_TIMEOUT))["pid"])
        if len(conn.fds) != 1:
            raise ValueError("no pidfd")
        pidfd = conn.fds.pop()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        conn.close()  # the server kills a worker whose client hung up
        _unresponsive = isinstance(exc, TimeoutError)  # a stuck server costs this process one wait
        return None
    return ForkedProcess(conn, pid, pidfd, output[1])


_unresponsive = False


def running(flavour: str | None = None) -> bool:
    """Whether a server for this key (the one of ``flavour``, or either) is running (or warming up)."""
    path = socket_path()
    if path is None:
        return False
    paths = _paths(path)
    return any(_server_pid(paths[f].with_suffix(".lock")) is not None for f in ([flavour] if flavour else paths))


def start(idle: float | None = None) -> None:
    """Start the servers in the background, each unless it runs already (they serve the next run)."""
    path = socket_path()
    if path is None:
        return
    from grader.sandbox.process import WORKER_ENV  # here: process imports this module
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONIOENCODING": "utf-8", **WORKER_ENV}
    seconds = idle if idle is not None else float(os.environ.get("GRADER_FORKSERVER_IDLE", IDLE_SECONDS))
    for flavour, where in _paths(path).items():
        if _server_pid(where.with_suffix(".lock")) is None:
            subprocess.Popen([sys.executable, "-m", "grader.sandbox.warm_server", str(where), str(seconds), flavour],
                             cwd="/", env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def stop(where: Path | None = None) -> int:
    """Stop every server in ``where`` (default: this user's folder); how many there were.

    Their workers die with them only when their clients hang up; a grader's own workers
    are its to kill.
    """
    where = where or folder()
    stopped = 0
    for lock in sorted(where.glob("*.lock")) if where else []:
        pid = _server_pid(lock)
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
                stopped += 1
            except ProcessLookupError:
                pass
    return stopped


def _server_pid(lock: Path) -> int | None:
    """The pid of the server holding ``lock``, or None when no process holds it (or this OS has no servers)."""
    try:
        import fcntl
    except ImportError:  # Windows: no warm server, so none holds a lock
        return None
    try:
        with open(lock) as f:
            try:
                fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return int(f.read().strip() or 0) or None
            return None  # nobody holds it (a server starting now retries for a moment)
    except (OSError, ValueError):
        return None


def _peer(sock: socket.socket) -> tuple[int, int]:
    """The pid and uid of the process at the other end of a Unix socket."""
    pid, uid, _ = struct.unpack("iII", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("iII")))
    return pid, uid


def _confined(pid: int) -> bool:
    """Whether process ``pid`` runs sandboxed (no_new_privs, which every worker sets and no
    process can clear), or cannot be looked at: either way it is refused."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            status = f.read()
    except OSError:
        return True
    return b"\nNoNewPrivs:\t1" in status
