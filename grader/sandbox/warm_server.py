"""The warm server itself: the process that :func:`grader.sandbox.forkserver.start` runs as
``python -m grader.sandbox.warm_server SOCKET IDLE FLAVOUR``.

It warms up (:func:`_warm_up`), then forks a worker for each request that arrives on its
socket from a process of its own user that is not sandboxed (:class:`_Server`); each child
becomes a worker as ``python -m grader.sandbox.worker`` would (:func:`_child`).  The client
side, the sockets' names and the rules for who may ask are in :mod:`grader.sandbox.forkserver`.
"""
from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import sys
import time
from pathlib import Path

from grader.sandbox import platform
from grader.sandbox.forkserver import CONNECT_TIMEOUT, EXIT_UNKNOWN, LIFETIME, PLAIN, PLOTTING, _confined, _peer


def _warm_up(plotting: bool = True) -> None:
    """Import and exercise what workers need, so that each fork starts with it done (Matplotlib only
    in the plotting server, without pyplot: see :func:`grader.sandbox.worker.warm_up_matplotlib`)."""
    import gc
    import importlib
    import numpy  # noqa: F401
    import numpy.random  # noqa: F401  (NumPy loads it on first use: 10 ms in every worker, which reseeds it)
    import grader.sandbox.worker
    if plotting:
        grader.sandbox.worker.warm_up_matplotlib()
    import grader.sandbox.confine  # what every worker applies before learner code
    for name in grader.sandbox.confine.PRELOAD:  # what it imports before the sandbox closes
        importlib.import_module(name)
    runtime = grader.sandbox.confine.runtime_paths()  # (cached: each fork has it worked out)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # and whether the unprivileged user reads them
        from grader.sandbox import privileges
        privileges.remember(runtime, grader.sandbox.confine.NOBODY)
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


def serve(path: Path, idle: float, flavour: str = PLOTTING) -> None:
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
    _warm_up(plotting=flavour != PLAIN)
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
    serve(Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else PLOTTING)
