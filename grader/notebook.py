"""Run a kit check inside a Jupyter notebook, against the notebook's own definitions.

An autograded test cell of a notebook built by ``grade nbgrader`` reads::

    from grader.notebook import run_check
    run_check("exercise-05", "sigmoid_values", globals())

:func:`run_check` takes the check ``test_sigmoid_values`` from
``grader/checks/test_ex05_activations.py`` and calls it in the kernel's own
process with the same fixtures as ``grade``: ``learner`` is the notebook's
global namespace (reads and writes go to the notebook's globals, so a check
that swaps a function sees the notebook's code follow), ``ref`` the reference
solution, ``seed`` and ``rng`` computed by :mod:`grader.plugin`.  A passing
check prints its points; a failing one raises ``AssertionError`` with the
check's message and hint, which is what nbgrader shows as feedback.

Hidden checks draw their inputs from the run's seed: the environment variable
``GRADER_SEED`` if it is set (so that a run can be repeated, or compared with
``grade --seed``), else a fresh seed per kernel, printed with the result.
Feedback is written in the language ``grade`` would choose (``GRADER_LANG=ko``
or a Korean locale gives Korean).
"""
from __future__ import annotations

import builtins
import importlib
import os
import random
import traceback
import types
from dataclasses import astuple, dataclass

from grader import exercises, plugin
from grader.check import CheckFailed
from grader.i18n import T, Text, detect_language
from grader.learner import LearnerError
from grader.results import CheckResult, Frame
from grader.worker import FORBIDDEN

SEED_VARIABLE = "GRADER_SEED"
FIXTURES = ("learner", "ref", "rng", "seed", "exercise")


@dataclass(frozen=True)
class CheckInfo:
    """One check of an exercise, as ``grade`` collects it."""

    exercise: exercises.Exercise
    name: str  # without the ``test_`` prefix
    points: float
    description: Text
    hidden: bool
    func: object

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
        info = CheckInfo(ex, attr.removeprefix("test_"), float(points),
                         marker.kwargs.get("description") or T(attr, attr),
                         bool(marker.kwargs.get("hidden")), func)
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
    """The notebook's definitions seen as a module: attribute reads and writes reach its globals."""

    __slots__ = ("_globals",)

    def __init__(self, namespace: dict):
        object.__setattr__(self, "_globals", namespace)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._globals[name]
        except KeyError:
            raise MissingName(name) from None

    def __setattr__(self, name: str, value) -> None:
        self._globals[name] = value

    def __delattr__(self, name: str) -> None:
        self._globals.pop(name, None)

    def __dir__(self):
        return sorted(k for k in self._globals if not k.startswith("_"))

    def __repr__(self) -> str:
        return "<the notebook's definitions>"


class MissingName(AttributeError):
    """The notebook defines no such name (like a module without that attribute)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"this notebook has no attribute '{name}'")


def _forbidden(name: str | None) -> bool:
    return bool(name) and any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def copied_from(namespace: dict) -> str | None:
    """The reference-solution (or checks) module the notebook's globals come from, if any."""
    for value in list(namespace.values()):
        if isinstance(value, types.ModuleType):
            origin = value.__name__
        elif isinstance(value, (types.FunctionType, type)):
            origin = getattr(value, "__module__", None)
        else:
            origin = getattr(type(value), "__module__", None)
        if isinstance(origin, str) and _forbidden(origin):
            return origin
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


# ---------------------------------------------------------------------------- fixtures
def _fixture_function(fixture):
    """The plain function behind a pytest fixture of :mod:`grader.plugin`."""
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


def check_seed(info: CheckInfo, base: int) -> int:
    """The ``seed`` fixture's value for this check, as :mod:`grader.plugin` computes it."""
    direct = getattr(plugin, "check_seed", None)
    if direct is not None:
        return direct(info.item_name, info.hidden, base)
    marker = types.SimpleNamespace(kwargs={"hidden": info.hidden})
    node = types.SimpleNamespace(name=info.item_name,
                                 get_closest_marker=lambda name: marker if name == "check" else None)
    request = types.SimpleNamespace(node=node, config=types.SimpleNamespace(stash={plugin.SEED: base}))
    return _fixture_function(plugin.seed)(request)


class ReferenceMissing(Exception):
    pass


def fixtures_for(info: CheckInfo, namespace: dict, base: int) -> dict:
    values = {}
    for name in info.fixtures:
        if name == "learner":
            values[name] = NotebookNamespace(namespace)
        elif name == "exercise":
            values[name] = info.exercise
        elif name == "ref":
            try:
                values[name] = _fixture_function(plugin.ref)(info.exercise)
            except ImportError as exc:
                raise ReferenceMissing(str(exc)) from None
        elif name in ("seed", "rng"):
            seed = check_seed(info, base)
            values[name] = seed if name == "seed" else _fixture_function(plugin.rng)(seed)
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


