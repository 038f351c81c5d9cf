"""One ``grade batch`` run: which students need grading, their jobs on the slots, and each one's outputs."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from grader.files import write_json
from grader.i18n import T
from grader.instructor.batch.coordinator import Coordinator
from grader.instructor.batch.gradebook import row_from_report, write_gradebook
from grader.instructor.batch.report import Reporter
from grader.instructor.batch.runs import Job, StudentRun, budgets, job_ended, new_job, template
from grader.instructor.batch.slot import Slot
from grader.instructor.batch.state import (grader_fingerprint, is_unchanged, load_state, save_student,
                                           submission_fingerprint)
from grader.instructor.batch.submissions import Submission, discover, load_files


class Batch:
    def __init__(self, submissions_dir: Path, out: Path, selected, *, jobs: int, timeout: float, seed: int,
                 lang: str, gradescope: bool, regrade: bool, console=None):
        self.submissions_dir = submissions_dir
        self.out = out
        self.selected = selected
        self.jobs = max(1, jobs)
        self.budgets = budgets(selected, timeout)
        self.seed = seed
        self.lang = lang
        self.gradescope = gradescope
        self.regrade = regrade
        self.console = console
        self.state = load_state(out)
        self.rows: dict[str, dict] = {}  # student -> gradebook row
        self.reporter: Reporter | None = None  # once the check template is known

    def t(self, en: str, ko: str) -> str:
        return T(en, ko).render(self.lang)

    def report_path(self, student: str) -> Path:
        return self.out / "reports" / f"{student}.json"

    # ------------------------------------------------------------------ the run
    def run(self) -> dict:
        """Grade every student who needs it; the summary counts students, skipped, graded, problems."""
        self.out.mkdir(parents=True, exist_ok=True)
        for sub in ("reports", "work", "logs", "jobs"):
            (self.out / sub).mkdir(exist_ok=True)
        submissions = discover(self.submissions_dir)
        todo, skipped = self._plan(submissions)
        # students who are no longer in the folder keep no row
        present = {s.student for s in submissions}
        self.state["students"] = {k: v for k, v in self.state["students"].items() if k in present}
        self._write_gradebook()
        summary = {"students": len(submissions), "skipped": skipped, "graded": 0, "problems": 0,
                   "seconds": 0.0}
        if todo:
            self.reporter = Reporter(self.selected, template(self.selected, self.lang), self.seed, self.lang)
            started = time.monotonic()
            self._grade_all(todo, summary, len(submissions) - skipped)
            summary["seconds"] = round(time.monotonic() - started, 3)
        self._write_gradebook()
        return summary

    def _plan(self, submissions: list[Submission]) -> tuple[list[StudentRun], int]:
        """Read every submission: the students to grade, and how many are unchanged since the last run."""
        wanted = {ex.filename for ex in self.selected}
        grader = grader_fingerprint(self.selected)
        todo, skipped = [], 0
        for sub in submissions:
            load_files(sub, wanted)
            fingerprint = submission_fingerprint(sub, self.selected, self.seed, grader, self.lang)
            if not self.regrade and self._reuse(sub.student, fingerprint):
                skipped += 1
            else:
                todo.append(StudentRun(sub, fingerprint))
        return todo, skipped

    def _reuse(self, student: str, fingerprint: str) -> bool:
        """Take the row of ``student`` from their last report if it still holds."""
        report = self.report_path(student)
        if not (is_unchanged(self.state["students"].get(student), fingerprint) and report.is_file()):
            return False
        try:
            self.rows[student] = row_from_report(json.loads(report.read_text(encoding="utf-8")))
            return True
        except (OSError, ValueError, KeyError):
            return False

    # ------------------------------------------------------------------ grading on the slots
    def _queue(self, todo: list[StudentRun], summary: dict) -> list[Job]:
        """One job per submitted exercise, each student's files copied alone into a fresh folder.

        Invalid submissions are finished at once (they have nothing to grade)."""
        queue: list[Job] = []
        for run in todo:
            if run.sub.problem:
                self._finish(run)
                summary["graded"] += 1
                summary["problems"] += 1
                continue
            work = self.out / "work" / run.sub.student
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            for name, data in run.sub.files.items():
                (work / name).write_bytes(data)
            for ex in self.selected:
                if ex.filename in run.sub.files:
                    run.pending.add(ex.id)
                    queue.append(new_job(len(queue) + 1, run, ex.id, self.out, self.seed, self.lang,
                                         self.budgets[ex.id]))
        return queue

    def _progress_bar(self):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn(self.t("students", "명")), TimeElapsedColumn(),
                        TextColumn(self.t("left", "남음")), TimeRemainingColumn(),
                        console=self.console, transient=False)

    def _grade_all(self, todo: list[StudentRun], summary: dict, to_grade: int) -> None:
        queue = self._queue(todo, summary)
        progress = self._progress_bar()
        slots = [Slot(i, self.out / "logs") for i in range(min(self.jobs, max(1, len(queue))))]
        coordinator = Coordinator(slots, queue, self._job_ended)
        with progress:
            task = progress.add_task(self.t("Grading", "채점 중"), total=to_grade, completed=summary["problems"])

            def after_round() -> None:
                done_now = self._collect_finished(todo, summary)
                if done_now:
                    progress.advance(task, done_now)

            coordinator.run(after_round)

    def _job_ended(self, job: Job, why: str | None) -> None:
        job_ended(job, why, self.reporter.checks_of, self.lang)

    def _collect_finished(self, todo: list[StudentRun], summary: dict) -> int:
        """Finish every student whose jobs have all ended; how many there were."""
        count = 0
        for run in todo:
            if run.sub.problem or run.pending or run.written:
                continue
            self._finish(run)
            summary["graded"] += 1
            if run.status != "graded":
                summary["problems"] += 1
            count += 1
        return count

    # ------------------------------------------------------------------ one student's outputs
    def _finish(self, run: StudentRun) -> None:
        """Write the student's reports, row and state, then remove their work folder."""
        run.written = True
        student = run.sub.student
        built = self.reporter.build(run)
        write_json(self.report_path(student), built.report)
        if self.gradescope:
            write_json(self.out / "gradescope" / student / "results.json", self.reporter.gradescope(built))
        self.rows[student] = row_from_report(built.report)
        save_student(self.out, self.state, student,
                     {"fingerprint": run.fingerprint, "status": run.status, "score": built.report["score"]},
                     {"seed": self.seed, "exercises": [ex.id for ex in self.selected], "lang": self.lang})
        shutil.rmtree(self.out / "work" / student, ignore_errors=True)
        self._write_gradebook()

    def _write_gradebook(self) -> None:
        write_gradebook(self.out / "gradebook.csv", self.selected, self.rows)
