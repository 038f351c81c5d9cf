"""nbgrader: the exercises as a course, generated, submitted and autograded for real.

``grade nbgrader`` writes the course; ``nbgrader generate_assignment`` releases it;
submissions made from the release (reference answers, untouched stubs, a wrong
answer) go through ``nbgrader autograde`` (which grades them outside any kernel, see
:mod:`grader.instructor.nbgrader.autograde`); the scores are read back through nbgrader's
gradebook and compared with ``grade`` on the same code, check by check.  Hostile submissions
are in ``test_nbgrader_hostile.py``.
The fast tests at the top run the notebook side in-process, without nbgrader.
"""
from __future__ import annotations

import ast
import builtins
import dataclasses
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from grader import exercises
from grader.sandbox import guarantee
from grader.instructor.nbgrader import main as build_main
from grader.instructor.nbgrader.cells import (BEGIN_HIDDEN, END_HIDDEN, GRADE_ID, build_notebook, notebook_code,
                                              with_reference_answers)
from grader.instructor.nbgrader.merge import BEGIN_SOLUTION, END_SOLUTION
from grader.checking.notebook import collect_checks, find_check, grade_check, run_check
from grader.checking.runner import grade

# Check files are imported here, outside grade's pytest session that registers their marker.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")

ROOT = Path(__file__).resolve().parents[1]
SEED = 31337  # hidden checks: the same inputs in nbgrader's kernels and in `grade`
COURSE_ID = "dlscratch-test"

# The full matrix runs on these exercises; each has a wrong answer that loses some points.
# (exercise-04's check swaps the learner's gates: writes must reach the notebook's globals;
# exercise-09's layers live behind handles.)
WRONG = {
    "exercise-01": "def type_name(value):\n    return str(type(value))  # \"<class 'int'>\", not \"int\"\n",
    "exercise-04": "def XOR(x1, x2):\n    return int(x1 != x2)  # right table, but not built from the gates\n",
    "exercise-05": "def sigmoid(x):\n    return 1 / (1 + np.exp(x))  # sign error\n",
    "exercise-09": "def _backward(self, dout):\n    return dout * self.out  # no (1 - y)\n\n\n"
                   "Sigmoid.backward = _backward\n",
}
WRONG_HINT = {"exercise-01": "__name__", "exercise-04": "NAND", "exercise-05": "The sign is wrong",
              "exercise-09": "(1 - y)"}
STUDENTS = ("reference", "stub", "wrong")


def _exercise(exercise_id: str) -> exercises.Exercise:
    ex = exercises.find(exercise_id)
    if ex is None:
        pytest.skip(f"{exercise_id} is not available in this installation")
    return ex


def _module_namespace(source: str) -> dict:
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    exec(compile(source, "<notebook>", "exec"), namespace)
    return namespace


# ---------------------------------------------------------------------------- in-process (no nbgrader)
def test_run_check_passes_on_reference_and_reports_the_stub(capsys):
    ex = _exercise("exercise-05")
    solved = _module_namespace((ROOT / "solutions" / ex.filename).read_text(encoding="utf-8"))
    assert run_check(ex.id, "sigmoid_values", solved, lang="en") == 1
    assert "✓" in capsys.readouterr().out
    stub = _module_namespace((ROOT / "exercises" / ex.filename).read_text(encoding="utf-8"))
    with pytest.raises(AssertionError) as failure:
        run_check(ex.id, "sigmoid_values", stub, lang="en")
    text = str(failure.value)
    assert "not started" in text and "raise NotImplementedError" in text and "Points: 0/1" in text


def test_run_check_uses_the_notebook_definitions_only():
    ex = _exercise("exercise-05")
    namespace = _module_namespace((ROOT / "solutions" / ex.filename).read_text(encoding="utf-8"))
    exec(WRONG["exercise-05"], namespace)  # the notebook's own (wrong) sigmoid wins
    with pytest.raises(AssertionError, match="The sign is wrong"):
        run_check(ex.id, "sigmoid_values", namespace, lang="en")
    del namespace["relu"]
    result = grade_check(find_check(ex.id, "relu"), namespace, SEED)
    assert result.name == "relu" and result.score == 0 and "relu is missing" in result.hint.en


