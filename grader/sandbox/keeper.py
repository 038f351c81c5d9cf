"""The keeper: the first process of every worker, which never runs learner code.

:func:`split` forks the worker in two before any learner code runs.  The child goes on to
become the worker (it is confined and imports the learner's module); the parent stays
behind as its keeper:

* it is a *subreaper*: a learner process that leaves its parent (``setsid``, a double
  fork, its parent exiting) is re-parented to the keeper instead of to init, so every
  process learner code starts stays a descendant of the worker's first process, where the
  grader's clean-up finds it;
* it watches all of them together: more resident memory than the worker's memory limit,
  or more than :data:`MAX_PROCESSES` processes, and it kills them all;
* when the worker ends, it kills every process that is left and ends the way the worker
  ended (the same exit code or signal), so the grader reports the worker's own end;
* when the grader that started it is gone (killed, interrupted), it kills them all too: a
  learner's endless loop never outlives its grader;
* the worker is the kernel's first choice when the machine runs out of memory
  (``oom_score_adj`` 1000, which learner code cannot lower): several workers of a batch, each
  within its own limit, can together exceed the machine, and then a worker is killed (and
  reported as out of memory), never a grading process.

The worker dies with its keeper (``PR_SET_PDEATHSIG``), and learner code cannot signal the
keeper, which stays outside the sandbox (Landlock's signal scope).  Where there is no
``fork`` or ``/proc`` (Windows, macOS) :func:`split` does nothing.
"""
from __future__ import annotations

import ctypes
import os
import select
import signal

from grader.sandbox import platform
from grader.sandbox.platform import read_proc as _read

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
MAX_PROCESSES = 64  # learner processes of one worker at once; no exercise needs more than one
WATCH_SECONDS = 0.05  # how often the keeper looks at memory and processes
DEFAULT_MEMORY = 4 * 1024**3  # bytes of resident memory, when the worker has no address-space limit
OOM_FIRST = 1000  # the highest oom_score_adj: killed before anything else of the same size
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def available() -> bool:
    return platform.IS_LINUX and platform.HAS_FORK and platform.HAS_PROC and hasattr(os, "pidfd_open")


def _prctl(option: int, value: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def split(close_in_keeper: tuple[int, ...] = ()) -> bool:
    """Fork: return True in the child (the worker); the parent keeps it until it ends (never returns).
    False (and no fork) where there can be no keeper.

    ``close_in_keeper``: descriptors the keeper must not hold (the worker's pipes: the grader
    must see end-of-file the moment the worker dies).
    """
    if not available() or not _prctl(PR_SET_CHILD_SUBREAPER, 1):
        return False
    keeper, grader = os.getpid(), os.getppid()
    budget = _memory_budget()
    pid = os.fork()
    if pid == 0:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        _first_to_go()
        _prctl(PR_SET_CHILD_SUBREAPER, 0)
        if os.getppid() != keeper:  # the keeper is already gone
            os._exit(1)
        return True
    try:
        for fd in close_in_keeper:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the keeper prints nothing; the worker's output pipe ends with the worker
            os.dup2(devnull, fd)
        status = _keep(pid, budget, grader)
    except BaseException:  # noqa: BLE001 - never return into the worker's code
        status = None
    _end_like(status)


def _first_to_go() -> None:
    """Make this process (and what it starts) the first the kernel kills for want of memory."""
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write(str(OOM_FIRST))
    except OSError:
        pass


def _memory_budget() -> int:
    resource = platform.resource
    if resource is not None and platform.CAN_LIMIT_ADDRESS_SPACE:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            return soft
    return DEFAULT_MEMORY


def _keep(worker: int, budget: int, grader: int) -> int | None:
    """Wait for the worker, watching its family and the grader; the worker's wait status (None:
    stopped by the keeper)."""
    pidfd = os.pidfd_open(worker)
    status = None
    while status is None:
        select.select([pidfd], [], [], WATCH_SECONDS)
        status = _reap(worker)
        if status is None and os.getppid() != grader:  # the grader is gone: so is the work
            kill_family()
            return None
        if status is None:
            family = family_of(os.getpid())
            if len(family) > MAX_PROCESSES or _resident(family) > budget:
                kill_family()
                return None
    kill_family()
    return status


def _reap(worker: int) -> int | None:
    """Reap every ended child (orphans come to the keeper); the worker's wait status once it ended."""
    found = None
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        if pid == 0:
            return found
        if pid == worker:
            found = status


def family_of(root: int, strict: bool = False) -> list[int] | None:
    """Every descendant of ``root``, from the kernel's lists of each thread's children.

    A list that cannot be read is skipped, or with ``strict`` gives None (no such lists in this
    kernel, or a process this user may not look into): the grader's clean-up then scans instead.
    Processes and threads that end meanwhile are skipped either way."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            continue  # it has just ended
        except OSError:
            if strict:
                return None
            continue
        for task in tasks:
            try:
                children = [int(c) for c in _read(f"/proc/{pid}/task/{task}/children").split()]
            except (OSError, ValueError) as exc:
                ended = isinstance(exc, FileNotFoundError) and not os.path.exists(f"/proc/{pid}/task/{task}")
                if strict and not ended:
                    return None
                continue
            found += children
            todo += children
    return found


def _resident(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += int(_read(f"/proc/{pid}/statm").split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def kill_family() -> None:
    """SIGKILL every descendant until none is left (a fork loop cannot outrun it for long)."""
    for _ in range(1000):
        family = family_of(os.getpid())
        if not family:
            break
        for pid in family:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap(-1)
    _reap(-1)


def _end_like(status: int | None) -> None:
    """End as the worker ended: its exit code, or its signal (SIGKILL when the watchdog stopped it)."""
    if status is not None and os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    sig = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else signal.SIGKILL
    if platform.resource is not None:
        platform.resource.setrlimit(platform.resource.RLIMIT_CORE, (0, 0))
    try:
        signal.signal(sig, signal.SIG_DFL)
    except (OSError, ValueError):
        pass
    os.kill(os.getpid(), sig)
    os._exit(128 + sig)
