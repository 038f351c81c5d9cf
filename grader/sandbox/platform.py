"""What this operating system offers for running learner code, decided once.

Every other module asks these flags instead of importing ``resource``, ``fcntl`` or
``/proc`` itself, and takes the fallback named next to each flag when it is off.

``GRADER_SANDBOX=portable`` (read here only) turns off everything Windows lacks, on any
OS, so that the tests can run the portable code paths on Linux: workers talk over their
standard input and output, and there are no rlimits, no warm server, no ``/proc``, no
process groups and no Landlock.
"""
from __future__ import annotations

import os
import select
import signal
import socket
import sys

MODE = os.environ.get("GRADER_SANDBOX", "").strip().lower()
PORTABLE = MODE == "portable"
#: Set by a test's stand-in for a poorer OS (tests/no_posix/sitecustomize.py): its folder, which
#: workers need on their PYTHONPATH too.
STAND_IN = "GRADER_SANDBOX_SITE"

IS_LINUX = sys.platform.startswith("linux")
IS_MACOS = sys.platform == "darwin"
IS_WINDOWS = os.name == "nt"

try:
    import resource
except ImportError:  # Windows
    resource = None
if PORTABLE:
    resource = None

# setrlimit in the worker; fallback: no limit of the kind (the time limit still kills)
HAS_RLIMITS = resource is not None
# RLIMIT_AS can be lowered (macOS refuses); fallback: the memory limit is not enforced
CAN_LIMIT_ADDRESS_SPACE = HAS_RLIMITS and IS_LINUX
# the worker's own peak resident memory can be read (Windows' process counters, getrusage), so it
# watches its memory itself where no RLIMIT_AS holds it (grader.sandbox.watchdog); fallback: none
try:
    import resource as _real_resource  # noqa: F401 - portable mode still has it, as Windows has its counters
    HAS_MEMORY_WATCH = True
except ImportError:
    HAS_MEMORY_WATCH = IS_WINDOWS
# fork without exec (the warm server); fallback: every worker is a fresh interpreter
HAS_FORK = hasattr(os, "fork") and not IS_WINDOWS and not PORTABLE
# pidfds (kill a forked worker without pid reuse); fallback: no warm server
HAS_PIDFD = hasattr(os, "pidfd_open") and not PORTABLE
# /proc lists every process's parent; fallback: `ps` (POSIX), `taskkill /T` (Windows)
HAS_PROC = IS_LINUX and not PORTABLE and os.path.isdir("/proc/self")
# `ps -A -o pid=,ppid=` lists every process's parent; fallback: the process group only
HAS_PS = os.name == "posix"
# `taskkill /F /T` kills a process and its descendants (built into Windows)
HAS_TASKKILL = IS_WINDOWS
# Unix sockets with peer credentials (the warm server); fallback: no warm server
HAS_UNIX_SOCKETS = hasattr(socket, "AF_UNIX") and hasattr(socket, "SO_PEERCRED") and not PORTABLE
# process groups and sessions; fallback: kill the worker and the descendants found
HAS_PROCESS_GROUPS = hasattr(os, "killpg") and hasattr(os, "setsid") and not PORTABLE
# a timer signal in this process (notebook kernels, never `grade`: portable mode keeps it);
# fallback: no per-call limit in-process
HAS_INTERVAL_TIMER = hasattr(signal, "setitimer")
# a child inherits pipes by number (subprocess's pass_fds); fallback: the worker's stdin and stdout
HAS_PASS_FDS = os.name == "posix" and not PORTABLE
# select.poll waits on a pipe (not on Windows, whose select takes only sockets); fallback: a reader thread
HAS_POLL_ON_PIPES = os.name == "posix" and hasattr(select, "poll") and not PORTABLE
# network and mount namespaces of the worker's own (grader.sandbox.namespaces); fallback: UDP stays open to
# learner code, and its scratch folder has no size limit (only each file's)
HAS_NETNS = IS_LINUX and not PORTABLE
# Landlock may exist (grader.sandbox.landlock asks the kernel); fallback: no file-system sandbox
HAS_LANDLOCK = IS_LINUX and not PORTABLE
# a process killed by a signal has a negative return code (SIGSEGV, SIGKILL); Windows: an exit code
HAS_SIGNAL_EXITS = os.name == "posix"
#: Variables a Windows process needs to start at all (Python needs SYSTEMROOT for its random numbers).
SYSTEM_VARIABLES = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT") if IS_WINDOWS else ()


