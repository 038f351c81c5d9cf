"""Time `nbgrader autograde` on one notebook against `grade` on the same code.

    python benchmarks/bench_nbgrader.py [--runs 5] [--exercise exercise-05] [--students 1]

Builds a course with `grade nbgrader` in a temporary folder, releases the exercise,
submits the reference answers (as --students learners) and times, per run:
`nbgrader autograde EXERCISE --force` (divided by the number of notebooks) and
`grade EXERCISE --target DIR` on a module holding the same code.  Also times
nbgrader's own start-up (`nbgrader --version`), which every autograde run pays.
Prints the median of each, in seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import exercises  # noqa: E402
from grader.instructor.nbgrader.cells import notebook_code, with_reference_answers  # noqa: E402
from grader.instructor.nbgrader.course import write_course  # noqa: E402

SEED = 1


def run(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # `grade` exits 1 when marks are short
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exercise", default="exercise-05")
    parser.add_argument("--students", type=int, default=1, help="notebooks per autograde run")
    args = parser.parse_args()
    ex = exercises.find(args.exercise)
    if ex is None:
        sys.exit(f"unknown exercise {args.exercise!r}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        course = tmp / "course"
        env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
               "MPLBACKEND": "Agg", "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"),
               "IPYTHONDIR": str(tmp / "ipython"), "GRADER_SEED": str(SEED), "PYTHONWARNINGS": "ignore"}
        nbgrader = [sys.executable, "-m", "nbgrader"]
        write_course(course, [ex])
        run([*nbgrader, "generate_assignment", ex.id], course, env)
        release = json.loads((course / "release" / ex.id / f"{ex.id}.ipynb").read_text(encoding="utf-8"))
        source = json.loads((course / "source" / ex.id / f"{ex.id}.ipynb").read_text(encoding="utf-8"))
        answered = with_reference_answers(release, source)
        for i in range(args.students):
            path = course / "submitted" / f"learner{i:03d}" / ex.id / f"{ex.id}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(answered), encoding="utf-8")
        target = tmp / "module"
        target.mkdir()
        (target / ex.filename).write_text(notebook_code(answered), encoding="utf-8")

        autograde = [*nbgrader, "autograde", ex.id, "--force"]
        grade_cmd = [sys.executable, "-m", "grader", ex.id, "--target", str(target), "--seed", str(SEED)]
        startup = [*nbgrader, "--version"]
        run(autograde, course, env)  # warm the file system cache and the database
        run(grade_cmd, ROOT, env)
        per_notebook = [run(autograde, course, env) / args.students for _ in range(args.runs)]
        graded = [run(grade_cmd, ROOT, env) for _ in range(args.runs)]
        started = [run(startup, course, env) for _ in range(args.runs)]

    label = f"nbgrader autograde {ex.id} (per notebook, {args.students} per run)"
    print(f"{'command':60} median of {args.runs}")
    print(f"{label:60} {statistics.median(per_notebook):.3f} s")
    print(f"{'grade ' + ex.id + ' (same code)':60} {statistics.median(graded):.3f} s")
    print(f"{'nbgrader --version (start-up alone)':60} {statistics.median(started):.3f} s")


if __name__ == "__main__":
    main()
