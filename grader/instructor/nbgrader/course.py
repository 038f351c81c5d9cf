"""Writing the course: ``nbgrader_config.py`` and ``source/EXERCISE/EXERCISE.ipynb``."""
from __future__ import annotations

import json
from pathlib import Path

from grader.checking.notebook import collect_checks
from grader.exercises import Exercise
from grader.instructor.nbgrader.cells import build_notebook
from grader.sandbox.process import WORKER_ENV

CODE_STUB = "raise NotImplementedError"
DEFAULT_COURSE_ID = "dlscratch"
MIN_CELL_TIMEOUT = 300  # seconds per cell, and at least twice the longest call a check allows
CONFIG_MARK = "# Written by `grade nbgrader`"
KERNEL_ENV = WORKER_ENV  # kernels run learner code as grade's workers do


def config_text(course_id: str, timeout: int) -> str:
    return "\n".join([
        CONFIG_MARK + " (it rewrites this file; delete the line above to keep your changes).",
        "import os",
        "",
        "c = get_config()  # noqa: F821",
        "",
        f"c.CourseDirectory.course_id = {course_id!r}",
        "",
        "# Kernels inherit this environment: the learner's code runs as in `grade`'s worker, with one",
        "# BLAS thread (more threads on a busy machine make exercise-10's training many times slower)",
        "# and Matplotlib drawing off screen.",
        *[f"os.environ.setdefault({name!r}, {value!r})" for name, value in KERNEL_ENV.items()],
        "",
        "# Notebooks run in the `python3` kernel of the environment where the kit is installed",
        "# (`grader` and `solutions` must be importable there).",
        "c.Execute.kernel_name = 'python3'",
        f"c.Execute.timeout = {int(timeout)}  # seconds per cell",
        "",
        "# Autograding never runs a submission in a kernel: its code cells become the exercise's module,",
        "# `grade` grades it in sandboxed workers and gives each test cell its check's points and feedback,",
        "# so no cell can change a score (see docs/nbgrader.md). Students' own runs keep their checks.",
        "# A submission's own nbgrader metadata that nbgrader would reject is dropped, so that it cannot",
        "# stop the grading of the whole class.",
        "from grader.instructor.nbgrader.autograde import autograde_preprocessors, sanitize_preprocessors  # noqa",
        "",
        "c.Autograde.sanitize_preprocessors = sanitize_preprocessors()",
        "c.Autograde.autograde_preprocessors = autograde_preprocessors()",
        "c.GradeInSandbox.official = True  # public checks get fresh random inputs as well as the kit's",
        "",
        "# A solution region becomes the stub's own body again.",
        f"c.ClearSolutions.code_stub = {{'python': {CODE_STUB!r}}}",
        "",
    ])


def cell_timeout(selected: list[Exercise]) -> int:
    """nbgrader's time limit per cell: room for the slowest check (exercise-10 trains on MNIST)."""
    longest = max((c.call_timeout for ex in selected for c in collect_checks(ex)), default=0)
    return int(max(MIN_CELL_TIMEOUT, 2 * longest))


def write_course(course_dir: Path, selected: list[Exercise], *, course_id: str = DEFAULT_COURSE_ID,
                 timeout: int | None = None) -> tuple[list[Path], bool]:
    """Write the course; returns the notebooks written and whether nbgrader_config.py was (re)written."""
    course_dir = Path(course_dir)
    timeout = cell_timeout(selected) if timeout is None else timeout
    course_dir.mkdir(parents=True, exist_ok=True)
    config = course_dir / "nbgrader_config.py"
    wrote_config = not config.exists() or config.read_text(encoding="utf-8").startswith(CONFIG_MARK)
    if wrote_config:
        config.write_text(config_text(course_id, timeout), encoding="utf-8")
    notebooks = [(ex, build_notebook(ex)) for ex in selected]  # build all before writing any
    written = []
    for ex, notebook in notebooks:
        path = course_dir / "source" / ex.id / f"{ex.id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written, wrote_config