def limit_resources(memory_limit: int) -> None:
    """In a new worker, before learner code: the address-space cap and no core files; a limit
    this OS refuses is left out (the time limit still kills)."""
    if not HAS_RLIMITS:
        return
    limits = [(resource.RLIMIT_CORE, 0)]
    if memory_limit and CAN_LIMIT_ADDRESS_SPACE:
        limits.insert(0, (resource.RLIMIT_AS, memory_limit))
    for kind, value in limits:
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass


def limit_resources_hook(memory_limit: int):
    """:func:`limit_resources` as a ``preexec_fn`` for ``subprocess``, or None where none runs."""
    if not HAS_RLIMITS or IS_WINDOWS:
        return None
    return lambda: limit_resources(memory_limit)


def spawn_options(memory_limit: int) -> dict:
    """``Popen`` keywords for a worker: a session (a process group on Windows) and, where a
    ``preexec_fn`` runs, its resource limits."""
    if IS_WINDOWS:
        import subprocess
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    options = {"start_new_session": HAS_PROCESS_GROUPS}
    hook = limit_resources_hook(memory_limit)
    if hook is not None:
        options["preexec_fn"] = hook
    return options


def worker_environment(base, pythonpath: str) -> dict:
    """What a worker's environment (see grader.sandbox.confine.environment) needs from ``base``
    to start here and see the platform that this process sees: PYTHONPATH (``pythonpath``,
    after a stand-in's folder) and the sandbox mode."""
    env = {name: base[name] for name in (*SYSTEM_VARIABLES, "GRADER_SANDBOX", STAND_IN) if base.get(name)}
    env["PYTHONPATH"] = os.pathsep.join([base[STAND_IN], pythonpath]) if base.get(STAND_IN) else pythonpath
    return env


def binary_mode(fd: int) -> None:
    """No newline translation on ``fd`` (Windows' C runtime translates in text mode)."""
    if IS_WINDOWS:
        import msvcrt
        msvcrt.setmode(fd, os.O_BINARY)


def _where():
    from grader.i18n import T
    if PORTABLE:
        return T("in portable mode (GRADER_SANDBOX=portable)", "이식 모드(GRADER_SANDBOX=portable)에서는")
    if IS_WINDOWS:
        return T("on Windows", "Windows에서는")
    if IS_MACOS:
        return T("on macOS", "macOS에서는")
    return T("on this system", "이 시스템에서는")


def limitations():
    """One line for the report: what this platform does not confine (None: nothing is missing).

    Where Landlock may exist, whether the kernel really has it is the worker's to say
    (:func:`unconfined_note`)."""
    from grader.i18n import T
    sandbox, memory = not HAS_LANDLOCK, not (CAN_LIMIT_ADDRESS_SPACE or HAS_MEMORY_WATCH)
    if not (sandbox or memory):
        return None
    where = _where()
    if sandbox and memory:
        missing = T("a file-system sandbox or memory limit", "파일 시스템 샌드박스와 메모리 제한")
    elif sandbox:
        missing = T("a file-system sandbox", "파일 시스템 샌드박스")
    else:
        missing = T("a memory limit", "메모리 제한")
    return T(f"Your code runs without {missing.en} {where.en}; time limits still apply.",
             f"{where.ko} {missing.ko} 없이 코드가 실행됩니다. 시간 제한은 그대로 적용됩니다.")


def unconfined_note():
    """One line for the report where a sandbox was expected but this kernel has none; else None.

    Decided here, in the grader: what a worker says of itself is learner code's word once the
    learner's module has run."""
    from grader.i18n import T
    from grader.sandbox import landlock
    if not HAS_LANDLOCK:  # limitations() says so already
        return None
    found = landlock.support()
    if found.abi:
        return None
    reason = found.reason
    return T(f"Your code ran without a file-system sandbox ({reason}); time limits still apply.",
             f"파일 시스템 샌드박스 없이 코드가 실행되었습니다 ({reason}). 시간 제한은 그대로 적용됩니다.")


def read_proc(path: str) -> bytes:
    """A small file of ``/proc`` in one read, without Python's file objects (``open()`` costs twice
    the system calls): keepers and CPU clocks read such files many times a second."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        return os.read(fd, 65536)
    finally:
        os.close(fd)
