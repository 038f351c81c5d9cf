"""``grader.check`` in notebooks: real notebooks executed by ``jupyter nbconvert``, and the source extraction."""
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grader import exercises
from grader.jupyter import namespace_source, notebook_source

ROOT = exercises.ROOT
SOLUTION = (ROOT / "solutions" / "ex05_activations.py").read_text(encoding="utf-8")
CODE = SOLUTION[SOLUTION.index("import numpy as np"):]  # the definitions, without the module docstring
WRONG_SIGMOID = CODE.replace("return 1 / (1 + np.exp(-x))", "return 1 / 1 + np.exp(-x)")
KERNEL = "grader-jupyter-test"
CELL_TIMEOUT = 240


def run_notebook(tmp_path: Path, cells: list[str], lang: str = "en") -> list[str]:
    """Execute a notebook of ``cells`` in a kernel of this Python; each cell's output as text."""
    kernels = tmp_path / "jupyter" / "kernels" / KERNEL
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "grader test", "language": "python"}))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    path = tmp_path / "student.ipynb"
    nbformat.write(notebook, path)
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter"), "GRADER_LANG": lang,
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
         f"--ExecutePreprocessor.kernel_name={KERNEL}", f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}",
         str(path)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=len(cells) * CELL_TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    return [_text(cell) for cell in nbformat.read(path, as_version=4).cells]


def _text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return "".join(parts)


# ---------------------------------------------------------------------------- real notebooks
def test_a_correct_notebook_scores_full_marks_again_and_again(tmp_path):
    check = 'import grader\nr = grader.check("exercise-05")\nprint("RESULT", r.score, r.max_score)'
    out = run_notebook(tmp_path, [CODE, "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
                                  check, check, 'grader.check("ex05")',
                                  'import sys\nprint("PYTEST", "pytest" in sys.modules)'])
    for text in out[2:4]:
        assert "Total: 10/10" in text and "RESULT 10.0 10.0" in text, text
        assert "\x1b[" not in text  # no terminal control codes in a notebook
    assert "Total: 10/10" in out[4] and "Outcome(exercise='exercise-05', score=10.0, max_score=10.0)" in out[4]
    assert "PYTEST False" in out[5]  # the kernel never imported the grader's pytest


def test_a_wrong_sigmoid_fails_with_a_hint_and_a_function_filter(tmp_path):
    out = run_notebook(tmp_path, [WRONG_SIGMOID, 'import grader\ngrader.check("exercise-05")',
                                  'r = grader.check("exercise-05", "sigmoid")\nprint(sorted(c.name for c in r.result.checks))'])
    full = out[1]
    assert "✗ sigmoid matches 1 / (1 + exp(-x))" in full and "✗ failed" in full
    assert "Hint:" in full and "Total: 10/10" not in full
    only = out[2]
    assert "sigmoid matches" in only and "sigmoid(0) is 0.5" in only
    assert "step_function" not in only and "relu keeps" not in only and "init_network" not in only
    assert "['plot_activations', 'sigmoid_edges', 'sigmoid_values']" in only


def test_an_infinite_loop_times_out_and_the_kernel_survives(tmp_path):
    loop = CODE + "\n\ndef relu(x):\n    while True:\n        pass\n"
    crash = "def step_function(x):\n    import sys\n    sys.exit(3)\n"
    out = run_notebook(tmp_path, [loop, 'import grader\nr = grader.check("exercise-05", "relu")', crash,
                                  'grader.check("exercise-05", "step_function")', 'print("ALIVE", r.score, r.max_score)'])
    assert "⏱ timeout" in out[1] and "relu" in out[1]
    assert "Total: 0/2" in out[1]
    assert "In [" in out[3] and "sys.exit(3)" in out[3] and "Total: 0/2" in out[3]
    assert "ALIVE 0.0 2.0" in out[4]


def test_a_notebook_in_korean(tmp_path):
    out = run_notebook(tmp_path, [CODE, 'import grader\ngrader.check("exercise-05", "forward", seed=123)'], lang="ko")
    assert "총점: 3/3" in out[1] and "완료" in out[1] and "시드 123" in out[1] and "Total" not in out[1]


