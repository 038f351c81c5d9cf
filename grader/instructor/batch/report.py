"""A student's outputs: the ``grade --json``-shaped report and the Gradescope ``results.json``."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.i18n import T, josa
from grader.instructor.batch.runs import StudentRun, Template, not_graded


@dataclass
class StudentReport:
    report: dict  # written as reports/STUDENT.json
    tests: list[dict] = field(default_factory=list)  # Gradescope test entries
    lines: list[tuple[str, str, float, float]] = field(default_factory=list)  # id, title, score, max


class Reporter:
    """Turns a finished :class:`~.runs.StudentRun` into its reports."""

    def __init__(self, selected, checks_of: Template, seed: int, lang: str):
        self.selected = selected
        self.checks_of = checks_of
        self.seed = seed
        self.lang = lang
        self.titles = {ex.id: ex.title.render(lang) for ex in selected}

    def t(self, en: str, ko: str) -> str:
        return T(en, ko).render(self.lang)

    def _checks(self, run: StudentRun, ex, not_submitted: list[str]) -> list[dict]:
        """The checks of ``ex``: as graded, or all scored 0 with the reason (not submitted, invalid)."""
        checks = run.results.get(ex.id)
        if checks is not None:
            return checks
        problem = run.sub.problem
        if not problem:
            not_submitted.append(ex.id)
        message = problem.render(self.lang) if problem else self.t(
            f"{ex.filename} was not submitted", f"{josa(ex.filename, '을')} 제출하지 않았습니다")
        return [not_graded(c, message, "error") for c in self.checks_of.get(ex.id, [])]

    def _trouble_note(self, ex_id: str, checks: list[dict]) -> str | None:
        """How many checks hit an error or a time-out, and the first message."""
        trouble = [c["json"] for c in checks if c["json"]["status"] in ("error", "timeout")
                   and not c.get("synthetic")]
        if not trouble:
            return None
        first = (trouble[0]["message"] or trouble[0]["status"]).splitlines()[0][:160]
        return self.t(f"{ex_id}: {len(trouble)} of {len(checks)} checks hit an error or a time-out ({first})",
                      f"{ex_id}: 검사 {len(checks)}개 중 {len(trouble)}개에서 오류 또는 시간 초과 ({first})")

    def build(self, run: StudentRun) -> StudentReport:
        """The report of ``run`` (its status and notes completed on the way)."""
        from grader.render.gradescope import test_entry

        sub, out, exercises_json, not_submitted = run.sub, StudentReport({}), [], []
        if sub.problem:
            run.status = "invalid"
            run.notes.insert(0, sub.problem.render(self.lang))
        for ex in self.selected:
            checks = self._checks(run, ex, not_submitted)
            note = self._trouble_note(ex.id, checks)
            if note:
                run.notes.append(note)
            score = round(sum(c["json"]["score"] for c in checks), 6)
            max_score = round(sum(c["json"]["max_score"] for c in checks), 6)
            exercises_json.append({"id": ex.id, "title": self.titles[ex.id], "score": score,
                                   "max_score": max_score, "checks": [c["json"] for c in checks]})
            out.tests += [test_entry(c["json"], c["output"], ex.id, f"{ex.number}.{i}", self.lang)
                          for i, c in enumerate(checks, 1)]
            out.lines.append((ex.id, self.titles[ex.id], score, max_score))
        if not_submitted:
            run.notes.append(self.t("not submitted: ", "제출하지 않음: ") + ", ".join(not_submitted))
        run.notes += [note.render(self.lang) for note in sub.notes]
        out.report = {"student": sub.student, "status": run.status, "notes": run.notes,
                      "score": round(sum(e["score"] for e in exercises_json), 6),
                      "max_score": round(sum(e["max_score"] for e in exercises_json), 6), "seed": self.seed,
                      "exercises": exercises_json, "files": sorted(sub.files), "seconds": round(run.seconds, 3)}
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
