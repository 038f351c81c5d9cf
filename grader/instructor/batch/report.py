"""A student's outputs: the ``grade --json``-shaped report and the Gradescope ``results.json``.

A report holds one entry per exercise ever graded for the student: this run's exercises
replace theirs, the others are kept as an earlier run left them (runs merge).  Each entry
carries its own status, notes and check outputs, so that a later run can keep it as it is.
A report read back is checked field by field (:func:`read_report`): one that is malformed
counts as missing, never as a crash.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from grader import exercises
from grader.i18n import T, josa
from grader.instructor.batch.runs import StudentRun, Template, not_graded, valid_check

STATUS_ORDER = ("error", "timeout", "invalid", "graded")  # a row's status: the worst of its exercises'
MAX_REPORT_BYTES = 64 * 1024 * 1024


@dataclass
class StudentReport:
    report: dict  # written as reports/STUDENT.json
    tests: list[dict] = field(default_factory=list)  # Gradescope test entries
    lines: list[tuple[str, str, float, float]] = field(default_factory=list)  # id, title, score, max


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _valid_entry(entry) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return False
    try:
        exercises.find(entry["id"])
    except Exception:  # noqa: BLE001 - an unknown exercise: not an entry of ours
        return False
    checks, outputs, notes = entry.get("checks"), entry.get("outputs"), entry.get("notes")
    return (isinstance(checks, list) and isinstance(outputs, list) and len(outputs) == len(checks)
            and all(valid_check({"json": c, "output": o}) for c, o in zip(checks, outputs))
            and isinstance(notes, list) and all(isinstance(n, str) for n in notes)
            and entry.get("status") in STATUS_ORDER and isinstance(entry.get("title"), str)
            and _number(entry.get("score")) and _number(entry.get("max_score")))


def read_report(path: Path, student: str) -> dict | None:
    """The report of ``student`` at ``path``, or None if it is missing or malformed in any field."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_REPORT_BYTES:
            return None
        report = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(report, dict) or report.get("student") != student \
                or not isinstance(report.get("exercises"), list) or report.get("status") not in STATUS_ORDER \
                or not isinstance(report.get("notes"), list) or not all(isinstance(n, str) for n in report["notes"]) \
                or not (_number(report.get("score")) and _number(report.get("max_score"))):
            return None
        if not all(_valid_entry(entry) for entry in report["exercises"]):
            return None
        return report
    except (OSError, ValueError, RecursionError, UnicodeError):
        return None


class Reporter:
    """Turns a finished :class:`~.runs.StudentRun` into its reports."""

    def __init__(self, checks_of: Template, seed: int, lang: str):
        self.checks_of = checks_of
        self.seed = seed
        self.lang = lang

    def t(self, en: str, ko: str) -> str:
        return T(en, ko).render(self.lang)

    def _trouble_note(self, ex_id: str, checks: list[dict]) -> str | None:
        """How many checks hit an error or a time-out, and the first message."""
        trouble = [c["json"] for c in checks if c["json"]["status"] in ("error", "timeout")
                   and not c.get("synthetic")]
        if not trouble:
            return None
        first = (trouble[0]["message"] or trouble[0]["status"]).splitlines()[0][:160]
        return self.t(f"{ex_id}: {len(trouble)} of {len(checks)} checks hit an error or a time-out ({first})",
                      f"{ex_id}: 검사 {len(checks)}개 중 {len(trouble)}개에서 오류 또는 시간 초과 ({first})")

    def entry(self, run: StudentRun, ex) -> dict:
        """This run's entry of ``ex``: as graded, or every check scored 0 with the reason."""
        sub, notes = run.sub, list(run.notes_of.get(ex.id, []))
        checks = run.results.get(ex.id)
        status = run.status_of.get(ex.id, "graded")
        if checks is None:
            if sub.problem:
                message, status = sub.problem.render(self.lang), "invalid"
            else:
                message = self.t(f"{ex.filename} was not submitted", f"{josa(ex.filename, '을')} 제출하지 않았습니다")
                notes.append(self.t(f"{ex.id}: not submitted", f"{ex.id}: 제출하지 않음"))
            checks = [not_graded(c, message, "error") for c in self.checks_of.get(ex.id, [])]
        else:
            trouble = self._trouble_note(ex.id, checks)
            notes += [trouble] if trouble else []
        score = round(sum(c["json"]["score"] for c in checks), 6)
        max_score = round(sum(c["json"]["max_score"] for c in checks), 6)
        state = run.states.get(ex.id) or ("done" if checks and score == max_score else
                                          "not started" if ex.id not in run.results else "in progress")
        return {"id": ex.id, "title": ex.title.render(self.lang), "score": score, "max_score": max_score,
                "state": state, "checks": [c["json"] for c in checks], "status": status, "notes": notes,
                "outputs": [c["output"] for c in checks], "seed": self.seed}

    def build(self, run: StudentRun, selected, earlier: dict[str, dict]) -> StudentReport:
        """The report of ``run``: this run's ``selected`` exercises, and the ``earlier`` entries of the others."""
        from grader.render.gradescope import test_entry

        sub, out = run.sub, StudentReport({})
        entries = dict(earlier)
        for ex in selected:
            entries[ex.id] = run.kept[ex.id] if ex.id in run.kept else self.entry(run, ex)
        ordered = [entries[k] for k in sorted(entries, key=lambda k: exercises.find(k).number)]
        notes = list(run.notes)
        if sub.problem:
            notes.insert(0, sub.problem.render(self.lang))
        for entry in ordered:
            notes += [n for n in entry["notes"] if not (sub.problem and entry["status"] == "invalid")]
            number = exercises.find(entry["id"]).number
            out.tests += [test_entry(c, o, entry["id"], f"{number}.{i}", self.lang)
                          for i, (c, o) in enumerate(zip(entry["checks"], entry["outputs"]), 1)]
            out.lines.append((entry["id"], entry["title"], entry["score"], entry["max_score"]))
        notes += [note.render(self.lang) for note in sub.notes]
        status = min((e["status"] for e in ordered), key=STATUS_ORDER.index, default="graded")
        out.report = {"student": sub.student, "status": status, "notes": notes,
                      "score": round(sum(e["score"] for e in ordered), 6),
                      "max_score": round(sum(e["max_score"] for e in ordered), 6), "seed": self.seed,
                      "exercises": ordered, "files": sorted(sub.files), "seconds": round(run.seconds, 3)}
        return out

    def gradescope(self, built: StudentReport) -> dict:
        """The Gradescope ``results.json`` of a built report."""
        from grader.checking.answer_key import student_kit
        from grader.render.gradescope import document, summary

        report = built.report
        text = summary(built.lines, not student_kit(), self.seed, self.lang)
        if report["notes"]:
            text += "\n" + "\n".join(report["notes"])
        return document(built.tests, report["score"], report["max_score"], text)
