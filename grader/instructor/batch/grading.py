"""Inside a grading process: :func:`serve` grades the jobs it reads on stdin, one at a time.

The protocol: a job is a JSON line on stdin; the process answers ``START id`` when it
begins it and ``DONE id`` once the job's result file is written.  Loaded with
``-p grader.instructor.batch.grading``, this module is also the pytest plugin that
appends each finished check to the job's progress file, so a job stopped at its time
limit keeps the checks it had finished.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from grader import exercises
from grader.files import write_atomic

PLUGIN = __name__
PROGRESS_ENV = "GRADER_BATCH_PROGRESS"
LANG_ENV = PROGRESS_ENV + "_LANG"
DONE = "GRADER-BATCH-DONE "
START = "GRADER-BATCH-START "

_config = None
_sent = 0


def pytest_configure(config):
    """Remember the session's config (its stash holds the results so far)."""
    global _config, _sent
    _config, _sent = config, 0


def pytest_runtest_logfinish(nodeid, location):
    """Append every newly finished check to the progress file (one JSON line each)."""
    global _sent
    path = os.environ.get(PROGRESS_ENV)
    if not path or _config is None:
        return
    from grader.checking.plugin import RESULTS
    from grader.render.gradescope import check_output
    results = _config.stash[RESULTS]
    lang = os.environ.get(LANG_ENV, "en")
    lines = [json.dumps({"json": result.to_json(lang), "output": check_output(result, lang)}, ensure_ascii=False)
             for result in results[_sent:]]
    _sent = len(results)
    if lines:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


def _grade_job(job: dict) -> dict:
    """The result of one job: every check's JSON and output, or the grader's error."""
    from grader.checking.runner import grade
    from grader.render.gradescope import check_output

    os.environ[PROGRESS_ENV] = job["progress"]
    os.environ[LANG_ENV] = job["lang"]
    started = time.monotonic()
    try:
        report = grade([exercises.find(job["exercise"])], Path(job["target"]), seed=job["seed"],
                       extra_args=("-p", PLUGIN, "--tb=no"))
        data = {"checks": [{"json": c.to_json(job["lang"]), "output": check_output(c, job["lang"])}
                           for c in report.exercises[0].checks]}
    except Exception as exc:  # noqa: BLE001 - the grader failed: say so in this job's result
        data = {"error": f"{type(exc).__name__}: {exc}"[:2000]}
    data["seconds"] = round(time.monotonic() - started, 3)
    return data


def serve() -> None:
    """A grading process: read jobs (JSON lines) on stdin, grade, answer ``DONE id`` on stdout."""
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but the protocol goes to the real stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        out.write(START + str(job["id"]) + "\n")
        out.flush()
        data = _grade_job(job)
        write_atomic(Path(job["result"]), json.dumps(data, ensure_ascii=False))
        out.write(DONE + str(job["id"]) + "\n")
        out.flush()
