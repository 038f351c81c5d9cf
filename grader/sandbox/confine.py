"""The confinement of one worker: what learner code may read, write and do, and its application.

A worker calls :meth:`Confinement.apply` on itself after its own imports and before it
imports the learner's module (and before it starts any thread).  From then on:

* it reads only the Python runtime, the system's libraries and fonts, the few grader
  modules a worker imports (never ``solutions/``, ``grader/checks/``, the answer keys,
  the instructor's tools or the tests), the learner's folder and the extra folders
  named (MNIST);
* it writes only its private scratch folder (and ``/dev/null``);
* it cannot make TCP connections, reach abstract Unix sockets or signal processes
  outside its sandbox (Landlock ABI 4 and 6);
* its files stay under 64 MiB, it opens at most 256 of them and leaves no core file;
* started as root, it becomes an unprivileged user, or -- where that user could not read
  the Python runtime -- stays uid 0 without any capability (:mod:`grader.sandbox.privileges`).

:meth:`Confinement.allow_list` computes the paths without applying anything.  The grader
side builds the worker's environment with :func:`environment` and its scratch folder with
:func:`prepare_scratch`.
"""
from __future__ import annotations

import functools
import importlib
import os
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import grader
from grader.sandbox import landlock, namespaces, platform, privileges

PROJECT = Path(grader.__file__).resolve().parents[1]
#: What a worker imports of the project: its own code, the functions checks pass by reference, the MNIST kit.
PROJECT_READ = ("grader/__init__.py", "grader/sandbox", "grader/checking/__init__.py",
                "grader/checking/functions.py", "grader/checking/gate_probes.py", "dataset")
#: Never readable: the reference answers, the checks, the answer keys, the instructor's tools, the tests.
PROJECT_SECRET = ("solutions", "grader/checks", "grader/checking/answer_key", "grader/answer_keys",
                  "grader/instructor", "tests")
#: Shared libraries (and the loader's cache), fonts and time zones that Python, NumPy and Matplotlib load.
SYSTEM_READ = ("/usr/lib", "/lib", "/lib64", "/usr/lib64", "/usr/share/fonts", "/usr/share/zoneinfo",
               "/etc/ld.so.cache", "/etc/localtime", "/dev/urandom", "/dev/zero")
#: Where programs may run from (Python itself, the system's commands): a program started by learner
#: code inherits the sandbox, so running it reaches nothing more than the code that started it.
SYSTEM_EXECUTE = ("/usr/bin", "/bin", "/usr/local/bin", "/usr/lib", "/lib", "/lib64", "/usr/lib64")  # + the loader
#: Files that may also be written: writes to /dev/null vanish.
SINKS = ("/dev/null",)
#: Imported before the folders are closed: grader.checking's folder stays unlisted (it holds the answer key).
PRELOAD = ("grader.checking.functions", "grader.checking.gate_probes", "grader.sandbox.figure_summary")
NOBODY = 65534
MIB = 1024 * 1024


@dataclass(frozen=True)
class AllowList:
    """The paths of a confinement: ``read`` (beneath, read-only), ``write`` (beneath, everything), ``sinks``."""
    read: tuple[Path, ...]
    write: tuple[Path, ...]
    sinks: tuple[Path, ...] = tuple(Path(p) for p in SINKS)
    notes: tuple[str, ...] = ()  # read paths that expose a secret folder of the project
    execute: tuple[Path, ...] = ()  # read paths whose programs may also run (they run confined too)


@dataclass(frozen=True)
class Applied:
    """What :meth:`Confinement.apply` did; :meth:`summary` is the report's line."""
    abi: int = 0
    landlock: bool = False
    network: bool = False  # TCP refused
    scoped: bool = False  # abstract Unix sockets and signals kept inside
    uid: int = -1  # the user the worker runs as afterwards
    reason: str = ""  # why Landlock is not enforced
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        if not self.landlock:
            text = f"not confined: {self.reason}"
        else:
            parts = [f"Landlock ABI {self.abi}"] + ["scoped"] * self.scoped + ["no TCP"] * self.network
            text = f"confined ({', '.join(parts)}, uid {self.uid})"
        return "; ".join([text, *self.notes])


