"""A small ctypes binding to Linux Landlock: a process takes away its own file, network and IPC rights.

Landlock (Linux 5.13 and later) lets an unprivileged process build a *ruleset* -- the
kinds of access it wants to control, and the few places where each stays allowed --
and then enforce it on itself for good: from then on every ``open`` (and ``connect``,
``kill``, ...) the ruleset handles is refused unless a rule allows it.  Nothing can
undo it, and children inherit it.  Three system calls do it (the same numbers on
x86_64 and aarch64)::

    landlock_create_ruleset(attr, size, flags) -> ruleset fd     (444)
    landlock_add_rule(ruleset_fd, rule_type, rule_attr, flags)   (445)
    landlock_restrict_self(ruleset_fd, flags)                    (446)

What a kernel knows grows with its *ABI version* (``create_ruleset(NULL, 0,
LANDLOCK_CREATE_RULESET_VERSION)``); this module handles every right of the version it
finds and nothing newer, so an older kernel just controls less:

* ABI 1: the base file-system rights (execute, read, write, list, make and remove entries);
* ABI 2: ``REFER`` (rename or link a file into another folder);
* ABI 3: ``TRUNCATE``;
* ABI 4: TCP ``bind`` and ``connect`` (:class:`Ruleset` denies both: no rule allows a port);
* ABI 5: ``IOCTL_DEV`` (ioctl on devices);
* ABI 6: *scopes*: no connecting to abstract Unix sockets and no signals to processes
  outside the sandbox.

Where there is no Landlock (not Linux, an unknown architecture, a kernel without it or
with it disabled, a container that filters the calls) :func:`support` says why and
:func:`restrict` returns an :class:`Outcome` that says so; neither raises.

Rules are *beneath* a path: a rule on a folder covers everything below it.  A rule on a
file may only carry file rights (:data:`FILE_RIGHTS`).  Paths that do not exist are skipped.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import stat
import sys
from dataclasses import dataclass
from typing import Callable, Iterable

from grader.sandbox import platform as offered  # what this OS offers (the stdlib's platform names the machine)

# System call numbers, by machine (``platform.machine()``).
SYSCALLS = {"x86_64": (444, 445, 446), "amd64": (444, 445, 446),
            "aarch64": (444, 445, 446), "arm64": (444, 445, 446)}

CREATE_RULESET_VERSION = 1 << 0
RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38

# File-system rights (ABI 1 unless marked).
FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13  # ABI 2
FS_TRUNCATE = 1 << 14  # ABI 3
FS_IOCTL_DEV = 1 << 15  # ABI 5
# Network rights (ABI 4).
NET_BIND_TCP = 1 << 0
NET_CONNECT_TCP = 1 << 1
# Scopes (ABI 6).
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0
SCOPE_SIGNAL = 1 << 1

#: The only rights a rule on something that is not a folder may carry.
FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
#: Read a file or list a folder (and everything beneath it).
READ_RIGHTS = FS_READ_FILE | FS_READ_DIR


def fs_rights(abi: int) -> int:
    """Every file-system right that Landlock ABI ``abi`` knows (0 for no Landlock)."""
    if abi < 1:
        return 0
    rights = (1 << 13) - 1  # ABI 1: bits 0 to 12
    if abi >= 2:
        rights |= FS_REFER
    if abi >= 3:
        rights |= FS_TRUNCATE
    if abi >= 5:
        rights |= FS_IOCTL_DEV
    return rights


class _RulesetAttr(ctypes.Structure):
    """``struct landlock_ruleset_attr``; older kernels read only its first 8 (ABI 1-3) or 16 (ABI 4-5) bytes."""
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    """``struct landlock_path_beneath_attr`` (packed: 12 bytes)."""
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


class LandlockError(OSError):
    """A Landlock call failed where it should have worked (a bug or an unusual kernel)."""


@dataclass(frozen=True)
class Support:
    """Whether this process can use Landlock: its ABI version, or 0 and why not."""
    abi: int
    reason: str = ""


_libc_handle = None


def libc():
    """The C library, with errno kept for ctypes (Linux only)."""
    global _libc_handle
    if _libc_handle is None:
        _libc_handle = ctypes.CDLL(None, use_errno=True)
        _libc_handle.syscall.restype = ctypes.c_long
        _libc_handle.prctl.restype = ctypes.c_int
    return _libc_handle


def _syscall(index: int, *args) -> int:
    """Landlock call number ``index`` (0 create, 1 add rule, 2 restrict); raises OSError on failure."""
    number = SYSCALLS[platform.machine()][index]
    result = libc().syscall(ctypes.c_long(number), *args)
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return result


def support() -> Support:
    """The Landlock ABI version of this kernel, or 0 and the reason there is none."""
    if not sys.platform.startswith("linux"):
        return Support(0, f"Landlock is Linux only (this is {sys.platform})")
    if not offered.HAS_LANDLOCK:
        return Support(0, "Landlock is off in portable mode (GRADER_SANDBOX=portable)")
    if platform.machine() not in SYSCALLS:
        return Support(0, f"Landlock system call numbers unknown for {platform.machine()}")
    try:
        abi = _syscall(0, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except OSError as exc:
        why = {errno.ENOSYS: "the kernel has no Landlock", errno.EOPNOTSUPP: "Landlock is disabled at boot",
               errno.EPERM: "Landlock calls are filtered (seccomp)"}.get(exc.errno, str(exc))
        return Support(0, why)
    return Support(int(abi))


def no_new_privs() -> None:
    """``prctl(PR_SET_NO_NEW_PRIVS)``: no program this process runs can gain rights (setuid bits, file caps).

    Required before an unprivileged ``landlock_restrict_self``; kept for good either way."""
    if libc().prctl(PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0),
                    ctypes.c_ulong(0)) != 0:
        code = ctypes.get_errno()
        raise LandlockError(code, f"PR_SET_NO_NEW_PRIVS: {os.strerror(code)}")


class Ruleset:
    """A Landlock ruleset being built: it handles every right of ``abi``; rules add exceptions.

    ``network``: handle TCP bind and connect (ABI 4+) -- with no port rule, both are refused.
    ``scopes``: refuse abstract Unix sockets and signals outside the sandbox (ABI 6+).
    """

    def __init__(self, abi: int, *, network: bool = True, scopes: bool = True):
        self.abi = abi
        self.handled_fs = fs_rights(abi)
        self.handled_net = NET_BIND_TCP | NET_CONNECT_TCP if network and abi >= 4 else 0
        self.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if scopes and abi >= 6 else 0
        attr = _RulesetAttr(self.handled_fs, self.handled_net, self.scoped)
        size = 8 if abi < 4 else 16 if abi < 6 else 24
        self.fd = _syscall(0, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
        self.rules: list[tuple[str, int]] = []  # (path, rights) added
        self.skipped: list[str] = []  # paths that do not exist (or cannot be opened)

    def allow(self, path, rights: int) -> bool:
        """Allow ``rights`` beneath ``path`` (file rights only on a file); False when it was skipped."""
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            self.skipped.append(str(path))
            return False
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                rights &= FILE_RIGHTS
            rights &= self.handled_fs
            if not rights:
                return False
            attr = _PathBeneathAttr(rights, fd)
            try:
                _syscall(1, ctypes.c_int(self.fd), ctypes.c_int(RULE_PATH_BENEATH), ctypes.byref(attr),
                         ctypes.c_uint32(0))
            except OSError as exc:
                raise LandlockError(exc.errno, f"landlock_add_rule({path}): {exc.strerror}") from None
        finally:
            os.close(fd)
        self.rules.append((str(path), rights))
        return True

    def allow_read(self, path, *, execute: bool = False) -> bool:
        """Read the file, or list and read everything beneath the folder; ``execute``: also run programs there."""
        return self.allow(path, READ_RIGHTS | (FS_EXECUTE if execute else 0))

    def allow_write(self, path) -> bool:
        """Every handled right beneath the folder (create, write, remove, rename...); on a file: every file right."""
        return self.allow(path, self.handled_fs)

    def restrict_self(self) -> None:
        """Enforce the ruleset on this thread (and what it starts) for good; closes the ruleset."""
        no_new_privs()
        try:
            _syscall(2, ctypes.c_int(self.fd), ctypes.c_uint32(0))
        except OSError as exc:
            raise LandlockError(exc.errno, f"landlock_restrict_self: {exc.strerror}") from None
        finally:
            self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@dataclass(frozen=True)
class Outcome:
    """What :func:`restrict` did: ``enforced`` or not (and ``reason``), with which ABI and parts."""
    abi: int
    enforced: bool
    network: bool = False  # TCP bind/connect refused
    scoped: bool = False  # abstract Unix sockets and signals kept inside
    reason: str = ""
    skipped: tuple[str, ...] = ()


def restrict(read: Iterable = (), write: Iterable = (), *, files: Iterable = (), execute: Iterable = (),
             network: bool = True, scopes: bool = True, before: Callable[[], None] | None = None) -> Outcome:
    """Confine this thread to reading ``read``, writing ``write``, reading/writing the files ``files``
    and reading and running the programs in ``execute`` (what they run stays confined: the
    sandbox is inherited across exec).

    ``before`` runs after the rules are built (paths are opened with this process's rights)
    and before they are enforced -- the place to drop privileges.  It also runs, followed by
    ``PR_SET_NO_NEW_PRIVS``, where there is no Landlock, and then the outcome says why.
    """
    found = support()
    if not found.abi:
        if before:
            before()
        if sys.platform.startswith("linux"):
            no_new_privs()
        return Outcome(0, False, reason=found.reason)
    ruleset = Ruleset(found.abi, network=network, scopes=scopes)
    try:
        for path in read:
            ruleset.allow_read(path)
        for path in execute:
            ruleset.allow_read(path, execute=True)
        for path in write:
            ruleset.allow_write(path)
        for path in files:
            ruleset.allow(path, READ_RIGHTS | FS_WRITE_FILE | FS_TRUNCATE)
        if before:
            before()
        ruleset.restrict_self()
    finally:
        ruleset.close()
    return Outcome(found.abi, True, bool(ruleset.handled_net), bool(ruleset.scoped),
                   skipped=tuple(ruleset.skipped))