def _as_learner_error(exc: BaseException, frames: list[Frame]) -> LearnerError:
    """What the worker would have reported for an exception raised in learner code."""
    info = {"type": type(exc).__name__, "module": type(exc).__module__,
            "message": str(exc)[:2000], "frames": [list(astuple(f)) for f in frames][-20:],
            "not_implemented": isinstance(exc, NotImplementedError)}
    if isinstance(exc, SystemExit):
        info["message"] = f"exit code {exc.code!r}"
    return LearnerError(info)


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
    try:
        values = fixtures_for(info, namespace, base)
    except ReferenceMissing as exc:
        result.status = "error"
        result.message = T(f"This check compares with the reference solution, which is not installed here ({exc}).",
                           f"이 검사는 참조 답안과 비교하는데, 여기에는 참조 답안이 설치되어 있지 않습니다 ({exc}).")
        result.hint = T(f"Your instructor's grading runs it; meanwhile `grade {info.exercise.id}` checks your module.",
                        f"강사의 채점에서 실행됩니다. 그동안은 `grade {info.exercise.id}`로 모듈을 확인하세요.")
        return result
    guard = _ImportGuard(namespace)
    try:
        with guard:
            info.func(**values)
    except KeyboardInterrupt:  # nbgrader's time limit interrupts the kernel: let it through
        raise
    except BaseException as exc:  # noqa: BLE001 - a learner's SystemExit is a verdict, too
        classify(result, exc, namespace, guard.attempts)
        return result
    if guard.attempts:
        plugin.classify(result, plugin.LearnerCopied(guard.attempts[0]), None)
        return result
    result.score = result.max_score
    return result


def classify(result: CheckResult, exc: BaseException, namespace: dict, attempts: list[str]) -> None:
    """Turn an exception into the verdict ``grade`` gives for the same failure."""
    if attempts:
        plugin.classify(result, plugin.LearnerCopied(attempts[0]), None)
        return
    if isinstance(exc, CheckFailed):
        plugin.classify(result, exc, None)
        return
    if isinstance(exc, MissingName):
        plugin.classify(result, _as_learner_error(exc, []), None)
        return
    frames = _learner_frames(exc, namespace)
    if frames:
        plugin.classify(result, _as_learner_error(exc, frames), None)
    else:
        plugin.classify(result, exc, None)
    if not frames and isinstance(exc, Exception) and not isinstance(exc, AssertionError):
        result.output = "".join(traceback.format_exception(exc))[-2000:]


# ---------------------------------------------------------------------------- rendering
def render_result(result: CheckResult, lang: str, seed: int | None = None) -> str:
    """The failure as ``grade`` prints it, as plain text."""
    from rich.console import Console

    from grader.report import render_failure

    console = Console(width=100, record=True, color_system=None, force_terminal=False,
                      file=open(os.devnull, "w", encoding="utf-8"))
    title = result.description
    if result.hidden:
        title = title + T(" (hidden)", " (비공개)")
    console.print(render_failure(result, lang, title))
    text = console.export_text().strip("\n")
    console.file.close()
    points = f"{result.score:g}/{result.max_score:g}"
    text += "\n" + T(f"Points: {points}", f"점수: {points}").render(lang)
    if result.hidden and seed is not None:
        text += "\n" + T(f"Hidden checks' seed: {seed} (grade --seed {seed} repeats it)",
                         f"비공개 검사 시드: {seed} (grade --seed {seed}로 반복)").render(lang)
    return text


def run_check(exercise_id: str, name: str, namespace: dict, *, lang: str | None = None) -> float:
    """Run check ``name`` of ``exercise_id`` against a notebook's ``globals()``.

    Returns the points earned; raises ``AssertionError`` (with the check's message
    and hint) when the check fails, so that nbgrader gives the cell no points.
    """
    __tracebackhide__ = True  # noqa: F841  (IPython and pytest hide this frame)
    lang = lang or detect_language()
    info = find_check(exercise_id, name)
    base = run_seed()
    result = grade_check(info, namespace, base)
    if result.score == result.max_score:
        print(f"✓ {result.description.render(lang)}  {result.score:g}/{result.max_score:g}")
        return result.score
    raise AssertionError(render_result(result, lang, base)) from None


__all__ = ["run_check", "grade_check", "collect_checks", "find_check", "CheckInfo", "NotebookNamespace"]
