"""What a run remembers for the next one: fingerprints of the grader and of each submission, ``state.json``.

A student is graded again only when their fingerprint changed (their files, the selected
exercises, the seed, the language or a grader file that can change a verdict)."""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from grader import exercises
from grader.files import write_json
from grader.instructor.batch.submissions import Submission

STATE_FORMAT = "dlscratch-batch-state/1"
FINAL_STATUSES = ("graded", "timeout", "invalid")  # "error" (the grader failed) is retried
# grader files that never change a verdict: editing them does not make a student's grade stale
TOOL_FILES = {"__main__.py", "cli.py", "watch.py", "options.py", "files.py",
              "checking/notebook.py", "checking/notebook_fixtures.py", "sandbox/inprocess.py",
              "sandbox/forkserver.py"}
TOOL_FOLDERS = {"instructor", "render", "checks"}  # checks: only the selected exercises' files count


def _grader_files() -> list[Path]:
    package = exercises.ROOT / "grader"
    paths = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] not in TOOL_FOLDERS and rel.as_posix() not in TOOL_FILES:
            paths.append(path)
    return paths


def grader_fingerprint(selected) -> str:
    """Changes whenever the checks, the reference solutions or the grader change."""
    digest = hashlib.sha256()
    paths = _grader_files() + [exercises.CHECKS_DIR / "conftest.py", exercises.CHECKS_DIR / "pytest.ini"]
    paths += [ex.check_file for ex in selected] + [exercises.ROOT / "solutions" / ex.filename for ex in selected]
    for path in paths:
        if path.is_file():
            name = path.relative_to(exercises.ROOT).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
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


def load_state(out: Path) -> dict:
    try:
        state = json.loads((out / "state.json").read_text(encoding="utf-8"))
        if state.get("format") == STATE_FORMAT:
            return state
    except (OSError, ValueError):
        pass
    return {"format": STATE_FORMAT, "students": {}}


def is_unchanged(previous: dict | None, fingerprint: str) -> bool:
    """Whether a student's last grading still holds (same fingerprint, and it did not fail)."""
    return bool(previous) and previous.get("fingerprint") == fingerprint \
        and previous.get("status") in FINAL_STATUSES


def save_student(out: Path, state: dict, student: str, entry: dict, settings: dict) -> None:
    """Record one graded student (with the run's ``settings``) and write ``state.json``."""
    state["students"][student] = {**entry, "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
    state.update(settings)
    write_json(out / "state.json", state, indent=1)
