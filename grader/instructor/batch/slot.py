"""A slot: one grading process (see :mod:`.grading`) and the job it is working on."""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

from grader import exercises
from grader.instructor.batch.grading import AHEAD, CHECK, DONE, START, WORKER
from grader.instructor.batch.runs import Job, valid_check
from grader.sandbox import cputime
from grader.sandbox.cleanup import kill_tree

STARTUP_ALLOWANCE = 60.0  # seconds a new grading process may take to start, on top of a job's budget
WALL_FACTOR = 4.0  # wall-clock cap of a job, in budgets, where its budget is CPU time
CPU_CHECK_INTERVAL = 1.0  # seconds between two readings of a job's CPU time
JOBS_PER_SLOT = 1000  # a grading process is replaced after this many jobs (its memory stays flat: 64 MiB
# after 540 jobs; a new one costs about a second of CPU to start)
MAX_LINE = 64 * 1024 * 1024  # bytes of one answer line at most
SERVE = "from grader.instructor.batch.grading import serve; serve()"


def _environment() -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    env.pop("GRADER_ANSWER_KEY", None)
    pythonpath = str(exercises.ROOT)
    env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


class Slot:
    """One grading process and the jobs it is working on: ``jobs`` (one student's exercises, graded in
    one pytest session) and ``job``, the one whose checks are running (its time is counted)."""

    def __init__(self, index: int, log_dir: Path):
        self.index = index
        self.log_dir = log_dir
        self.proc: subprocess.Popen | None = None
        self.jobs: list[Job] = []
        self.job: Job | None = None
        self.deadline = 0.0
        self.clock: cputime.TreeClock | None = None  # the job's CPU time, once it has started
        self.cpu_checked = 0.0
        self.done_jobs = 0
        self.buffer = b""

    def start(self) -> None:
        with open(self.log_dir / f"slot-{self.index}.log", "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-c", SERVE], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=log, cwd=self.log_dir,
                                         env=_environment(), start_new_session=True)
        self.done_jobs = 0
        self.buffer = b""

    def send(self, jobs: "Job | list[Job]") -> None:
        """Give ``jobs`` to the process (a fresh one if it died or has done its share)."""
        jobs = [jobs] if isinstance(jobs, Job) else list(jobs)
        if self.proc is None or self.proc.poll() is not None or self.done_jobs >= JOBS_PER_SLOT:
            self.stop()
            self.start()
        self.jobs, self.job = jobs, jobs[0]
        self.clock = None
        # the budget counts from the moment the job starts (a new process first has to start up)
        self.deadline = time.monotonic() + jobs[0].budget + STARTUP_ALLOWANCE
        line = (json.dumps([job.spec for job in jobs]) + "\n").encode()
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):  # it died just now: start a fresh one
            self.stop()
            self.start()
            self.proc.stdin.write(line)
            self.proc.stdin.flush()

    def read(self) -> bool | None:
        """Read what the process wrote: ``True`` once its job is done, ``None`` if the process died.

        Only lines that carry the job's secret count; anything else (a forged line, a line of
        an earlier job) is ignored."""
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            return None
        self.buffer += chunk
        done = False
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            if self.job is not None and not done:
                done = self._take(line.decode(errors="replace"))
        if len(self.buffer) > MAX_LINE:  # no answer is this long: drop it
            self.buffer = b""
        return done

    def _owner(self, token: str) -> Job | None:
        """The job of this slot whose secret ``token`` is, if any."""
        for job in self.jobs or [self.job]:
            if job is not None and job.spec["token"] and secrets.compare_digest(token, job.spec["token"]):
                return job
        return None

    def _take(self, line: str) -> bool:
        """One line of the current jobs' answers; True when every job has given its result."""
        token, _, rest = line.partition(" ")
        job = self._owner(token)
        if job is None or job.result is not None:
            return False
        kind, _, payload = rest.partition(" ")
        if kind == START:
            now = time.monotonic()
            if job is not self.job and self.job.started:  # the previous job's checks have all run
                self.job.seconds += now - self.job.started
                self.job.started = 0.0
            self.job = job
            job.started = now
            self.clock = cputime.TreeClock(self.proc.pid)
            self.clock.start()
            # the budget is CPU time where it can be measured (a loaded machine only slows the
            # wall clock), with a wall-clock cap for code that waits without computing
            factor = WALL_FACTOR if self.clock.available else 1.0
            self.deadline = time.monotonic() + job.budget * factor
            return False
        try:
            data = json.loads(payload)
        except ValueError:
            return False
        if kind in (WORKER, AHEAD) and isinstance(data, dict) and type(data.get("pid")) is int and self.clock is not None:
            (self.clock.add if kind == WORKER else self.clock.exclude)(data["pid"])
        elif kind == CHECK and valid_check(data):
            job.finished[data["json"]["name"]] = data
        elif kind == DONE and isinstance(data, dict):
            job.result = data
            return all(j.result is not None for j in self.jobs or [job])
        return False

    def overdue(self, now: float) -> bool:
        """Whether the job has used up its budget: CPU time of the process and its workers, or the wall cap."""
        if now > self.deadline:
            return True
        if self.clock is None or not self.clock.available or now - self.cpu_checked < CPU_CHECK_INTERVAL:
            return False
        self.cpu_checked = now
        return self.clock.seconds() > self.job.budget

    def stop(self) -> None:
        """Kill the process and every process it started (workers run in their own sessions)."""
        if self.proc is None:
            return
        with suppress(OSError):
            self.proc.stdin.close()
        kill_tree(self.proc)
        with suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        with suppress(OSError):
            self.proc.stdout.close()
        self.proc = None