def test_run_check_refuses_the_reference_in_the_notebook():
    ex = _exercise("exercise-05")
    namespace = _module_namespace("from solutions.ex05_activations import *\n")
    result = grade_check(find_check(ex.id, "step_function_values"), namespace, SEED)
    assert result.score == 0 and "scores 0" in result.message.en
    lazy = _module_namespace("def step_function(x):\n"
                             "    from solutions.ex05_activations import step_function as f\n"
                             "    return f(x)\n")
    result = grade_check(find_check(ex.id, "step_function_values"), lazy, SEED)
    assert result.score == 0 and "scores 0" in result.message.en
    path = ROOT / "solutions" / ex.filename  # the reference's code run under its own file name
    executed = {"__name__": "__main__", "__builtins__": builtins}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), executed)
    result = grade_check(find_check(ex.id, "step_function_values"), executed, SEED)
    assert result.score == 0 and "scores 0" in result.message.en


def test_run_check_stops_an_endless_loop():
    ex = _exercise("exercise-05")
    info = dataclasses.replace(find_check(ex.id, "step_function_values"), call_timeout=0.5)
    namespace = _module_namespace("def step_function(x):\n    while True:\n        pass\n")
    result = grade_check(info, namespace, SEED)
    assert result.status == "timeout" and "step_function() did not finish within the 0.5 s" in result.message.en
    assert "loop" in result.hint.en


# Corpus cases where copy semantics matter (inputs changed in place, views, swapped gates, handles):
# a notebook's checks must score them as `grade` does, check by check.
PARITY_CASES = ("ex02/mistake_update_in_place", "ex03/center_inplace", "ex03/sub_block_copy",
                "ex04/xor_not_equal", "ex05/mistake_relu_in_place", "ex06/mistake_in_place",
                "ex07/mistake_in_place_delta", "ex08/mistake_not_restored", "ex09/mistake_relu_in_place",
                "ex09/variant_where_onehot")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the mistakes' own overflows
@pytest.mark.parametrize("case_id", PARITY_CASES)
def test_in_process_checks_score_like_grade(case_id, tmp_path):
    from corpus_tools import cases, grade_case

    case = next((c for c in cases() if c.id == case_id), None)
    if case is None:
        pytest.skip(f"corpus case {case_id} is not in this checkout")
    namespace = {"__name__": "notebook", "__builtins__": builtins}
    exec(compile(case.module_source(), "<notebook>", "exec"), namespace)
    mine = {info.name: grade_check(info, namespace, SEED).score for info in collect_checks(case.exercise)}
    theirs = {check.name: check.score for check in grade_case(case, tmp_path, seed=SEED).checks}
    assert mine == theirs


def test_seeds_match_the_plugin():
    ex = _exercise("exercise-05")
    namespace = _module_namespace((ROOT / "solutions" / ex.filename).read_text(encoding="utf-8"))
    for info in collect_checks(ex):
        assert grade_check(info, namespace, SEED).score == info.points
    from grader.checking.notebook_fixtures import check_seed
    from grader.seeds import PUBLIC_SEED
    public = next(c for c in collect_checks(ex) if not c.hidden)
    hidden = next(c for c in collect_checks(ex) if c.hidden)
    assert check_seed(public, 1) == check_seed(public, 2)  # public checks: fixed inputs
    assert check_seed(hidden, 1) != check_seed(hidden, 2)  # hidden checks: the run's seed
    assert check_seed(public, 1) == check_seed(public, PUBLIC_SEED)


def test_build_cli_usage(tmp_path, capsys):
    assert build_main([str(tmp_path / "c"), "exercise-77"]) == 2
    assert build_main([str(tmp_path / "c"), "5", "--course-id", "demo"]) == 0
    assert sorted(p.name for p in (tmp_path / "c" / "source").iterdir()) == ["exercise-05"]
    assert "c.CourseDirectory.course_id = 'demo'" in (tmp_path / "c" / "nbgrader_config.py").read_text()
    custom = tmp_path / "c" / "nbgrader_config.py"
    custom.write_text("c = get_config()\nc.CourseDirectory.course_id = 'mine'\n")
    assert build_main([str(tmp_path / "c"), "5"]) == 0
    assert "'mine'" in custom.read_text()  # an instructor's own config is kept
    assert "Kept your" in capsys.readouterr().err


