"""A root worker gives up root: it becomes an unprivileged user, or at least loses every capability.

Landlock confines files, TCP, abstract sockets and signals, but root keeps powers it does
not touch (loading kernel modules, raw sockets, reading every file its rules allow
whatever the file's mode...).  So a worker that starts as root, after it has opened
what only root may open and before Landlock is enforced (:class:`Change` runs as the
``before`` step of :func:`grader.sandbox.landlock.restrict`):

* becomes ``user``/``group`` (``setgroups([])``, ``setresgid``, ``setresuid``) and checks
  that it cannot become root again;
* unless that user could not read what the worker needs (the runtime under a ``0700``
  ``/root``, for instance: every later import would fail): then it stays uid 0 but drops
  every capability, for good (bounding set, ambient set, securebits locked), takes the
  scratch folder (made for ``user``) back and says so.
"""
from __future__ import annotations

import ctypes
import os
import stat
import sys
from pathlib import Path

from grader.sandbox import landlock

IS_LINUX = sys.platform.startswith("linux")
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
# NOROOT, NO_SETUID_FIXUP, NO_CAP_AMBIENT_RAISE, each locked, and KEEP_CAPS locked off.
SECUREBITS = 0b11101111
CAPABILITY_VERSION_3 = 0x20080522


class PrivilegeError(RuntimeError):
    """The worker could still become root again: it must not run learner code."""


class Change:
    """The change of user of a worker started as root (nothing for anyone else).

    ``need_read``/``need_write``: the paths the new user must reach (see :func:`blocked`)."""

    def __init__(self, user: int | None, group: int | None, force: bool, need_read=(), need_write=()):
        self.user, self.force = user, force
        self.group = user if group is None else group
        self.need_read, self.need_write = tuple(need_read), tuple(need_write)
        self.notes: list[str] = []

    def run(self) -> None:
        if self.user is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
            return
        unreachable = blocked(self.need_read, self.need_write, self.user, self.group)
        if unreachable and not self.force:
            return self.stay(f"uid {self.user} cannot reach {unreachable[0]}")
        if unreachable:
            self.notes.append(f"uid {self.user} cannot reach {unreachable[0]}")
        try:
            become(self.user, self.group)
        except OSError as exc:  # e.g. EINVAL: a user namespace that maps no such user
            self.stay(f"cannot become uid {self.user} ({exc})")

    def stay(self, why: str) -> None:
        """Stay uid 0 without capabilities; the writable folders (made for ``user``) become root's again."""
        for folder in self.need_write:
            take(folder, os.getuid(), os.getgid())
        drop_capabilities()
        self.notes.append(f"kept uid 0 without capabilities: {why}")


def take(folder, uid: int, gid: int) -> None:
    """Give ``folder`` and everything in it to ``uid``/``gid`` (links themselves, never what they name)."""
    if not os.path.isdir(folder) or os.path.islink(folder):
        return
    os.chown(folder, uid, gid, follow_symlinks=False)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)


def become(uid: int, gid: int) -> None:
    """Become ``uid``/``gid`` with no supplementary groups; raise PrivilegeError if root can come back."""
    os.setgroups([])
    if hasattr(os, "setresuid"):
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
        if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid):
            raise PrivilegeError("the user or group did not change everywhere")
    else:
        os.setgid(gid)
        os.setuid(uid)
    for regain in (os.setuid, os.setgid, os.seteuid):
        try:
            regain(0)
        except PermissionError:
            continue
        raise PrivilegeError(f"{regain.__name__}(0) still works after becoming uid {uid}")
    if IS_LINUX and any(capabilities()):
        raise PrivilegeError(f"capabilities remain after becoming uid {uid}")


def blocked(read, write, uid: int, gid: int) -> list[str]:
    """The paths of ``read`` (and ``write``) that ``uid``/``gid`` cannot read (write) by their modes."""
    missing = [p for p in read if not reaches(p, uid, gid, write=False)]
    return [str(p) for p in missing + [p for p in write if not reaches(p, uid, gid, write=True)]]


_known: dict[tuple[str, int, int, bool], bool] = {}  # (path, uid, gid, write) -> reached, see remember


def remember(paths, uid: int, gid: int | None = None) -> None:
    """Work out once (in the warm server, before it forks workers) whether ``uid`` reaches ``paths``
    for reading: Python's own folders, which every worker needs and which do not move."""
    gid = uid if gid is None else gid
    for path in paths:
        _known[str(path), uid, gid, False] = reaches(path, uid, gid, write=False)


def reaches(path, uid: int, gid: int, *, write: bool) -> bool:
    """Whether ``uid``/``gid`` (no other group) may search every folder above ``path`` and read it
    (a folder: list it; ``write``: also create in it).  A missing path counts as reached."""
    known = _known.get((str(path), uid, gid, write))
    if known is not None:
        return known
    path = Path(os.path.realpath(path))
    try:
        info = os.stat(path)
        if not all(_may(os.stat(parent), uid, gid, 1) for parent in path.parents):
            return False
    except FileNotFoundError:
        return True
    want = 4 | (2 if write else 0) | (1 if stat.S_ISDIR(info.st_mode) else 0)
    return _may(info, uid, gid, want)


def _may(info: os.stat_result, uid: int, gid: int, bits: int) -> bool:
    shift = 6 if info.st_uid == uid else 3 if info.st_gid == gid else 0
    return (info.st_mode >> shift) & bits == bits


# ---------------------------------------------------------------------------- capabilities
class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def capabilities() -> tuple[int, int, int]:
    """This process's effective, permitted and inheritable capability sets (64-bit masks)."""
    header, data = _CapHeader(CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    if landlock.libc().capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    return tuple(getattr(data[0], k) | getattr(data[1], k) << 32
                 for k in ("effective", "permitted", "inheritable"))


def drop_capabilities() -> None:
    """Lose every capability for good while keeping the uid (Linux; root without root's powers)."""
    if not IS_LINUX:
        return
    lib = landlock.libc()
    for cap in range(_last_capability() + 1):
        lib.prctl(PR_CAPBSET_DROP, ctypes.c_ulong(cap), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
    lib.prctl(PR_CAP_AMBIENT, ctypes.c_ulong(PR_CAP_AMBIENT_CLEAR_ALL), ctypes.c_ulong(0), ctypes.c_ulong(0),
              ctypes.c_ulong(0))
    lib.prctl(PR_SET_SECUREBITS, ctypes.c_ulong(SECUREBITS), ctypes.c_ulong(0), ctypes.c_ulong(0),
              ctypes.c_ulong(0))  # uid 0 gains nothing by running a program: no error if not allowed
    header, data = _CapHeader(CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    if lib.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    if any(capabilities()):
        raise PrivilegeError("capabilities remain after dropping them")


def _last_capability() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as f:
            return int(f.read())
    except (OSError, ValueError):
        return 63
