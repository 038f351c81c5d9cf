"""The warm server that forks workers for `grade` (grader/forkserver.py).

How learner code behaves in forked workers (time-outs, crashes, memory, copying, side
effects) is proved case by case in test_isolation.py; this file covers the server itself.
"""
import shutil
import time

import pytest

from grader import cli, exercises, forkserver, learner
from grader.learner import LearnerProcess


def wait_until(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def warm_server(monkeypatch):
    forkserver.start()
    wait_until(lambda: forkserver.socket_path().exists() and forkserver.running())
    monkeypatch.setattr(learner, "use_forkserver", True)
    return forkserver.socket_path()


def test_forked_workers_run_the_module_in_its_folder_with_fresh_random_state(tmp_path, warm_server):
    module = tmp_path / "probe.py"
    module.write_text("import os, numpy as np\n"
                      "def where():\n    return os.getcwd()\n"
                      "def draw():\n    return float(np.random.rand())\n"
                      "def env(name):\n    return os.environ.get(name)\n", encoding="utf-8")
    draws = []
    for _ in range(2):
        process = LearnerProcess(module, env={"PROBE": "yes"})
        process.start()
        try:
            assert isinstance(process.proc, forkserver.ForkedProcess)
            assert process.request(("call", None, "where", (), {}), "where()") == str(tmp_path)
            assert process.request(("call", None, "env", ("PROBE",), {}), "env()") == "yes"
            assert process.request(("call", None, "env", ("OPENBLAS_NUM_THREADS",), {}), "env()") == "1"
            draws.append(process.request(("call", None, "draw", (), {}), "draw()"))
        finally:
            process.close()
    assert draws[0] != draws[1]  # each worker seeds itself, as a fresh process would


def test_a_killed_server_means_ordinary_workers_not_errors(tmp_path, warm_server, monkeypatch):
    assert forkserver.stop(warm_server.parent) >= 1
    wait_until(lambda: not forkserver.running())
    module = tmp_path / "probe.py"
    module.write_text("def one():\n    return 1\n", encoding="utf-8")
    process = LearnerProcess(module)
    process.start()
    try:
        assert not isinstance(process.proc, forkserver.ForkedProcess)
        assert process.request(("call", None, "one", (), {}), "one()") == 1
    finally:
        process.close()


def test_the_server_leaves_when_idle(monkeypatch):
    forkserver.stop()
    wait_until(lambda: not forkserver.running())
    forkserver.start(idle=1.0)
    wait_until(forkserver.running)
    wait_until(lambda: not forkserver.running(), seconds=90)
    assert not forkserver.socket_path().exists()


def test_a_folder_others_can_enter_is_never_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    monkeypatch.setenv("GRADER_FORKSERVER_DIR", str(shared))
    assert forkserver.folder() is None and forkserver.socket_path() is None
    assert forkserver.fork_worker(["x.py"], (0, 1), (2, None), cwd="/", env={}, memory_limit=0) is None
    forkserver.start()  # does nothing
    assert list(shared.iterdir()) == []


def test_it_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("GRADER_FORKSERVER", "0")
    assert forkserver.socket_path() is None


def test_a_new_version_of_the_kit_gets_its_own_server(tmp_path, monkeypatch):
    for sub in ("grader", "dataset"):
        shutil.copytree(exercises.ROOT / sub, tmp_path / sub, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(forkserver, "PACKAGE_ROOT", tmp_path)
    before = forkserver.socket_path()
    edited = tmp_path / "grader" / "check.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert forkserver.socket_path() != before


def test_grade_starts_the_server_and_the_next_run_forks_from_it(capsys, monkeypatch):
    forkserver.stop()
    wait_until(lambda: not forkserver.running())
    target = str(exercises.ROOT / "solutions")
    assert cli.main(["exercise-05", "--target", target, "--seed", "1"]) == 0
    wait_until(lambda: forkserver.socket_path().exists())  # started after the report, for the next run
    forked = []
    real = forkserver.fork_worker
    monkeypatch.setattr(forkserver, "fork_worker", lambda *a, **k: forked.append(real(*a, **k)) or forked[-1])
    capsys.readouterr()
    assert cli.main(["exercise-05", "--target", target, "--seed", "1"]) == 0
    assert "10/10" in capsys.readouterr().out
    assert forked and all(isinstance(p, forkserver.ForkedProcess) for p in forked)
    assert learner.use_forkserver is False  # the command's setting does not outlive it
