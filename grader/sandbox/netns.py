"""A network of its own for each worker (Linux): no interface but a loopback that is down.

Landlock refuses TCP but not UDP (or other socket kinds), so a worker moves into a new
network namespace before it confines itself: nothing it sends leaves the namespace, and
workers of different students cannot reach one another (abstract Unix sockets are per
namespace, too).  As root the namespace needs nothing more; otherwise the worker first
enters a user namespace of its own, which grants the right to make one.  Where neither
works, :func:`isolate` says why and the worker goes on without it.
"""
from __future__ import annotations

import ctypes
import os

from grader.sandbox import platform

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def _unshare(flags: int) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    return 0 if libc.unshare(ctypes.c_int(flags)) == 0 else ctypes.get_errno()


def isolate() -> str | None:
    """Move this (single-threaded) process into a new network namespace; None, or why not."""
    if not platform.HAS_NETNS:
        return "no network namespace on this OS" if not platform.IS_LINUX else "no network namespace (portable mode)"
    try:
        error = _unshare(CLONE_NEWNET) if os.geteuid() == 0 else _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    except (OSError, AttributeError) as exc:
        return f"no network namespace ({exc})"
    return None if error == 0 else f"no network namespace ({os.strerror(error)})"
