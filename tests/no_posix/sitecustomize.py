"""A stand-in for an OS without POSIX's extras (Windows): on PYTHONPATH, before anything else runs,
``resource`` and ``fcntl`` cannot be imported and ``os.fork``, ``os.pidfd_open``,
``select.poll`` and ``socket.AF_UNIX`` are gone (``socket.socketpair()`` still works, as on Windows).

    PYTHONPATH=tests/no_posix MNIST_DIR=../shared/mnist python -m pytest -q

It names its folder in GRADER_SANDBOX_SITE (made absolute, as is PYTHONPATH), so that every
process started from here -- the grader's workers included, whose environment is built from
scratch (grader.sandbox.platform.worker_environment) -- runs under it too.
"""
import os
import select
import socket
import sys

_socketpair, _AF_UNIX = socket.socketpair, socket.AF_UNIX


def _windows_like_socketpair(family=None, type=socket.SOCK_STREAM, proto=0):
    """Windows has socketpair() (over loopback TCP); without AF_UNIX, Linux's would fail (asyncio needs it)."""
    return _socketpair(_AF_UNIX if family is None else family, type, proto)


socket.socketpair = _windows_like_socketpair
for _name in ("resource", "fcntl"):
    sys.modules[_name] = None  # `import resource` raises ImportError, as on Windows
for _module, _attribute in ((os, "fork"), (os, "pidfd_open"), (select, "poll"), (socket, "AF_UNIX")):
    if hasattr(_module, _attribute):
        delattr(_module, _attribute)

_here = os.path.dirname(os.path.abspath(__file__))
os.environ["GRADER_SANDBOX_SITE"] = _here
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in os.environ["PYTHONPATH"].split(os.pathsep))
del _name, _module, _attribute, _here
