"""Run a kit check inside a Jupyter notebook, against the notebook's own definitions.

An autograded test cell of a notebook built by ``grade nbgrader`` reads::

    from grader.checking.notebook import run_check
    run_check("exercise-05", "sigmoid_values", globals())

:func:`run_check` takes the check ``test_sigmoid_values`` from
``grader/checks/test_ex05_activations.py`` and calls it in the kernel's own
process with the same fixtures as ``grade``: ``ref`` is what ``grade``
compares with (the reference solution; a student kit's answer key), ``seed``
and ``rng`` are computed by :mod:`grader.checking.plugin`, and ``learner`` is the
notebook's global namespace and nothing else.

``learner`` is the same :class:`grader.sandbox.proxy.Remote` proxy that ``grade``
uses, served in-process: each request goes through the worker's own request
handling (:meth:`grader.sandbox.worker.Worker.handle`) on the notebook's globals, and
arguments and results are copied through the same formats as between ``grade``
and its worker.  So a check sees exactly what it sees under ``grade``: copies of
plain values, handles for objects, ``put``/``fetch``/``call_keep``/``kit_call``
working as there, the same per-call time limits and the same verdicts.  Writes
(``setattr(learner, "NAND", ...)``) go to the notebook's globals, so a check that
swaps a function sees the notebook's code follow.  A notebook that uses the
reference solution or the checks (imported, or run from their files) scores 0 on
the check, as in ``grade``.

A passing check prints its points; a failing one raises ``AssertionError`` with
the check's message and hint, rendered as ``grade`` renders them: that is what
nbgrader shows as feedback.

Hidden checks draw their inputs from the run's seed: the environment variable
``GRADER_SEED`` if it is set (so that a run can be repeated, or compared with
``grade --seed``), else a fresh seed per kernel, printed with the result.
Feedback is written in the language ``grade`` would choose (``GRADER_LANG=ko``
or a Korean locale gives Korean).
"""
from __future__ import annotations

import builtins
import contextlib
import importlib
import inspect
import io
import os
import pickle
import random
import signal
import tempfile
import threading
import traceback
import types
from dataclasses import astuple, dataclass
from pathlib import Path

from grader import exercises
from grader.checking import plugin
from grader.sandbox import wire
from grader.i18n import T, Text, detect_language
from grader.sandbox.process import DEFAULT_CALL_TIMEOUT, LearnerError, LearnerTimeout
from grader.sandbox.proxy import Remote
from grader.results import CheckResult, Frame
from grader.sandbox.worker import FORBIDDEN, FORBIDDEN_DIRS, Worker

SEED_VARIABLE = "GRADER_SEED"
NOTEBOOK = "notebook.py"  # how messages name the notebook's code (grade names the module file)
FIXTURES = ("learner", "ref", "rng", "seed", "exercise", "tmp_path", "request")


@dataclass(frozen=True)
class CheckInfo:
    """One check of an exercise, as ``grade`` collects it."""

    exercise: exercises.Exercise
    name: str  # without the ``test_`` prefix
    points: float
    description: Text
    hidden: bool
    func: object
    call_timeout: float = DEFAULT_CALL_TIMEOUT  # seconds one call of learner code gets, as in `grade`

    @property
    def item_name(self) -> str:
        return f"test_{self.name}"

    @property
    def fixtures(self) -> tuple[str, ...]:
        code = self.func.__code__
        return code.co_varnames[:code.co_argcount]


# ---------------------------------------------------------------------------- collecting checks
def find_exercise(exercise_id: str) -> exercises.Exercise:
    for ex in exercises.CATALOGUE:
        if ex.id == exercise_id:
            return ex
    found = exercises.find(exercise_id)
    if found is None:
        raise LookupError(f"unknown exercise {exercise_id!r}")
    return found


def _check_marker(func):
    for mark in getattr(func, "pytestmark", ()):
        if mark.name == "check":
            return mark
    return None


