"""`grade` where the OS offers less than Linux: the portable transport, spawning, clean-up and the note.

Real runs of ``python -m grader`` in both stand-ins for Windows: ``GRADER_SANDBOX=portable``
(grader.sandbox.platform switches to what Windows offers: stdin/stdout pipes, no rlimits, no
warm server, no /proc, no process groups, no Landlock) and tests/no_posix on PYTHONPATH
(``resource`` and ``fcntl`` cannot be imported; no ``os.fork``, ``select.poll``,
``socket.AF_UNIX``, ``os.pidfd_open``).  Then the parts that no Linux run reaches (taskkill,
``ps``, the report's note, the wire's reader thread), one by one.
"""
from __future__ import annotations

import ast
import io
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grader import exercises
from grader.i18n import T
from grader.render.report import render_to_text
from grader.results import GradeReport
from grader.sandbox import cleanup, keeper, landlock, platform, wire
from grader.sandbox import process as learner
from processes import processes_with_argument

ROOT = exercises.ROOT
STAND_IN = Path(__file__).resolve().parent / "no_posix"
EX05 = exercises.find("exercise-05")
MODES = {
    "portable": {"GRADER_SANDBOX": "portable"},
    "no_posix": {"PYTHONPATH": str(STAND_IN)},
}
NOTES = {
    "portable": "Your code runs without a file-system sandbox in portable mode",
    "no_posix": "Your code runs without a memory limit on this system; time limits still apply.",
}
LOOP_MARK = "300.5772156"  # the argument of the learner's `sleep`, to find it afterwards


