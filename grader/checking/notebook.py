"""Run a kit check inside a Jupyter notebook, against the notebook's own definitions.

An autograded test cell of a notebook built by ``grade nbgrader`` reads::

    from grader.checking.notebook import run_check
    run_check("exercise-05", "sigmoid_values", globals())

:func:`run_check` takes the check ``test_sigmoid_values`` from
``grader/checks/test_ex05_activations.py`` and calls it in the kernel's own
process with the same fixtures as ``grade``: ``ref`` is what ``grade``
compares with (the reference solution; a student kit's answer key), ``seed``
and ``rng`` are computed as by :mod:`grader.checking.plugin`, and ``learner`` is the
notebook's global namespace and nothing else (see :mod:`grader.checking.notebook_fixtures`).

``learner`` is the same :class:`grader.sandbox.proxy.Remote` proxy that ``grade``
uses, served in-process (:mod:`grader.sandbox.inprocess`): each request goes through
the worker's own request handling (:meth:`grader.sandbox.worker.Worker.answer`) on the
notebook's globals, and arguments and results are copied through the same formats as
between ``grade`` and its worker.  So a check sees exactly what it sees under ``grade``: copies of
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

import contextlib
import importlib
import types
from dataclasses import dataclass

from grader import exercises
from grader.checking.notebook_fixtures import FIXTURES, ReferenceMissing, fake_request, fixtures_for, run_seed
from grader.checking.spec import MARKER, CheckSpec
from grader.checking.verdict import LearnerCopied, classify
from grader.i18n import T, Text, detect_language, josa
from grader.results import CheckResult
from grader.sandbox.inprocess import ImportGuard, copied_from
from grader.seeds import SEED_VARIABLE


@dataclass(frozen=True)
class CheckInfo(CheckSpec):
    """One check of an exercise, as ``grade`` collects it, with the function that runs it."""

    func: object = None

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
        if mark.name == MARKER:
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
        info = CheckInfo.from_marker(marker, ex, attr, module, func=func)
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


# ---------------------------------------------------------------------------- running one check
def _reference_missing(result: CheckResult, info: CheckInfo, exc: ReferenceMissing) -> CheckResult:
    result.status = "error"
    result.message = T(
        f"This check compares with the reference solution, which is not installed here ({exc}).",
        f"이 검사는 모범 답안과 비교하는데, 여기에는 모범 답안이 설치되어 있지 않습니다 ({exc}).")
    result.hint = T(
        f"Your instructor's grading runs it; meanwhile `grade {info.exercise.id}` checks your module.",
        f"강사의 채점에서 실행됩니다. 그동안은 `grade {info.exercise.id}`로 모듈을 확인하세요.")
    return result


def grade_check(info: CheckInfo, namespace: dict, base: int | None = None) -> CheckResult:
    """Run one check against ``namespace`` (a notebook's globals) and say how it went."""
    result = info.result()
    base = run_seed() if base is None else base
    copied = copied_from(namespace)
    if copied:
        classify(result, LearnerCopied(copied))
        return result
    request = fake_request(info, base)
    failure = None
    with contextlib.ExitStack() as stack:
        try:
            values = fixtures_for(info, namespace, base, stack, request)
        except ReferenceMissing as exc:
            return _reference_missing(result, info, exc)
        guard = ImportGuard(namespace)
        try:
            with guard:
                info.func(**values)
        except KeyboardInterrupt:  # nbgrader's time limit interrupts the kernel: let it through
            raise
        except BaseException as exc:  # noqa: BLE001 - a learner's SystemExit is a verdict, too
            failure = exc
        finally:
            result.artifacts = [str(v) for k, v in request.node.user_properties if k == "artifact"]
    if guard.attempts:  # the verdict ``grade`` gives: the notebook's code used the reference
        failure = LearnerCopied(guard.attempts[0])
    if failure is not None:
        classify(result, failure)
    else:
        result.score = result.max_score
    return result


# ---------------------------------------------------------------------------- rendering
def render_result(result: CheckResult, lang: str, seed: int | None = None) -> str:
    """The failure as plain text, described as ``grade`` describes it (:mod:`grader.render.failure`)."""
    from grader.render.failure import STATUS, failure_text

    _, _, mark = STATUS[result.status]
    title = result.description + (T(" (hidden)", " (비공개)") if result.hidden else "")
    text = failure_text(result, lang, heading=f"{mark} {title.render(lang)}")
    points = f"{result.score:g}/{result.max_score:g}"
    text += "\n" + T(f"Points: {points}", f"점수: {points}").render(lang)
    text += "".join("\n" + _saved(path).render(lang) for path in result.artifacts)
    if result.hidden and seed is not None:
        text += "\n" + T(f"Hidden checks' seed: {seed} ({SEED_VARIABLE}={seed} or grade --seed {seed} "
                         "repeats these inputs)",
                         f"비공개 검사 시드: {seed} ({SEED_VARIABLE}={seed} 또는 {josa(f'grade --seed {seed}', '로')} "
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


__all__ = ["run_check", "grade_check", "collect_checks", "find_check", "CheckInfo"]
