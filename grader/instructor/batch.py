"""``grade batch SUBMISSIONS_DIR``: grade a whole class, with every check, in parallel.

``SUBMISSIONS_DIR`` holds one entry per student: a folder or a ``.zip`` with
their exercise files (``ex05_activations.py`` ...), anywhere inside.  Each
student's files are copied alone into a fresh folder and graded there; their
code runs only in the grader's worker processes (time and memory limits), never
next to another student's files.

The work is split into one job per (student, exercise) and spread over
``--jobs`` grading processes (default: one per core).  A job that outlives its
time budget is stopped: the checks it finished keep their scores and the row
says what happened.  A bad zip, a folder without exercise files, a crash or a
hang affects only that student's row.

Written to ``--out`` (default ``SUBMISSIONS_DIR-grades``), each file atomically:

* ``gradebook.csv`` — student, one column per exercise, total, max, status, notes;
* ``reports/STUDENT.json`` — the ``grade --json`` report of each student;
* ``gradescope/STUDENT/results.json`` — with ``--gradescope``;
* ``state.json`` — what was graded from which files: a second run skips students
  whose files (and the grader) did not change, so an interrupted run resumes.

This module is also the grading processes' entry point (:func:`serve`) and,
loaded with ``-p grader.instructor.batch``, the pytest plugin that streams each finished
check to a progress file (so a stopped job keeps what it had finished).
"""
from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from grader import exercises
from grader.i18n import LANGUAGES, T, Text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PROGRESS_ENV = "GRADER_BATCH_PROGRESS"
DONE = "GRADER-BATCH-DONE "
START = "GRADER-BATCH-START "
STARTUP_ALLOWANCE = 60.0  # seconds a new grading process may take to start, on top of a job's budget
STATE_FORMAT = "dlscratch-batch-state/1"
MAX_FILE_BYTES = 2 * 1024 * 1024  # an exercise file larger than this is not a plausible submission
MAX_ZIP_MEMBERS = 10_000
DEFAULT_BUDGET = 30.0  # seconds for one student's exercise (a hang costs at most this)
JOBS_PER_SLOT = 200  # a grading process is replaced after this many jobs
FINAL_STATUSES = ("graded", "timeout", "invalid")  # "error" (the grader failed) is retried
# grader modules that never change a verdict: editing them does not make a student's grade stale
TOOL_MODULES = {"__main__.py", "cli.py", "report.py", "batch.py", "release.py", "gradescope.py", "nbgrader.py",
                "notebook.py", "watch.py", "progress.py", "forkserver.py"}


# ============================================================================ submissions
@dataclass
class Submission:
    student: str
    source: Path
    files: dict[str, bytes] = field(default_factory=dict)  # exercise file name -> contents
    problem: Text | None = None  # why it cannot be graded (bad zip, no files)
    notes: list[Text] = field(default_factory=list)
    raw_digest: str = ""


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.@+-]+", "_", name).strip("._") or "student"
    return cleaned[:100]


def discover(root: Path) -> list[Submission]:
    """One submission per folder or ``.zip`` in ``root`` (hidden entries and ``__MACOSX`` ignored)."""
    found, used = [], set()
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name == "__MACOSX" or entry.is_symlink():
            continue
        if entry.is_dir():
            name = entry.name
        elif entry.is_file() and entry.suffix.lower() == ".zip":
            name = entry.stem
        else:
            continue
        student = _safe_name(name)
        if student in used:
            student = _safe_name(entry.name)
        n = 2
        base = student
        while student in used:
            student, n = f"{base}-{n}", n + 1
        used.add(student)
        found.append(Submission(student, entry))
    return found


def _too_large(name: str) -> Text:
    return T(f"{name}: larger than {MAX_FILE_BYTES // 1024} KB, ignored",
             f"{name}: {MAX_FILE_BYTES // 1024} KB보다 커서 무시함")


