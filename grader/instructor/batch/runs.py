"""One student's grading: their jobs (one per exercise), time budgets, and what each job gave.

A job that answered gives every check's result; a stopped or failed job gives the checks it
had finished (from its progress file) and, for the others, the template's checks scored 0."""
from __future__ import annotations

import ast
import math
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.i18n import T
from grader.instructor.batch.submissions import Submission

STATES = ("done", "in progress", "not started")  # of an exercise, as ``grade --json`` says
Template = dict[str, list[dict]]  # exercise id -> every check's {"json", "output"} when not graded


@dataclass
class StudentRun:
    """One student being graded in this run: what is kept from earlier runs and what is graded now."""
    sub: Submission
    fingerprints: dict = field(default_factory=dict)  # exercise id -> fingerprint of what decides its grade
    kept: dict = field(default_factory=dict)  # exercise id -> report entry of an earlier run, still valid
    earlier: dict = field(default_factory=dict)  # exercise id -> entry of an exercise not selected now (kept)
    todo: list = field(default_factory=list)  # exercise ids to grade now (their file was submitted)
    pending: set = field(default_factory=set)  # exercise ids still being graded
    results: dict = field(default_factory=dict)  # exercise id -> list of check dicts
    status_of: dict = field(default_factory=dict)  # exercise id -> "timeout" or "error" (else graded)
    notes_of: dict = field(default_factory=dict)  # exercise id -> notes
    states: dict = field(default_factory=dict)  # exercise id -> "done", "in progress" or "not started"
    notes: list = field(default_factory=list)  # notes of the whole submission (a previous report lost...)
    seconds: float = 0.0
    written: bool = False

    def note(self, ex_id: str, text: str) -> None:
        self.notes_of.setdefault(ex_id, []).append(text)


@dataclass
class Job:
    """One student's exercise: ``spec`` is the JSON line a grading process reads.

    ``spec["token"]`` is the job's secret: the coordinator believes only lines that carry it,
    on the pipe of the process it gave the job to."""
    run: StudentRun
    spec: dict  # id, token, exercise, target, seed, lang
    budget: float
    started: float = 0.0
    seconds: float = 0.0  # how long it ran, once it has ended
    folder: Path | None = None  # the private copy of the student's file, while the job runs
    finished: dict = field(default_factory=dict)  # check name -> {"json", "output"}, as they come
    result: dict | None = None  # what the DONE line said
    attempts: int = 0
    alone: bool = False  # graded in a grading session of its own (after its session was stopped)

    @property
    def exercise(self) -> str:
        return self.spec["exercise"]

    def prepare(self, work: Path, filename: str) -> None:
        """Copy the student's file, alone, into a fresh folder that only this job's worker is allowed
        to read (the sandbox confines each worker to its own module's folder)."""
        prepare_group([self], work, {self.exercise: filename})

    def prepare_with(self, folder: Path) -> None:
        """Start an attempt in ``folder`` (this student's files for the jobs graded with this one)."""
        self.folder = folder
        self.spec["target"] = str(folder)
        self.spec["token"] = secrets.token_hex(16)  # a new secret for every attempt
        self.finished, self.result = {}, None
        self.attempts += 1

    def discard(self) -> None:
        folder, self.folder = self.folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def prepare_group(jobs: list[Job], work: Path, filenames: dict[str, str]) -> None:
    """Copy the files of ``jobs`` (one student's exercises, graded in one session) into one fresh
    folder that only their workers are allowed to read (the sandbox confines each worker to its
    module's folder): nothing of another student's is ever beside them."""
    assert len({id(job.run) for job in jobs}) == 1, "a grading session grades one student"
    for job in jobs:
        job.discard()
    folder = Path(tempfile.mkdtemp(prefix="job-", dir=work))
    os.chmod(folder, 0o755)  # the worker may run as another user; Landlock keeps others out
    for job in jobs:
        filename = filenames[job.exercise]
        _write_new(folder / filename, job.run.sub.files[filename])
        job.prepare_with(folder)


def _write_new(path: Path, data: bytes) -> None:
    """A new file in a fresh folder that nobody else writes: created, never opened through a link
    (O_EXCL, O_NOFOLLOW) and not flushed to disk, since it is thrown away after the job (a flush for
    each of a student's files held up the next job by about 40 ms)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o644)  # whatever the umask: the worker may run as another user


def new_job(job_id: int, run: StudentRun, ex_id: str, seed: int, lang: str, budget: float) -> Job:
    """A job for ``run``'s exercise ``ex_id`` (its folder and secret are made when it starts)."""
    spec = {"id": job_id, "exercise": ex_id, "target": "", "seed": seed, "lang": lang, "token": ""}
    return Job(run, spec, budget)


