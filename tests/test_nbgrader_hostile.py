"""nbgrader autograde cannot be forged from a notebook: real nbgrader, honest and hostile submissions.

Every submission of exercise-05 goes through ``nbgrader autograde`` in a course written by
``grade nbgrader``; its scores, read back from nbgrader's gradebook, must equal ``grade``'s
(official grading, the same seed) on the module made of the same notebook's code cells, check
by check, whatever the notebook's cells do: redefine ``run_check``, patch the grader in the
kernel, run the reference's source, write to the gradebook or to the autograded folder, exit.
"""
from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from grader import exercises
from grader.sandbox import guarantee
from grader.checking.notebook import collect_checks
from grader.checking.runner import grade
from grader.instructor.nbgrader import main as build_main
from grader.instructor.nbgrader.cells import with_reference_answers
from grader.instructor.nbgrader.module import notebook_code
from test_nbgrader import SEED, _ensure_python3_kernel, _env, _meta, _nbgrader, _read

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")

ROOT = Path(__file__).resolve().parents[1]
COURSE_ID = "dlscratch-hostile"
EXERCISE = "exercise-05"
FAKE = "lambda *a, **k: 1.0"

# student: (answers, extra cells placed after the last answer cell); "{course}", "{folder}" and
# "{reference}" are filled in.  Honest ones first.
SUBMISSIONS = {
    "honest-reference": ("reference", []),
    "honest-stub": ("stub", []),
    "honest-wrong": ("reference", ["def sigmoid(x):\n    return 1 / (1 + np.exp(x))  # sign error\n"]),
    "honest-notebook-habits": ("reference", ["%matplotlib inline\n!echo hi\nimport numpy as np",
                                             "%%time\nstep_function(np.arange(3))",
                                             "import grader\ngrader.check('exercise-05')",
                                             "print(sigmoid(np.array([0.0]))",  # a typo: the cell fails
                                             "print(undefined_name)\nsigmoid"]),  # shows something, or fails
    "honest-deleted-check": ("reference", []),  # its first test cell is deleted
    "honest-foreign-cell": ("reference", ["x = 1", "y = 2"]),  # cells copied from another notebook (see below)
    "redefine-run-check": ("stub", [f"run_check = {FAKE}"]),
    "patch-run-check": ("stub", ["import grader.checking.notebook as notebook\n"
                                 f"notebook.run_check = {FAKE}\n"
                                 "import builtins\n_real_import = builtins.__import__\n"
                                 "def _import(name, *args, **kwargs):\n"
                                 "    module = _real_import(name, *args, **kwargs)\n"
                                 "    if name == 'grader.checking.notebook':\n"
                                 f"        module.run_check = {FAKE}\n"
                                 "    return module\n"
                                 "builtins.__import__ = _import"]),
    "patch-sys-modules": ("stub", ["import sys, types\n"
                                   f"sys.modules['grader.checking.notebook'] = types.SimpleNamespace(run_check={FAKE})"]),
    "exec-reference": ("stub", ["exec(open({reference!r}).read())"]),
    "write-gradebook": ("stub", ["import sqlite3\n"
                                 "db = sqlite3.connect({course!r} + '/gradebook.db')\n"
                                 "db.execute('UPDATE grade SET manual_score = 1.0, extra_credit = 10')\n"
                                 "db.commit()"]),
    "write-autograded": ("stub", ["import os\n"
                                  "os.makedirs({folder!r}, exist_ok=True)\n"
                                  "open({folder!r} + '/forged.txt', 'w').write('10/10')\n"
                                  "open('forged-here.txt', 'w').write('10/10')"]),
    "honest-broken-cell": ("reference", ["w = 1\nx = undefined_name"]),  # fails while the module is imported
    "sys-exit": ("reference", ["import sys\nif sys:\n    sys.exit(0)"]),
    "raise-system-exit": ("reference", ["raise SystemExit(0)"]),
    "endless-loop": ("reference", ["while True:\n    pass"]),  # the kernel's cell time limit, then the checks
    "forge-metadata": ("stub", []),  # test cells worth 100 with a full score shown, one copied, one unmarked
    "forge-schema": ("reference", ["x = 1", "y = 2", "z = 3"]),  # metadata nbgrader stops the whole class for
}
HONEST = [name for name in SUBMISSIONS if name.startswith("honest-")]