def _pick(candidates: dict[str, list[tuple[int, str, bytes]]], sub: Submission) -> None:
    for filename, options in sorted(candidates.items()):
        options.sort(key=lambda o: (o[0], o[1]))
        depth, where, data = options[0]
        if len(options) > 1:
            sub.notes.append(T(f"{filename}: {len(options)} copies, graded {where}",
                               f"{filename}: {len(options)}개가 있어 {where}을(를) 채점"))
        sub.files[filename] = data


def load_files(sub: Submission, wanted: set[str]) -> None:
    """Read the exercise files of ``sub`` (only names in ``wanted``; the shallowest copy wins)."""
    candidates: dict[str, list[tuple[int, str, bytes]]] = {}
    digest = hashlib.sha256()
    try:
        if sub.source.is_dir():
            for dirpath, dirnames, filenames in os.walk(sub.source, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in (
                    "__MACOSX", "__pycache__"))
                rel_dir = Path(dirpath).relative_to(sub.source)
                for filename in sorted(filenames):
                    path = Path(dirpath) / filename
                    rel = (rel_dir / filename).as_posix()
                    if path.is_symlink():
                        continue
                    size = path.stat().st_size
                    digest.update(f"{rel}\0{size}\0".encode())
                    if filename in wanted:
                        if size > MAX_FILE_BYTES:
                            sub.notes.append(_too_large(rel))
                            continue
                        data = path.read_bytes()
                        candidates.setdefault(filename, []).append((len(Path(rel).parts), rel, data))
        else:
            raw = sub.source.read_bytes()
            digest.update(raw)
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                members = archive.infolist()
                if len(members) > MAX_ZIP_MEMBERS:
                    sub.problem = T(f"the zip file holds {len(members)} entries (more than {MAX_ZIP_MEMBERS})",
                                    f"zip 파일에 항목이 {len(members)}개 있습니다 ({MAX_ZIP_MEMBERS}개 초과)")
                    return
                for info in members:
                    name = info.filename.replace("\\", "/")
                    parts = [p for p in name.split("/") if p]
                    if info.is_dir() or not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
                        continue
                    if parts[-1] in wanted:
                        if info.file_size > MAX_FILE_BYTES:
                            sub.notes.append(_too_large(name))
                            continue
                        if info.flag_bits & 0x1:
                            sub.problem = T("the zip file is encrypted", "zip 파일이 암호화되어 있습니다")
                            return
                        with archive.open(info) as member:
                            data = member.read(MAX_FILE_BYTES + 1)
                        if len(data) > MAX_FILE_BYTES:
                            sub.notes.append(_too_large(name))
                            continue
                        candidates.setdefault(parts[-1], []).append((len(parts), name, data))
    except zipfile.BadZipFile:
        sub.problem = T("not a readable zip file", "읽을 수 있는 zip 파일이 아닙니다")
    except (OSError, RuntimeError, ValueError, NotImplementedError, EOFError, zipfile.LargeZipFile) as exc:
        sub.problem = T(f"could not be read ({type(exc).__name__}: {exc})",
                        f"읽을 수 없습니다 ({type(exc).__name__}: {exc})")
    sub.raw_digest = digest.hexdigest()
    if sub.problem:
        return
    _pick(candidates, sub)
    if not sub.files:
        sub.problem = T("no exercise files found (expected names such as ex05_activations.py)",
                        "실습 파일이 없습니다 (ex05_activations.py 같은 이름이어야 합니다)")


# ============================================================================ fingerprints and state
def grader_fingerprint(selected) -> str:
    """Changes whenever the checks, the reference solutions or the grader change."""
    digest = hashlib.sha256()
    root = exercises.ROOT
    paths = [p for p in sorted((root / "grader").glob("*.py")) if p.name not in TOOL_MODULES]
    paths += [exercises.CHECKS_DIR / "conftest.py", exercises.CHECKS_DIR / "pytest.ini"]
    paths += [ex.check_file for ex in selected] + [root / "solutions" / ex.filename for ex in selected]
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def submission_fingerprint(sub: Submission, selected, seed: int, grader: str, lang: str) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([[ex.id for ex in selected], seed, grader, lang,
                              sub.problem.en if sub.problem else ""]).encode())
    if sub.problem:
        digest.update(sub.raw_digest.encode())
    for name, data in sorted(sub.files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with _quiet():
            os.unlink(tmp)
        raise


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], (OSError, KeyError, ValueError))


