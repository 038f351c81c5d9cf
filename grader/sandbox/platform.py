"""What this operating system offers for running learner code, decided once.

Every other module asks these flags instead of importing ``resource``, ``fcntl`` or
``/proc`` itself, and takes the fallback named next to each flag when it is off.
"""
from __future__ import annotations

import os
import signal
import socket
import sys

IS_LINUX = sys.platform.startswith("linux")
IS_MACOS = sys.platform == "darwin"
IS_WINDOWS = os.name == "nt"

try:
    import resource
except ImportError:  # Windows
    resource = None

# setrlimit in the worker; fallback: no limit of the kind (the time limit still kills)
HAS_RLIMITS = resource is not None
# RLIMIT_AS can be lowered (macOS refuses); fallback: the memory limit is not enforced
CAN_LIMIT_ADDRESS_SPACE = HAS_RLIMITS and IS_LINUX
# fork without exec (the warm server); fallback: every worker is a fresh interpreter
HAS_FORK = hasattr(os, "fork") and not IS_WINDOWS
# pidfds (kill a forked worker without pid reuse); fallback: no warm server
HAS_PIDFD = hasattr(os, "pidfd_open")
# /proc lists every process's parent; fallback: kill the worker's process group only
HAS_PROC = IS_LINUX and os.path.isdir("/proc/self")
# Unix sockets with peer credentials (the warm server); fallback: no warm server
HAS_UNIX_SOCKETS = hasattr(socket, "AF_UNIX") and hasattr(socket, "SO_PEERCRED")
# process groups and sessions; fallback: kill the worker itself
HAS_PROCESS_GROUPS = hasattr(os, "killpg") and hasattr(os, "setsid")
# a timer signal in this process (notebook kernels); fallback: no per-call limit in-process
HAS_INTERVAL_TIMER = hasattr(signal, "setitimer")


def limit_resources(memory_limit: int) -> None:
    """In a new worker, before learner code: the address-space cap and no core files."""
    if not HAS_RLIMITS:
        return
    if memory_limit and CAN_LIMIT_ADDRESS_SPACE:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_resources_hook(memory_limit: int):
    """:func:`limit_resources` as a ``preexec_fn`` for ``subprocess``, or None where none runs."""
    if not HAS_RLIMITS or IS_WINDOWS:
        return None
    return lambda: limit_resources(memory_limit)
