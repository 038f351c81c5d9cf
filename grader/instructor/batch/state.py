"""What a run remembers for the next one: fingerprints of the grader and of each submission, ``state.json``.

Each (student, exercise) is graded again only when its fingerprint changed (the student's
file, the seed, the language or a grader file that can change a verdict), when it timed out
or failed last time, or when the instructor asks (``--regrade``).  Only the instructor's
process writes and reads this file: no learner process can write under ``--out``."""
from __future__ import annotations

import ast
import hashlib
import json
import time
from pathlib import Path

from grader import exercises
from grader.files import write_json
from grader.instructor.batch.submissions import Submission

STATE_FORMAT = "dlscratch-batch-state/2"
FINAL_STATUSES = ("graded", "invalid")  # a time-out or an error is graded again on the next run
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


def _check_helpers(check_file: Path) -> list[Path]:
    """The modules of the checks folder that ``check_file`` imports (exercise-10's fresh task): they
    decide its verdicts as much as the check file does."""
    if not check_file.is_file():
        return []
    names = set()
    for node in ast.walk(ast.parse(check_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = "grader.checks" if node.level == 1 and not node.module else (
                f"grader.checks.{node.module}" if node.level == 1 else node.module or "")
            if module == "grader.checks":
                names.update(a.name for a in node.names)
            elif module.startswith("grader.checks."):
                names.add(module.removeprefix("grader.checks."))
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix("grader.checks.") for a in node.names
                         if a.name.startswith("grader.checks."))
    paths = (exercises.CHECKS_DIR / (name.replace(".", "/") + ".py") for name in sorted(names))
    return [path for path in paths if path.is_file() and path != check_file]


def grader_fingerprint(ex) -> str:
    """Changes whenever the checks of ``ex``, its reference solution or the grader change."""
    digest = hashlib.sha256(b"official grading\0")  # public checks on fresh inputs too (grader.seeds)
    paths = _grader_files() + [exercises.CHECKS_DIR / "conftest.py", exercises.CHECKS_DIR / "pytest.ini"]
    paths += [ex.check_file, *_check_helpers(ex.check_file), exercises.ROOT / "solutions" / ex.filename]
    for path in paths:
        if path.is_file():
            name = path.relative_to(exercises.ROOT).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def exercise_fingerprint(sub: Submission, ex, seed: int, grader: str, lang: str) -> str:
    """What decides one student's grade on ``ex``: their file (or why nothing could be read), the
    seed, the language and the grader."""
    digest = hashlib.sha256()
    digest.update(json.dumps([ex.id, seed, grader, lang, sub.problem.en if sub.problem else ""]).encode())
    if sub.problem:
        digest.update(sub.raw_digest.encode())
    data = sub.files.get(ex.filename)
    digest.update(b"-" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


def _valid(state) -> bool:
    return isinstance(state, dict) and state.get("format") == STATE_FORMAT and isinstance(state.get("students"), dict)


def load_state(out: Path) -> dict:
    """``state.json`` of ``out``, or an empty state when it is missing or not of this format."""
    try:
        state = json.loads((out / "state.json").read_text(encoding="utf-8"))
        if _valid(state):
            state["students"] = {k: v for k, v in state["students"].items()
                                 if isinstance(k, str) and isinstance(v, dict)
                                 and isinstance(v.get("exercises"), dict)}
            if not isinstance(state.get("seed"), int) or isinstance(state.get("seed"), bool):
                state.pop("seed", None)
            return state
    except (OSError, ValueError, RecursionError):
        pass
    return {"format": STATE_FORMAT, "students": {}}


def previous(state: dict, student: str, ex_id: str) -> dict:
    """What the last run recorded of ``student``'s ``ex_id`` ({} if nothing)."""
    entry = state["students"].get(student, {}).get("exercises", {}).get(ex_id)
    return entry if isinstance(entry, dict) else {}


def still_holds(entry: dict, fingerprint: str) -> bool:
    """Whether an exercise's last grading still holds (same fingerprint, and it neither failed nor timed out)."""
    return entry.get("fingerprint") == fingerprint and entry.get("status") in FINAL_STATUSES


def save_student(out: Path, state: dict, student: str, graded: dict[str, dict], settings: dict) -> None:
    """Record what was just graded of ``student`` (exercise id -> fingerprint and status) and write ``state.json``."""
    entry = state["students"].setdefault(student, {"exercises": {}})
    entry["exercises"].update(graded)
    entry["graded_at"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    state.update(settings)
    write_json(out / "state.json", state, indent=1)
