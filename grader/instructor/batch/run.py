"""One ``grade batch`` run: what needs grading, the jobs on the slots, and each student's outputs.

Runs merge: a student's report keeps every exercise an earlier run graded; this run replaces
only the selected exercises that need it (changed, timed out or failed last time, or asked for
with ``--regrade``).  Everything read back (``state.json``, the reports) lies under ``--out``,
which only this process writes: learner code runs confined to its own folder and scratch.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from grader.files import write_json
from grader.i18n import T
from grader.instructor.batch.coordinator import Coordinator
from grader.instructor.batch.gradebook import row_from_report, write_gradebook
from grader.instructor.batch.report import Reporter, read_report
from grader.instructor.batch.runs import Job, StudentRun, budgets, job_ended, new_job, template
from grader.instructor.batch.slot import Slot
from grader.instructor.batch.state import (exercise_fingerprint, grader_fingerprint, load_state, previous,
                                           save_student, still_holds)
from grader.instructor.batch.submissions import Submission, discover, in_shard, load_files

_AGAIN = {"timeout": T("it timed out in the previous run", "지난 실행에서 시간 초과"),
          "error": T("the grader failed on it in the previous run", "지난 실행에서 채점기 오류")}


class Batch:
    def __init__(self, submissions_dir: Path, out: Path, selected, *, jobs: int, timeout: float, seed: int,
                 lang: str, gradescope: bool, regrade=None, shard: tuple[int, int] | None = None, console=None):
        self.submissions_dir = submissions_dir
        self.out = out
        self.selected = selected
        self.jobs = max(1, jobs)
        self.budgets = budgets(selected, timeout)
        self.seed = seed
        self.lang = lang
        self.gradescope = gradescope
        self.regrade = regrade  # None, True (everyone) or a set of student names
        self.shard = shard
        self.console = console
        self.state = load_state(out)
        self.rows: dict[str, dict] = {}  # student -> gradebook row
        self._reporter: Reporter | None = None
        self._submissions: list[Submission] | None = None

    def t(self, en: str, ko: str) -> str:
        return T(en, ko).render(self.lang)

    def report_path(self, student: str) -> Path:
        return self.out / "reports" / f"{student}.json"

    def submissions(self) -> list[Submission]:
        if self._submissions is None:
            self._submissions = discover(self.submissions_dir)
        return self._submissions

    def unknown(self, students) -> list[str]:
        """The names in ``students`` that are no student of the class."""
        known = {s.student for s in self.submissions()}
        return sorted(set(students) - known)

    @property
    def reporter(self) -> Reporter:
        if self._reporter is None:  # the check template costs one grading of an empty folder
            self._reporter = Reporter(template(self.selected, self.lang), self.seed, self.lang)
        return self._reporter

    # ------------------------------------------------------------------ the run
    def run(self) -> dict:
        """Grade every student who needs it; the summary counts students, skipped, graded, problems."""
        self.out.mkdir(parents=True, exist_ok=True)
        for sub in ("reports", "work", "logs"):
            (self.out / sub).mkdir(exist_ok=True)
        os.chmod(self.out / "work", 0o711)  # each job's folder is reached by its name only
        submissions = self.submissions()
        present = {s.student for s in submissions}
        self.state["students"] = {k: v for k, v in self.state["students"].items() if k in present}
        mine = [s for s in submissions if self.shard is None or in_shard(s.student, *self.shard)]
        for sub in submissions:
            if sub not in mine:  # another shard's: its row stays as an earlier run left it
                report = read_report(self.report_path(sub.student), sub.student)
                if report is not None:
                    self.rows[sub.student] = row_from_report(report)
        todo, skipped = self._plan(mine)
        self._write_gradebook()
        summary = {"students": len(mine), "skipped": skipped, "graded": 0, "problems": 0, "seconds": 0.0}
        if todo:
            started = time.monotonic()
            self._grade_all(todo, summary, len(todo))
            summary["seconds"] = round(time.monotonic() - started, 3)
        self._write_gradebook()
        return summary

    def _forced(self, student: str) -> bool:
        return self.regrade is True or (bool(self.regrade) and student in self.regrade)

    def _plan(self, submissions: list[Submission]) -> tuple[list[StudentRun], int]:
        """Read every submission: the students to grade, and how many are unchanged since the last run."""
        wanted = {ex.filename for ex in self.selected}
        graders = {ex.id: grader_fingerprint(ex) for ex in self.selected}
        todo, skipped = [], 0
        for sub in submissions:
            load_files(sub, wanted)
            run = StudentRun(sub)
            path = self.report_path(sub.student)
            report = read_report(path, sub.student)
            if report is None and (path.exists() or path.is_symlink()):
                run.notes.append(self.t("the previous report could not be read: graded again",
                                        "지난 보고서를 읽을 수 없어 다시 채점함"))
            earlier = {e["id"]: e for e in report["exercises"]} if report else {}
            for ex in self.selected:
                run.fingerprints[ex.id] = fingerprint = exercise_fingerprint(sub, ex, self.seed, graders[ex.id],
                                                                              self.lang)
                last = previous(self.state, sub.student, ex.id)
                if ex.id in earlier and not self._forced(sub.student) and still_holds(last, fingerprint):
                    run.kept[ex.id] = earlier[ex.id]
                    continue
                why = _AGAIN.get(last.get("status")) if ex.id in earlier and not self._forced(sub.student) else None
                if why is not None and last.get("fingerprint") == fingerprint:
                    run.note(ex.id, self.t(f"{ex.id}: graded again ({why.en})", f"{ex.id}: 다시 채점함 ({why.ko})"))
                if not sub.problem and ex.filename in sub.files:
                    run.todo.append(ex.id)
            if report is not None and len(run.kept) == len(self.selected):
                self.rows[sub.student] = row_from_report(report)
                skipped += 1
            else:
                run.earlier = {k: v for k, v in earlier.items() if k not in run.fingerprints}
                todo.append(run)
        return todo, skipped

    # ------------------------------------------------------------------ grading on the slots
    def _queue(self, todo: list[StudentRun], summary: dict) -> list[Job]:
        """One job per exercise to grade; students with none are finished at once."""
        queue: list[Job] = []
        for run in todo:
            if not run.todo:
                self._finish(run, summary)
                continue
            for ex_id in run.todo:
                run.pending.add(ex_id)
                queue.append(new_job(len(queue) + 1, run, ex_id, self.seed, self.lang, self.budgets[ex_id]))
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
        from grader.sandbox import forkserver
        forkserver.start()  # a warm server forks the workers of later jobs (the first ones start cold)
        slots = [Slot(i, self.out / "logs") for i in range(min(self.jobs, max(1, len(queue))))]
        for slot in slots:  # they import the grader while this process works out the check template,
            slot.start()    # and the warm server warms up: the first jobs' workers are forked warm
        assert self.reporter is not None
        coordinator = Coordinator(slots, queue, self._job_ended, self.out / "work")
        with progress:
            task = progress.add_task(self.t("Grading", "채점 중"), total=to_grade, completed=summary["graded"])

            def after_round() -> None:
                done_now = self._collect_finished(todo, summary)
                if done_now:
                    progress.advance(task, done_now)

            if queue:
                coordinator.run(after_round)

    def _job_ended(self, job: Job, why: str | None) -> None:
        job_ended(job, why, self.reporter.checks_of, self.lang)

    def _collect_finished(self, todo: list[StudentRun], summary: dict) -> int:
        """Finish every student whose jobs have all ended; how many there were."""
        count = 0
        for run in todo:
            if run.pending or run.written:
                continue
            self._finish(run, summary)
            count += 1
        return count

    # ------------------------------------------------------------------ one student's outputs
    def _finish(self, run: StudentRun, summary: dict) -> None:
        """Write the student's reports, row and state (each file atomically, never through a link)."""
        run.written = True
        student = run.sub.student
        built = self.reporter.build(run, self.selected, run.earlier)
        write_json(self.report_path(student), built.report)
        if self.gradescope:
            write_json(self.out / "gradescope" / student / "results.json", self.reporter.gradescope(built))
        self.rows[student] = row_from_report(built.report)
        entries = {e["id"]: e for e in built.report["exercises"]}
        graded = {ex.id: {"fingerprint": run.fingerprints[ex.id], "status": entries[ex.id]["status"],
                          "score": entries[ex.id]["score"]} for ex in self.selected}
        save_student(self.out, self.state, student, graded, {"seed": self.seed, "lang": self.lang})
        summary["graded"] += 1
        summary["problems"] += built.report["status"] != "graded"
        self._write_gradebook()

    def _write_gradebook(self) -> None:
        write_gradebook(self.out / "gradebook.csv", self.rows)
