"""Broken and hostile learner code: a clear verdict, within a bound, and the grader unharmed.

The modules live in tests/bad_submissions/ (see its README).  Each case says which checks
of exercise-05 must pass (None: none may), what a failing check's message must say, and
how long grading may take at most (generous bounds: the point is "finishes", not speed).
Every case runs twice: with workers started afresh, and with workers forked by the warm
server that `grade` uses (grader/sandbox/forkserver.py).
"""
import os
import time
from pathlib import Path

import pytest

from grader import exercises
from grader.sandbox import forkserver
from grader.sandbox import process as learner
from grader.checking.runner import grade
from processes import processes_with_argument

ROOT = exercises.ROOT
BAD = Path(__file__).resolve().parent / "bad_submissions"
EX05 = exercises.find("exercise-05")
ALL = {"step_function_values", "step_function_integer_dtype", "sigmoid_values", "sigmoid_edges", "relu",
       "plot_activations", "init_network", "forward_lecture", "forward_random", "forward_batch"}
SIGMOID = {"sigmoid_values", "sigmoid_edges", "plot_activations", "forward_lecture", "forward_random",
           "forward_batch"}  # plot and forward call sigmoid too
RELU = {"relu", "plot_activations"}

# case: (checks that must pass, words in the failing checks' message, status of the failures, seconds)
CASES = {
    "syntax_error": (set(), "syntax error in ex05_activations.py, line 3", "error", 30),
    "import_exception": (set(), "RuntimeError: boom while importing", "error", 30),
    "import_loop": (set(), "did not finish within", "timeout", 40),
    "import_sys_exit": (set(), "sys.exit()", "error", 30),
    "import_os_exit": (set(), "exited with code 3", "error", 30),
    "empty": (set(), "is missing: keep the function and class names", "error", 30),
    "import_memory": (set(), "memory", "error", 30),
    "copy_import": (set(), "imports solutions", "error", 30),
    "copy_by_path": (set(), "imports solutions/ex05_activations.py", "error", 30),
    "relu_loops": (ALL - RELU, "did not finish within", "timeout", 60),
    "sigmoid_memory": (ALL - SIGMOID, "memory", "error", 60),
    "sigmoid_segfault": (ALL - SIGMOID, "killed by SIGSEGV", "error", 60),
    "sigmoid_exits": (ALL - SIGMOID, "exited with code 0", "error", 60),
    "garbage_reply": (ALL - SIGMOID, "", None, 90),
    "print_flood": (ALL, "", None, 60),
    "monkeypatch": (set(), "imports grader/checking/check.py", "error", 30),  # the sandbox refuses it
    "side_effects": (ALL, "", None, 30),
}


# cases whose subject this platform may lack (see tests/conftest.py)
REQUIRES = {"import_memory": "memory_limit", "sigmoid_memory": "memory_limit", "sigmoid_segfault": "signal_exits",
            "monkeypatch": "landlock"}


def _environ() -> dict:
    return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}  # pytest's own


def build(case: str, folder: Path) -> Path:
    whole = BAD / f"{case}.py"
    if whole.exists():
        source = whole.read_text(encoding="utf-8")
    else:
        source = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8") + "\n" + \
            (BAD / f"{case}.append.py").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EX05.filename).write_text(source, encoding="utf-8")
    return folder


@pytest.fixture(params=["spawned", pytest.param("forked", marks=pytest.mark.requires("fork_server"))])
def worker_mode(request, monkeypatch):
    """How workers start; "forked" also proves that the warm server really forked them."""
    if request.param == "spawned":
        yield request.param
        return
    forkserver.start()
    deadline = time.monotonic() + 60
    while not (forkserver.socket_path().exists() and forkserver.running()):
        assert time.monotonic() < deadline, "the warm server did not start"
        time.sleep(0.05)
    forked = []

    def counting(*args, **kwargs):
        process = real(*args, **kwargs)
        forked.append(process)
        return process

    real = forkserver.fork_worker
    monkeypatch.setattr(forkserver, "fork_worker", counting)
    monkeypatch.setattr(learner, "use_forkserver", True)
    monkeypatch.setattr(forkserver, "_unresponsive", False)
    monkeypatch.setattr(forkserver, "CONNECT_TIMEOUT", 10.0)  # a busy test machine is not a stuck server
    yield request.param
    assert forked and all(forked), "a worker was not forked by the warm server"


