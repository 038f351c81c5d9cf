"""Gradescope's ``results.json`` from a grading report (``grade --format gradescope``).

One Gradescope test per check: its name is the exercise and the check's
description, its output what went wrong and the hint.  Hidden checks are
published with ``"visibility": "after_published"``, so students see them (and
their random inputs) only once the instructor publishes the grades; public
checks are ``"visible"`` at once.  See ``docs/gradescope.md`` for the
autograder setup.
"""
from __future__ import annotations

from pathlib import Path

from grader.files import write_json
from grader.i18n import T
from grader.render.failure import failure_text
from grader.results import CheckResult, GradeReport

__all__ = ["check_output", "test_entry", "document", "results_json", "write_results"]


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