def run_grade(mode: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_SANDBOX", "PYTHONPATH", platform.STAND_IN)}
    env.update(MODES[mode], COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "grader", "exercise-05", "--seed", "1", "--lang", "en", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def learner_module(folder: Path, appended: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = (ROOT / "solutions" / EX05.filename).read_text(encoding="utf-8")
    (folder / EX05.filename).write_text(source + "\n" + appended, encoding="utf-8")
    return folder




# ---------------------------------------------------------------------------- real runs, both modes
@pytest.mark.parametrize("mode", sorted(MODES))
def test_solutions_earn_full_marks_with_the_note(mode):
    proc = run_grade(mode, "--target", "solutions")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Total: 10/10" in proc.stdout
    assert NOTES[mode] in proc.stdout
    assert proc.stdout.count("Your code run") == 1  # once, under the report
    assert proc.stdout.rstrip().splitlines()[-1].startswith("Your code runs without")


@pytest.mark.parametrize("mode", sorted(MODES))
def test_stubs_read_not_started(mode):
    proc = run_grade(mode)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Total: 0/10" in proc.stdout and "not started" in proc.stdout


@pytest.mark.parametrize("mode", sorted(MODES))
def test_an_endless_loop_times_out_and_leaves_no_process(mode, tmp_path):
    target = learner_module(tmp_path / "loop", f"import subprocess\n"
                                               f"_child = subprocess.Popen(['sleep', '{LOOP_MARK}'], "
                                               f"start_new_session=True)\n\n\n"
                                               f"def relu(x):\n    while True:\n        pass\n")
    proc = run_grade(mode, "--target", str(target), "--json", "-")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    checks = {c["name"]: c for c in json.loads(proc.stdout)["exercises"][0]["checks"]}
    assert checks["relu"]["status"] == "timeout" and "did not finish within" in checks["relu"]["message"]
    assert checks["sigmoid_values"]["status"] == checks["init_network"]["status"] == "passed"  # a fresh worker
    # killed processes take a moment to go on a loaded machine; one that is still there after
    # seconds was never killed
    deadline = time.monotonic() + 10
    while (processes_with_argument(LOOP_MARK) or processes_with_argument(str(target / EX05.filename))) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with_argument(LOOP_MARK) == []
    assert processes_with_argument(str(target / EX05.filename)) == []  # no worker either


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_module_that_prints_a_lot_still_grades(mode, tmp_path):
    target = learner_module(tmp_path / "loud", "for _ in range(20_000):\n    print('x' * 999)\n\n\n"
                                               "def relu(x):\n    print('relu', x)\n    return np.maximum(0, x)\n")
    proc = run_grade(mode, "--target", str(target))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Total: 10/10" in proc.stdout


def test_the_stand_in_reaches_the_workers_and_removes_what_it_says(tmp_path):
    code = ("import os, select, socket\n"
            "from grader.sandbox import platform\n"
            "from grader.sandbox.process import LearnerProcess\n"
            "for name in ('resource', 'fcntl'):\n"
            "    try:\n        __import__(name)\n        raise SystemExit(name + ' imported')\n"
            "    except ImportError:\n        pass\n"
            "assert not any(hasattr(m, a) for m, a in ((os, 'fork'), (os, 'pidfd_open'), (select, 'poll'),"
            " (socket, 'AF_UNIX')))\n"
            "assert not platform.HAS_RLIMITS and not platform.HAS_FORK\n"
            "import sys\n"
            "p = LearnerProcess(sys.argv[1])\n"
            "p.start()\n"
            "print(p.request(('call', None, 'probe', (), {}), 'probe()'))\n"
            "p.close()\n")
    probe = learner_module(tmp_path / "probe", "def probe():\n"
                           "    import os, select\n    return [hasattr(os, 'fork'), hasattr(select, 'poll')]\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", platform.STAND_IN)}
    run = subprocess.run([sys.executable, "-c", code, str(probe / EX05.filename)], cwd=ROOT, timeout=120,
                         env={**env, "PYTHONPATH": str(STAND_IN)}, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[False, False]"  # the worker runs under the stand-in too


# ---------------------------------------------------------------------------- the stdio transport, here
@pytest.fixture
def stdio_transport(monkeypatch):
    """Workers spawned as on Windows (their stdin and stdout are the pipes), whatever else this OS offers."""
    monkeypatch.setattr(platform, "HAS_PASS_FDS", False)
    monkeypatch.setattr(learner, "use_forkserver", False)


def test_the_stdio_transport_answers_and_keeps_prints_apart(tmp_path, stdio_transport):
    module = tmp_path / "probe.py"
    module.write_text("import os, sys\n"
                      "def shout(n):\n    print('y' * n)\n    sys.stdout.flush()\n    return n\n"
                      "def stdin():\n    return sys.stdin.read()\n"
                      "def argv():\n    return sys.argv[1:3]\n"
                      "def big(n):\n    return b'z' * n\n", encoding="utf-8")
    process = learner.LearnerProcess(module)
    process.start()
    try:
        assert process.request(("call", None, "shout", (70_000,), {}), "shout()") == 70_000
        assert process.request(("call", None, "stdin", (), {}), "stdin()") == ""  # the null device
        request_fd, reply_fd = map(int, process.request(("call", None, "argv", (), {}), "argv()"))
        assert request_fd > 2 and reply_fd > 2  # the copies, as learner code sees them on every transport
        assert process.request(("call", None, "big", (3_000_000,), {}), "big()") == b"z" * 3_000_000
    finally:
        process.close()
    assert process.output.text().startswith("y" * 1000)


def test_the_stdio_transport_reports_garbage_and_exits(tmp_path, stdio_transport):
    module = tmp_path / "probe.py"
    module.write_text("import os, sys\n"
                      "def garbage():\n    os.write(int(sys.argv[2]), b'\\x00' * 7 + b'\\x05ab')\n"
                      "    while True:\n        pass\n"
                      "def leave():\n    os._exit(4)\n", encoding="utf-8")
    process = learner.LearnerProcess(module, timeout=1.0)
    with pytest.raises(learner.LearnerTimeout):  # a frame that never ends: the deadline still holds
        process.request(("call", None, "garbage", (), {}), "garbage()")
    with pytest.raises(learner.LearnerCrashed, match="exited with code 4"):
        process.request(("call", None, "leave", (), {}), "leave()")
    process.close()


# ---------------------------------------------------------------------------- the wire's readers
# the reader thread (every OS) and the polled reader (POSIX, where poll waits on a pipe) keep one contract
READERS = [wire.FrameReader, pytest.param(getattr(wire, "PolledReader", None), marks=pytest.mark.skipif(
    not hasattr(select, "poll") or os.name != "posix", reason="poll cannot wait on a pipe here"), id="PolledReader")]


@pytest.mark.parametrize("reader_class", READERS)
def test_frame_reader_frames_deadlines_end_and_limit(reader_class):
    read, write = os.pipe()
    reader = reader_class(os.fdopen(read, "rb"), limit=1000)
    wire.write_frame(write, b"one")
    assert reader.get(time.monotonic() + 5) == b"one"
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        reader.get(time.monotonic() + 0.2)
    assert 0.15 < time.monotonic() - start < 2
    wire.write_frame(write, b"x" * 1001)
    for _ in range(2):  # the end is kept
        with pytest.raises(wire.WireError, match="larger than the limit"):
            reader.get(time.monotonic() + 5)
    os.close(write)


@pytest.mark.parametrize("reader_class", READERS)
def test_frame_reader_owns_its_pipe_and_closes_it_at_the_end(reader_class):
    read, write = os.pipe()
    reader = reader_class(os.fdopen(read, "rb"))
    payload = os.urandom(3 << 20)
    threading.Thread(target=wire.write_frame, args=(write, payload)).start()
    assert reader.get(time.monotonic() + 10) == payload
    os.close(write)
    with pytest.raises(EOFError):
        reader.get(time.monotonic() + 5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.fstat(read)
        except OSError:
            break  # closed by its thread
        time.sleep(0.01)
    else:
        pytest.fail("the reader did not close its pipe")


def _times_out(reader, seconds: float) -> bool:
    """Whether ``reader.get`` with a deadline ``seconds`` away raises TimeoutError, within 5 s (a
    reader that blocks past its deadline leaves the thread waiting, not the test)."""
    outcome = []

    def wait():
        try:
            reader.get(time.monotonic() + seconds)
        except TimeoutError:
            outcome.append("timeout")

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    thread.join(5)
    return outcome == ["timeout"]


@pytest.mark.parametrize("reader_class", READERS)
def test_a_header_and_then_silence_meets_the_deadline(reader_class):
    """A worker that sends a frame's length and then nothing: the reader must not block in a read."""
    read, write = os.pipe()
    reader = reader_class(os.fdopen(read, "rb"))
    os.write(write, (100).to_bytes(8, "big"))
    assert _times_out(reader, 0.3)
    os.write(write, b"x" * 100)  # the rest arrives: the frame is read whole
    assert reader.get(time.monotonic() + 5) == b"x" * 100
    wire.write_frame(write, b"")  # and an empty frame after it
    assert reader.get(time.monotonic() + 5) == b""
    os.close(write)


@pytest.mark.skipif(not hasattr(select, "poll") or os.name != "posix", reason="poll cannot wait on a pipe here")
def test_the_polled_reader_keeps_its_deadline_while_bytes_keep_coming():
    """Every wait ends with a few more bytes of a frame that is never complete: the deadline still holds."""
    read, write = os.pipe()
    reader = wire.PolledReader(os.fdopen(read, "rb"))
    reader._step = lambda deadline: None  # some bytes arrived, not the whole frame
    assert _times_out(reader, 0.2)
    os.close(write)


def test_read_frame_still_works_with_and_without_a_deadline():
    read, write = os.pipe()
    wire.write_frame(write, b"abc")
    assert wire.read_frame(read) == b"abc"
    with pytest.raises(TimeoutError):
        wire.read_frame(read, deadline=time.monotonic() + 0.05)
    os.close(write)
    with pytest.raises(EOFError):
        wire.read_frame(read)
    os.close(read)


# ---------------------------------------------------------------------------- clean-up without /proc
def test_ps_finds_the_same_descendants_as_proc(monkeypatch):
    tree = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time\n"
                             "c = subprocess.Popen(['sleep', '60'])\n"
                             "print(c.pid, flush=True)\ntime.sleep(60)\n"], stdout=subprocess.PIPE, text=True)
    try:
        child = int(tree.stdout.readline())
        monkeypatch.setattr(platform, "HAS_PROC", False)
        assert cleanup.descendants(tree.pid) == [child]
        cleanup.kill_tree(tree)
        tree.wait(timeout=10)
        deadline = time.monotonic() + 10
        while processes_with_argument("60") and child in processes_with_argument("60"):
            assert time.monotonic() < deadline, "the child outlived kill_tree"
            time.sleep(0.05)
    finally:
        tree.kill()
        tree.wait()


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"),
                    reason="no children lists in /proc here")
def test_the_children_lists_find_what_a_scan_of_every_process_finds(monkeypatch):
    tree = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time\n"
                             "c = subprocess.Popen(['sh', '-c', 'sleep 61 & wait'])\n"
                             "print(c.pid, flush=True)\ntime.sleep(60)\n"], stdout=subprocess.PIPE, text=True)
    try:
        child = int(tree.stdout.readline())
        deadline = time.monotonic() + 10
        while len(keeper.family_of(tree.pid, strict=True)) < 2:  # the grandchild (sleep) has started
            assert time.monotonic() < deadline
            time.sleep(0.02)
        scanned = []
        todo = [tree.pid]
        children = cleanup._children_from_proc()
        while todo:
            scanned += children.get(todo[-1], [])
            todo = todo[:-1] + children.get(todo[-1], [])
        walked = keeper.family_of(tree.pid, strict=True)
        assert sorted(walked) == sorted(scanned) and child in walked and len(walked) == 2
        assert sorted(cleanup.descendants(tree.pid)) == sorted(scanned)

        real_read = keeper._read

        def refusing(path):  # a process this user may not look into
            if str(path).endswith("/children"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_read(path)

        monkeypatch.setattr(keeper, "_read", refusing)
        assert keeper.family_of(tree.pid, strict=True) is None
        assert sorted(cleanup.descendants(tree.pid)) == sorted(scanned)  # found by the scan instead
    finally:
        cleanup.kill_tree(tree)
        tree.wait()


def test_ps_output_is_parsed_and_junk_skipped():
    listing = b"    1     0\n  210     1\n  211   210\n  PID  PPID\n\n  212   210\n"
    assert cleanup.parse_ps(listing) == {0: [1], 1: [210], 210: [211, 212]}


def test_windows_kills_the_tree_with_taskkill(monkeypatch):
    """Simulated: taskkill /F /T while the worker lives (its children are found by their parent), then kill."""
    calls = []
    monkeypatch.setattr(platform, "HAS_TASKKILL", True)
    monkeypatch.setattr(cleanup.subprocess, "run", lambda command, **kw: calls.append((command, kw)))

    class Worker:
        pid, killed, code = 4321, False, None

        def poll(self):
            return self.code

        def kill(self):
            self.killed = True

    worker = Worker()
    cleanup.kill_tree(worker)
    assert [command for command, _ in calls] == [["taskkill", "/F", "/T", "/PID", "4321"]]
    assert worker.killed and calls[0][1]["timeout"] == cleanup.TASKKILL_SECONDS
    calls.clear()
    worker.code = 1  # already reaped: its pid may belong to someone else now
    cleanup.kill_tree(worker)
    assert calls == []


def test_spawn_options_per_platform(monkeypatch):
    options = platform.spawn_options(123)
    assert options.pop("start_new_session") == platform.HAS_PROCESS_GROUPS
    assert set(options) == ({"preexec_fn"} if platform.HAS_RLIMITS else set())
    monkeypatch.setattr(platform, "IS_WINDOWS", True)
    monkeypatch.setattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200, raising=False)
    assert platform.spawn_options(123) == {"creationflags": 0x200}  # no preexec_fn, no sessions
    assert platform.limit_resources_hook(123) is None


