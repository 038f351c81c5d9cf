"""A warm process that forks learner workers, so that ``grade`` need not import NumPy and
Matplotlib afresh on every run.

The server imports what every worker needs (NumPy, Matplotlib and its fonts, the worker
code) and then waits on a Unix socket in a folder only its user can enter. For each
request it forks a child that becomes a worker just as ``python -m grader.worker`` would:
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

import hashlib
import json
import os
import resource
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

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
IDLE_SECONDS = 15 * 60
CONNECT_TIMEOUT = 1.0
WAIT_LIMIT = 10.0  # for a killed worker's exit code, when no limit is given


# ---------------------------------------------------------------------------- where
def folder() -> Path | None:
    """The private folder that holds the sockets, or None when it cannot be made private."""
    base = os.environ.get("GRADER_FORKSERVER_DIR")
    if base:
        path = Path(base)
    elif os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(os.environ["XDG_RUNTIME_DIR"]) / "dlscratch-grader"
    else:
        path = Path(tempfile.gettempdir()) / f"dlscratch-grader-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or not path.is_dir() or path.is_symlink():
        return None  # someone else's folder, or one others can enter: never trust it
    return path


def socket_path() -> Path | None:
    """The socket of the server for this user, this Python and this version of the kit."""
    if os.environ.get("GRADER_FORKSERVER", "1") == "0" or not hasattr(os, "pidfd_open"):
        return None
    where = folder()
    if where is None:
        return None
    key = hashlib.sha256(f"{sys.executable}\n{sys.version}\n{PACKAGE_ROOT}".encode())
    for sub in ("grader", "dataset"):
        for source in sorted((PACKAGE_ROOT / sub).glob("*.py")):
            info = source.stat()
            key.update(f"{source.name} {info.st_mtime_ns} {info.st_size}\n".encode())
    return where / f"{key.hexdigest()[:20]}.sock"


# ---------------------------------------------------------------------------- client
class ForkedProcess:
    """A worker forked by the server: what ``LearnerProcess`` needs of a ``Popen``."""

    def __init__(self, conn: socket.socket, pid: int, stdout):
        self.conn, self.pid, self.stdout, self.returncode = conn, pid, stdout, None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self.conn], [], [], 0)[0]:
            self._read_exit()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self.conn], [], [], WAIT_LIMIT if timeout is None else timeout)[0]:
                if timeout is not None:
                    raise subprocess.TimeoutExpired("grader.worker", timeout)
                self.conn.close()  # the server is stuck: the caller has killed the worker anyway
                self.returncode = -signal.SIGKILL
            else:
                self._read_exit()
        return self.returncode

    def _read_exit(self) -> None:
        message = _read_line(self.conn, timeout=1.0)
        self.conn.close()
        try:
            self.returncode = int(json.loads(message)["returncode"])
        except (ValueError, KeyError, TypeError):  # the server went away: the worker was killed
            self.returncode = -signal.SIGKILL


def fork_worker(worker_args: list[str], fds: tuple[int, int], output: tuple[int, object], *, cwd: str,
                env: dict, memory_limit: int) -> ForkedProcess | None:
    """Ask the server for a worker; None if there is none.

    ``fds`` are the worker's ends of the request and reply pipes; ``output`` is the pipe for
    its stdout and stderr: the worker's end (a descriptor) and the caller's (a file).
    """
    path = socket_path()
    if path is None or not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(CONNECT_TIMEOUT)
    try:
        conn.connect(str(path))
        request = json.dumps({"args": worker_args, "cwd": cwd, "env": env, "memory_limit": memory_limit})
        socket.send_fds(conn, [request.encode() + b"\n"], [*fds, output[0]])
        pid = int(json.loads(_read_line(conn, CONNECT_TIMEOUT))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        conn.close()
        return None
    return ForkedProcess(conn, pid, output[1])


def running() -> bool:
    """Whether a server for this key is running (or warming up)."""
    path = socket_path()
    return path is not None and _server_pid(path.with_suffix(".lock")) is not None


def start(idle: float | None = None) -> None:
    """Start a server in the background unless one is running (it serves the next run)."""
    path = socket_path()
    if path is None or running():
        return
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONIOENCODING": "utf-8", **_worker_env()}
    seconds = idle if idle is not None else float(os.environ.get("GRADER_FORKSERVER_IDLE", IDLE_SECONDS))
    subprocess.Popen([sys.executable, "-m", "grader.forkserver", str(path), str(seconds)],
                     cwd="/", env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def stop(where: Path | None = None) -> int:
    """Stop every server in ``where`` (default: this user's folder); how many there were."""
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
    """The pid of the server holding ``lock``, or None when no process holds it."""
    import fcntl
    try:
        with open(lock) as f:
            try:
                fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return int(f.read().strip() or 0) or None
            return None  # nobody holds it
    except (OSError, ValueError):
        return None


def _read_line(conn: socket.socket, timeout: float) -> bytes:
    conn.settimeout(timeout)
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _worker_env() -> dict:
    from grader.learner import WORKER_ENV
    return WORKER_ENV


# ---------------------------------------------------------------------------- server
def _warm_up() -> None:
    """Import and exercise what workers need, so that each fork starts with it done."""
    import gc
    import numpy  # noqa: F401
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401 - learners' code imports it
    from matplotlib.figure import Figure
    figure = Figure()
    axes = figure.subplots()
    axes.plot([0.0, 1.0], [0.0, 1.0], label="warm")
    axes.set_title("warm")
    axes.legend()
    figure.canvas.draw()  # loads the fonts
    del figure, axes
    import grader.figure_summary  # noqa: F401
    import grader.worker  # noqa: F401
    gc.collect()
    gc.freeze()  # the children share these pages instead of copying them on first collection


def _peer_uid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _child(request: dict, fds: list[int], inherited: list[int]) -> None:
    """In the forked child: become a worker, as ``python -m grader.worker`` would start."""
    code = 1
    try:
        for fd in inherited:
            os.close(fd)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        os.setsid()
        limit = int(request["memory_limit"])
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        request_fd, reply_fd, output_fd = fds
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(output_fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[0] = request["cwd"]  # what `python -m` puts first
        import random
        import numpy
        random.seed()
        numpy.random.seed()  # a fresh process would not share the server's random state
        from grader import worker
        worker.main([str(request_fd), str(reply_fd), *request["args"]])
        code = 0
    except BaseException:  # noqa: BLE001 - the child must never return into the server's loop
        import traceback
        traceback.print_exc()
    finally:
        os._exit(code)


def serve(path: Path, idle: float) -> None:
    import fcntl
    lock = open(path.with_suffix(".lock"), "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server for this key is starting or running
    lock.truncate(0)
    lock.write(str(os.getpid()))
    lock.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave through the clean-up below
    _warm_up()
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(64)
    inode = path.stat().st_ino
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    try:
        _loop(listener, selector, idle, lock.fileno())
    finally:
        try:
            if path.stat().st_ino == inode:
                path.unlink()
        except OSError:
            pass


def _loop(listener: socket.socket, selector: selectors.BaseSelector, idle: float, lock_fd: int) -> None:
    children: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, the client's connection)
    last_used = time.monotonic()
    while True:
        events = selector.select(timeout=min(idle, 60))
        if not events and not children and time.monotonic() - last_used >= idle:
            break
        for key, _ in events:
            if key.data is not None:  # a child ended: tell its client how
                pid, conn = key.data
                selector.unregister(key.fd)
                os.close(key.fd)
                del children[key.fd]
                try:
                    _, status = os.waitpid(pid, 0)
                    conn.sendall(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
                except OSError:
                    pass
                conn.close()
                continue
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            last_used = time.monotonic()
            fds: list[int] = []
            try:
                conn.settimeout(CONNECT_TIMEOUT)
                if _peer_uid(conn) != os.getuid():
                    raise PermissionError("another user")
                data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
                while not data.endswith(b"\n"):
                    more = conn.recv(1 << 20)
                    if not more:
                        raise ValueError("incomplete request")
                    data += more
                request = json.loads(data)
                if len(fds) == 3:
                    inherited = [listener.fileno(), conn.fileno(), lock_fd, selector.fileno()]
                    inherited += [fd for fd in children] + [c.fileno() for _, c in children.values()]
                    pid = os.fork()
                    if pid == 0:
                        _child(request, fds, inherited)
                    pidfd = os.pidfd_open(pid)
                    children[pidfd] = (pid, conn)
                    selector.register(pidfd, selectors.EVENT_READ, (pid, conn))
                    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                    conn = None  # kept until the child ends
            except (OSError, ValueError, TypeError, KeyError):
                pass
            finally:
                for fd in fds:
                    os.close(fd)
                if conn is not None:
                    conn.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), float(sys.argv[2]))