def test_plain_python_prints_the_report(tmp_path):
    script = tmp_path / "mine.py"
    script.write_text(CODE + '\nimport grader\nprint("RESULT", grader.check("exercise-05", "relu").score)\n')
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**os.environ, "GRADER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    assert "relu keeps positive values" in done.stdout and "RESULT 2.0" in done.stdout


def test_import_grader_stays_cheap():
    code = "import grader, sys; print(sorted({'rich', 'pytest', 'numpy', 'grader.jupyter'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


# ---------------------------------------------------------------------------- the source extraction
def test_the_source_keeps_definitions_and_drops_calls_magics_and_plots():
    history = [
        ("In [1]", "import numpy as np\nimport matplotlib.pyplot as plt\nimport grader\nimport not_installed"),
        ("In [2]", "!pip install -e .\n%cd kit\nTHRESHOLD = 0\nW = np.array([[0.1, 0.3], [0.2, 0.4]])"),
        ("In [3]", "def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\nx = np.arange(-5.0, 5.0, 0.1)\n"
                   "plt.plot(x, sigmoid(x))\nplt.show()\ny = sigmoid(x)"),
        ("In [4]", "get_ipython().system('ls')\nget_ipython().run_line_magic('matplotlib', 'inline')"),
        ("In [5]", "%%time\ndef slow():\n    pass"),
        ("In [6]", "@staticmethod\ndef deco(f):  # 한국어 주석\n    return f\nclass Net:\n    pass\nn = 1; print(n)"),
        ("In [7]", 'grader.check("exercise-05")\nresult = grader.check("exercise-05", "sigmoid")'),
        ("In [8]", "while True:\n    pass\nnetwork = {}\nnetwork['W1'] = W\nfig, ax = plt.subplots()"),
        ("In [9]", "def broken(:\n    pass"),
        ("In [10]", "def deleted_since():\n    pass"),
    ]
    kept = ["Net", "THRESHOLD", "W", "deco", "n", "network", "np", "plt", "sigmoid", "x"]
    namespace = {**dict.fromkeys(kept), "grader": object(), "fig": None, "ax": None, "y": None, "slow": None}
    source, origins = notebook_source(history, namespace)
    module = types.ModuleType("ex05_activations")
    exec(compile(source, "ex05_activations.py", "exec"), module.__dict__)  # noqa: S102 - our own test code
    assert sorted(k for k in vars(module) if not k.startswith("__")) == kept
    for dropped in ("grader", "not_installed", "pip", "%cd", "plt.show", "plt.plot", "y =", "slow", "print",
                    "while", "subplots", "system", "run_line_magic", "broken", "deleted_since"):
        assert dropped not in source, dropped
    assert module.network == {}  # network["W1"] = ...: not a name, dropped
    line = source.splitlines().index("def sigmoid(x):") + 1
    assert origins[line - 1] == ("In [3]", 1)
    assert origins[source.splitlines().index("n = 1")] == ("In [6]", 6)


def test_without_history_the_namespace_gives_the_source(tmp_path):
    script = tmp_path / "mine.py"
    script.write_text("def sigmoid(x):\n    return x\n")
    namespace = {"__name__": "mine", "np": np, "RATE": 0.5, "BIG": np.zeros(3)}
    exec(compile(script.read_text(), str(script), "exec"), namespace)  # noqa: S102 - our own test code
    source, origins = namespace_source(namespace)
    assert "import numpy as np" in source and "RATE = 0.5" in source and "BIG" not in source
    assert "def sigmoid(x):" in source
    assert origins[source.splitlines().index("def sigmoid(x):")] == ("mine.py", 1)


@pytest.mark.parametrize("cell", ["grader.check('exercise-05')", "from grader import check\ncheck(5)",
                                  "import grader as g\ng.check(5)"])
def test_every_way_of_calling_check_is_dropped(cell):
    assert notebook_source([("In [1]", cell)])[0].strip() == ""
