"""Learner code as a hostile student writes it: nothing it does forges a verdict, reaches the
instructor's files, or outlives grading.

Each attack runs in a real worker (spawned, and forked by the warm server where one runs),
and each test also checks the legitimate action next to the attack, so that it fails when
the defence is missing rather than when the worker is merely broken.  The attacks the
sandbox itself blocks one by one (reads, writes, /dev/shm, TCP, scopes) are also tested on
the bare confinement in ``test_confine.py``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader import exercises
from grader.checking.runner import grade
from grader.render.report import render_to_text
from grader.sandbox import forkserver, keeper
from grader.sandbox import process as learner
from grader.sandbox.process import LearnerCrashed, LearnerProcess
from processes import processes_with_argument

ROOT = exercises.ROOT
EX05 = exercises.find("exercise-05")
EX06 = exercises.find("exercise-06")
SOLUTION = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")
pytestmark = pytest.mark.requires("landlock", "fork")  # the sandbox is Linux's: elsewhere see test_portable.py


def module(folder: Path, source: str, name: str = EX05.filename) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    return folder / name


def call(path: Path, name: str, *args):
    process = LearnerProcess(path)
    process.start()
    try:
        return process.request(("call", None, name, args, {}), f"{name}()")
    finally:
        process.close()


def started_by(path: Path) -> type:
    """The kind of process that served a worker for ``path`` (Popen, or the server's ForkedProcess)."""
    process = LearnerProcess(path)
    process.start()
    kind = type(process.proc)
    process.close()
    return kind


def settled(find, *args, seconds: float = 10.0) -> list[int]:
    """``find(*args)`` once killed processes have had a moment to go (a loaded machine is slow)."""
    deadline = time.monotonic() + seconds
    while find(*args) and time.monotonic() < deadline:
        time.sleep(0.1)
    return find(*args)


def processes_named(name: str) -> list[int]:
    """Live processes whose name (``/proc/PID/comm``, set with PR_SET_NAME) is ``name``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == name \
                    and " Z " not in (entry / "stat").read_text():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime




@pytest.fixture(params=["spawned", "forked"])
def worker_mode(request, monkeypatch):
    if request.param == "forked":
        if forkserver.socket_path() is None:
            pytest.fail("no warm server on Linux")
        forkserver.start()
        deadline = time.monotonic() + 60
        while not (forkserver.socket_path().exists() and forkserver.running()):
            assert time.monotonic() < deadline, "the warm server did not start"
            time.sleep(0.05)
        monkeypatch.setattr(learner, "use_forkserver", True)
        monkeypatch.setattr(forkserver, "_unresponsive", False)
        monkeypatch.setattr(forkserver, "CONNECT_TIMEOUT", 10.0)
    return request.param


# ---------------------------------------------------------------------------- the reference
def test_running_the_reference_from_its_file_scores_nothing(tmp_path, worker_mode):
    copy = ("import os\n"
            f"exec(compile(open({str(ROOT / 'solutions' / EX05.filename)!r}).read(), __file__, 'exec'))\n")
    report = grade([EX05], module(tmp_path / "exec", copy).parent, seed=1)
    assert report.score == 0
    assert "solutions/ex05_activations.py" in report.exercises[0].checks[0].message.en
    assert grade([EX05], module(tmp_path / "own", SOLUTION).parent, seed=1).full_marks  # its own copy: fine


def test_a_module_that_links_to_the_reference_scores_nothing(tmp_path, worker_mode):
    folder = tmp_path / "link"
    folder.mkdir()
    (folder / EX05.filename).symlink_to(ROOT / "solutions" / EX05.filename)
    report = grade([EX05], folder, seed=1)
    assert report.score == 0
    assert "imports solutions/ex05_activations.py" in report.exercises[0].checks[0].message.en


# ---------------------------------------------------------------------------- the grader's files
def test_the_grader_on_disk_cannot_be_edited(tmp_path, worker_mode):
    conftest = ROOT / "grader" / "checks" / "conftest.py"
    before = conftest.read_bytes()
    edit = ("import os, pathlib\n"
            "def attempts():\n"
            "    done = []\n"
            f"    for target in [{str(conftest)!r}, {str(ROOT / 'grader' / 'checking' / 'plugin.py')!r}]:\n"
            "        try:\n"
            "            with open(target, 'a') as f:\n"
            "                f.write('\\n# pass everything\\n')\n"
            "            done.append(target)\n"
            "        except OSError:\n"
            "            pass\n"
            f"    cache = pathlib.Path({str(ROOT / 'grader' / 'checking' / '__pycache__')!r})\n"
            "    try:\n"
            "        cache.mkdir(exist_ok=True)\n"
            "        (cache / 'plugin.cpython-311.pyc').write_bytes(b'backdoor')\n"
            "        done.append('pyc')\n"
            "    except OSError:\n"
            "        pass\n"
            "    pathlib.Path('mine.txt').write_text('a file of my own')  # the scratch folder: allowed\n"
            "    return done + [open('mine.txt').read()]\n")
    assert call(module(tmp_path, edit), "attempts") == ["a file of my own"]
    assert conftest.read_bytes() == before


# ---------------------------------------------------------------------------- the warm server
@pytest.mark.parametrize("worker_mode", ["forked"], indirect=True)
def test_learner_code_cannot_get_a_worker_from_the_warm_server(tmp_path, worker_mode):
    sock = forkserver.socket_path()
    ask = ("import socket, os\n"
           "def ask(path):\n"
           "    try:\n"
           "        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
           "        s.settimeout(5)\n"
           "        s.connect(path)\n"
           "        r, w = os.pipe()\n"
           "        request = b'{\"args\": [], \"cwd\": \"/\", \"env\": {}, \"memory_limit\": 0}\\n'\n"
           "        socket.send_fds(s, [request], [r, w, w])\n"
           "        return s.recv(100).decode()\n"
           "    except OSError as exc:\n"
           "        return type(exc).__name__\n")
    answer = call(module(tmp_path, ask), "ask", str(sock))
    assert '"pid"' not in answer  # refused: the connection closes without a worker
    assert forkserver.running()  # and the real server still serves the grader
    assert started_by(module(tmp_path / "ok", "def f():\n    return 1\n")) is forkserver.ForkedProcess


# ---------------------------------------------------------------------------- results and signals
def test_a_detached_helper_cannot_rewrite_the_results(tmp_path, worker_mode):
    results = tmp_path / "out" / "results.json"
    writer = ("import os, time\n"
              "if os.fork() == 0:\n"
              "    os.setsid()\n"
              "    if os.fork() == 0:\n"
              "        for _ in range(300):\n"
              "            try:\n"
              f"                os.makedirs({str(results.parent)!r}, exist_ok=True)\n"
              f"                open({str(results)!r}, 'w').write('{{\"score\": 10}}')\n"
              "            except OSError:\n"
              "                pass\n"
              "            time.sleep(0.01)\n"
              "    os._exit(0)\n") + SOLUTION.replace("def sigmoid", "def _unused_sigmoid") + \
        "\ndef sigmoid(x):\n    return x\n"
    report = grade([EX05], module(tmp_path / "w", writer).parent, seed=1)
    from grader.files import write_json
    write_json(results, report.to_json())
    time.sleep(1.0)
    assert json.loads(results.read_text(encoding="utf-8"))["score"] == report.score < report.max_score


def test_learner_code_cannot_signal_the_grader(tmp_path, worker_mode):
    probe = ("import os, signal, time\n"
             "def probe(pid):\n"
             "    out = []\n"
             "    for target in (pid, os.getppid()):  # the grader, and the worker's keeper\n"
             "        try:\n"
             "            os.kill(target, signal.SIGSTOP)\n"
             "            out.append('stopped')\n"
             "        except PermissionError:\n"
             "            out.append('refused')\n"
             "    child = os.fork()\n"
             "    if child == 0:\n"
             "        time.sleep(5)\n"
             "        os._exit(0)\n"
             "    os.kill(child, signal.SIGKILL)  # its own processes: allowed\n"
             "    os.waitpid(child, 0)\n"
             "    return out + ['own child killed']\n")
    assert call(module(tmp_path, probe), "probe", os.getpid()) == ["refused", "refused", "own child killed"]


# ---------------------------------------------------------------------------- processes and memory
def test_a_double_fork_before_the_worker_dies_leaves_nothing(tmp_path, worker_mode):
    escape = ("import os, time\n"
              "if os.fork() == 0:\n"
              "    os.setsid()\n"
              "    if os.fork() == 0:\n"
              "        os.execvp('sleep', ['sleep', '300.5772'])\n"
              "    os._exit(0)\n"
              "time.sleep(0.3)\n"
              "os._exit(3)\n")
    process = LearnerProcess(module(tmp_path, escape))
    with pytest.raises(Exception) as raised:
        process.start()
    assert isinstance(raised.value, LearnerCrashed) and "exited with code 3" in raised.value.text.en
    assert settled(processes_with_argument, "300.5772") == []


def test_children_that_together_exceed_the_memory_limit_are_killed(tmp_path, worker_mode):
    hog = ("import ctypes, os, time\n"
           "def hog():\n"
           "    for _ in range(3):\n"
           "        if os.fork() == 0:\n"
           "            ctypes.CDLL(None).prctl(15, b'hog6931', 0, 0, 0)  # PR_SET_NAME: found by the test\n"
           "            block = bytearray(1400 * 1024 * 1024)  # each well under the 2 GiB limit\n"
           "            block[::4096] = b'x' * len(block[::4096])\n"
           "            time.sleep(300)\n"
           "    time.sleep(20)\n"
           "    return 'survived'\n")
    process = LearnerProcess(module(tmp_path, hog), memory_limit=2 * 1024**3, timeout=60)
    process.start()
    try:
        with pytest.raises(LearnerCrashed) as crashed:
            process.request(("call", None, "hog", (), {}), "hog()")
        assert crashed.value.memory
        assert settled(processes_named, "hog6931") == []
    finally:
        process.close()
        for pid in processes_named("hog6931"):  # never leave 4 GiB behind, even when the test fails
            os.kill(pid, 9)


def test_a_fork_loop_is_stopped(tmp_path, worker_mode):
    loop = ("import os, time\n"
            "def spawn(n):\n"
            "    for _ in range(n):\n"
            "        if os.fork() == 0:\n"
            "            os.execvp('sleep', ['sleep', '300.4142'])\n"
            "    time.sleep(1)\n"
            "    return n\n")
    path = module(tmp_path, loop)
    assert call(path, "spawn", 5) == 5  # a few helper processes are fine
    with pytest.raises(LearnerCrashed):
        call(path, "spawn", keeper.MAX_PROCESSES * 3)
    assert settled(processes_with_argument, "300.4142") == []


@pytest.mark.requires("keeper")
def test_a_worker_is_the_kernels_first_choice_when_memory_runs_out(tmp_path, worker_mode):
    """Workers each within their limit can together exceed the machine: the kernel then kills a
    worker (the largest), never a grading process, and learner code cannot change that."""
    code = ("import os, subprocess\n"
            "def oom():\n"
            "    try:\n"
            "        with open('/proc/self/oom_score_adj', 'w') as f:\n"
            "            f.write('-1000')\n"
            "        lowered = 'lowered'\n"
            "    except OSError as exc:\n"
            "        lowered = type(exc).__name__\n"
            "    child = subprocess.Popen(['sleep', '30.6931'])\n"
            "    return [os.getpid(), child.pid, lowered]\n")

    def score(pid):
        with open(f"/proc/{pid}/oom_score_adj") as f:
            return int(f.read())

    process = LearnerProcess(module(tmp_path, code), timeout=30)
    process.start()
    try:
        worker, child, lowered = process.request(("call", None, "oom", (), {}), "oom()")
        assert score(worker) == score(child) == keeper.OOM_FIRST and lowered != "lowered", lowered
    finally:
        process.close()
    assert score("self") < keeper.OOM_FIRST  # the grader is not


def test_files_are_bounded_and_the_limits_cannot_be_raised(tmp_path, worker_mode):
    big = ("import resource\n"
           "def write(n):\n"
           "    try:\n"
           "        with open('big.bin', 'wb') as f:\n"
           "            f.seek(n)\n"
           "            f.write(b'x')\n"
           "        return 'written'\n"
           "    except OSError as exc:\n"
           "        return exc.errno\n"
           "def raise_limits():\n"
           "    try:\n"
           "        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\n"
           "        return 'raised'\n"
           "    except (ValueError, OSError):\n"
           "        return [resource.getrlimit(r) for r in (resource.RLIMIT_CPU, resource.RLIMIT_NOFILE)]\n")
    path = module(tmp_path, big)
    import errno
    assert call(path, "write", 1024 * 1024) == "written"
    assert call(path, "write", 256 * 1024 * 1024) == errno.EFBIG
    from grader.sandbox.worker import CPU_SECONDS
    assert call(path, "raise_limits") == [(CPU_SECONDS, CPU_SECONDS), (256, 256)]


# ---------------------------------------------------------------------------- what learner code sees
def test_the_instructors_environment_does_not_reach_learner_code(tmp_path, worker_mode, monkeypatch):
    monkeypatch.setenv("GRADESCOPE_API_TOKEN", "s3cret")
    peek = ("import os\n"
            "def peek():\n"
            "    return sorted(os.environ)\n")
    names = call(module(tmp_path, peek), "peek")
    assert "GRADESCOPE_API_TOKEN" not in names and "OPENBLAS_NUM_THREADS" in names


def test_control_sequences_in_learner_text_never_reach_the_terminal(tmp_path):
    noisy = SOLUTION + ("\ndef sigmoid(x):\n"
                        "    print('\\x1b[2J\\x1b]0;owned\\x07')\n"
                        "    raise ValueError('\\x1b[31mred\\x1b[0m and a bell\\x07')\n")
    report = grade([EX05], module(tmp_path, noisy).parent, seed=1)
    text = render_to_text(report, "en", width=200)
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[31mred" in text  # shown, as text


def test_text_that_reorders_or_hides_itself_is_shown_as_escapes(tmp_path):
    """A right-to-left override or a zero-width mark would make a message read differently than it is."""
    tricky = SOLUTION + ("\ndef sigmoid(x):\n"
                         "    raise ValueError('score \\u202e01/01\\u202c \\u200bok\\u2028Total: 10/10')\n")
    report = grade([EX05], module(tmp_path, tricky).parent, seed=1)
    text = render_to_text(report, "en", width=200)
    assert not any(c in text for c in "\u202e\u202c\u200b\u2028"), text
    assert "\\u202e01/01" in text


def test_a_hostile_exercise_leaves_a_correct_one_in_the_same_run_alone(tmp_path, worker_mode):
    folder = tmp_path / "mixed"
    module(folder, "import os\nos.system('sleep 1 &')\nwhile True:\n    os.fork() if False else None\n")
    module(folder, (ROOT / "solutions" / EX06.filename).read_text(encoding="utf-8"), EX06.filename)
    report = grade([EX05, EX06], folder, seed=1)
    scores = {ex.id: ex.score for ex in report.exercises}
    assert scores[EX05.id] == 0 and report.exercises[1].score == report.exercises[1].max_score


def test_the_grade_command_reports_a_forgery_attempt_as_zero(tmp_path):
    folder = tmp_path / "cli"
    copy = f"exec(open({str(ROOT / 'solutions' / EX05.filename)!r}).read())\n"
    module(folder, copy)
    out = tmp_path / "report.json"
    run = subprocess.run([sys.executable, "-m", "grader", EX05.id, "--target", str(folder), "--json", str(out),
                          "--seed", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "GRADER_FORKSERVER": "0"})
    assert run.returncode == 1
    assert json.loads(out.read_text(encoding="utf-8"))["score"] == 0


# ---------------------------------------------------------------------------- no sandbox, no official grades
def test_instructor_grading_refuses_without_the_sandbox_unless_told(tmp_path, monkeypatch, capsys):
    from grader import cli
    from grader.instructor.batch import main as batch_main
    from grader.sandbox import guarantee
    monkeypatch.setattr(guarantee, "missing", lambda: "the kernel has no Landlock")
    results = tmp_path / "results.json"
    gradescope = [EX05.id, "--solutions", "--format", "gradescope", "--results", str(results), "--seed", "1"]
    assert cli.main(gradescope) == 2  # refused: Gradescope's results.json says so, with no score
    refused = json.loads(results.read_text(encoding="utf-8"))
    assert refused["score"] == 0 and "the kernel has no Landlock" in refused["output"]
    assert "the kernel has no Landlock" in " ".join(capsys.readouterr().err.split())
    assert cli.main(gradescope + ["--unsafe-no-sandbox"]) == 0
    assert json.loads(results.read_text(encoding="utf-8"))["score"] == 10
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    assert batch_main([str(tmp_path / "subs"), "--exercises", "05"]) == 2
    assert "--unsafe-no-sandbox" in " ".join(capsys.readouterr().err.split())
    assert cli.main([EX05.id, "--solutions", "--seed", "1"]) == 0  # a student's own grade still runs


def test_this_machine_confines_learner_code():
    from grader.sandbox import guarantee
    assert guarantee.missing() is None  # CI grades with the sandbox: every test above ran confined


def test_the_non_root_path_confines_too(tmp_path):
    """As a user without privileges (here: root seen through a user namespace of its own, as an
    ordinary user sees itself): no user change, no chown, the same sandbox."""
    folder = tmp_path / "plain"
    module(folder, f"exec(open({str(ROOT / 'solutions' / EX05.filename)!r}).read())\n")
    module(tmp_path / "honest", SOLUTION)
    prefix = ["unshare", "--user"] if os.geteuid() == 0 else []
    env = {**os.environ, "GRADER_FORKSERVER": "0"}
    who = subprocess.run([*prefix, sys.executable, "-c", "import os; print(os.geteuid())"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert who.stdout.strip() != "0", who.stderr
    runs = {}
    for name in ("plain", "honest"):
        out = tmp_path / f"{name}.json"
        subprocess.run([*prefix, sys.executable, "-m", "grader", EX05.id, "--target", str(tmp_path / name),
                        "--json", str(out), "--seed", "1"], cwd=tmp_path, env=env, capture_output=True, timeout=300)
        runs[name] = json.loads(out.read_text(encoding="utf-8"))
    assert runs["honest"]["score"] == runs["honest"]["max_score"] == 10
    assert runs["plain"]["score"] == 0
    assert "solutions/ex05_activations.py" in json.dumps(runs["plain"])


def test_nothing_leaves_over_udp(tmp_path, worker_mode):
    import socket
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    send = ("import socket\n"
            "def send(port):\n"
            "    try:\n"
            "        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'answers', ('127.0.0.1', port))\n"
            "        return 'sent'\n"
            "    except OSError as exc:\n"
            "        return exc.errno\n")
    try:
        assert call(module(tmp_path, send), "send", port) != "sent"
        with pytest.raises(socket.timeout):
            listener.recv(100)
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"control", ("127.0.0.1", port))
        assert listener.recv(100) == b"control"  # the listener works: the worker's packet was stopped
    finally:
        listener.close()


def test_an_endless_loop_does_not_outlive_a_killed_grader(tmp_path):
    loops = module(tmp_path / "loop", "def step_function(x):\n    while True:\n        pass\n")
    grader = subprocess.Popen([sys.executable, "-m", "grader", EX05.id, "--target", str(loops.parent)],
                              cwd=tmp_path, env={**os.environ, "GRADER_FORKSERVER": "0"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(cpu_seconds(pid) > 1.0 for pid in processes_with_argument(str(loops))):  # in the loop
        assert time.monotonic() < deadline and grader.poll() is None
        time.sleep(0.1)
    grader.kill()  # the grader alone, as a closed terminal or an out-of-memory kill would
    grader.wait()
    assert settled(processes_with_argument, str(loops)) == []


FORGE_ERRORS = ("import sys\n"
                "def forged(self, exc):\n"
                "    return {'ok': False, 'error': FORGED}\n"
                "for m in list(sys.modules.values()):\n"
                "    W = getattr(m, 'Worker', None)\n"
                "    if isinstance(W, type) and hasattr(W, 'serve'):\n"
                "        W.error = forged\n"
                "def step_function(x):\n    raise ValueError\n"
                "def sigmoid(x):\n    raise ValueError\n")


def test_forged_error_replies_never_crash_the_grader(tmp_path, worker_mode):
    for i, forged in enumerate(["{'type': 'X', 'frames': [5]}", "'not a dict'",
                                "{'type': 3, 'message': ['x'], 'frames': [['f', 'one', 2, None]]}"]):
        folder = tmp_path / f"forged{i}"
        module(folder, f"FORGED = {forged}\n" + FORGE_ERRORS)
        report = grade([EX05], folder, seed=1)
        assert report.score == 0 and {c.status for c in report.exercises[0].checks} <= {"error", "failed"}


def test_forged_frames_name_nothing_of_the_graders_files(tmp_path, worker_mode):
    frames = [[str(tmp_path / EX05.filename), 1, "a", ""], [str(ROOT / "solutions" / EX05.filename), 26, "?", ""]]
    forged = f"{{'type': 'NotImplementedError', 'message': '', 'not_implemented': True, 'frames': {frames!r}}}"
    report = grade([EX05], module(tmp_path, f"FORGED = {forged}\n" + FORGE_ERRORS).parent, seed=1)
    messages = {c.message.en for c in report.exercises[0].checks if c.name.startswith("sigmoid")}
    solution_names = {"step_function", "sigmoid", "relu", "init_network", "forward", "identity_function"}
    assert not any(name + " still raises" in m for m in messages for name in solution_names), messages