def test_a_limit_the_os_refuses_is_left_out(monkeypatch):
    tried = []

    class Refusing:
        RLIMIT_AS, RLIMIT_CORE = 1, 2

        @staticmethod
        def setrlimit(kind, value):
            tried.append(kind)
            raise ValueError("not allowed here")

    monkeypatch.setattr(platform, "resource", Refusing)
    monkeypatch.setattr(platform, "HAS_RLIMITS", True)
    monkeypatch.setattr(platform, "CAN_LIMIT_ADDRESS_SPACE", True)
    platform.limit_resources(1 << 30)  # no exception: the time limit still applies
    assert tried == [1, 2]
    monkeypatch.setattr(platform, "CAN_LIMIT_ADDRESS_SPACE", False)  # macOS: RLIMIT_AS is not even tried
    tried.clear()
    platform.limit_resources(1 << 30)
    assert tried == [2]


# ---------------------------------------------------------------------------- what is not confined
def test_limitations_name_what_is_missing(monkeypatch):
    for flag in ("PORTABLE", "IS_MACOS"):
        monkeypatch.setattr(platform, flag, False)
    monkeypatch.setattr(platform, "IS_WINDOWS", True)
    monkeypatch.setattr(platform, "HAS_LANDLOCK", False)
    monkeypatch.setattr(platform, "CAN_LIMIT_ADDRESS_SPACE", False)
    monkeypatch.setattr(platform, "HAS_MEMORY_WATCH", False)
    note = platform.limitations()
    assert note.en == "Your code runs without a file-system sandbox or memory limit on Windows; time limits still apply."
    assert note.ko.startswith("Windows에서는 파일 시스템 샌드박스와 메모리 제한 없이")
    monkeypatch.setattr(platform, "IS_WINDOWS", False)
    monkeypatch.setattr(platform, "IS_MACOS", True)
    assert platform.limitations().en.startswith("Your code runs without a file-system sandbox or memory limit on macOS")
    monkeypatch.setattr(platform, "HAS_MEMORY_WATCH", True)  # the worker watches its own memory
    assert platform.limitations().en == "Your code runs without a file-system sandbox on macOS; time limits still apply."
    monkeypatch.setattr(platform, "HAS_LANDLOCK", True)
    monkeypatch.setattr(platform, "CAN_LIMIT_ADDRESS_SPACE", True)
    assert platform.limitations() is None


