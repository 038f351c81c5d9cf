"""One student's grading: their jobs (one per exercise), time budgets, and what each job gave.

A job that answered gives every check's result; a stopped or failed job gives the checks it
had finished (from its progress file) and, for the others, the template's checks scored 0."""
from __future__ import annotations

import ast
import json
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from grader.i18n import T
from grader.instructor.batch.submissions import Submission

Template = dict[str, list[dict]]  # exercise id -> every check's {"json", "output"} when not graded


@dataclass
class StudentRun:
    """One student being graded in this run."""
    sub: Submission
    fingerprint: str
    pending: set = field(default_factory=set)  # exercise ids still being graded
    results: dict = field(default_factory=dict)  # exercise id -> list of check dicts
    notes: list = field(default_factory=list)
    status: str = "graded"
    seconds: float = 0.0
    written: bool = False


@dataclass
class Job:
    """One student's exercise: ``spec`` is the JSON line a grading process reads."""
    run: StudentRun
    spec: dict  # id, exercise, target, seed, lang, progress, result
    budget: float
    started: float = 0.0
    seconds: float = 0.0  # how long it ran, once it has ended

    @property
    def exercise(self) -> str:
        return self.spec["exercise"]


def new_job(job_id: int, run: StudentRun, ex_id: str, out: Path, seed: int, lang: str, budget: float) -> Job:
    """A job for ``run``'s exercise ``ex_id`` (its progress and result files from an earlier run removed)."""
    stem = f"{run.sub.student}.{ex_id}"
    progress_file = out / "jobs" / f"{stem}.progress.jsonl"
    result_file = out / "jobs" / f"{stem}.result.json"
    for path in (progress_file, result_file):
        with suppress(OSError):
            path.unlink()
    spec = {"id": job_id, "exercise": ex_id, "target": str(out / "work" / run.sub.student), "seed": seed,
            "lang": lang, "progress": str(progress_file), "result": str(result_file)}
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


def _finished_checks(progress: Path) -> dict[str, dict]:
    """The checks a job had finished, by name, from its progress file."""
    finished = {}
    try:
        for line in progress.read_text(encoding="utf-8").splitlines():
            with suppress(ValueError, KeyError):
                item = json.loads(line)
                finished[item["json"]["name"]] = item
    except (OSError, ValueError):
        pass
    return finished


def _partial(job: Job, status: str, note: str, checks_of: Template) -> None:
    """What a stopped job had finished, and the rest of its checks marked as not graded."""
    run = job.run
    finished = _finished_checks(Path(job.spec["progress"]))
    checks = []
    for check in checks_of[job.exercise]:
        done = finished.get(check["json"]["name"])
        checks.append(done if done is not None else not_graded(
            check, note, "timeout" if status == "timeout" else "error"))
    run.results[job.exercise] = checks
    run.notes.append(note)
    if status == "error" or run.status == "graded":
        run.status = status


def _answered(job: Job, checks_of: Template, lang: str) -> None:
    try:
        data = json.loads(Path(job.spec["result"]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        data = {"error": f"the result could not be read ({exc})"}
    if "error" in data:
        _partial(job, "error", T(f"{job.exercise}: the grader failed ({data['error'][:300]})",
                                 f"{job.exercise}: 채점기 오류 ({data['error'][:300]})").render(lang), checks_of)
    else:
        job.run.results[job.exercise] = data["checks"]


def _stopped(job: Job, why: str, checks_of: Template, lang: str) -> None:
    ex = job.exercise
    if why == "timeout":
        _partial(job, "timeout", T(f"{ex}: grading stopped after {job.budget:g} s (time limit); "
                                   "the checks not reached score 0",
                                   f"{ex}: 제한 시간 {job.budget:g}초가 지나 채점을 멈춤. 나머지 검사는 0점").render(lang),
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
    for key in ("progress", "result"):
        with suppress(OSError):
            Path(job.spec[key]).unlink()