def _cell(source: str, index: int) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": f"mine-{index}", "metadata": {}, "outputs": [],
            "source": source}


def _submission(release: dict, source: dict, student: str, course: Path) -> dict:
    answers, extra = SUBMISSIONS[student]
    notebook = with_reference_answers(release, source) if answers == "reference" else json.loads(json.dumps(release))
    folder = str(course / "autograded" / student / EXERCISE)
    reference = str(ROOT / "solutions" / exercises.find(EXERCISE).filename)
    last = max(i for i, c in enumerate(notebook["cells"]) if _meta(c).get("solution"))
    for offset, text in enumerate(extra):
        text = text.replace("{course!r}", repr(str(course))).replace("{folder!r}", repr(folder)).replace(
            "{reference!r}", repr(reference))
        notebook["cells"].insert(last + 1 + offset, _cell(text, offset))
    if student == "forge-metadata":
        tests = [i for i, c in enumerate(notebook["cells"]) if _meta(c).get("grade")]
        for i in tests:
            _meta(notebook["cells"][i])["points"] = 100
            notebook["cells"][i]["outputs"] = [{"output_type": "execute_result", "execution_count": 1,
                                                "metadata": {}, "data": {"text/plain": "100"}}]
        notebook["cells"][tests[1]]["metadata"] = {}
        notebook["cells"].insert(tests[0] + 1, {**json.loads(json.dumps(notebook["cells"][tests[0]])),
                                                "id": "copied", "source": "pass"})
    if student == "forge-schema":
        mine = [c for c in notebook["cells"] if c["id"].startswith("mine-")]
        mine[0]["metadata"] = {"nbgrader": {"grade": False, "solution": False, "grade_id": "old"}}  # schema 0
        mine[1]["metadata"] = {"nbgrader": {"grade": False, "solution": False, "grade_id": "new", "locked": False,
                                            "task": False, "schema_version": 99}}
        mine[2]["metadata"] = {"nbgrader": {"grade": True, "points": 5, "schema_version": 3}}  # no grade id
    if student == "honest-foreign-cell":  # valid nbgrader metadata, but of cells this gradebook does not hold
        mine = [c for c in notebook["cells"] if c["id"].startswith("mine-")]
        mine[0]["metadata"] = {"nbgrader": {"grade": True, "solution": False, "grade_id": "other-course-test",
                                            "locked": True, "points": 100, "schema_version": 3, "task": False}}
        mine[1]["metadata"] = {"nbgrader": {"grade": True, "solution": True, "grade_id": "other-course-answer",
                                            "locked": False, "points": 100, "schema_version": 3, "task": False}}
    if student == "honest-deleted-check":
        first = next(i for i, c in enumerate(notebook["cells"]) if _meta(c).get("grade"))
        del notebook["cells"][first]
    return notebook


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    pytest.importorskip("nbgrader")
    _ensure_python3_kernel()
    ex = exercises.find(EXERCISE)
    tmp = tmp_path_factory.mktemp("hostile")
    course, env = tmp / "course", _env(tmp)
    assert build_main([str(course), EXERCISE, "--course-id", COURSE_ID]) == 0
    if guarantee.missing():  # the CI's portable and no-POSIX runs: autograde refuses there by design
        with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
            config.write("\nc.GradeInSandbox.unsafe_no_sandbox = True\n")
    _nbgrader(course, env, "generate_assignment", EXERCISE)
    release = _read(course / "release" / EXERCISE / f"{EXERCISE}.ipynb")
    source = _read(course / "source" / EXERCISE / f"{EXERCISE}.ipynb")
    kit = {}
    for student in SUBMISSIONS:
        notebook = _submission(release, source, student, course)
        path = course / "submitted" / student / EXERCISE / f"{EXERCISE}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
        module = tmp / "modules" / student / ex.filename
        module.parent.mkdir(parents=True)
        module.write_text(notebook_code(notebook), encoding="utf-8")
        report = grade([ex], module.parent, seed=SEED, extra_args=("--official",))
        kit[student] = {c.name: c.score for c in report.exercises[0].checks}
    done = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", EXERCISE, "--force"], cwd=course,
                          env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode:
        pytest.fail(f"nbgrader autograde failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    scores, totals = {}, {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
            for student in SUBMISSIONS:
                notebook = gradebook.find_submission_notebook(EXERCISE, EXERCISE, student)
                scores[student] = {g.name.removeprefix("check-"): g.score for g in notebook.grades}
                totals[student] = gradebook.find_submission(EXERCISE, student).score
    return {"dir": course, "kit": kit, "scores": scores, "totals": totals, "log": done.stdout + done.stderr}


@pytest.mark.parametrize("student", list(SUBMISSIONS))
def test_autograde_equals_grade(autograded, student):
    kit = autograded["kit"][student]
    assert autograded["scores"][student] == kit, (student, autograded["log"][-3000:])
    assert autograded["totals"][student] == sum(kit.values())


def test_the_honest_class(autograded):
    totals = autograded["totals"]
    assert totals["honest-reference"] == totals["honest-notebook-habits"] == totals["honest-deleted-check"] == 10
    assert totals["honest-foreign-cell"] == 10  # graded, not stopped by cells the gradebook does not know
    assert totals["honest-stub"] == totals["honest-broken-cell"] == 0 and 0 < totals["honest-wrong"] < 10


def test_feedback_names_the_cells(autograded):
    submitted = _read(autograded["dir"] / "submitted" / "honest-broken-cell" / EXERCISE / f"{EXERCISE}.ipynb")
    number = 1 + next(i for i, c in enumerate(submitted["cells"]) if c.get("id") == "mine-0")
    graded = _read(autograded["dir"] / "autograded" / "honest-broken-cell" / EXERCISE / f"{EXERCISE}.ipynb")
    errors = ["\n".join(o["traceback"]) for c in graded["cells"] if _meta(c).get("grade")
              for o in c["outputs"] if o["output_type"] == "error"]
    assert errors and all(f"cell {number}, line 2" in e and "undefined_name" in e for e in errors), errors[:1]
    wrong = _read(autograded["dir"] / "autograded" / "honest-wrong" / EXERCISE / f"{EXERCISE}.ipynb")
    assert "The sign is wrong" in json.dumps(wrong, ensure_ascii=False)


def test_nothing_forged_scores(autograded):
    for student in SUBMISSIONS:
        if SUBMISSIONS[student][0] == "stub":
            assert autograded["totals"][student] == 0, student


def test_no_file_written_from_a_cell(autograded):
    folder = autograded["dir"] / "autograded" / "write-autograded" / EXERCISE
    assert not (folder / "forged.txt").exists() and not (folder / "forged-here.txt").exists()


def test_a_deleted_check_cell_is_put_back_with_its_verdict(autograded):
    graded = _read(autograded["dir"] / "autograded" / "honest-deleted-check" / EXERCISE / f"{EXERCISE}.ipynb")
    deleted = "check-" + collect_checks(exercises.find(EXERCISE))[0].name
    restored = [c for c in graded["cells"] if _meta(c).get("grade_id") == deleted]
    assert len(restored) == 1 and "run_check" in "".join(restored[0]["source"])
    assert "✓" in json.dumps(restored[0]["outputs"], ensure_ascii=False)


# ---------------------------------------------------------------------------- without nbgrader's run
def test_the_module_leaves_out_what_only_a_notebook_runs():
    cells = [_cell("%matplotlib inline\nimport numpy as np\n!pip install x", 0),
             _cell("%%time\nslow()", 1),
             _cell("def f(:\n    pass", 2),
             _cell("import grader\nfrom grader.checking.notebook import run_check as rc\ndef g():\n    return 1\nshow(g())\n"
                   "grader.check('exercise-05')\nrc('exercise-05', 'relu', globals())", 3),
             {**_cell("run_check('exercise-05', 'relu', globals())", 4),
              "metadata": {"nbgrader": {"grade": True, "grade_id": "check-relu", "points": 1}}},
             {**_cell("def answer():\n    return 42", 5),  # an answer graded by hand is the learner's code
              "metadata": {"nbgrader": {"grade": True, "solution": True, "grade_id": "mine", "points": 1}}}]
    code = notebook_code({"cells": cells})
    assert "import numpy as np" in code and "def g():" in code and "def answer():" in code
    for left_out in ("matplotlib", "pip", "slow", "def f", "grader", "rc(", "run_check", "show("):
        assert left_out not in code, left_out
    assert code.startswith("\nimport numpy as np\n\n")  # a cell's lines keep their numbers


def _result(score: float, max_score: float = 1.0):
    from grader.i18n import T
    from grader.results import CheckResult

    return CheckResult(exercise=EXERCISE, name="relu", description=T("relu works", "relu"), score=score,
                       max_score=max_score, status="passed" if score == max_score else "failed", hidden=False,
                       message=T("wrong", "틀림"), hint=T("look again", "다시"))


def test_verdict_outputs_give_nbgrader_the_points():
    pytest.importorskip("nbgrader")
    from nbformat import NotebookNode
    from nbgrader.utils import determine_grade

    from grader.instructor.nbgrader.autograde import verdict_outputs

    def scored(result, points):
        cell = NotebookNode(cell_type="code", source="", outputs=verdict_outputs(result, points, "en", 1),
                            metadata=NotebookNode(nbgrader=NotebookNode(grade=True, solution=False, points=points)))
        return determine_grade(cell)[0]

    assert scored(_result(1.0), 1) == 1 and scored(_result(1.0), 3) == 3
    assert scored(_result(0.0), 1) == 0 and scored(_result(1.0, 4.0), 2) == 0.5
    assert scored(None, 2) == 0  # a test cell that is not one of the kit's checks


def test_autograde_refuses_without_the_sandbox(monkeypatch, tmp_path):
    pytest.importorskip("nbgrader")
    from nbformat.v4 import new_notebook

    from grader.instructor.nbgrader import autograde

    monkeypatch.setattr(autograde, "missing", lambda: "no Landlock here")
    monkeypatch.setattr(autograde, "grade_code", lambda *a: pytest.fail("graded without the sandbox"))
    step = autograde.GradeInSandbox()
    with pytest.raises(RuntimeError, match="Refusing to grade.*no Landlock here"):
        step.preprocess(new_notebook(), {"nbgrader": {"notebook": EXERCISE}})


def test_the_config_replaces_only_the_kernel_run():
    pytest.importorskip("nbgrader")
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    from grader.instructor.nbgrader.autograde import GradeInSandbox, autograde_preprocessors

    default = list(Autograde.class_traits()["autograde_preprocessors"].default())
    assert autograde_preprocessors() == [GradeInSandbox if step is Execute else step for step in default]
    assert Execute in default and GradeInSandbox in autograde_preprocessors()


def test_only_the_kits_notebooks_are_graded_outside_kernels():
    pytest.importorskip("nbgrader")
    from grader.instructor.nbgrader.autograde import kit_exercise

    assert kit_exercise(EXERCISE).id == EXERCISE
    assert kit_exercise("05") is None and kit_exercise("homework") is None  # nbgrader's own way for those


def test_a_cell_of_any_shape_makes_a_module():
    cells = [{"cell_type": "code", "source": ["x = 1\n", 7, None]}, {"cell_type": "code", "source": 3},
             {"cell_type": "code"}, {"cell_type": "code", "source": "(" * 300 + ")" * 300},
             {"cell_type": "code", "source": "y = (x := 2)\n(z := 3)\n'text'"}]
    code = notebook_code({"cells": cells})
    assert code.startswith("x = 1\n") and "(z := 3)" in code and "y = (x := 2)" in code