def load_state(out: Path) -> dict:
    try:
        state = json.loads((out / "state.json").read_text(encoding="utf-8"))
        if state.get("format") == STATE_FORMAT:
            return state
    except (OSError, ValueError):
        pass
    return {"format": STATE_FORMAT, "students": {}}


# ============================================================================ the grading processes
_config = None
_sent = 0


def pytest_configure(config):
    """Loaded with ``-p grader.instructor.batch`` in a grading process: remember the session's config."""
    global _config, _sent
    _config, _sent = config, 0


def pytest_runtest_logfinish(nodeid, location):
    """Append every newly finished check to the progress file (one JSON line each)."""
    global _sent
    path = os.environ.get(PROGRESS_ENV)
    if not path or _config is None:
        return
    from grader.render.gradescope import check_output
    from grader.checking.plugin import RESULTS
    results = _config.stash[RESULTS]
    lang = os.environ.get(PROGRESS_ENV + "_LANG", "en")
    lines = []
    for result in results[_sent:]:
        lines.append(json.dumps({"json": result.to_json(lang), "output": check_output(result, lang)},
                                ensure_ascii=False))
    _sent = len(results)
    if lines:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


def serve() -> None:
    """A grading process: read jobs (JSON lines) on stdin, grade, answer ``DONE id`` on stdout."""
    from grader.render.gradescope import check_output
    from grader.checking.runner import grade

    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but the protocol goes to the real stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        out.write(START + str(job["id"]) + "\n")
        out.flush()
        ex = exercises.find(job["exercise"])
        os.environ[PROGRESS_ENV] = job["progress"]
        os.environ[PROGRESS_ENV + "_LANG"] = job["lang"]
        started = time.monotonic()
        try:
            report = grade([ex], Path(job["target"]), seed=job["seed"],
                           extra_args=("-p", "grader.instructor.batch", "--tb=no"))
            result = report.exercises[0]
            data = {"checks": [{"json": c.to_json(job["lang"]), "output": check_output(c, job["lang"])}
                               for c in result.checks]}
        except Exception as exc:  # noqa: BLE001 - the grader failed: say so in this job's result
            data = {"error": f"{type(exc).__name__}: {exc}"[:2000]}
        data["seconds"] = round(time.monotonic() - started, 3)
        write_atomic(Path(job["result"]), json.dumps(data, ensure_ascii=False))
        out.write(DONE + str(job["id"]) + "\n")
        out.flush()


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill a grading process and every process it started (workers run in their own sessions)."""
    try:
        from grader.sandbox.process import _descendants
        family = _descendants(proc.pid)
    except Exception:  # noqa: BLE001 - not Linux, or the helper moved: kill what we can
        family = []
    for pid in [proc.pid, *family]:
        for kill in (lambda p: os.killpg(p, signal.SIGKILL), lambda p: os.kill(p, signal.SIGKILL)):
            try:
                kill(pid)
            except (ProcessLookupError, PermissionError, OSError):
                pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


class Slot:
    """One grading process and the job it is working on."""

    def __init__(self, index: int, log_dir: Path):
        self.index = index
        self.log_dir = log_dir
        self.proc: subprocess.Popen | None = None
        self.job: dict | None = None
        self.deadline = 0.0
        self.budget = 0.0
        self.done_jobs = 0
        self.buffer = b""

    def start(self) -> None:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        env.pop("GRADER_ANSWER_KEY", None)
        pythonpath = str(exercises.ROOT)
        env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        log = open(self.log_dir / f"slot-{self.index}.log", "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from grader.instructor.batch import serve; serve()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=self.log_dir, env=env,
            start_new_session=True)
        log.close()
        self.done_jobs = 0
        self.buffer = b""

    def send(self, job: dict, budget: float) -> None:
        if self.proc is None or self.proc.poll() is not None or self.done_jobs >= JOBS_PER_SLOT:
            self.stop()
            self.start()
        self.job = job
        self.budget = budget
        # the budget counts from the moment the job starts (a new process first has to start up)
        self.deadline = time.monotonic() + budget + STARTUP_ALLOWANCE
        line = (json.dumps({k: v for k, v in job.items() if not k.startswith("_")}) + "\n").encode()
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):  # it died just now: start a fresh one
            self.stop()
            self.start()
            self.proc.stdin.write(line)
            self.proc.stdin.flush()

    def stop(self) -> None:
        if self.proc is not None:
            with _quiet():
                self.proc.stdin.close()
            _kill_tree(self.proc)
            with _quiet():
                self.proc.stdout.close()
            self.proc = None


# ============================================================================ assembling results
def _template(selected, lang: str) -> dict[str, list[dict]]:
    """Every check of every selected exercise, as graded against an empty folder (no file)."""
    from grader.render.gradescope import check_output
    from grader.checking.runner import grade

    with tempfile.TemporaryDirectory() as empty:
        report = grade(selected, Path(empty), seed=0)
    return {ex.id: [{"json": c.to_json(lang), "output": check_output(c, lang)} for c in ex.checks]
            for ex in report.exercises}


def _budgets(selected, default: float) -> dict[str, float]:
    """Time for one exercise: ``default``, more when its checks declare long time limits."""
    budgets = {}
    for ex in selected:
        extra = 0.0
        try:
            tree = ast.parse(ex.check_file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check":
                    for kw in node.keywords:
                        if kw.arg == "timeout" and isinstance(kw.value, ast.Constant) and kw.value.value:
                            extra += float(kw.value.value)
        except (OSError, SyntaxError, ValueError, TypeError):
            pass
        budgets[ex.id] = default + extra
    return budgets


def _not_graded(check: dict, message: str, status: str, lang: str) -> dict:
    data = dict(check["json"])
    data.update(score=0.0, status=status, message=message, hint="")
    return {"json": data, "output": message, "synthetic": True}


@dataclass
class StudentRun:
    sub: Submission
    fingerprint: str
    pending: set = field(default_factory=set)
    results: dict = field(default_factory=dict)  # exercise id -> list of check dicts
    notes: list = field(default_factory=list)
    status: str = "graded"
    seconds: float = 0.0
    written: bool = False


class Batch:
    def __init__(self, submissions_dir: Path, out: Path, selected, *, jobs: int, timeout: float, seed: int,
                 lang: str, gradescope: bool, regrade: bool, console=None):
        self.submissions_dir = submissions_dir
        self.out = out
        self.selected = selected
        self.jobs = max(1, jobs)
        self.budgets = _budgets(selected, timeout)
        self.seed = seed
        self.lang = lang
        self.gradescope = gradescope
        self.regrade = regrade
        self.console = console
        self.state = load_state(out)
        self.rows: dict[str, dict] = {}
        self.template: dict[str, list[dict]] = {}
        self.titles = {ex.id: ex.title.render(lang) for ex in selected}

    # ------------------------------------------------------------------ small helpers
    def t(self, en: str, ko: str) -> str:
        return T(en, ko).render(self.lang)

    def report_path(self, student: str) -> Path:
        return self.out / "reports" / f"{student}.json"

    # ------------------------------------------------------------------ the run
    def run(self) -> dict:
        self.out.mkdir(parents=True, exist_ok=True)
        for sub in ("reports", "work", "logs", "jobs"):
            (self.out / sub).mkdir(exist_ok=True)
        submissions = discover(self.submissions_dir)
        wanted = {ex.filename for ex in self.selected}
        grader = grader_fingerprint(self.selected)
        todo: list[StudentRun] = []
        skipped = 0
        for sub in submissions:
            load_files(sub, wanted)
            fingerprint = submission_fingerprint(sub, self.selected, self.seed, grader, self.lang)
            previous = self.state["students"].get(sub.student)
            report = self.report_path(sub.student)
            if not self.regrade and previous and previous.get("fingerprint") == fingerprint \
                    and previous.get("status") in FINAL_STATUSES and report.is_file():
                try:
                    self.rows[sub.student] = self._row_from_report(json.loads(report.read_text(encoding="utf-8")))
                    skipped += 1
                    continue
                except (OSError, ValueError, KeyError):
                    pass
            todo.append(StudentRun(sub, fingerprint))
        # students who are no longer in the folder keep no row
        self.state["students"] = {k: v for k, v in self.state["students"].items()
                                  if k in {s.student for s in submissions}}
        self._write_gradebook()
        summary = {"students": len(submissions), "skipped": skipped, "graded": 0, "problems": 0,
                   "seconds": 0.0}
        if todo:
            self.template = _template(self.selected, self.lang)
            started = time.monotonic()
            self._grade_all(todo, summary, len(submissions), skipped)
            summary["seconds"] = round(time.monotonic() - started, 3)
        self._write_gradebook()
        return summary

    def _grade_all(self, todo: list[StudentRun], summary: dict, total: int, skipped: int) -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        queue: list[tuple[StudentRun, str]] = []
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
                    queue.append((run, ex.id))
        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn(self.t("students", "명")), TimeElapsedColumn(),
                            TextColumn(self.t("left", "남음")), TimeRemainingColumn(),
                            console=self.console, transient=False)
        slots = [Slot(i, self.out / "logs") for i in range(min(self.jobs, max(1, len(queue))))]
        selector = selectors.DefaultSelector()
        job_ids = 0
        with progress:
            task = progress.add_task(self.t("Grading", "채점 중"), total=total - skipped,
                                     completed=summary["problems"])
            try:
                while queue or any(slot.job for slot in slots):
                    for slot in slots:
                        if slot.job is None and queue:
                            run, ex_id = queue.pop(0)
                            job_ids += 1
                            job = self._job(job_ids, run, ex_id)
                            if slot.proc is not None:
                                with _quiet():
                                    selector.unregister(slot.proc.stdout)
                            slot.send(job, self.budgets[ex_id])
                            job["_run"] = run
                            job["_started"] = time.monotonic()
                            selector.register(slot.proc.stdout, selectors.EVENT_READ, slot)
                    now = time.monotonic()
                    busy = [s for s in slots if s.job]
                    wait = max(0.05, min((s.deadline for s in busy), default=now + 1) - now)
                    for key, _ in selector.select(timeout=min(wait, 1.0)):
                        slot = key.data
                        chunk = os.read(slot.proc.stdout.fileno(), 65536)
                        if not chunk:  # the grading process died
                            selector.unregister(slot.proc.stdout)
                            if slot.job is not None:
                                self._job_failed(slot, "crash")
                            else:
                                slot.stop()
                            continue
                        slot.buffer += chunk
                        while b"\n" in slot.buffer:
                            line, slot.buffer = slot.buffer.split(b"\n", 1)
                            text = line.decode(errors="replace")
                            if text.startswith(START) and slot.job and text[len(START):] == str(slot.job["id"]):
                                slot.deadline = time.monotonic() + slot.budget
                            elif text.startswith(DONE) and slot.job and text[len(DONE):] == str(slot.job["id"]):
                                self._job_done(slot)
                    now = time.monotonic()
                    for slot in slots:
                        if slot.job and now > slot.deadline:
                            with _quiet():
                                selector.unregister(slot.proc.stdout)
                            self._job_failed(slot, "timeout")
                    done_now = self._collect_finished(todo, summary)
                    if done_now:
                        progress.advance(task, done_now)
            finally:
                for slot in slots:
                    if slot.proc is not None:
                        with _quiet():
                            selector.unregister(slot.proc.stdout)
                    slot.stop()
                selector.close()

    def _job(self, job_id: int, run: StudentRun, ex_id: str) -> dict:
        stem = f"{run.sub.student}.{ex_id}"
        progress_file = self.out / "jobs" / f"{stem}.progress.jsonl"
        result_file = self.out / "jobs" / f"{stem}.result.json"
        for path in (progress_file, result_file):
            with _quiet():
                path.unlink()
        return {"id": job_id, "exercise": ex_id, "target": str(self.out / "work" / run.sub.student),
                "seed": self.seed, "lang": self.lang, "progress": str(progress_file), "result": str(result_file)}

    def _job_done(self, slot: Slot) -> None:
        job, slot.job = slot.job, None
        slot.done_jobs += 1
        run: StudentRun = job["_run"]
        run.seconds += time.monotonic() - job["_started"]
        try:
            data = json.loads(Path(job["result"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            data = {"error": f"the result could not be read ({exc})"}
        if "error" in data:
            self._partial(run, job, "error", self.t(
                f"{job['exercise']}: the grader failed ({data['error'][:300]})",
                f"{job['exercise']}: 채점기 오류 ({data['error'][:300]})"))
        else:
            run.results[job["exercise"]] = data["checks"]
        run.pending.discard(job["exercise"])
        self._cleanup_job(job)

    def _job_failed(self, slot: Slot, why: str) -> None:
        job, slot.job = slot.job, None
        run: StudentRun = job["_run"]
        run.seconds += time.monotonic() - job["_started"]
        slot.stop()
        budget = self.budgets[job["exercise"]]
        if why == "timeout":
            note = self.t(f"{job['exercise']}: grading stopped after {budget:g} s (time limit); "
                          "the checks not reached score 0",
                          f"{job['exercise']}: 제한 시간 {budget:g}초가 지나 채점을 멈춤. 나머지 검사는 0점")
            self._partial(run, job, "timeout", note)
        else:
            self._partial(run, job, "error", self.t(
                f"{job['exercise']}: the grading process crashed; run grade batch again to retry",
                f"{job['exercise']}: 채점 프로세스가 비정상 종료됨. grade batch를 다시 실행하면 재시도합니다"))
        run.pending.discard(job["exercise"])
        self._cleanup_job(job)

    def _partial(self, run: StudentRun, job: dict, status: str, note: str) -> None:
        """What a stopped job had finished, and the rest of its checks marked as not graded."""
        finished = {}
        try:
            for line in Path(job["progress"]).read_text(encoding="utf-8").splitlines():
                with _quiet():
                    item = json.loads(line)
                    finished[item["json"]["name"]] = item
        except OSError:
            pass
        except ValueError:
            pass
        checks = []
        for check in self.template[job["exercise"]]:
            done = finished.get(check["json"]["name"])
            checks.append(done if done is not None else _not_graded(
                check, note, "timeout" if status == "timeout" else "error", self.lang))
        run.results[job["exercise"]] = checks
        run.notes.append(note)
        if status == "error" or run.status == "graded":
            run.status = status

    def _cleanup_job(self, job: dict) -> None:
        for key in ("progress", "result"):
            with _quiet():
                Path(job[key]).unlink()

    def _collect_finished(self, todo: list[StudentRun], summary: dict) -> int:
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
        run.written = True
        sub = run.sub
        exercises_json, tests, lines = [], [], []
        not_submitted = []
        if sub.problem:
            run.status = "invalid"
            run.notes.insert(0, sub.problem.render(self.lang))
        for ex in self.selected:
            checks = run.results.get(ex.id)
            if checks is None:
                if not sub.problem:
                    not_submitted.append(ex.id)
                message = sub.problem.render(self.lang) if sub.problem else self.t(
                    f"{ex.filename} was not submitted", f"{ex.filename}을(를) 제출하지 않았습니다")
                checks = [_not_graded(c, message, "error", self.lang) for c in self.template.get(ex.id, [])]
            trouble = [c["json"] for c in checks if c["json"]["status"] in ("error", "timeout")
                       and not c.get("synthetic")]
            if trouble:  # the row says what went wrong: how many checks, and the first message
                first = (trouble[0]["message"] or trouble[0]["status"]).splitlines()[0][:160]
                run.notes.append(self.t(f"{ex.id}: {len(trouble)} of {len(checks)} checks hit an error or a "
                                        f"time-out ({first})",
                                        f"{ex.id}: 검사 {len(checks)}개 중 {len(trouble)}개에서 오류 또는 시간 초과 "
                                        f"({first})"))
            score = round(sum(c["json"]["score"] for c in checks), 6)
            max_score = round(sum(c["json"]["max_score"] for c in checks), 6)
            exercises_json.append({"id": ex.id, "title": self.titles[ex.id], "score": score,
                                   "max_score": max_score, "checks": [c["json"] for c in checks]})
            number = str(ex.number)
            from grader.render.gradescope import test_entry
            tests += [test_entry(c["json"], c["output"], ex.id, f"{number}.{i}", self.lang)
                      for i, c in enumerate(checks, 1)]
            lines.append((ex.id, self.titles[ex.id], score, max_score))
        if not_submitted:
            run.notes.append(self.t("not submitted: ", "제출하지 않음: ") + ", ".join(not_submitted))
        run.notes += [note.render(self.lang) for note in sub.notes]
        total = round(sum(e["score"] for e in exercises_json), 6)
        max_total = round(sum(e["max_score"] for e in exercises_json), 6)
        report = {"student": sub.student, "status": run.status, "notes": run.notes, "score": total,
                  "max_score": max_total, "seed": self.seed, "exercises": exercises_json,
                  "files": sorted(sub.files), "seconds": round(run.seconds, 3)}
        write_atomic(self.report_path(sub.student), json.dumps(report, ensure_ascii=False, indent=2))
        if self.gradescope:
            from grader.checking.answer_key import student_kit
            from grader.render.gradescope import document, summary
            text = summary(lines, not student_kit(), self.seed, self.lang)
            if run.notes:
                text += "\n" + "\n".join(run.notes)
            write_atomic(self.out / "gradescope" / sub.student / "results.json",
                         json.dumps(document(tests, total, max_total, text), ensure_ascii=False, indent=2))
        self.rows[sub.student] = self._row_from_report(report)
        self.state["students"][sub.student] = {"fingerprint": run.fingerprint, "status": run.status,
                                               "score": total, "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        self.state.update(seed=self.seed, exercises=[ex.id for ex in self.selected], lang=self.lang)
        write_atomic(self.out / "state.json", json.dumps(self.state, ensure_ascii=False, indent=1))
        shutil.rmtree(self.out / "work" / sub.student, ignore_errors=True)
        self._write_gradebook()

    def _row_from_report(self, report: dict) -> dict:
        scores = {e["id"]: e["score"] for e in report["exercises"]}
        return {"student": report["student"], "scores": scores, "total": report["score"],
                "max_score": report["max_score"], "status": report["status"], "notes": "; ".join(report["notes"])}

    def _write_gradebook(self) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["student", *[ex.id for ex in self.selected], "total", "max_score", "status", "notes"])
        for student in sorted(self.rows):
            row = self.rows[student]
            writer.writerow([student, *[_num(row["scores"].get(ex.id, 0)) for ex in self.selected],
                             _num(row["total"]), _num(row["max_score"]), row["status"], row["notes"]])
        write_atomic(self.out / "gradebook.csv", buffer.getvalue())


def _num(value) -> str:
    return f"{float(value):g}"


# ============================================================================ command line
def build_parser(lang: str) -> argparse.ArgumentParser:
    from grader.cli import Parser
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade batch",
        description=t("Grade every student's submission (a folder or a .zip each) with every check, in "
                      "parallel; write a gradebook CSV and one JSON report per student.",
                      "학생마다 제출물(폴더 또는 .zip)을 모든 검사로 병렬 채점하고 성적표 CSV와 학생별 JSON 보고서를 "
                      "저장합니다."))
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR", type=Path,
                        help=t("one sub-folder or .zip per student, holding their exercise files",
                               "학생마다 하위 폴더 또는 .zip 하나 (실습 파일이 들어 있음)"))
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help=t("where to write the results (default: SUBMISSIONS_DIR-grades)",
                               "결과를 저장할 폴더 (기본값: SUBMISSIONS_DIR-grades)"))
    parser.add_argument("--exercises", nargs="+", metavar="EXERCISE",
                        help=t("grade only these exercises (default: all)", "이 실습만 채점 (기본값: 전체)"))
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help=t("grading processes in parallel (default: the number of cores)",
                               "동시에 실행할 채점 프로세스 수 (기본값: 코어 수)"))
    parser.add_argument("--timeout", type=float, default=DEFAULT_BUDGET, metavar="SECONDS",
                        help=t(f"time budget of one student's exercise (default: {DEFAULT_BUDGET:g} s, more for checks that "
                               "declare long time limits)",
                               f"학생 한 명의 실습 하나에 주는 시간 (기본값: {DEFAULT_BUDGET:g}초, 긴 제한 시간을 둔 검사가 있으면 그만큼 더)"))
    parser.add_argument("--seed", type=int,
                        help=t("seed for the hidden checks (default: the one of the previous run, else a new one)",
                               "비공개 검사의 시드 (기본값: 이전 실행의 시드, 없으면 새로 뽑음)"))
    parser.add_argument("--gradescope", action="store_true",
                        help=t("also write a Gradescope results.json per student",
                               "학생별 Gradescope results.json도 저장"))
    parser.add_argument("--regrade", action="store_true",
                        help=t("grade every student again, even if their files did not change",
                               "파일이 바뀌지 않은 학생도 다시 채점"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of the reports", "보고서 언어"))
    return parser


def main(argv: list[str] | None = None) -> int:
    import random

    from rich.console import Console

    from grader.cli import lang_from_argv

    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    args = build_parser(lang).parse_args(argv)
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    if not args.submissions.is_dir():
        err.print(t(f"Folder not found: {args.submissions}", f"폴더를 찾을 수 없습니다: {args.submissions}"),
                  markup=False)
        return EXIT_USAGE
    selected = exercises.available()
    if args.exercises:
        selected = []
        for token in args.exercises:
            ex = exercises.find(token)
            if ex is None:
                err.print(t(f"Unknown exercise {token!r}", f"알 수 없는 실습 {token!r}"), markup=False)
                return EXIT_USAGE
            if ex not in selected:
                selected.append(ex)
        selected.sort(key=lambda e: e.number)
    if args.jobs < 1:
        err.print(t("--jobs must be at least 1", "--jobs는 1 이상이어야 합니다"))
        return EXIT_USAGE
    submissions = args.submissions.resolve()
    out = (args.out or submissions.with_name(submissions.name + "-grades")).resolve()
    if out == submissions or submissions in out.parents:
        err.print(t("--out must be outside SUBMISSIONS_DIR", "--out은 SUBMISSIONS_DIR 밖이어야 합니다"))
        return EXIT_USAGE
    previous = load_state(out)
    seed = args.seed if args.seed is not None else previous.get("seed", random.SystemRandom().randrange(10**6))
    batch = Batch(submissions, out, selected, jobs=args.jobs, timeout=args.timeout, seed=int(seed), lang=lang,
                  gradescope=args.gradescope, regrade=args.regrade, console=console)
    try:
        summary = batch.run()
    except KeyboardInterrupt:
        err.print(t("Interrupted. Students graded so far are saved; run the same command again to continue.",
                    "중단했습니다. 지금까지 채점한 학생은 저장되었습니다. 같은 명령을 다시 실행하면 이어서 채점합니다."))
        return EXIT_PROBLEMS
    rows = batch.rows.values()
    problems = [r for r in rows if r["status"] != "graded"]
    console.print(t(f"{summary['students']} students: {summary['graded']} graded now, {summary['skipped']} "
                    f"unchanged since the last run, {len(problems)} with problems "
                    f"({summary['seconds']:.1f} s, seed {seed}).",
                    f"학생 {summary['students']}명: 이번에 {summary['graded']}명 채점, {summary['skipped']}명은 지난 "
                    f"실행 뒤로 바뀌지 않음, 문제 있음 {len(problems)}명 ({summary['seconds']:.1f}초, 시드 {seed})."),
                  markup=False)
    for row in sorted(problems, key=lambda r: r["student"]):
        console.print(f"  {row['student']}: {row['status']} — {row['notes']}", markup=False)
    console.print(t(f"Gradebook: {out / 'gradebook.csv'}", f"성적표: {out / 'gradebook.csv'}"), markup=False)
    return EXIT_OK if not problems else EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