def collect_checks(ex: exercises.Exercise) -> list[CheckInfo]:
    """The checks of ``ex`` in the order ``grade`` runs them (the order of the check file)."""
    module = importlib.import_module(f"grader.checks.{ex.check_file.stem}")
    checks = []
    for attr, func in vars(module).items():
        if not attr.startswith("test_") or not isinstance(func, types.FunctionType):
            continue
        marker = _check_marker(func)
        if marker is None:
            continue
        if any(mark.name == "parametrize" for mark in getattr(func, "pytestmark", ())):
            raise ValueError(f"{ex.check_file.name}::{attr} is parametrized; a notebook cell runs one check")
        points = marker.kwargs.get("points", marker.args[0] if marker.args else 1)
        call_timeout = marker.kwargs.get("timeout") or getattr(module, "CALL_TIMEOUT", DEFAULT_CALL_TIMEOUT)
        info = CheckInfo(ex, attr.removeprefix("test_"), float(points),
                         marker.kwargs.get("description") or T(attr, attr),
                         bool(marker.kwargs.get("hidden")), func, float(call_timeout))
        unknown = [name for name in info.fixtures if name not in FIXTURES]
        if unknown:
            raise ValueError(f"{ex.check_file.name}::{attr} uses fixtures {unknown}; "
                             f"a notebook provides {list(FIXTURES)}")
        checks.append(info)
    return checks


def find_check(exercise_id: str, name: str) -> CheckInfo:
    ex = find_exercise(exercise_id)
    for info in collect_checks(ex):
        if info.name == name.removeprefix("test_"):
            return info
    raise LookupError(f"{ex.id} has no check {name!r}")


# ---------------------------------------------------------------------------- the learner
class NotebookNamespace:
    """The notebook's globals seen as a module: attribute reads and writes reach the globals."""

    __slots__ = ("_globals",)

    def __init__(self, namespace: dict):
        object.__setattr__(self, "_globals", namespace)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._globals[name]
        except KeyError:
            # worded like Python's own message for a module (a notebook runs as __main__)
            raise AttributeError(f"module '__main__' has no attribute '{name}'") from None

    def __setattr__(self, name: str, value) -> None:
        self._globals[name] = value

    def __delattr__(self, name: str) -> None:
        self._globals.pop(name, None)

    def __dir__(self):
        return sorted(k for k in self._globals if not k.startswith("_"))

    def __repr__(self) -> str:
        return "<the notebook's definitions>"


def _forbidden(name: str | None) -> bool:
    return bool(name) and any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def copied_from(namespace: dict) -> str | None:
    """The reference solution (or checks) that the notebook's globals come from, if any."""
    for value in list(namespace.values()):
        if isinstance(value, types.ModuleType):
            origin = value.__name__
        elif isinstance(value, (types.FunctionType, type)):
            origin = getattr(value, "__module__", None)
        else:
            origin = getattr(type(value), "__module__", None)
        if isinstance(origin, str) and _forbidden(origin):
            return origin
        filename = getattr(getattr(value, "__code__", None), "co_filename", None)
        if isinstance(filename, str) and os.path.abspath(filename).startswith(FORBIDDEN_DIRS):
            return os.path.relpath(os.path.abspath(filename), exercises.ROOT)
    return None