def test_every_bad_submission_has_a_case():
    names = {p.name.split(".")[0] for p in BAD.glob("*.py")}
    assert names == set(CASES) | {"bad_values"}


@pytest.mark.parametrize("case", [
    pytest.param(case, marks=[pytest.mark.requires(REQUIRES[case])] if case in REQUIRES else [])
    for case in sorted(CASES)])
def test_bad_submission(case, tmp_path, worker_mode):
    must_pass, words, status, bound = CASES[case]
    target = build(case, tmp_path / case)
    cwd, env = os.getcwd(), _environ()
    start = time.monotonic()
    report = grade([EX05], target, seed=5)
    elapsed = time.monotonic() - start
    (ex,) = report.exercises
    passed = {c.name for c in ex.checks if c.status == "passed"}
    assert passed == must_pass, [(c.name, c.status, c.message.en if c.message else "") for c in ex.checks]
    assert ex.score == sum(c.max_score for c in ex.checks if c.name in must_pass)
    assert len(ex.checks) == len(ALL)
    for check in ex.checks:
        if check.name not in must_pass:
            assert check.score == 0
            if status:
                assert check.status == status, (check.name, check.status, check.message)
            else:
                assert check.status in ("error", "timeout"), (check.name, check.status)
            text = (check.message.en if check.message else "") + " " + (check.hint.en if check.hint else "")
            assert words.lower() in text.lower(), (check.name, text)
    assert elapsed < bound, f"{case} took {elapsed:.1f} s"
    assert os.getcwd() == cwd and _environ() == env  # the grader's own process is untouched




def test_no_learner_process_survives(tmp_path, worker_mode):
    target = build("side_effects", tmp_path / "side")
    report = grade([EX05], target, seed=1)
    assert report.score == report.max_score  # the module imported and started its child
    deadline = time.monotonic() + 10  # killed processes take a moment to go on a loaded machine
    while processes_with_argument("300.271828") and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = processes_with_argument("300.271828")  # the learner's `sleep 300.271828`
    assert not alive, f"the learner's child process {alive} outlived grading"


def test_bad_values_are_named_not_grader_errors(tmp_path, worker_mode):
    report = grade([EX05], build("bad_values", tmp_path / "bad"), seed=2)
    checks = {c.name: c for c in report.exercises[0].checks}
    texts = {name: (c.message.en if c.message else "") + " " + (c.hint.en if c.hint else "")
             for name, c in checks.items()}
    assert "not a NumPy array" in texts["step_function_values"]
    assert "None" in texts["sigmoid_values"] and "return" in texts["sigmoid_values"]
    assert "dtype=object" in texts["relu"]
    assert "generator" in texts["forward_batch"]
    assert "not a matplotlib Figure" in texts["plot_activations"]
    for name, text in texts.items():
        assert "could not run this check" not in text, (name, text)  # never a grader traceback


def test_detached_learner_processes_die_with_the_worker_every_time(tmp_path, worker_mode):
    """A worker left alone on end-of-file exits at once; its detached children must be found first."""
    from grader.sandbox.process import LearnerProcess
    module = tmp_path / "spawner.py"
    module.write_text("import subprocess\n"
                      "def start():\n"
                      "    return subprocess.Popen(['sleep', '300'], start_new_session=True).pid\n",
                      encoding="utf-8")
    pids = []
    for _ in range(10):
        process = LearnerProcess(module)
        process.start()
        pids.append(process.request(("call", None, "start", (), {}), "start()"))
        process.close()
    time.sleep(0.2)
    alive = [pid for pid in pids if Path(f"/proc/{pid}/stat").exists()
             and " Z " not in Path(f"/proc/{pid}/stat").read_text()]
    assert not alive, f"{len(alive)} of 10 detached processes outlived their worker"
