"""A warm process that forks learner workers, so that ``grade`` need not import NumPy and
Matplotlib afresh on every run.

The server imports what every worker needs (NumPy, Matplotlib and its fonts, the worker
code) and then waits on a Unix socket in a folder only its user can enter. For each
request it forks a child that becomes a worker just as ``python -m grader.sandbox.worker`` would:
a session of its own, the memory limit, the caller's folder, environment and pipes. It
reports the child's pid at once and, when the child ends, its exit code. The server never
runs learner code itself, and it leaves after some idle minutes. There is one server per
user, Python and version of the kit's code: the socket's name carries all three.

Client side: :func:`fork_worker` returns a :class:`ForkedProcess` (the part of a
``Popen`` that ``LearnerProcess`` uses) or ``None`` when no server is running, in which
case the caller starts its worker the ordinary way; :func:`start` starts a server in the
background for the next run; :func:`stop` ends the servers in a folder.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import select
import selectors
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
    (working the key out reads every file of the kit: once per grading session, not once per worker)."""
    global _pinned
    saved, _pinned = _pinned, [socket_path()]
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
                env: dict, memory_limit: int) -> ForkedProcess | None:
    """Ask the server for a worker; None if there is none, or it did not answer in time.

    ``fds`` are the worker's ends of the request and reply pipes; ``output`` is the pipe for
    its stdout and stderr: the worker's end (a descriptor) and the caller's (a file). After
    None, the caller must not reuse these pipes (a late worker may hold them).
    """
    global _unresponsive
    path = _pinned[0] if _pinned is not None else socket_path()
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


def running() -> bool:
    """Whether a server for this key is running (or warming up)."""
    path = socket_path()
    return path is not None and _server_pid(path.with_suffix(".lock")) is not None