class _ImportGuard:
    """While a check runs: imports of the solutions or checks made by the notebook's code fail."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.attempts: list[str] = []
        self.original = builtins.__import__

    def __call__(self, name, globals=None, locals=None, fromlist=(), level=0):
        if globals is self.namespace and level == 0 and _forbidden(name):
            self.attempts.append(name)
            raise ImportError(f"importing {name!r} is not allowed in graded code")
        return self.original(name, globals, locals, fromlist, level)

    def __enter__(self):
        builtins.__import__ = self
        return self

    def __exit__(self, *exc):
        builtins.__import__ = self.original
        return False


class _OutOfTime(BaseException):
    """Raised in the learner's code when a call runs past its time limit (not an Exception,
    so that an ``except Exception`` in learner code does not swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop learner code that runs longer than ``seconds`` (main thread on POSIX; elsewhere no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_time(signum, frame):
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------- the proxy
class _NotebookWorker(Worker):
    """The worker's request handling, run in the kernel on the notebook's globals."""

    def __init__(self, namespace: dict):
        super().__init__(-1, -1, Path(NOTEBOOK))
        self.namespace = namespace
        self.module = NotebookNamespace(namespace)

    def error(self, exc: BaseException) -> dict:
        reply = super().error(exc)
        reply["error"]["frames"] = [list(astuple(f)) for f in _learner_frames(exc, self.namespace)][-20:]
        return reply


class NotebookProcess:
    """Plays :class:`grader.sandbox.process.LearnerProcess` for ``Remote`` handles, in this process.

    A request is copied as ``grade`` sends it (pickled), handled by the worker's code
    under the call's time limit, and its reply copied through :mod:`grader.sandbox.wire`.
    """

    module_path = Path(NOTEBOOK)
    generation = 1
    callables: dict = {}  # every attribute is asked for: a notebook's names change as cells run

    def __init__(self, namespace: dict, timeout: float = DEFAULT_CALL_TIMEOUT):
        self.worker = _NotebookWorker(namespace)
        self.timeout = timeout

    def module(self) -> Remote:
        return Remote(self, wire.Ref(None, None, "module"), self.generation)

    def request(self, message: tuple, what: str, timeout: float | None = None):
        try:
            message = pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise ValueError(f"the grader cannot send this argument to your code: {exc}") from None
        seconds = self.timeout if timeout is None else timeout
        try:
            with _time_limit(seconds):
                value = self.worker.handle(message)
            if isinstance(value, wire.Ref):
                reply = {"ok": True, "value": None, "ref": [value.id, value.attr, value.type_name, value.callable]}
            else:
                reply = {"ok": True, "value": value}
        except _OutOfTime:
            raise LearnerTimeout(seconds, what) from None
        except KeyboardInterrupt:  # nbgrader's time limit interrupts the kernel: let it through
            raise
        except BaseException as exc:  # noqa: BLE001 - learner code may raise anything
            reply = self.worker.error(exc)
        try:
            payload = wire.encode(reply, self.worker.keep)
        except Exception as exc:  # noqa: BLE001 - the value cannot travel: say so, as the worker does
            payload = wire.encode({"ok": False, "error": {
                "type": "UnsendableValue", "module": "grader", "frames": [], "message": str(exc),
                "not_implemented": False}}, self.worker.keep)
        reply = wire.decode(payload, lambda ref: Remote(self, ref, self.generation))
        if not reply.get("ok"):
            raise LearnerError(reply["error"])
        if "ref" in reply:
            return Remote(self, wire.Ref(*reply["ref"]), self.generation)
        return reply["value"]


# ---------------------------------------------------------------------------- fixtures
def _fixture_function(fixture):
    """The plain function behind a pytest fixture of :mod:`grader.checking.plugin`."""
    getter = getattr(fixture, "_get_wrapped_function", None)
    if getter is not None:
        return getter()
    wrapped = getattr(fixture, "__pytest_wrapped__", None)
    return wrapped.obj if wrapped is not None else fixture


_run_seed: int | None = None


def run_seed() -> int:
    """The seed of this kernel's hidden checks (``GRADER_SEED`` or one fresh seed per kernel)."""
    global _run_seed
    value = os.environ.get(SEED_VARIABLE, "").strip()
    if value:
        return int(value)
    if _run_seed is None:
        _run_seed = random.SystemRandom().randrange(10**6)
    return _run_seed


class _Config:
    """The bits of pytest's ``config`` that checks and fixtures read: options and the stash."""

    def __init__(self, base: int, target: Path):
        self.stash = {plugin.SEED: base}
        self.options = {"--seed": base, "--target": str(target)}

    def getoption(self, name: str, default=None):
        return self.options.get(name, default)


class _Marker:
    def __init__(self, info: CheckInfo):
        self.args = (info.points,)
        self.kwargs = {"points": info.points, "description": info.description, "hidden": info.hidden,
                       "timeout": info.call_timeout}


def fake_request(info: CheckInfo, base: int, target: Path | None = None):
    """A stand-in for pytest's ``request`` with what checks use: ``node`` and ``config``.

    ``--target`` (where ``grade`` saves files such as exercise-10's learning curve) is the
    notebook's folder; ``node.user_properties`` collects the files a check saves.
    """
    marker = _Marker(info)
    node = types.SimpleNamespace(name=info.item_name, user_properties=[],
                                 get_closest_marker=lambda name: marker if name == "check" else None)
    module = importlib.import_module(f"grader.checks.{info.exercise.check_file.stem}")
    return types.SimpleNamespace(node=node, config=_Config(base, target or Path.cwd()), module=module)


def check_seed(info: CheckInfo, base: int) -> int:
    """The ``seed`` fixture's value for this check, as :mod:`grader.checking.plugin` computes it."""
    return plugin.check_seed(info.item_name, info.hidden, base)


class ReferenceMissing(Exception):
    """Neither the reference solution nor an answer key is installed here (a learner's own machine)."""


def _call_fixture(fixture, stack: contextlib.ExitStack, *args):
    """A fixture's value; a fixture that yields is finished when ``stack`` closes, as pytest does."""
    func = _fixture_function(fixture)
    if not inspect.isgeneratorfunction(func):
        return func(*args)
    generator = func(*args)
    value = next(generator)
    stack.callback(next, generator, None)
    return value


def fixtures_for(info: CheckInfo, namespace: dict, base: int, stack: contextlib.ExitStack,
                 request=None) -> dict:
    """The check's arguments, built in-process the way :mod:`grader.checking.plugin` builds them."""
    values = {}
    for name in info.fixtures:
        if name == "request":
            values[name] = request or fake_request(info, base)
        elif name == "tmp_path":
            values[name] = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="grader-")))
        elif name == "learner":
            values[name] = NotebookProcess(namespace, info.call_timeout).module()
        elif name == "exercise":
            values[name] = info.exercise
        elif name == "ref":
            try:
                values[name] = _call_fixture(plugin.ref, stack, info.exercise)
            except ImportError as exc:
                raise ReferenceMissing(str(exc)) from None
        elif name in ("seed", "rng"):
            seed = check_seed(info, base)
            values[name] = seed if name == "seed" else _call_fixture(plugin.rng, stack, seed)
    return values