STUB = '''"""Teaching text."""
import numpy as np

SCALE = 2


def given(x):
    return x + 1


# ---- the learner's part
def double(x):
    """Twice x."""
    # TODO: use SCALE
    raise NotImplementedError


class Counter:
    """Counts."""

    def __init__(self, start):
        # TODO
        raise NotImplementedError

    def bump(self):
        """One more."""
        raise NotImplementedError


if __name__ == "__main__":
    print(double(2))
'''

SOLUTION = '''"""Reference."""
import math

import numpy as np

SCALE = 2
_OFFSET = math.floor(0.5)


def _helper(x):
    return x * SCALE + _OFFSET


def double(x):
    """Twice x."""
    # the helper does it
    return _helper(x)


class Counter:
    STEP = 1

    def __init__(self, start):
        self.value = start

    def _next(self):
        return self.value + self.STEP

    def bump(self):
        self.value = self._next()
        return given(self.value)
'''


def _released(code: str) -> str:
    """What nbgrader's ClearSolutions makes of the code (the region becomes the code stub)."""
    return re.sub(r"(?m)^( *)### BEGIN SOLUTION\n(?:.*\n)*?\1### END SOLUTION$", r"\1raise NotImplementedError", code)


def test_merge_keeps_the_stub_and_brings_the_reference_helpers():
    from grader.instructor.nbgrader.merge import Merger

    merger = Merger(exercises.CATALOGUE[0], STUB, SOLUTION)
    segments = merger.segments()
    assert [(s.kind, s.name) for s in segments] == [("code", ""), ("code", "given"), ("answer", "double"),
                                                    ("answer", "Counter"), ("try", "")]
    assert merger.docstring == "Teaching text."
    code = "\n\n".join("\n".join(s.lines) for s in segments if s.kind != "try")
    assert "# ---- the learner's part" in code and "__main__" not in code
    namespace = _module_namespace(code)
    assert namespace["double"](3) == 6
    counter = namespace["Counter"](5)
    assert counter.bump() == 7 and counter.value == 6
    stub = ast.parse(STUB)
    stub.body = stub.body[1:-1]  # no docstring, no __main__ block
    assert ast.dump(ast.parse(_released(code))) == ast.dump(stub)


@pytest.mark.parametrize("ex", exercises.available(), ids=lambda ex: ex.id)
def test_notebook_metadata(ex):
    notebook = build_notebook(ex)
    checks = collect_checks(ex)
    graded = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    assert [c["metadata"]["nbgrader"]["grade_id"] for c in graded] == [f"check-{c.name}" for c in checks]
    assert [c["metadata"]["nbgrader"]["points"] for c in graded] == [c.points for c in checks]
    assert sum(c.points for c in checks) == 10
    ids = []
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader")
        if meta:
            assert meta["schema_version"] == 3 and GRADE_ID.match(meta["grade_id"])
            ids.append(meta["grade_id"])
    assert len(ids) == len(set(ids))
    source = "".join("".join(c["source"]) for c in notebook["cells"])
    assert source.count(BEGIN_SOLUTION) == source.count(END_SOLUTION) > 0
    assert source.count(BEGIN_HIDDEN) == source.count(END_HIDDEN) == sum(c.hidden for c in checks)