def test_a_kernel_without_landlock_gives_one_note_where_a_sandbox_was_expected(monkeypatch):
    from grader.sandbox import landlock
    monkeypatch.setattr(platform, "HAS_LANDLOCK", True)
    monkeypatch.setattr(landlock, "support", lambda: landlock.Support(0, "the kernel has no Landlock"))
    note = platform.unconfined_note()
    assert note.en == "Your code ran without a file-system sandbox (the kernel has no Landlock); time limits still apply."
    monkeypatch.setattr(landlock, "support", lambda: landlock.Support(7))
    assert platform.unconfined_note() is None
    monkeypatch.setattr(platform, "HAS_LANDLOCK", False)  # limitations() says so already
    assert platform.unconfined_note() is None


def test_grade_notes_an_unconfined_run_once(monkeypatch):
    from grader.checking import runner
    from grader.sandbox import landlock
    monkeypatch.setattr(platform, "HAS_LANDLOCK", True)
    monkeypatch.setattr(platform, "CAN_LIMIT_ADDRESS_SPACE", True)
    monkeypatch.setattr(landlock, "support", lambda: landlock.Support(0, "no Landlock in this test"))
    report = runner.grade([EX05, exercises.find("exercise-06")], ROOT / "exercises", seed=1)
    assert [n.en for n in report.notes] == [
        "Your code ran without a file-system sandbox (no Landlock in this test); time limits still apply."]
    text = render_to_text(report, "en", width=200)
    assert text.count("without a file-system sandbox") == 1
    assert text.rstrip().splitlines()[-1].startswith("Your code ran without")
    data = report.to_json()
    assert set(data) == {"score", "max_score", "seed", "exercises"} and "file-system sandbox" not in str(data)