def start(idle: float | None = None) -> None:
    """Start a server in the background unless one is running (it serves the next run)."""
    path = socket_path()
    if path is None or running():
        return
    from grader.sandbox.process import WORKER_ENV  # here: process imports this module
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONIOENCODING": "utf-8", **WORKER_ENV}
    seconds = idle if idle is not None else float(os.environ.get("GRADER_FORKSERVER_IDLE", IDLE_SECONDS))
    subprocess.Popen([sys.executable, "-m", "grader.sandbox.forkserver", str(path), str(seconds)],
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


# ---------------------------------------------------------------------------- server
def _warm_up() -> None:
    """Import and exercise what workers need, so that each fork starts with it done.

    Not pyplot: a learner's ``matplotlib.use(...)`` behaves differently once it is imported.
    """
    import gc
    import numpy  # noqa: F401
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.plot([0.0, 1.0], [0.0, 1.0], label="warm")
    axes.set_title("warm")
    axes.legend()
    figure.canvas.draw()  # Agg draws for real: text layout, fonts
    del figure, axes
    import grader.sandbox.figure_summary  # noqa: F401
    import grader.sandbox.worker  # noqa: F401
    import grader.sandbox.confine  # what every worker applies before learner code
    grader.sandbox.confine.runtime_paths()  # (cached: each fork has it worked out)
    import grader.sandbox.keeper  # noqa: F401
    gc.collect()
    gc.freeze()  # the children share these pages instead of copying them on first collection


def _child(request: dict, fds: list[int]) -> None:
    """In the forked child: become a worker, as ``python -m grader.sandbox.worker`` would start."""
    code = 1
    try:
        low = 3
        for fd in sorted(fds):  # nothing of the server's stays open: only the worker's pipes
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, os.sysconf("SC_OPEN_MAX"))
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as a fresh Python has them
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        platform.limit_resources(int(request["memory_limit"]))
        request_fd, reply_fd, output_fd = fds
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(output_fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        from grader.sandbox import worker
        sys.argv = [worker.__file__, str(request_fd), str(reply_fd), *request["args"]]
        sys.path[0] = request["cwd"]  # what `python -m` puts first
        import random
        import numpy
        random.seed()
        numpy.random.seed()  # a fresh process would not share the server's random state
        worker.main(sys.argv[1:])
        code = 0
    except BaseException:  # noqa: BLE001 - the child must never return into the server's loop
        import traceback
        traceback.print_exc()
    finally:
        os._exit(code)


def serve(path: Path, idle: float) -> None:
    import fcntl
    lock = open(path.with_suffix(".lock"), "a+")
    for _ in range(50):  # a client may be testing the lock this very moment
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            time.sleep(0.02)
    else:
        return  # another server for this key is starting or running
    lock.truncate(0)
    lock.write(str(os.getpid()))
    lock.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave through the clean-up below
    path.unlink(missing_ok=True)  # a killed server's: the socket appears again when this one is warm
    _warm_up()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(64)
    inode = path.stat().st_ino
    try:
        _Server(listener, idle).run()
    finally:
        try:
            if path.stat().st_ino == inode:
                path.unlink()
        except OSError:
            pass


class _Server:
    """Forks workers on request; each worker lives only while its client stays connected."""

    def __init__(self, listener: socket.socket, idle: float):
        self.listener, self.idle = listener, idle
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, ("listener",))
        self.born = self.last_used = time.monotonic()
        self.workers = 0

    def run(self) -> None:
        while True:
            now = time.monotonic()
            if not self.workers and (now - self.last_used >= self.idle or now - self.born >= LIFETIME):
                return
            for key, _ in self.selector.select(timeout=min(self.idle, 60)):
                if self.selector.get_map().get(key.fd) is not key:
                    continue  # changed by an earlier event of this batch; asked again if still ready
                kind = key.data[0]
                if kind == "listener":
                    self.accept()
                elif kind == "ended":
                    self.ended(key.fileobj, *key.data[1:])
                else:
                    self.hung_up(key.fileobj, *key.data[1:])

    def accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        self.last_used = time.monotonic()
        fds: list[int] = []
        pid = pidfd = None
        try:
            conn.settimeout(CONNECT_TIMEOUT)
            peer_pid, peer_uid = _peer(conn)
            if peer_uid != os.getuid():
                raise PermissionError("another user")
            if _confined(peer_pid):
                raise PermissionError("a sandboxed process: learner code never gets a worker")
            data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
            while not data.endswith(b"\n"):
                more = conn.recv(1 << 20)
                if not more:
                    raise ConnectionError("incomplete request")
                data += more
            request = json.loads(data)
            if len(fds) != 3:
                raise ValueError("a request needs three pipes")
            pid = os.fork()
            if pid == 0:
                _child(request, fds)
            try:
                pidfd = os.pidfd_open(pid)  # before anything can reap it: always this child
            except OSError:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise
            self.workers += 1
            self.selector.register(pidfd, selectors.EVENT_READ, ("ended", pid, conn))
            socket.send_fds(conn, [json.dumps({"pid": pid}).encode() + b"\n"], [pidfd])
            self.selector.register(conn, selectors.EVENT_READ, ("client", pid, pidfd))
            conn = None  # kept until the worker ends or the client hangs up
        except (OSError, ValueError, TypeError, KeyError):
            if pidfd is not None:  # the client is gone: so is its worker
                self.kill(pid, pidfd)
                self.selector.modify(pidfd, selectors.EVENT_READ, ("ended", pid, None))
        finally:
            for fd in fds:
                os.close(fd)
            if conn is not None:
                conn.close()

    def ended(self, pidfd: int, pid: int, conn: socket.socket | None) -> None:
        self.selector.unregister(pidfd)
        os.close(pidfd)
        self.workers -= 1
        self.last_used = time.monotonic()  # idle time counts from the last worker, not the last fork
        try:
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            code = EXIT_UNKNOWN
        if conn is not None:
            self.selector.unregister(conn)
            try:
                conn.sendall(json.dumps({"returncode": code}).encode() + b"\n")
            except OSError:
                pass
            conn.close()

    def hung_up(self, conn: socket.socket, pid: int, pidfd: int) -> None:
        """The client closed its connection (or broke the protocol) while its worker lives."""
        self.selector.unregister(conn)
        conn.close()
        self.kill(pid, pidfd)
        self.selector.modify(pidfd, selectors.EVENT_READ, ("ended", pid, None))

    @staticmethod
    def kill(pid: int, pidfd: int) -> None:
        # not reaped yet, so the pid and its process group are still this worker's
        for kill in (lambda: signal.pidfd_send_signal(pidfd, signal.SIGKILL),
                     lambda: os.killpg(pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass


if __name__ == "__main__":
    serve(Path(sys.argv[1]), float(sys.argv[2]))
