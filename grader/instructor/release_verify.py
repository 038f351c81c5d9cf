"""Verify a kit before it is moved into place: its own grader, in a process without ``solutions``.

The reference solutions must earn full marks on every public check, the untouched
stubs nothing, no hidden check may run, and every report must say that hidden
checks run when the instructor grades.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.instructor.release_checks import ReleaseError

VERIFY_SCRIPT = r"""
import importlib.abc, json, sys
class NoSolutions(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "solutions" or name.startswith("solutions."):
            raise ImportError("a student kit must not import " + name)
sys.meta_path.insert(0, NoSolutions())
from pathlib import Path
from grader import exercises
from grader.checking import runner
out = {}
for label, target in json.loads(sys.argv[1]).items():
    report = runner.grade(exercises.available(), Path(target), seed=0)
    out[label] = {"score": report.score, "max_score": report.max_score, "hidden_ran": report.hidden_ran,
                  "hidden": [c.name for e in report.exercises for c in e.checks if c.hidden],
                  "exercises": exercises.available().__len__(),
                  "failed": [e.id + " " + c.name + ": " + (c.message.en[:300] if c.message else c.status)
                             for e in report.exercises for c in e.checks if c.status != "passed"]}
print("VERIFY " + json.dumps(out))
"""
PREFIX = "VERIFY "


@contextlib.contextmanager
def _lent_mnist(kit: Path, root: Path):
    """The kit does not ship MNIST (its loader downloads it): lend it this repository's cache meanwhile."""
    cache, lent = root / "dataset" / "mnist.npz", kit / "dataset" / "mnist.npz"
    lend = cache.is_file() and not lent.exists()
    if lend:
        lent.symlink_to(cache)
    try:
        yield
    finally:
        if lend:
            lent.unlink()


def _run_kit_grader(kit: Path, targets: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_ANSWER_KEY", "PYTHONPATH")}
    env.update(PYTHONPATH=str(kit), PYTHONDONTWRITEBYTECODE="1")
    if env.get("MNIST_DIR"):  # the kit's grader runs in another folder: a relative MNIST_DIR would miss
        env["MNIST_DIR"] = str(Path(env["MNIST_DIR"]).absolute())
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, "-c", VERIFY_SCRIPT, json.dumps(targets)], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=1800)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(PREFIX)), None)
    if proc.returncode != 0 or line is None:
        raise ReleaseError("the kit's grader did not run:\n" + (proc.stderr or proc.stdout)[-3000:])
    return json.loads(line[len(PREFIX):])


def verify(kit: Path, root: Path) -> dict:
    """Grade the solutions and the stubs with the kit's own grader, in a process without ``solutions``."""
    targets = {"solutions": str(root / "solutions"), "stubs": str(kit / "exercises")}
    with _lent_mnist(kit, root):
        result = _run_kit_grader(kit, targets)
    sol, stubs = result["solutions"], result["stubs"]
    if sol["hidden"] or stubs["hidden"]:
        raise ReleaseError(f"the kit still runs hidden checks: {sol['hidden']}")
    if sol["score"] != sol["max_score"]:
        raise ReleaseError("in the kit, the reference solutions lose points:\n  " + "\n  ".join(sol["failed"]))
    if stubs["score"] != 0:
        raise ReleaseError(f"in the kit, the untouched stubs score {stubs['score']}")
    if sol["hidden_ran"]:
        raise ReleaseError("the kit's reports do not say that hidden checks run when the instructor grades")
    return result