# ---------------------------------------------------------------------------- verdicts
def _learner_frames(exc: BaseException, namespace: dict) -> list[Frame]:
    frames, tb = [], exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_globals is namespace:
            summary = traceback.extract_tb(tb, limit=1)[0]
            frames.append(Frame(_cell_name(summary.filename), summary.lineno, summary.name,
                                (summary.line or "")[:200]))
        tb = tb.tb_next
    return frames


def _cell_name(filename: str) -> str:
    # IPython names a cell's code like /tmp/ipykernel_123/456789.py: say "a notebook cell"
    return "notebook cell" if "ipykernel_" in filename or filename.startswith("<") else filename


def _result(info: CheckInfo) -> CheckResult:
    return CheckResult(exercise=info.exercise.id, name=info.name, description=info.description,
                       max_score=info.points, hidden=info.hidden, status="passed")


def grade_check(info: CheckInfo, namespace: dict, base: int | None = None) -> CheckResult:
    """Run one check against ``namespace`` (a notebook's globals) and say how it went."""
    result = _result(info)
    base = run_seed() if base is None else base
    copied = copied_from(namespace)
    if copied:
        plugin.classify(result, plugin.LearnerCopied(copied), None)
        return result
    request = fake_request(info, base)
    with contextlib.ExitStack() as stack:
        try:
            values = fixtures_for(info, namespace, base, stack, request)
        except ReferenceMissing as exc:
            result.status = "error"
            result.message = T(
                f"This check compares with the reference solution, which is not installed here ({exc}).",
                f"이 검사는 참조 답안과 비교하는데, 여기에는 참조 답안이 설치되어 있지 않습니다 ({exc}).")
            result.hint = T(
                f"Your instructor's grading runs it; meanwhile `grade {info.exercise.id}` checks your module.",
                f"강사의 채점에서 실행됩니다. 그동안은 `grade {info.exercise.id}`로 모듈을 확인하세요.")
            return result
        guard = _ImportGuard(namespace)
        try:
            with guard:
                info.func(**values)
        except KeyboardInterrupt:  # nbgrader's time limit interrupts the kernel: let it through
            raise
        except BaseException as exc:  # noqa: BLE001 - a learner's SystemExit is a verdict, too
            classify(result, exc, guard.attempts)
        finally:
            result.artifacts = [str(v) for k, v in request.node.user_properties if k == "artifact"]
    if result.status != "passed":
        return result
    if guard.attempts:
        plugin.classify(result, plugin.LearnerCopied(guard.attempts[0]), None)
        return result
    result.score = result.max_score
    return result


