"""Gradescope's ``results.json`` from a grading report (``grade --format gradescope``).

One Gradescope test per check: its name is the exercise and the check's
description, its output what went wrong and the hint.  Hidden checks are
published with ``"visibility": "after_published"``, so students see them (and
their random inputs) only once the instructor publishes the grades; public
checks are ``"visible"`` at once.  See ``docs/gradescope.md`` for the
autograder setup.

When grading itself fails (an exception anywhere, an unreadable submission, a
crashed worker, a refusal to grade unconfined), :func:`write_failure` still writes a
``results.json`` that says so, with score 0; :func:`write_graded` runs the grading and
writes one or the other, and :func:`ensure_results` guards a whole command, so that
Gradescope never finds no file.
"""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Callable

from grader.files import write_json
from grader.i18n import T, Text
from grader.render.failure import failure_text
from grader.results import CheckResult, GradeReport

__all__ = ["check_output", "test_entry", "document", "results_json", "write_results", "failure_json",
           "write_failure", "write_graded", "ensure_results"]
MAX_ERROR = 2000  # characters of the error kept in results.json


def check_output(check: CheckResult, lang: str = "en") -> str:
    """What went wrong in ``check``, as plain text (empty when it passed)."""
    return failure_text(check, lang) if check.status != "passed" else ""


def test_entry(check: dict, output: str, exercise_id: str, number: str, lang: str = "en") -> dict:
    """One Gradescope test from a check's JSON form (``CheckResult.to_json``) and its output text."""
    name = f"{exercise_id} · {check['description']}"
    if check.get("hidden"):
        name += T(" (hidden)", " (비공개)").render(lang)
    return {
        "name": name,
        "number": number,
        "score": float(check["score"]),
        "max_score": float(check["max_score"]),
        "status": "passed" if check["status"] == "passed" else "failed",
        "output": output,
        "visibility": "after_published" if check.get("hidden") else "visible",
        "tags": [exercise_id],
        "extra_data": {"exercise": exercise_id, "check": check["name"], "grader_status": check["status"]},
    }


def document(tests: list[dict], score: float, max_score: float, output: str) -> dict:
    """The whole ``results.json``: the overall score, a summary and every test."""
    return {
        "score": round(float(score), 6),
        "max_score": round(float(max_score), 6),
        "output": output,
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def summary(lines: list[tuple[str, str, float, float]], hidden_ran: bool, seed: int | None, lang: str) -> str:
    """The submission-wide text: one line per exercise (id, title, score, max), then notes."""
    text = [f"{ex_id} {title}: {score:g}/{max_score:g}" for ex_id, title, score, max_score in lines]
    total = sum(line[2] for line in lines)
    text.append(T("Total", "총점").render(lang) + f": {round(total, 6):g}/{round(sum(line[3] for line in lines), 6):g}")
    if not hidden_ran:
        text.append(T("Hidden checks run when your instructor grades; this score covers public checks only.",
                      "비공개 검사는 강사가 채점할 때 실행됩니다. 이 점수는 공개 검사만 포함합니다.").render(lang))
    elif seed is not None:
        text.append(T(f"Hidden checks used seed {seed}.", f"비공개 검사의 시드: {seed}").render(lang))
    return "\n".join(text)


def results_json(report: GradeReport, lang: str = "en") -> dict:
    tests = []
    for ex in report.exercises:
        number = ex.id.rsplit("-", 1)[-1].lstrip("0") or "0"
        for i, check in enumerate(ex.checks, 1):
            tests.append(test_entry(check.to_json(lang), check_output(check, lang), ex.id, f"{number}.{i}", lang))
    lines = [(ex.id, ex.title.render(lang), ex.score, ex.max_score) for ex in report.exercises]
    return document(tests, report.score, report.max_score, summary(lines, report.hidden_ran, report.seed, lang))


def write_results(report: GradeReport, path: Path, lang: str = "en") -> None:
    """Write Gradescope's ``results.json`` for ``report`` to ``path``."""
    write_json(path, results_json(report, lang))


# ---------------------------------------------------------------------------- when grading fails
def error_text(error, lang: str = "en") -> str:
    """``error`` (an exception, a :class:`grader.i18n.Text` or a string) as at most MAX_ERROR characters."""
    if isinstance(error, BaseException):
        text = f"{type(error).__name__}: {error}".rstrip(": ")
    elif isinstance(error, Text):
        text = error.render(lang)
    else:
        text = str(error)
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 3] + "..."


def failure_json(error, lang: str = "en") -> dict:
    """A ``results.json`` saying that the submission could not be graded (score 0 until regraded)."""
    detail = error_text(error, lang)
    summary = T("The autograder could not grade this submission, so it scores 0 for now. This is not a "
                "verdict on your code: please tell your instructor, who can regrade it.",
                "자동 채점기가 이 제출물을 채점하지 못해 지금은 0점입니다. 여러분의 코드에 대한 판정이 아니니 "
                "강사에게 알려 주세요. 강사가 다시 채점할 수 있습니다.").render(lang)
    test = {"name": T("Autograder", "자동 채점기").render(lang), "score": 0.0, "max_score": 0.0,
            "status": "failed", "output": summary + "\n\n" + detail, "visibility": "visible",
            "extra_data": {"grader_status": "error"}}
    result = document([test], 0.0, 0.0, summary + "\n\n" + detail)
    result.pop("max_score")  # unknown: the exercises' total was never read
    result["extra_data"] = {"grader_status": "error", "error": detail}
    return result


def write_failure(path: Path, error, lang: str = "en") -> None:
    """Write a ``results.json`` saying that grading failed with ``error``; never leaves no file.

    Raises only when not even a minimal file can be written (the folder cannot be made, no space)."""
    path = Path(path)
    try:
        write_json(path, failure_json(error, lang))
    except Exception:  # noqa: BLE001 - an unprintable error, a broken encoder: write the least there is
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"score": 0.0, "output": "The autograder could not grade this submission.",
                                    "tests": []}), encoding="utf-8")


def write_graded(path: Path, grade: Callable[[], GradeReport], lang: str = "en") -> GradeReport | None:
    """Run ``grade()`` and write its ``results.json`` to ``path``; when anything fails (grading or
    writing), write :func:`write_failure`'s file instead and return None."""
    try:
        report = grade()
        write_results(report, path, lang)
        return report
    except BaseException as exc:  # noqa: BLE001 - Ctrl-C or a kill too: Gradescope must find a file
        write_failure(path, exc, lang)
        if not isinstance(exc, Exception):
            raise
        return None


def _written(path: Path):
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


@contextlib.contextmanager
def ensure_results(path: Path, lang: str = "en"):
    """Within this block, ``path`` gets a ``results.json``: if the block raises, or ends without
    having written one, :func:`write_failure` writes one that says so."""
    path = Path(path)
    before = _written(path)
    try:
        yield
    except BaseException as exc:  # noqa: BLE001 - re-raised: Ctrl-C or an exit too leave a file
        write_failure(path, exc, lang)
        raise
    after = _written(path)
    if after is None or after == before:
        write_failure(path, T("The grader stopped before it wrote any result.",
                              "채점기가 결과를 쓰기 전에 멈췄습니다."), lang)
