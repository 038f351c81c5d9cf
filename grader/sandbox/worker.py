"""The worker: a separate process that imports one learner module and runs calls into it.

Started by :class:`grader.sandbox.process.LearnerProcess` as
``python -m grader.sandbox.worker REQUEST_FD REPLY_FD MODULE_PATH``.  It reads pickled
requests from the grader and answers in the safe format of :mod:`grader.sandbox.wire`.
Nothing here decides a verdict: the worker only runs learner code and reports
what it returned or raised.
"""
from __future__ import annotations

import copy
import importlib
import importlib.abc
import importlib.util
import os
import pickle
import sys
import traceback
from pathlib import Path

from grader.sandbox import wire
from grader.sandbox.forkserver import PLOTTING, flavour_for
from grader.sandbox.known_hangs import EarlierTimeout, KnownHangs

# Kit functions a check may run next to learner code; their (large) results stay in the worker.
KIT = {"load_mnist": ("dataset.mnist", "load_mnist"), "write_scratch_file": ("grader.sandbox.confine", "write_scratch_file"),
       "figure_png": ("grader.sandbox.figure_summary", "png")}

# Modules a learner must not import: the reference solutions and the grader's checks.
FORBIDDEN = ("solutions", "grader.checks", "grader.checking.answer_key")
_KIT_ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_DIRS = (str(_KIT_ROOT / "solutions") + os.sep, str(_KIT_ROOT / "grader" / "checks") + os.sep)
MAX_MESSAGE = 2000
CPU_SECONDS = 1800  # of CPU time for one worker's whole life (training included); wall-clock limits come first


class CopyGuard(importlib.abc.MetaPathFinder):
    """Refuses (and remembers) imports of the reference solutions or the checks."""

    def __init__(self):
        self.attempts: list[str] = []

    def find_spec(self, fullname, path=None, target=None):
        if any(fullname == name or fullname.startswith(name + ".") for name in FORBIDDEN):
            self.attempts.append(fullname)
            raise ImportError(f"importing {fullname!r} is not allowed in graded code")
        return None