def classify(result: CheckResult, exc: BaseException, attempts: list[str]) -> None:
    """The verdict ``grade`` gives for the same failure."""
    if attempts:
        exc = plugin.LearnerCopied(attempts[0])
    plugin.classify(result, exc, None)


# ---------------------------------------------------------------------------- rendering
def render_result(result: CheckResult, lang: str, seed: int | None = None) -> str:
    """The failure as ``grade`` prints it, as plain text."""
    from rich.console import Console

    from grader.render.report import render_failure

    # force_jupyter=False: inside a kernel, rich would otherwise display the text itself
    console = Console(width=100, record=True, color_system=None, force_terminal=False,
                      force_jupyter=False, file=io.StringIO())
    title = result.description
    if result.hidden:
        title = title + T(" (hidden)", " (비공개)")
    console.print(render_failure(result, lang, title), soft_wrap=True)
    text = console.export_text().strip("\n")
    points = f"{result.score:g}/{result.max_score:g}"
    text += "\n" + T(f"Points: {points}", f"점수: {points}").render(lang)
    text += "".join("\n" + _saved(path).render(lang) for path in result.artifacts)
    if result.hidden and seed is not None:
        text += "\n" + T(f"Hidden checks' seed: {seed} ({SEED_VARIABLE}={seed} or grade --seed {seed} "
                         "repeats these inputs)",
                         f"비공개 검사 시드: {seed} ({SEED_VARIABLE}={seed} 또는 grade --seed {seed}로 "
                         "같은 입력을 반복할 수 있습니다)").render(lang)
    return text


def _saved(path: str) -> Text:
    return T(f"Saved: {path}", f"저장됨: {path}")


def run_check(exercise_id: str, name: str, namespace: dict, *, lang: str | None = None) -> float:
    """Run check ``name`` of ``exercise_id`` against a notebook's ``globals()``.

    Returns the points earned; raises ``AssertionError`` (with the check's message
    and hint) when the check fails, so that nbgrader gives the cell no points.
    """
    lang = lang or detect_language()
    info = find_check(exercise_id, name)
    base = run_seed()
    result = grade_check(info, namespace, base)
    if result.score < result.max_score:  # nbgrader shows this message as the cell's feedback
        raise AssertionError(render_result(result, lang, base)) from None
    print(f"✓ {result.description.render(lang)}  {result.score:g}/{result.max_score:g}")
    for path in result.artifacts:
        print(_saved(path).render(lang))
    return result.score


__all__ = ["run_check", "grade_check", "collect_checks", "find_check", "CheckInfo", "NotebookNamespace"]