@dataclass(frozen=True)
class Confinement:
    """The confinement of one worker.

    ``learner``: the learner's module folder (read-only); ``scratch``: the worker's private
    folder (read-write; made by :func:`prepare_scratch`); ``extra_read``: more read-only
    folders (MNIST).  ``memory`` (bytes of address space) and ``cpu_seconds`` stay as
    they are when None.  ``user``/``group``: whom a root worker becomes (None: stay root);
    ``force_user``: become it even when it cannot read the runtime (else root stays, without
    capabilities).
    """
    learner: Path
    scratch: Path | None
    extra_read: tuple[Path, ...] = ()
    memory: int | None = None
    cpu_seconds: int | None = None
    file_size: int = 64 * MIB
    open_files: int = 256
    user: int | None = NOBODY
    group: int | None = None  # default: the same number as ``user``
    force_user: bool = False
    preload: tuple[str, ...] = PRELOAD
    scopes: bool = True
    network: bool = False  # True: leave TCP alone
    sinks: tuple[Path, ...] = field(default_factory=lambda: tuple(Path(p) for p in SINKS))

    @classmethod
    def for_worker(cls, module_path: Path, environ=None, **options) -> Confinement:
        """The confinement of the worker of ``module_path``, in the environment made by :func:`environment`."""
        environ = os.environ if environ is None else environ
        extra = (Path(environ["MNIST_DIR"]),) if environ.get("MNIST_DIR") else ()
        # the folder the module is named in, not where a link points: a link to solutions/ must not open it
        return cls(Path(os.path.abspath(module_path)).parent, scratch_of(environ), extra, **options)

    def allow_list(self) -> AllowList:
        """The paths this confinement allows (a pure function of the policy and this interpreter)."""
        runtime = runtime_paths()
        read = [*runtime, *SYSTEM_READ, *(str(PROJECT / p) for p in PROJECT_READ), self.learner, *self.extra_read]
        read = list(dict.fromkeys(os.path.abspath(p) for p in read))
        write = (Path(os.path.abspath(self.scratch)),) if self.scratch else ()
        notes = tuple(f"{path} exposes {secret}" for path in read for secret in map(str, secret_paths())
                      if path == secret or secret.startswith(path.rstrip(os.sep) + os.sep))
        execute = tuple(Path(os.path.abspath(p)) for p in (*runtime, *SYSTEM_EXECUTE))
        return AllowList(tuple(map(Path, read)), write, tuple(self.sinks), notes, execute)

    def apply(self) -> Applied:
        """Confine this process for good: limits, the user (when root), Landlock.  Never raises for
        a missing feature (the result says what was left out); raises when a root worker could
        become root again."""
        allowed = self.allow_list()
        for name in self.preload:
            importlib.import_module(name)
        self._limit_resources()
        notes = list(allowed.notes) + _thread_note()
        if not self.network:  # UDP and other sockets, and the scratch folder's size: only namespaces hold them
            notes += namespaces.isolate(self.scratch)
        change = privileges.Change(self.user, self.group, self.force_user,
                                   need_read=allowed.read, need_write=allowed.write)
        outcome = landlock.restrict(allowed.read, allowed.write, files=allowed.sinks, execute=allowed.execute,
                                    network=not self.network,
                                    scopes=self.scopes, before=change.run)
        notes += change.notes
        return Applied(outcome.abi, outcome.enforced, outcome.network, outcome.scoped,
                       os.getuid() if hasattr(os, "getuid") else -1, outcome.reason, tuple(notes))

    def _limit_resources(self) -> None:
        """RLIMIT_FSIZE (a write past it fails with EFBIG), RLIMIT_NOFILE, no core files, and AS/CPU if given."""
        if not platform.HAS_RLIMITS:
            return
        limits = {"RLIMIT_FSIZE": self.file_size, "RLIMIT_NOFILE": self.open_files, "RLIMIT_CORE": 0,
                  "RLIMIT_CPU": self.cpu_seconds}
        if platform.CAN_LIMIT_ADDRESS_SPACE:
            limits["RLIMIT_AS"] = self.memory
        for name, value in limits.items():
            if value is not None:
                _set_limit(name, value)


def _set_limit(name: str, value: int) -> None:
    """Soft and hard limit ``value`` (or the hard limit, if lower): learner code cannot raise it again."""
    resource = platform.resource
    kind = getattr(resource, name, None)
    if kind is None:  # this OS has no such limit
        return
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(kind, (value, value))
    except (ValueError, OSError):  # refused here (macOS refuses some): the time limit still applies
        pass


def _thread_note() -> list[str]:
    """Landlock confines the calling thread only: say so when others run (they stay free)."""
    try:
        count = len(os.listdir("/proc/self/task")) if platform.HAS_PROC else 1
    except OSError:
        count = 1
    return [f"{count - 1} other thread(s) not confined"] if count > 1 else []