class Worker:
    """Runs requests (the ops of :meth:`handle`) on one learner module and answers them."""

    PASS_THROUGH: tuple[type[BaseException], ...] = ()  # exceptions that are not a reply (see answer)

    def __init__(self, request_fd: int, reply_fd: int, module_path: Path):
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.module_path = module_path
        self.learner_dir = str(module_path.parent.resolve())
        self.module = None
        self.objects: dict[int, object] = {}
        self.guard = CopyGuard()
        self.confinement = ""  # what the sandbox applied (grader.sandbox.confine), for the hello
        self.known_hangs = KnownHangs()

    # ------------------------------------------------------------------ replies
    def keep(self, obj) -> wire.Ref:
        key = id(obj)
        self.objects[key] = obj
        return wire.Ref(key, None, type(obj).__qualname__, callable(obj))

    def keep_leaves(self, value):
        """The same nesting of tuples, lists and dicts, with every other value kept as a handle."""
        if type(value) in (list, tuple):
            return type(value)(self.keep_leaves(v) for v in value)
        if type(value) is dict:
            return {k: self.keep_leaves(v) for k, v in value.items()}
        return self.keep(value)

    def answer(self, request: tuple) -> dict:
        """The reply to one request: what :meth:`handle` returned (a value or a handle), or what it raised.

        Exceptions in :attr:`PASS_THROUGH` are not replies: they leave this method."""
        try:
            self.restore()
            value = self.handle(request)
        except self.PASS_THROUGH:
            raise
        except BaseException as exc:  # noqa: BLE001 - learner code may raise anything
            return self.error(exc)
        if isinstance(value, wire.Ref):
            return {"ok": True, "value": None, "ref": [value.id, value.attr, value.type_name, value.callable]}
        return {"ok": True, "value": value}

    def encode_reply(self, reply: dict) -> bytes:
        """``reply`` in the wire's safe format; a value that cannot travel becomes an error saying so."""
        try:
            return wire.encode(reply, self.keep)
        except Exception as exc:  # noqa: BLE001 - the value cannot travel: say so instead
            return wire.encode({"ok": False, "error": {
                "type": "UnsendableValue", "module": "grader", "frames": [],
                "message": _safe_str(exc), "not_implemented": False}}, self.keep)

    def send(self, reply: dict) -> None:
        wire.write_frame(self.reply_fd, self.encode_reply(reply))

    def error(self, exc: BaseException) -> dict:
        frames = [
            [f.filename, f.lineno, f.name, (f.line or "")[:200]]
            for f in traceback.extract_tb(exc.__traceback__)
            if not f.filename.startswith("<") and os.path.abspath(f.filename).startswith(self.learner_dir + os.sep)
        ]
        info = {
            "type": type(exc).__name__,
            "module": type(exc).__module__,
            "message": _safe_str(exc)[:MAX_MESSAGE],
            "frames": frames[-20:],
            "not_implemented": isinstance(exc, NotImplementedError),
        }
        if isinstance(exc, SyntaxError):
            info.update(filename=str(exc.filename), lineno=exc.lineno, offset=exc.offset,
                        text=(exc.text or "").rstrip("\n")[:200], msg=str(exc.msg))
        if isinstance(exc, SystemExit):
            info["message"] = f"exit code {exc.code!r}"
        what = vars(exc).get("what") if isinstance(exc, EarlierTimeout) else None
        if type(what) is str:  # (the learner's own subclass may make ``what`` anything)
            info["hung"] = what
        if isinstance(exc, ImportError) and self.guard.attempts:
            info["copied"] = self.guard.attempts[0]
        if isinstance(exc, PermissionError) and isinstance(exc.filename, str):
            path = os.path.realpath(exc.filename)  # a link into the kit counts as the kit
            if path.startswith(str(_KIT_ROOT) + os.sep):
                info["copied"] = os.path.relpath(path, _KIT_ROOT)  # the sandbox refused the kit's own files
            else:
                info["refused"] = path  # outside what graded code may reach
        return {"ok": False, "error": info}

    # ------------------------------------------------------------------ work
    def load(self) -> dict:
        sys.meta_path.insert(0, self.guard)
        self.preloaded = dict(sys.modules)  # what the worker imported itself (learner code has not run yet)
        name = self.module_path.stem
        spec = importlib.util.spec_from_file_location(name, self.module_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: BLE001 - SystemExit too: it is the learner's
            return self.error(exc)
        self.module = module
        copied = self.guard.attempts[0] if self.guard.attempts else self.loaded_forbidden_file()
        if copied:
            return {"ok": True, "copied": copied}
        return {"ok": True, "callables": self.callables()}

    def callables(self) -> dict:
        """The module's public functions and classes, so that ``learner.name`` costs no request."""
        return {name: type(value).__qualname__ for name, value in list(vars(self.module).items())
                if type(name) is str and not name.startswith("_") and callable(value)}

    def loaded_forbidden_file(self) -> str | None:
        """A reference solution or check loaded some other way (by path, exec of its code, ...)."""
        preloaded = getattr(self, "preloaded", {})
        files = [getattr(m, "__file__", None) for name, m in list(sys.modules.items())
                 if preloaded.get(name) is not m]  # only what learner code imported or replaced
        files += [getattr(getattr(v, "__code__", None), "co_filename", None) for v in vars(self.module).values()]
        own = self.learner_dir + os.sep
        for name in files:
            if isinstance(name, str) and os.path.abspath(name).startswith(FORBIDDEN_DIRS) \
                    and not os.path.abspath(name).startswith(own):
                return os.path.relpath(os.path.abspath(name), _KIT_ROOT)
        return None

    def resolve(self, value):
        if isinstance(value, wire.Ref):
            target = self.target(value.id)
            return getattr(target, value.attr) if value.attr else target
        if type(value) in (list, tuple):
            return type(value)(self.resolve(v) for v in value)
        if type(value) is dict:
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    def target(self, ref_id):
        if ref_id is None:
            return self.module
        try:
            return self.objects[ref_id]
        except KeyError:
            raise LookupError("this object belongs to an earlier run of your code "
                              "(it was restarted after a time-out or crash)") from None

    def handle(self, request: tuple):
        op, ref_id, *rest = request
        target = self.target(ref_id)
        if op == "getattr":
            (name,) = rest
            value = getattr(target, name)
            if callable(value) and not isinstance(value, type) and hasattr(value, "__self__") \
                    and value.__self__ is target and ref_id is not None:
                return wire.Ref(ref_id, name, type(value).__qualname__, True)
            if callable(value) and ref_id is None:
                return wire.Ref(None, name, type(value).__qualname__, True)
            return value
        if op == "call":
            attr, args, kwargs = rest
            func = getattr(target, attr) if attr else target
            return func(*self.resolve(args), **self.resolve(kwargs))
        if op == "call_each":  # each call on its own copy of its arguments, as if sent one by one
            attr, calls, attribute = rest
            func = getattr(target, attr) if attr else target
            results = [func(*self.resolve(copy.deepcopy(args))) for args in calls]
            return results if attribute is None else [getattr(r, attribute) for r in results]
        if op == "call_keep":
            attr, args, kwargs = rest
            func = getattr(target, attr) if attr else target
            return self.keep(func(*self.resolve(args), **self.resolve(kwargs)))
        if op == "put":
            (value,) = rest
            return self.keep(self.resolve(value))
        if op == "fetch":
            return target
        if op == "keep":
            (name,) = rest
            return self.keep(getattr(target, name))
        if op == "setattr":
            name, value = rest
            setattr(target, name, self.resolve(value))
            return None
        if op == "getitem":
            (key,) = rest
            return target[key]
        if op == "setitem":
            key, value = rest
            target[key] = self.resolve(value)
            return None
        if op == "kit":
            name, args, kwargs = rest
            module, func = KIT[name]
            value = getattr(importlib.import_module(module), func)(*self.resolve(args), **self.resolve(kwargs))
            return self.keep_leaves(value)
        if op == "hung":  # the functions that ran out of time, to watch (see known_hangs)
            (wanted,) = rest
            return self.known_hangs.set(self.module, wanted)
        if op == "summarize":
            from grader.sandbox.figure_summary import summarize
            return summarize(target)
        raise ValueError(f"unknown request {op!r}")

    def restore(self) -> None:
        """Undo the learner's os.chdir and environment changes before each call."""
        if os.getcwd() != self.cwd:
            os.chdir(self.cwd)
        # os.environ's own mapping, compared as it is stored (much cheaper than comparing os.environ)
        if os.environ is not self.environ_object or getattr(os.environ, "_data", None) != self.environ_data:
            os.environ = self.environ_object
            os.environ.clear()
            os.environ.update(self.environ)

    def serve(self) -> None:
        self.cwd, self.environ = os.getcwd(), dict(os.environ)
        self.environ_object = os.environ
        self.environ_data = dict(getattr(os.environ, "_data", {}))
        # Plotting code needs Matplotlib, whose import and first figure are slow: when the module
        # mentions it, a worker not forked warm (see grader.sandbox.warm_server) warms it up before the
        # module loads, so that no plotting call spends its time limit on Matplotlib's own start.
        try:
            if flavour_for(self.module_path) == PLOTTING and "matplotlib.backends.backend_agg" not in sys.modules:
                warm_up_matplotlib()
        except Exception:  # noqa: BLE001 - the learner's environment may lack it; plotting checks will say so
            pass
        hello = self.load()
        hello["confinement"] = self.confinement
        self.restore()
        self.send(hello)
        while True:
            try:
                request = pickle.loads(wire.read_frame(self.request_fd))
            except EOFError:
                return
            if request[0] == "each":  # several requests, each answered as it finishes (see grader.sandbox.ahead)
                for one in request[2]:
                    reply = self.answer(pickle.loads(one))
                    self.send(reply)
                    if not reply.get("ok") and not request[1]:  # (request[1]: official grading keeps them all)
                        break  # whether the check goes on is its own decision: the later calls are made again
                continue
            self.send(self.answer(request))


def warm_up_matplotlib() -> None:
    """Import Matplotlib and draw one figure for real with Agg (text layout, fonts), without pyplot: a
    learner's ``matplotlib.use(...)`` behaves differently once pyplot is imported."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.plot([0.0, 1.0], [0.0, 1.0], label="warm")
    axes.set_title("warm")
    axes.legend()
    figure.canvas.draw()


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a learner's exception whose __str__ fails
        return type(exc).__name__


def _stdio_pipes() -> tuple[int, int]:
    """Where there is no pass_fds (Windows) the pipes are stdin and stdout: the protocol moves to
    copies of them; stdin becomes the null device and stdout goes where stderr goes (the grader
    keeps what learner code prints from there)."""
    from grader.sandbox import platform
    sys.stdout.flush()
    request_fd, reply_fd = os.dup(0), os.dup(1)  # copies are not inherited by learner processes
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    for fd in (request_fd, reply_fd):
        platform.binary_mode(fd)
    sys.argv[1:3] = [str(request_fd), str(reply_fd)]  # as on the other transport
    return request_fd, reply_fd


def main(argv: list[str]) -> None:
    if argv[0] == wire.STDIO:
        request_fd, reply_fd = _stdio_pipes()
    else:
        request_fd, reply_fd = int(argv[0]), int(argv[1])
    module_path = Path(os.path.abspath(argv[2]))
    os.set_inheritable(request_fd, False)
    os.set_inheritable(reply_fd, False)
    # A keeper that never runs learner code stays behind and leaves no learner process alive.
    from grader.sandbox import keeper
    grader = os.getppid()
    kept = keeper.split(close_in_keeper=(request_fd, reply_fd))
    # Confined before any learner code runs: nothing of the learner's folder is on sys.path
    # until then (the worker starts in its scratch folder).
    from grader.sandbox.confine import Confinement
    applied = Confinement.for_worker(module_path, cpu_seconds=CPU_SECONDS).apply()
    if not kept:  # no keeper ends this worker when the grader is gone or memory runs out: it watches itself
        from grader.sandbox import platform, watchdog
        watchdog.watch(grader, watchdog.memory_limit() if platform.HAS_MEMORY_WATCH and
                       not platform.CAN_LIMIT_ADDRESS_SPACE else None)
    sys.path[0] = str(module_path.parent)  # the learner's neighbours import as under `python`
    worker = Worker(request_fd, reply_fd, module_path)
    worker.confinement = applied.summary()
    worker.serve()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
