"""Inside a grading process: :func:`serve` grades the jobs it reads on stdin, one at a time.

The protocol, over the process's own pipes and nothing else (no file is ever read back):
a JSON line on stdin is a list of jobs -- one student's exercises, graded in one pytest
session -- each carrying a secret ``token`` that only the coordinator and this process know.
Every answer line starts with a job's token: ``TOKEN START`` when its first check begins,
``TOKEN WORKER {pid}`` for a worker of its own and ``TOKEN AHEAD {pid}`` for one started ahead
for a later job (whose CPU time is not this job's), ``TOKEN CHECK {json}`` for each of its
finished checks, as official grading's rules at the session's end would leave it (so that a
job stopped at its time limit keeps what it had finished, and no more) and, once the session
has ended, ``TOKEN DONE {json}`` with its result.

The answers go out on a duplicate of the original standard output that is never
inherited: before anything runs, file descriptor 1 is pointed at the log (standard
error), so no process started from here -- learner workers included -- holds the pipe,
and a line without the job's token is ignored by the coordinator.

Loaded with ``-p grader.instructor.batch.grading``, this module is also the pytest plugin
that streams finished checks (it runs in this same process, so it shares the channel).
"""
from __future__ import annotations

import functools
import gc
import json
import os
import sys
import time
from pathlib import Path

from grader import exercises

PLUGIN = __name__
START, CHECK, DONE, WORKER, AHEAD = "START", "CHECK", "DONE", "WORKER", "AHEAD"
GC_THRESHOLDS = (20000, 50, 50)  # gc.set_threshold in a grading process (Python's default: 700, 10, 10; see serve)

_config = None
_sent = 0
_channel = None  # the protocol's stream (set by serve)
_job: dict | None = None  # the job whose checks are running
_group: dict[str, dict] = {}  # exercise id -> job, for the jobs of this session
_early: dict[str, int] = {}  # module file name -> pid of a worker started before its job began (see prestart)


def _send(kind: str, data: dict | None = None) -> None:
    if _channel is None or _job is None:
        return
    line = f"{_job['token']} {kind}"
    if data is not None:
        line += " " + json.dumps(data, ensure_ascii=False)
    _channel.write(line + "\n")
    _channel.flush()


def pytest_configure(config):
    """Remember the session's config (its stash holds the results so far)."""
    global _config, _sent
    _config, _sent = config, 0


def pytest_runtest_logstart(nodeid, location):
    """The first check of an exercise: its job begins (with the worker started for it early, if any)."""
    global _job, _sent
    exercise = _exercise_of(location[0])
    job = _group.get(exercise.id) if exercise is not None else None
    if job is None or job is _job:
        return
    if _config is not None:
        from grader.checking.plugin import RESULTS
        _sent = len(_config.stash[RESULTS])  # what earlier jobs finished is theirs
    _job = job
    _send(START)
    pid = _early.pop(exercise.filename, None)
    if pid is not None:
        _send(WORKER, {"pid": pid})
    for other in _early.values():  # a child of this process (no warm server): not this job's time
        _send(AHEAD, {"pid": other})


@functools.cache
def _exercise_of(path: str):
    """The exercise whose check file ``path`` is (a check's location), or None."""
    name = Path(path).stem
    return next((ex for ex in exercises.available() if ex.check_file.stem == name), None)


def pytest_runtest_logfinish(nodeid, location):
    """Send every newly finished check to the coordinator."""
    global _sent
    if _config is None or _job is None:
        return
    from grader.checking.plugin import RESULTS, settled
    from grader.render.gradescope import check_output
    results = _config.stash[RESULTS]
    lang = _job["lang"]
    for result in results[_sent:]:
        result = settled(_config, result)  # what it keeps if the session stops before its end
        _send(CHECK, {"json": result.to_json(lang), "output": check_output(result, lang)})
    _sent = len(results)


def _grade_jobs(jobs: list[dict]) -> list[dict]:
    """The result of each job (one student's exercises, in one session): every check's JSON and
    output, or the grader's error."""
    from grader.checking.runner import grade
    from grader.render.gradescope import check_output

    started = time.monotonic()
    first = jobs[0]
    try:
        if any(job["target"] != first["target"] or job["seed"] != first["seed"] for job in jobs):
            raise ValueError("the jobs of one session share their folder and seed")
        report = grade([exercises.find(job["exercise"]) for job in jobs], Path(first["target"]),
                       seed=first["seed"], extra_args=("-p", PLUGIN, "--tb=no", "--official"))  # fresh public inputs too
        found = {result.id: result for result in report.exercises}
        results = []
        for job in jobs:
            result = found[exercises.find(job["exercise"]).id]
            results.append({"checks": [{"json": c.to_json(job["lang"]), "output": check_output(c, job["lang"])}
                                       for c in result.checks], "state": getattr(result, "state", None)})
    except Exception as exc:  # noqa: BLE001 - the grader failed: say so in each job's result
        results = [{"error": f"{type(exc).__name__}: {exc}"[:2000]} for _ in jobs]
    for data in results:
        data["seconds"] = round(time.monotonic() - started, 3)
    return results


def _warm_workers() -> None:
    """Workers forked from the warm server (pre-imported, the sandbox applied in each child) where one
    runs; each worker's pid goes to the coordinator, whose CPU clock counts it (it is not our child)."""
    from grader.sandbox import process as learner

    learner.use_forkserver = True
    spawn = learner.LearnerProcess.spawn

    def spawn_and_tell(self) -> None:
        spawn(self)
        if self.proc is None:
            return
        if _job is None or exercises.find(_job["exercise"]).filename != self.module_path.name:
            _early[self.module_path.name] = int(self.proc.pid)  # started ahead: told when its own job begins
            _send(AHEAD, {"pid": int(self.proc.pid)})  # and not counted in the current one's
        else:
            _send(WORKER, {"pid": int(self.proc.pid)})

    learner.LearnerProcess.spawn = spawn_and_tell


def _private_channels():
    """The protocol's streams on non-inheritable copies of fds 0 and 1, which then go to
    ``os.devnull`` and the log: a process started from here never holds the coordinator's pipes."""
    sys.stdout.flush()
    jobs_fd, answers_fd = os.dup(0), os.dup(1)  # os.dup makes non-inheritable descriptors
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return (os.fdopen(jobs_fd, "r", encoding="utf-8"),
            os.fdopen(answers_fd, "w", encoding="utf-8", buffering=1))


def serve() -> None:
    """A grading process: read jobs (JSON lines) on stdin, grade, answer on the private channel."""
    global _channel, _job
    jobs, _channel = _private_channels()
    _warm_workers()
    # A session allocates many short-lived objects (pytest's nodes and reports, the replies): the
    # collector runs less often, and never again over what the first session left (pytest, the
    # checks, the kit), which lives as long as this process.  About 5 % of its CPU time.
    gc.set_threshold(*GC_THRESHOLDS)
    frozen = False
    from grader.sandbox import forkserver
    with forkserver.pinned():  # the warm servers of the code this process runs, for all its jobs
        for line in jobs:
            if not line.strip():
                continue
            group = json.loads(line)
            _group.clear()
            _group.update({exercises.find(job["exercise"]).id: job for job in group})
            _early.clear()
            _job = None
            results = _grade_jobs(group)
            for job, data in zip(group, results):
                _job = job
                _send(DONE, data)
            _job = None
            _group.clear()
            if not frozen:
                gc.collect()
                gc.freeze()
                frozen = True