@functools.cache  # the same for the whole life of an interpreter (the warm server works it out once)
def runtime_paths() -> tuple[Path, ...]:
    """Python itself: its prefixes, the standard library, and every site-packages or zip on ``sys.path``."""
    paths = [sys.prefix, sys.base_prefix, sys.exec_prefix,
             *(sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib"))]
    for entry in sys.path:
        name = os.path.basename(entry.rstrip("/"))
        if name in ("site-packages", "dist-packages") or entry.endswith(".zip"):
            paths.append(entry)
    return tuple(Path(p) for p in dict.fromkeys(paths) if p and os.path.isabs(p) and os.path.abspath(p) != "/")


def secret_paths() -> list[Path]:
    return [PROJECT / p for p in PROJECT_SECRET]


# ---------------------------------------------------------------------------- the grader's side
#: Variables passed on as they are (and every LC_*).
PASS = ("PATH", "LANG", "TZ")
#: One BLAS thread (Landlock confines one thread), no screen, no bytecode files; and no user site-packages:
#: HOME is the scratch folder, and a ``.pth`` file an earlier worker left there would run before confinement.
WORKER_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8",
              "PYTHONNOUSERSITE": "1"}


def environment(base: dict, scratch: Path) -> dict:
    """The worker's whole environment: a few of ``base``'s variables, nothing of the instructor's.

    HOME is the scratch folder, TMPDIR and MPLCONFIGDIR are in it (see :func:`prepare_scratch`);
    MNIST_DIR is made absolute (the worker runs in another folder)."""
    env = {k: v for k, v in base.items() if k in PASS or k.startswith("LC_")}
    env.update(WORKER_ENV, **platform.worker_environment(base, str(PROJECT)))  # PYTHONPATH: the project
    if base.get("MNIST_DIR"):
        env["MNIST_DIR"] = os.path.abspath(base["MNIST_DIR"])
    scratch = Path(os.path.abspath(scratch))
    env.update(HOME=str(scratch), TMPDIR=str(scratch / "tmp"), MPLCONFIGDIR=str(scratch / "mpl"))
    return env


def scratch_of(environ) -> Path | None:
    """The scratch folder of an environment made by :func:`environment`, else None (nothing writable)."""
    home = environ.get("HOME")
    if home and environ.get("TMPDIR") == str(Path(home) / "tmp") and \
            environ.get("MPLCONFIGDIR") == str(Path(home) / "mpl"):
        return Path(home)
    return None


def write_scratch_file(name: str, data: bytes) -> str:
    """In a worker: write ``data`` to the file ``name`` of its scratch folder; the file's path."""
    scratch = scratch_of(os.environ)
    if scratch is None or os.path.basename(name) != name or name in ("", ".", ".."):
        raise ValueError(f"no scratch file {name!r} here")
    path = scratch / name
    path.write_bytes(data)
    return str(path)


def seed_scratch(scratch: Path) -> list[Path]:
    """Copy the grader's Matplotlib font cache into the scratch's MPLCONFIGDIR (else each worker
    rebuilds it, about a second); the copies made (none without Matplotlib)."""
    import shutil
    source = matplotlib_cache_dir()
    target = Path(scratch) / "mpl"
    target.mkdir(parents=True, exist_ok=True)
    copies = []
    for cache in sorted(source.glob("fontlist-*.json")):
        shutil.copyfile(cache, target / cache.name)
        copies.append(target / cache.name)
    return copies


def matplotlib_cache_dir() -> Path:
    """Where Matplotlib keeps this user's font cache, found without importing it (that costs time)."""
    if os.environ.get("MPLCONFIGDIR"):
        return Path(os.environ["MPLCONFIGDIR"])
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "matplotlib"


def new_scratch(fonts: bool = True) -> Path:
    """A fresh scratch folder for one worker, ready for :func:`environment` (remove it when done);
    ``fonts``: with Matplotlib's font cache (for a module that plots)."""
    import tempfile
    path = Path(tempfile.mkdtemp(prefix="dlscratch-worker-"))
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return prepare_scratch(path, NOBODY if root else None, fonts=fonts)


def prepare_scratch(path: Path, uid: int | None = None, gid: int | None = None, *, fonts: bool = True) -> Path:
    """Make the scratch folder (with tmp/ and mpl/, the font cache seeded), private to ``uid``.

    As root, with the ``uid`` the worker becomes (:data:`NOBODY` by default in :class:`Confinement`),
    everything in it is given to that user; ``gid`` defaults to ``uid``."""
    path = Path(path)
    for folder in (path, path / "tmp", path / "mpl"):
        folder.mkdir(parents=True, exist_ok=True)
    if fonts:
        seed_scratch(path)
    if uid is not None and hasattr(os, "geteuid") and os.geteuid() == 0:
        privileges.take(path, uid, uid if gid is None else gid)
    for folder in (path, path / "tmp", path / "mpl"):
        os.chmod(folder, 0o700)
    return path