# ---------------------------------------------------------------------------- the real thing
def _env(tmp: Path) -> dict:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` by name
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "MPLBACKEND": "Agg",
            "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"), "IPYTHONDIR": str(tmp / "ipython"),
            "GRADER_SEED": str(SEED), "GRADER_LANG": "en", "PYTHONWARNINGS": "ignore"}


def _nbgrader(course: Path, env: dict, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"


def _ensure_python3_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix"], check=True)


def _is_main_guard(node) -> bool:
    return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _meta(cell) -> dict:
    return cell["metadata"].get("nbgrader", {})


def _submission(release: dict, source: dict, student: str, wrong: str) -> dict:
    """A learner's notebook made from the release: reference answers, the stub, or a wrong answer."""
    if student == "stub":
        return json.loads(json.dumps(release))
    notebook = with_reference_answers(release, source)
    if student == "wrong":  # an extra cell after the last answer redefines one function
        last = max(i for i, c in enumerate(notebook["cells"]) if _meta(c).get("solution"))
        notebook["cells"].insert(last + 1, {"cell_type": "code", "execution_count": None, "id": "mine",
                                            "metadata": {}, "outputs": [], "source": wrong})
    return notebook


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    pytest.importorskip("nbgrader")  # the `test` extra
    _ensure_python3_kernel()
    tmp = tmp_path_factory.mktemp("nbgrader")
    course = tmp / "course"
    env = _env(tmp)
    assert build_main([str(course), "--course-id", COURSE_ID]) == 0
    if guarantee.missing():  # the CI's portable and no-POSIX runs: autograde refuses there by design
        with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
            config.write("\nc.GradeInSandbox.unsafe_no_sandbox = True\n")
    _nbgrader(course, env, "generate_assignment", "exercise-*")

    matrix = [ex for ex in (exercises.find(i) for i in WRONG) if ex is not None]
    modules = {}
    for ex in matrix:
        release = _read(course / "release" / ex.id / f"{ex.id}.ipynb")
        source = _read(course / "source" / ex.id / f"{ex.id}.ipynb")
        for student in STUDENTS:
            notebook = _submission(release, source, student, WRONG[ex.id])
            path = course / "submitted" / student / ex.id / f"{ex.id}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
            module = tmp / "modules" / student / ex.filename
            module.parent.mkdir(parents=True, exist_ok=True)
            module.write_text(notebook_code(notebook), encoding="utf-8")
            modules[student] = module.parent
    _nbgrader(course, env, "autograde", "*", "--force")

    scores = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
            for ex in matrix:
                for student in STUDENTS:
                    notebook = gradebook.find_submission_notebook(ex.id, ex.id, student)
                    scores[ex.id, student] = {g.name.removeprefix("check-"): g.score for g in notebook.grades}
    kit = {student: {e.id: {c.name: c.score for c in e.checks}  # official grading, as autograde does
                     for e in grade(matrix, folder, seed=SEED, extra_args=("--official",)).exercises}
           for student, folder in modules.items()}
    return {"dir": course, "matrix": matrix, "scores": scores, "grade": kit}


def test_config(course):
    text = (course["dir"] / "nbgrader_config.py").read_text()
    assert f"c.CourseDirectory.course_id = {COURSE_ID!r}" in text
    assert "c.Execute.kernel_name = 'python3'" in text and "c.Execute.timeout = " in text
    assert "os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')" in text
    assert "c.Autograde.autograde_preprocessors = autograde_preprocessors()" in text


@pytest.mark.parametrize("ex", exercises.available(), ids=lambda ex: ex.id)
def test_release_holds_the_stub_and_no_hidden_check(course, ex):
    import nbformat

    release = course["dir"] / "release" / ex.id / f"{ex.id}.ipynb"
    notebook = _read(release)
    nbformat.validate(nbformat.read(release, as_version=4))
    text = json.dumps(notebook, ensure_ascii=False)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS"):
        assert marker not in text
    for check in collect_checks(ex):
        call = f"run_check({ex.id!r}, {check.name!r}"
        assert (call in text) != check.hidden
    stub = ast.parse((ROOT / "exercises" / ex.filename).read_text(encoding="utf-8"))
    # the docstring went to the introduction, an `if __name__ == "__main__":` block to a markdown cell
    stub.body = [node for node in stub.body[1:] if not _is_main_guard(node)]
    assert ast.dump(ast.parse(notebook_code(notebook))) == ast.dump(stub)


def test_autograde_full_zero_partial(course):
    for ex in course["matrix"]:
        total = {student: sum(course["scores"][ex.id, student].values()) for student in STUDENTS}
        assert total["reference"] == 10, (ex.id, course["scores"][ex.id, "reference"])
        assert total["stub"] == 0, (ex.id, course["scores"][ex.id, "stub"])
        assert 0 < total["wrong"] < 10, (ex.id, course["scores"][ex.id, "wrong"])


def test_autograde_equals_grade_check_by_check(course):
    for ex in course["matrix"]:
        for student in STUDENTS:
            assert course["scores"][ex.id, student] == course["grade"][student][ex.id], (ex.id, student)


def test_feedback_names_the_mistake(course):
    for ex in course["matrix"]:
        graded = _read(course["dir"] / "autograded" / "wrong" / ex.id / f"{ex.id}.ipynb")
        errors = [re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(o["traceback"]))
                  for c in graded["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
        assert errors and any(WRONG_HINT[ex.id] in e and "Hint:" in e for e in errors), (ex.id, errors)
        stub = _read(course["dir"] / "autograded" / "stub" / ex.id / f"{ex.id}.ipynb")
        assert "not started" in json.dumps(stub)
