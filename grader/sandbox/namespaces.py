"""Namespaces of each worker's own (Linux): a network with nothing in it, and a scratch folder of bounded size.

Landlock refuses TCP but not UDP (or other socket kinds), so a worker moves into a new
network namespace before it confines itself: nothing it sends leaves the namespace, and
workers of different students cannot reach one another (abstract Unix sockets are per
namespace, too).

Landlock lets a worker write its scratch folder, but not how much: with only a limit on
each file's size, one worker filled the grading machine's disk (2.5 GB in ten seconds, and
files deleted while open hold their space too).  So the worker also enters a mount namespace
of its own and mounts a ``tmpfs`` of :data:`SCRATCH_BYTES` and :data:`SCRATCH_FILES` on its
scratch folder, into which it copies what the grader put there (the font cache): past that,
a write fails with "No space left on device", the disk and every other worker untouched, and
the folder vanishes with the worker's last process.

As root the namespaces need nothing more; otherwise the worker first enters a user namespace
of its own, which grants the right to make them, with its own user and group mapped (the
tmpfs's files need an owner there).  Where something does not work, :func:`isolate` says
what is left out and the worker goes on without it.
"""
from __future__ import annotations

import ctypes
import os
import stat
from pathlib import Path

from grader.sandbox import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000
SCRATCH_BYTES = 256 * 1024**2  # a worker's whole scratch folder: no exercise writes more than a figure
SCRATCH_FILES = 4096  # files and folders in it


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _unshare(flags: int) -> int:
    return 0 if _libc().unshare(ctypes.c_int(flags)) == 0 else ctypes.get_errno()


def isolate(scratch: Path | None = None) -> list[str]:
    """Move this (single-threaded) process into a new network namespace and, given ``scratch``,
    put a bounded tmpfs on that folder (see the module's text); what was left out, and why."""
    if not platform.HAS_NETNS:
        why = "portable mode" if platform.IS_LINUX else "not on this OS"
        return [f"no network namespace ({why})"] + ([f"no size limit on the scratch folder ({why})"] if scratch else [])
    root = os.geteuid() == 0
    user = 0 if root else CLONE_NEWUSER
    try:
        error = _unshare(user | CLONE_NEWNET | (CLONE_NEWNS if scratch else 0))
        if error and scratch:  # a mount namespace refused: the network alone
            notes = [f"no size limit on the scratch folder ({os.strerror(error)})"]
            error, scratch = _unshare(user | CLONE_NEWNET), None
        else:
            notes = []
    except (OSError, AttributeError) as exc:
        return [f"no network namespace ({exc})"] + ([f"no size limit on the scratch folder ({exc})"] if scratch else [])
    if error:
        return notes + [f"no network namespace ({os.strerror(error)})"]
    if scratch:
        why = _bound(Path(scratch), mapped=root or _map_self())
        notes += [f"no size limit on the scratch folder ({why})"] if why else []
    return notes


def _map_self() -> bool:
    """In a new user namespace: map this process's own user and group to themselves."""
    uid, gid = os.geteuid(), os.getegid()
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)
    except OSError:
        return False
    return True


def _bound(scratch: Path, mapped: bool) -> str | None:
    """Mount the bounded tmpfs on ``scratch`` with a copy of what is in it; None, or why not."""
    if not mapped:
        return "no user mapping in the namespace"
    libc = _libc()
    if libc.mount(None, b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None) != 0:  # nothing leaks out
        return os.strerror(ctypes.get_errno())
    try:
        old = os.open(scratch, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        return exc.strerror
    try:
        top = os.fstat(old)
        options = f"size={SCRATCH_BYTES},nr_inodes={SCRATCH_FILES},mode=0700,uid={top.st_uid},gid={top.st_gid}"
        if libc.mount(b"tmpfs", os.fsencode(scratch), b"tmpfs", ctypes.c_ulong(MS_NOSUID | MS_NODEV),
                      options.encode()) != 0:
            return os.strerror(ctypes.get_errno())
        new = os.open(scratch, os.O_RDONLY | os.O_DIRECTORY)
        try:
            _copy_tree(old, new)
        finally:
            os.close(new)
    finally:
        os.close(old)
    os.chdir(scratch)  # the old folder, under the mount, stays the working directory otherwise
    return None


def _copy_tree(source: int, target: int) -> None:
    """Copy the folders and regular files under folder ``source`` into ``target`` (both descriptors),
    with their modes and owners; anything else (links) is left out."""
    for name in os.listdir(source):
        info = os.stat(name, dir_fd=source, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            os.mkdir(name, 0o700, dir_fd=target)
            inner_source = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=source)
            inner_target = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=target)
            try:
                _copy_tree(inner_source, inner_target)
            finally:
                os.close(inner_source)
                os.close(inner_target)
        elif stat.S_ISREG(info.st_mode):
            reader = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=source)
            writer = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600, dir_fd=target)
            try:
                while chunk := os.read(reader, 1 << 20):
                    os.write(writer, chunk)
            finally:
                os.close(reader)
                os.close(writer)
        else:
            continue
        os.chmod(name, stat.S_IMODE(info.st_mode), dir_fd=target)
        os.utime(name, ns=(info.st_atime_ns, info.st_mtime_ns), dir_fd=target)
        os.chown(name, info.st_uid, info.st_gid, dir_fd=target, follow_symlinks=False)