def template(selected, lang: str) -> Template:
    """Every check of every selected exercise, as graded against an empty folder (no file)."""
    from grader.checking.runner import grade
    from grader.render.gradescope import check_output

    with tempfile.TemporaryDirectory() as empty:
        report = grade(selected, Path(empty), seed=0)
    return {ex.id: [{"json": c.to_json(lang), "output": check_output(c, lang)} for c in ex.checks]
            for ex in report.exercises}


def _declared_timeouts(check_file: Path) -> float:
    """The sum of the ``timeout=`` that the checks of ``check_file`` declare in ``@check(...)``."""
    extra = 0.0
    try:
        tree = ast.parse(check_file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check":
                for kw in node.keywords:
                    if kw.arg == "timeout" and isinstance(kw.value, ast.Constant) and kw.value.value:
                        extra += float(kw.value.value)
    except (OSError, SyntaxError, ValueError, TypeError):
        pass
    return extra


def budgets(selected, default: float) -> dict[str, float]:
    """Time for one exercise: ``default``, more when its checks declare long time limits."""
    return {ex.id: default + _declared_timeouts(ex.check_file) for ex in selected}


def not_graded(check: dict, message: str, status: str) -> dict:
    data = dict(check["json"])
    data.update(score=0.0, status=status, message=message, hint="")
    return {"json": data, "output": message, "synthetic": True}


def valid_check(item, names: set[str] | None = None) -> bool:
    """Whether ``item`` (from a grading process or a cached report) is a check's result of the expected
    shape (named in ``names``, when given)."""
    if not isinstance(item, dict) or not isinstance(item.get("json"), dict) or not isinstance(item.get("output"), str):
        return False
    data = item["json"]
    score, max_score = data.get("score"), data.get("max_score")
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                  for v in (score, max_score))
    name = data.get("name")
    return numbers and isinstance(name, str) and (names is None or name in names) \
        and isinstance(data.get("description"), str) and isinstance(data.get("status"), str) and 0 <= score <= max_score


def _partial(job: Job, status: str, note: str, checks_of: Template) -> None:
    """What a stopped job had finished, and the rest of its checks marked as not graded."""
    run = job.run
    finished = job.finished
    checks = []
    for check in checks_of[job.exercise]:
        done = finished.get(check["json"]["name"])
        checks.append(done if done is not None else not_graded(
            check, note, "timeout" if status == "timeout" else "error"))
    run.results[job.exercise] = checks
    run.note(job.exercise, note)
    run.status_of[job.exercise] = status


def _answered(job: Job, checks_of: Template, lang: str) -> None:
    data = job.result if isinstance(job.result, dict) else {"error": "no result"}
    names = [c["json"]["name"] for c in checks_of[job.exercise]]
    checks = data.get("checks")
    if "error" not in data and not (isinstance(checks, list) and len(checks) == len(names)
                                    and all(valid_check(c, set(names)) for c in checks)):
        data = {"error": "the result does not match the exercise's checks"}
    if "error" in data:
        error = str(data["error"])[:300]
        _partial(job, "error", T(f"{job.exercise}: the grader failed ({error})",
                                 f"{job.exercise}: 채점기 오류 ({error})").render(lang), checks_of)
    else:
        job.run.results[job.exercise] = checks
        if data.get("state") in STATES:
            job.run.states[job.exercise] = data["state"]


def _stopped(job: Job, why: str, checks_of: Template, lang: str) -> None:
    ex = job.exercise
    if why == "timeout":
        _partial(job, "timeout", T(f"{ex}: grading stopped after {job.budget:g} s of computing (time limit); "
                                   "the checks not reached score 0",
                                   f"{ex}: 계산 시간 제한 {job.budget:g}초가 지나 채점을 멈춤. 나머지 검사는 0점").render(lang),
                 checks_of)
    else:
        _partial(job, "error", T(f"{ex}: the grading process crashed; run grade batch again to retry",
                                 f"{ex}: 채점 프로세스가 비정상 종료됨. grade batch를 다시 실행하면 재시도합니다"
                                 ).render(lang), checks_of)


def job_ended(job: Job, why: str | None, checks_of: Template, lang: str) -> None:
    """Record in its student's run what ``job`` gave: ``why`` is None (it answered), "timeout" or "crash"."""
    job.run.seconds += job.seconds
    if why is None:
        _answered(job, checks_of, lang)
    else:
        _stopped(job, why, checks_of, lang)
    job.run.pending.discard(job.exercise)
    job.discard()
