"""Time `nbgrader autograde` on one notebook against `grade` on the same code.

    python benchmarks/bench_nbgrader.py [--runs 5] [--exercise exercise-05] [--students 1]

Builds a course with `grade nbgrader` in a temporary folder, releases the exercise,
submits the reference answers (as --students learners) and times, per run:
`nbgrader autograde EXERCISE --force` (divided by the number of notebooks) as the course's
config sets it up (each notebook graded by `grade` in the sandbox, no kernel), the same with
nbgrader's own kernel execution (the config's autograding lines left out: how it graded
before, forgeable from a cell), and `grade EXERCISE --target DIR` on a module holding the
same code.  Also times nbgrader's own start-up (`nbgrader --version`), which every autograde
run pays.  Prints the median of each, in seconds.
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
        kernel = tmp / "kernel-course"
        for folder in (course, kernel):
            write_course(folder, [ex])
        config = kernel / "nbgrader_config.py"
        config.write_text("".join(line for line in config.read_text(encoding="utf-8").splitlines(True)
                                  if not line.startswith("c.Autograde.")), encoding="utf-8")
        for folder in (course, kernel):
            run([*nbgrader, "generate_assignment", ex.id], folder, env)
        release = json.loads((course / "release" / ex.id / f"{ex.id}.ipynb").read_text(encoding="utf-8"))
        source = json.loads((course / "source" / ex.id / f"{ex.id}.ipynb").read_text(encoding="utf-8"))
        answered = with_reference_answers(release, source)
        for folder in (course, kernel):
            for i in range(args.students):
                path = folder / "submitted" / f"learner{i:03d}" / ex.id / f"{ex.id}.ipynb"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(answered), encoding="utf-8")
        target = tmp / "module"
        target.mkdir()
        (target / ex.filename).write_text(notebook_code(answered), encoding="utf-8")

        autograde = [*nbgrader, "autograde", ex.id, "--force"]
        grade_cmd = [sys.executable, "-m", "grader", ex.id, "--target", str(target), "--seed", str(SEED)]
        startup = [*nbgrader, "--version"]
        run(autograde, course, env)  # warm the file system cache and the database
        run(autograde, kernel, env)
        official = {**env, "GRADER_OFFICIAL": "1"}  # as autograde grades
        run(grade_cmd, ROOT, official)
        per_notebook, in_kernel = [], []
        for _ in range(args.runs):  # interleaved: a load change hits both alike
            per_notebook.append(run(autograde, course, env) / args.students)
            in_kernel.append(run(autograde, kernel, env) / args.students)
        graded = [run(grade_cmd, ROOT, official) for _ in range(args.runs)]
        started = [run(startup, course, env) for _ in range(args.runs)]

    label = f"nbgrader autograde {ex.id} (per notebook, {args.students} per run)"
    print(f"{'command':60} median of {args.runs}")
    print(f"{label:60} {statistics.median(per_notebook):.3f} s")
    print(f"{'  the same in kernels (nbgrader alone, forgeable)':60} {statistics.median(in_kernel):.3f} s")
    print(f"{'grade ' + ex.id + ' (same code, official)':60} {statistics.median(graded):.3f} s")
    print(f"{'nbgrader --version (start-up alone)':60} {statistics.median(started):.3f} s")


if __name__ == "__main__":
    main()