def test_a_workers_word_about_its_sandbox_is_never_printed_raw(tmp_path):
    """What a worker says of its sandbox comes after learner code ran: it is cleaned, and the
    report's notes never take it (the grader decides them itself)."""
    module = tmp_path / "probe.py"
    module.write_text("import sys\n"
                      "for m in list(sys.modules.values()):\n"
                      "    W = getattr(m, 'Worker', None)\n"
                      "    if isinstance(W, type) and hasattr(W, 'serve'):\n"
                      "        W.confinement = property(lambda self: 'not confined: \\x1b[2J forged', lambda s, v: None)\n",
                      encoding="utf-8")
    process = learner.LearnerProcess(module)
    process.start()
    process.close()
    assert "\x1b" not in process.confinement and "\\x1b[2J" in process.confinement


def test_the_note_is_dim_under_the_report():
    from rich.console import Console
    from grader.render.report import render_report
    report = GradeReport(exercises=[], seed=3, target="", notes=[T("Note here.", "여기 메모.")])
    out = io.StringIO()
    render_report(report, Console(file=out, width=80, color_system="standard", force_terminal=True), "ko")
    assert out.getvalue().endswith("\x1b[2m여기 메모.\x1b[0m\n")
    assert render_to_text(GradeReport(exercises=[], seed=3, target=""), "en").count("\n") == 2  # no note: none


