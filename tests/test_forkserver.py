"""The warm server that forks workers for `grade` (grader/sandbox/forkserver.py).

How learner code behaves in forked workers (time-outs, crashes, memory, copying, side
effects) is proved case by case in test_isolation.py; this file covers the server itself.
"""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader import cli, exercises
from grader.sandbox import forkserver
from grader.sandbox import process as learner
from grader.sandbox.process import LearnerCrashed, LearnerError, LearnerProcess


def wait_until(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def warm_server(monkeypatch):
    forkserver.start()
    wait_until(lambda: all(path.exists() and forkserver.running(flavour)
                           for flavour, path in forkserver._paths(forkserver.socket_path()).items()))
    monkeypatch.setattr(learner, "use_forkserver", True)
    monkeypatch.setattr(forkserver, "_unresponsive", False)
    monkeypatch.setattr(forkserver, "CONNECT_TIMEOUT", 10.0)  # a busy test machine is not a stuck server
    return forkserver.socket_path()


IDENT = "def ident(x):\n    return x\n"


def probe(folder: Path, source: str) -> Path:
    module = folder / "probe.py"
    module.write_text(source, encoding="utf-8")
    return module


def started(module: Path) -> LearnerProcess:
    process = LearnerProcess(module)
    process.start()
    return process


@pytest.mark.requires("fork_server")
def test_forked_workers_import_from_the_module_folder_with_fresh_random_state(tmp_path, warm_server):
    module = tmp_path / "probe.py"
    module.write_text("import os, numpy as np\n"
                      "def where():\n    import sys\n    return [sys.path[0], os.getcwd(), os.environ['HOME']]\n"
                      "def draw():\n    return float(np.random.rand())\n"
                      "def env(name):\n    return os.environ.get(name)\n"
                      "def argv():\n    import sys\n    return sys.argv[0]\n", encoding="utf-8")
    draws = []
    for _ in range(2):
        process = LearnerProcess(module, env={"PROBE": "yes"})
        process.start()
        try:
            assert isinstance(process.proc, forkserver.ForkedProcess)
            path0, cwd, home = process.request(("call", None, "where", (), {}), "where()")
            assert path0 == str(tmp_path)  # its neighbours import; it works in its private scratch folder
            assert cwd == home == str(process.scratch)
            assert process.request(("call", None, "env", ("PROBE",), {}), "env()") == "yes"
            assert process.request(("call", None, "env", ("OPENBLAS_NUM_THREADS",), {}), "env()") == "1"
            assert process.request(("call", None, "argv", (), {}), "argv()").endswith("worker.py")
            draws.append(process.request(("call", None, "draw", (), {}), "draw()"))
        finally:
            process.close()
    assert draws[0] != draws[1]  # each worker seeds itself, as a fresh process would


@pytest.mark.requires("fork_server")
def test_a_killed_server_means_ordinary_workers_not_errors(tmp_path, warm_server, monkeypatch):
    assert forkserver.stop(warm_server.parent) >= 1
    wait_until(lambda: not forkserver.running())
    process = started(probe(tmp_path, IDENT))
    try:
        assert not isinstance(process.proc, forkserver.ForkedProcess)
        assert request(process, "ident", 1) == 1
    finally:
        process.close()


@pytest.mark.requires("fork_server")
def test_the_server_leaves_when_idle(monkeypatch):
    forkserver.stop()
    wait_until(lambda: not forkserver.running())
    forkserver.start(idle=1.0)
    wait_until(forkserver.running)
    wait_until(lambda: not forkserver.running(), seconds=90)
    assert not any(p.exists() for p in forkserver._paths(forkserver.socket_path()).values())  # both left


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


@pytest.mark.requires("fork_server")
def test_a_new_version_of_the_kit_gets_its_own_server(tmp_path, monkeypatch):
    for sub in ("grader", "dataset"):
        shutil.copytree(exercises.ROOT / sub, tmp_path / sub, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(forkserver, "PACKAGE_ROOT", tmp_path)
    before = forkserver.socket_path()
    edited = tmp_path / "grader" / "checking" / "check.py"  # a module in a sub-package counts too
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert forkserver.socket_path() != before


@pytest.mark.requires("fork_server")
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


def server_path(flavour: str = forkserver.PLAIN) -> Path:
    """The socket of the server that forks this file's probes (plain ones: the plain server)."""
    return forkserver._paths(forkserver.socket_path())[flavour]


def server_pid(flavour: str = forkserver.PLAIN) -> int:
    return forkserver._server_pid(server_path(flavour).with_suffix(".lock"))


def server_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in children.read_text().split()] if children.exists() else []


def request(process, name, *args):
    return process.request(("call", None, name, args, {}), f"{name}()")


@pytest.mark.requires("fork_server")
def test_a_stalled_server_costs_one_wait_and_its_late_worker_never_answers(tmp_path, warm_server, monkeypatch):
    monkeypatch.setattr(forkserver, "CONNECT_TIMEOUT", 1.0)
    module = probe(tmp_path, IDENT)
    server = server_pid()
    os.kill(server, signal.SIGSTOP)
    try:
        process = LearnerProcess(module)
        process.start()  # the server does not answer: an ordinary worker, on pipes of its own
        again = LearnerProcess(module)
        start = time.monotonic()
        again.spawn()  # this process no longer asks the stuck server
        assert time.monotonic() - start < 0.5
        again.close()
    finally:
        os.kill(server, signal.SIGCONT)
    try:
        assert not isinstance(process.proc, forkserver.ForkedProcess)
        assert [request(process, "ident", i) for i in range(5)] == list(range(5))
        wait_until(lambda: not server_children(server), seconds=10)  # the late one was killed
        assert [request(process, "ident", i) for i in range(5, 10)] == list(range(5, 10))
    finally:
        process.close()


@pytest.mark.requires("fork_server")
def test_a_module_that_plots_is_forked_with_matplotlib_warm_and_others_without(tmp_path, warm_server):
    loaded = "import sys\ndef loaded():\n    return 'matplot' + 'lib' in sys.modules\n"  # no mention of it
    (tmp_path / "plain").mkdir()
    (tmp_path / "plots").mkdir()
    plain = started(probe(tmp_path / "plain", loaded))
    plotting = started(probe(tmp_path / "plots", loaded + "# draws with matplotlib\n"))
    try:
        assert plain.proc.pid in server_children(server_pid(forkserver.PLAIN))
        assert plotting.proc.pid in server_children(server_pid(forkserver.PLOTTING))
        assert request(plain, "loaded") is False and request(plotting, "loaded") is True
    finally:
        plain.close()
        plotting.close()


@pytest.mark.requires("fork_server")
def test_a_worker_dies_with_its_client(tmp_path, warm_server):
    process = started(probe(tmp_path, IDENT))
    worker = process.proc.pid
    assert worker in server_children(server_pid())
    process.proc.conn.close()  # as when the grader itself dies
    wait_until(lambda: worker not in server_children(server_pid()), seconds=10)
    process.close()


@pytest.mark.requires("fork_server")
def test_a_crash_after_the_server_died_is_reported_not_invented(tmp_path, warm_server):
    process = started(probe(tmp_path, "import os\ndef leave():\n    os._exit(3)\n"))
    assert isinstance(process.proc, forkserver.ForkedProcess)
    os.kill(server_pid(), signal.SIGKILL)
    with pytest.raises(LearnerCrashed, match="unknown") as crash:
        request(process, "leave")
    assert "memory" not in str(crash.value)


@pytest.mark.requires("fork_server")
def test_forked_workers_behave_as_fresh_ones(tmp_path, warm_server):
    process = started(probe(tmp_path, "import os\nimport matplotlib\nmatplotlib.use('TkAgg')  # allowed before pyplot\n"
                            "def broken_pipe():\n    r, w = os.pipe()\n    os.close(r)\n    os.write(w, b'x')\n"))
    try:
        assert isinstance(process.proc, forkserver.ForkedProcess)
        with pytest.raises(LearnerError, match="BrokenPipeError"):
            request(process, "broken_pipe")  # an exception, as in a fresh Python, not SIGPIPE
    finally:
        process.close()


@pytest.mark.requires("fork_server")
def test_the_server_outlives_graders_that_die_with_workers_alive(tmp_path, warm_server):
    module = probe(tmp_path, IDENT)
    grader_dies = ("import os, sys\n"
                   "from grader.sandbox import process as learner\n"
                   "learner.use_forkserver = True\n"
                   "workers = [learner.LearnerProcess(sys.argv[1]) for _ in range(6)]\n"
                   "for w in workers:\n    w.start()\n"
                   "assert all(type(w.proc).__name__ == 'ForkedProcess' for w in workers)\n"
                   "os._exit(9)\n")
    server = server_pid()
    for _ in range(4):
        died = subprocess.run([sys.executable, "-c", grader_dies, str(module)], env=os.environ.copy())
        assert died.returncode == 9
    wait_until(lambda: not server_children(server), seconds=10)  # every worker died with its grader
    assert server_pid() == server and server_path().exists()
    process = started(module)
    try:
        assert isinstance(process.proc, forkserver.ForkedProcess)
        assert request(process, "ident", 7) == 7
    finally:
        process.close()


def test_a_grading_session_works_the_servers_key_out_once(monkeypatch, tmp_path):
    calls = []
    missing = tmp_path / "no-server.sock"

    def counting():
        calls.append(1)
        return missing

    monkeypatch.setattr(forkserver, "socket_path", counting)
    with forkserver.pinned():
        for _ in range(3):
            assert forkserver.fork_worker([], (0, 1), (2, None), cwd="/", env={}, memory_limit=1) is None
    assert len(calls) == 1
    forkserver.fork_worker([], (0, 1), (2, None), cwd="/", env={}, memory_limit=1)
    assert len(calls) == 2  # outside a session: worked out again (the kit may have changed)