# ---------------------------------------------------------------------------- imports everywhere
GRADE_PATH = ("grader/cli.py", "grader/options.py", "grader/exercises.py", "grader/checking", "grader/sandbox",
              "grader/render", "dataset")
POSIX_ONLY = {"resource", "fcntl", "pwd", "grp", "termios"}


def _module_level_posix_imports(path: Path) -> list[str]:
    """POSIX-only imports that run when the module is imported (a guarded ``try: ... except ImportError`` is fine)."""
    found = []

    def visit(statements, guarded):
        for node in statements:
            if isinstance(node, ast.Import):
                found.extend(a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY and not guarded)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in POSIX_ONLY \
                    and not guarded:
                found.append(node.module)
            elif isinstance(node, ast.Try):
                catches = any(isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                              for h in node.handlers)
                visit(node.body, guarded or catches)
                for part in (node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                    visit(part, guarded)
            elif isinstance(node, (ast.If, ast.With)):
                visit(node.body, guarded)
                visit(getattr(node, "orelse", []), guarded)

    visit(ast.parse(path.read_text(encoding="utf-8")).body, False)
    return found


def test_no_posix_only_module_is_imported_at_module_level_on_grades_path():
    paths = [p for entry in GRADE_PATH for p in ((ROOT / entry,) if entry.endswith(".py")
                                                  else sorted((ROOT / entry).rglob("*.py")))]
    assert len(paths) > 20
    found = {str(p.relative_to(ROOT)): uses for p in paths if (uses := _module_level_posix_imports(p))}
    assert found == {}


def test_the_check_sees_unguarded_imports(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import fcntl\ntry:\n    import resource\nexcept ImportError:\n    resource = None\n"
                     "def f():\n    import pwd\nif True:\n    from termios import tcgetattr\n")
    assert _module_level_posix_imports(probe) == ["fcntl", "termios"]


def test_off_linux_landlock_says_why_and_changes_nothing(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert landlock.support() == landlock.Support(0, "Landlock is Linux only (this is win32)")
    ran = []
    outcome = landlock.restrict(["/"], before=lambda: ran.append(True))
    assert not outcome.enforced and outcome.reason == "Landlock is Linux only (this is win32)" and ran == [True]


def test_the_warm_servers_housekeeping_works_where_there_are_none(monkeypatch, tmp_path):
    """Windows has neither os.getuid nor fcntl: finding, testing and stopping servers is a no-op, never a crash."""
    from grader.sandbox import forkserver
    monkeypatch.delattr(os, "getuid", raising=False)
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setenv("GRADER_FORKSERVER_DIR", str(tmp_path))
    (tmp_path / "0123.lock").write_text("1")
    assert forkserver.folder() is None
    assert forkserver.stop() == 0
    assert forkserver._server_pid(tmp_path / "0123.lock") is None


def test_portable_mode_keeps_the_network_namespace():
    """GRADER_SANDBOX=portable runs what Windows runs: no network namespace of the worker's own either."""
    code = ("import os\nfrom grader.sandbox import namespaces\nbefore = os.readlink('/proc/self/ns/net')\n"
            "why = namespaces.isolate()\nprint(*why, before == os.readlink('/proc/self/ns/net'))\n")
    env = {**os.environ, "GRADER_SANDBOX": "portable"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["no", "network", "namespace", "(portable", "mode)", "True"]


@pytest.mark.parametrize("mode", sorted(MODES))
def test_a_worker_whose_grader_was_killed_ends_itself(mode, tmp_path):
    """Where no keeper watches a worker, it notices that its grader is gone and ends (with its children)."""
    mark = "301.5772156"
    target = learner_module(tmp_path / "stuck", f"import subprocess\n\n\ndef relu(x):\n"
                                                f"    subprocess.Popen(['sleep', '{mark}'])\n"
                                                f"    while True:\n        pass\n")
    code = ("import sys\nfrom pathlib import Path\nfrom grader.sandbox.process import LearnerProcess\n"
            "p = LearnerProcess(Path(sys.argv[1]), timeout=600)\np.start()\nprint('ready', flush=True)\n"
            "p.request(('call', None, 'relu', (1.0,), {}), 'relu()')\n")
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_SANDBOX", "PYTHONPATH", platform.STAND_IN)}
    env.update(MODES[mode])
    grader = subprocess.Popen([sys.executable, "-c", code, str(target / EX05.filename)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert grader.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while not processes_with_argument(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_with_argument(mark) and processes_with_argument(str(target / EX05.filename))
    finally:
        grader.kill()
        grader.wait()
    deadline = time.monotonic() + 15
    while (processes_with_argument(mark) or processes_with_argument(str(target / EX05.filename))) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with_argument(str(target / EX05.filename)) == []
    assert processes_with_argument(mark) == []


def test_where_no_rlimit_holds_memory_the_worker_watches_its_own(tmp_path):
    """macOS and Windows have no address-space limit: the worker ends itself past the memory limit, and
    the grader says that the memory limit was exceeded (checked here through the portable code)."""
    target = learner_module(tmp_path / "hog", "import numpy as _np\n\n\ndef relu(x):\n"
                                              "    block = _np.ones(700 * 1024 * 1024 // 8)\n"
                                              "    import time\n    time.sleep(30)\n    return block.sum()\n")
    code = ("import sys\nfrom pathlib import Path\n"
            "from grader.sandbox.process import LearnerCrashed, LearnerProcess\n"
            "p = LearnerProcess(Path(sys.argv[1]), memory_limit=300 * 1024 * 1024, timeout=60)\np.start()\n"
            "try:\n    p.request(('call', None, 'relu', (1.0,), {}), 'relu()')\n    print('returned')\n"
            "except LearnerCrashed as exc:\n    print('crashed', exc.memory, exc.text.en)\n"
            "print('fine', p.request(('call', None, 'sigmoid', (0.0,), {}), 'sigmoid()'))\np.close()\n")
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_SANDBOX", "PYTHONPATH", platform.STAND_IN)}
    env.update(MODES["portable"])
    done = subprocess.run([sys.executable, "-c", code, str(target / EX05.filename)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("crashed True") and "memory limit" in lines[0], done.stdout
    assert lines[1] == "fine 0.5", done.stdout  # a fresh worker for the next call
