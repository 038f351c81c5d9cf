"""The worker's confinement (grader.sandbox.confine, landlock, privileges).

Each attack runs in a fresh ``python -c`` that confines itself exactly as a worker would
and then tries it; each test also checks that the matching legitimate action still works,
so that it fails both without the defence and with one that blocks everything.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from grader.sandbox import confine, landlock, privileges

ROOT = confine.PROJECT
ABI = landlock.support().abi
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_landlock = pytest.mark.skipif(ABI < 1, reason="no Landlock here")

HARNESS = '''
import errno, json, os, socket, sys
from pathlib import Path
from grader.sandbox import confine, privileges
results = {}
def attempt(name, action):
    """Record "ok" or the errno name of the OSError ``action`` raised."""
    try:
        action()
        results[name] = "ok"
    except OSError as exc:
        results[name] = errno.errorcode.get(exc.errno, str(exc.errno))
    except ImportError as exc:
        results[name] = type(exc).__name__
def read(path):
    with open(path, "rb") as f:
        f.read(1)
def write(path, data=b"x"):
    with open(path, "wb") as f:
        f.write(data)
LEARNER, SCRATCH = Path(sys.argv[1]), Path(sys.argv[2])
'''


@pytest.fixture
def folders():
    """A learner folder (a module and a root-only secret) and a scratch folder, both reachable by nobody."""
    base = Path(tempfile.mkdtemp(prefix="confine-test-"))
    os.chmod(base, 0o755)
    learner, scratch = base / "learner", base / "scratch"
    learner.mkdir(mode=0o755)
    shutil.copy(ROOT / "exercises" / "ex05_activations.py", learner / "ex05_activations.py")
    (learner / "secret.txt").write_text("root only\n")
    os.chmod(learner / "secret.txt", 0o600)
    os.chmod(learner / "ex05_activations.py", 0o644)
    yield learner, scratch
    shutil.rmtree(base, ignore_errors=True)


def run_confined(folders, body: str, *, options: str = "user=None", before: str = "", uid=None) -> dict:
    """Run ``before``, apply ``Confinement(learner, scratch, <options>)``, run ``body``; the results dict."""
    learner, scratch = folders
    confine.prepare_scratch(scratch, uid)
    code = HARNESS + textwrap.dedent(before) + textwrap.dedent(f"""
        applied = confine.Confinement(LEARNER, SCRATCH, {options}).apply()
        results["summary"] = applied.summary()
        results["uid"] = applied.uid
    """) + textwrap.dedent(body) + "\nprint(json.dumps(results))\n"
    proc = subprocess.run([sys.executable, "-c", code, str(learner), str(scratch)], cwd=learner,
                          env=confine.environment(os.environ, scratch), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- files
@pytest.mark.requires("landlock")
@needs_landlock
def test_reference_answers_are_unreadable_but_the_learner_folder_is(folders):
    results = run_confined(folders, """
        attempt("solution", lambda: read(confine.PROJECT / "solutions" / "ex05_activations.py"))
        attempt("solutions_listing", lambda: os.listdir(confine.PROJECT / "solutions"))
        attempt("check", lambda: read(confine.PROJECT / "grader" / "checks" / "conftest.py"))
        attempt("answer_key", lambda: read(confine.PROJECT / "grader" / "checking" / "answer_key" / "keys.py"))
        attempt("tests", lambda: read(confine.PROJECT / "tests" / "conftest.py"))
        attempt("learner", lambda: read(LEARNER / "ex05_activations.py"))
        attempt("learner_listing", lambda: os.listdir(LEARNER))
        attempt("functions", lambda: read(confine.PROJECT / "grader" / "checking" / "functions.py"))
        attempt("weights", lambda: read(confine.PROJECT / "dataset" / "weights" / "ex10_weights.pkl"))
        attempt("import_solution", lambda: __import__("solutions.ex05_activations"))
        for module in ("grader.checking.functions", "grader.checking.gate_probes", "dataset.mnist"):
            attempt(module, lambda: __import__(module))
    """)
    assert results["summary"].startswith("confined"), results
    for name in ("solution", "solutions_listing", "check", "answer_key", "tests"):
        assert results[name] == "EACCES", (name, results)
    assert results["import_solution"] in ("EACCES", "ModuleNotFoundError"), results
    for name in ("learner", "learner_listing", "functions", "weights", "grader.checking.functions",
                 "grader.checking.gate_probes", "dataset.mnist"):
        assert results[name] == "ok", (name, results)


@pytest.mark.requires("landlock")
@needs_landlock
def test_grader_files_are_not_writable_but_the_scratch_folder_is(folders):
    results = run_confined(folders, """
        probe = confine.PROJECT / "grader" / "checks" / "conftest_confine_probe.py"
        def create_check():
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            os.unlink(probe)  # only reached without the defence: leave nothing behind
        attempt("create_check", create_check)
        attempt("open_conftest", lambda: os.close(os.open(confine.PROJECT / "grader" / "checks" / "conftest.py",
                                                          os.O_WRONLY | os.O_APPEND)))
        attempt("open_grader", lambda: os.close(os.open(confine.PROJECT / "grader" / "__init__.py",
                                                        os.O_WRONLY | os.O_APPEND)))
        attempt("learner_folder", lambda: write(LEARNER / "new.py"))
        attempt("scratch", lambda: write(SCRATCH / "out.txt"))
        attempt("scratch_rename", lambda: os.rename(SCRATCH / "out.txt", SCRATCH / "tmp" / "moved.txt"))
        attempt("tmpdir", lambda: write(Path(os.environ["TMPDIR"]) / "t"))
        attempt("devnull", lambda: write("/dev/null"))
    """)
    for name in ("create_check", "open_conftest", "open_grader", "learner_folder"):
        assert results[name] == "EACCES", (name, results)
    for name in ("scratch", "scratch_rename", "tmpdir", "devnull"):
        assert results[name] == "ok", (name, results)
    assert not (ROOT / "grader" / "checks" / "conftest_confine_probe.py").exists()


@pytest.mark.requires("landlock")
@needs_landlock
def test_shared_memory_and_other_processes_are_hidden(folders):
    results = run_confined(folders, """
        attempt("shm_list", lambda: os.listdir("/dev/shm"))
        def shm_create():
            write("/dev/shm/confine-probe")
            os.unlink("/dev/shm/confine-probe")  # only reached without the defence: leave nothing behind
        attempt("shm_create", shm_create)
        attempt("init_environ", lambda: read("/proc/1/environ"))
        attempt("parent_environ", lambda: read(f"/proc/{os.getppid()}/environ"))
        attempt("urandom", lambda: read("/dev/urandom"))
        attempt("zoneinfo", lambda: os.listdir("/usr/share/zoneinfo"))
    """)
    for name in ("shm_list", "shm_create", "init_environ", "parent_environ"):
        assert results[name] == "EACCES", (name, results)
    assert results["urandom"] == results["zoneinfo"] == "ok", results


# ---------------------------------------------------------------------------- IPC and network
@pytest.mark.requires("landlock", "fork")
@pytest.mark.skipif(ABI < 6, reason="signal scoping needs Landlock ABI 6")
def test_signals_reach_only_the_sandbox(folders):
    results = run_confined(folders, """
        import signal, time
        attempt("parent", lambda: os.kill(os.getppid(), 0))
        attempt("self", lambda: os.kill(os.getpid(), 0))
        child = os.fork()
        if child == 0:
            time.sleep(30)
            os._exit(0)
        attempt("own_child", lambda: os.kill(child, signal.SIGKILL))
        os.waitpid(child, 0)
    """)
    assert results["parent"] == "EPERM", results
    assert results["self"] == results["own_child"] == "ok", results


@pytest.mark.requires("landlock", "unix_sockets")
@pytest.mark.skipif(ABI < 6, reason="abstract socket scoping needs Landlock ABI 6")
def test_abstract_unix_sockets_reach_only_the_sandbox(folders):
    name = f"\0confine-test-outside-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as outside:
        outside.bind(name)
        outside.listen(1)
        # network=True: no namespace of its own, so that this is Landlock's scope alone (the
        # namespace would hide the socket as well: test_the_network_namespace_hides_everything)
        results = run_confined(folders, options="user=None, network=True", body=f"""
            attempt("outside", lambda: socket.socket(socket.AF_UNIX).connect({name!r}))
            inside = socket.socket(socket.AF_UNIX)
            inside.bind("\\0confine-test-inside-" + str(os.getpid()))
            inside.listen(1)
            attempt("inside", lambda: socket.socket(socket.AF_UNIX).connect(inside.getsockname()))
        """)
    assert results["outside"] == "EPERM", results
    assert results["inside"] == "ok", results


@pytest.mark.requires("landlock", "unix_sockets")
def test_the_network_namespace_hides_everything(folders):
    name = f"\0confine-test-netns-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as outside, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        outside.bind(name)
        outside.listen(1)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        results = run_confined(folders, body=f"""
            attempt("abstract", lambda: socket.socket(socket.AF_UNIX).connect({name!r}))
            attempt("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", {port})))
        """)
    assert results["abstract"] in ("EPERM", "ECONNREFUSED") and results["udp"] == "ENETUNREACH", results


@pytest.mark.requires("landlock")
@pytest.mark.skipif(ABI < 4, reason="TCP rules need Landlock ABI 4")
def test_tcp_is_refused(folders):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        port = server.getsockname()[1]
        results = run_confined(folders, before=f"""
            attempt("before", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=5).close())
        """, body=f"""
            attempt("after", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=5).close())
            attempt("bind", lambda: socket.socket().bind(("127.0.0.1", 0)))
        """)
    assert results["before"] == "ok", results
    assert results["after"] == results["bind"] == "EACCES", results


# ---------------------------------------------------------------------------- limits and libraries
@pytest.mark.requires("rlimits")
def test_big_files_fail_with_efbig(folders):
    results = run_confined(folders, """
        import resource
        def big():
            with open(SCRATCH / "big.bin", "wb") as f:
                f.seek(256 * 1024 * 1024 - 1)
                f.write(b"x")
        attempt("big", big)
        attempt("small", lambda: write(SCRATCH / "small.bin", b"x" * 1024 * 1024))
        results["nofile"] = resource.getrlimit(resource.RLIMIT_NOFILE)
        results["core"] = resource.getrlimit(resource.RLIMIT_CORE)
    """)
    assert results["big"] == "EFBIG", results
    assert results["small"] == "ok", results
    assert results["nofile"] == [256, 256] and results["core"] == [0, 0], results


def test_numpy_and_matplotlib_work_with_the_seeded_font_cache(folders):
    """The default options (as root here: nobody, or root without capabilities)."""
    results = run_confined(folders, options="", uid=confine.NOBODY, body="""
        caches = sorted((SCRATCH / "mpl").glob("fontlist-*.json"))
        seeded = [(p.name, p.stat().st_mtime_ns) for p in caches]
        def plot():
            import numpy, matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
            figure = plt.figure()
            plt.plot(numpy.arange(5), numpy.arange(5) ** 2, label="x2")
            plt.legend()
            figure.savefig(SCRATCH / "f.png")
        attempt("plot", plot)
        results["png"] = (SCRATCH / "f.png").read_bytes()[:4].hex()
        results["rebuilt"] = seeded != [(p.name, p.stat().st_mtime_ns) for p in (SCRATCH / "mpl").glob("fontlist-*.json")]
        results["seeded"] = bool(seeded)
        attempt("new_stdlib_module", lambda: __import__("fractions"))
    """)
    assert results["plot"] == "ok", results
    assert results["png"] == b"\x89PNG".hex()
    assert results["seeded"] and not results["rebuilt"], results
    assert results["new_stdlib_module"] == "ok", results


def test_the_mnist_kit_loads(folders, shared):
    mnist = str(shared.mnist_dir())  # read-only, as Confinement.for_worker allows MNIST_DIR
    results = run_confined(folders, options=f"extra_read=(Path({mnist!r}),)", uid=confine.NOBODY, body="""
        from dataset.mnist import load_mnist
        (x, t), _ = load_mnist(normalize=True, flatten=True)
        results["shape"] = x.shape
    """)
    assert results["shape"] == [60000, 784], results


@pytest.mark.skipif(not IS_ROOT, reason="only a worker started as root changes its user")
def test_root_becomes_nobody(folders):
    """``force_user``: becomes nobody even where nobody cannot reach the runtime (nothing new is imported)."""
    results = run_confined(folders, options="force_user=True", uid=confine.NOBODY, body="""
        results["resuid"] = os.getresuid()
        results["groups"] = os.getgroups()
        attempt("setuid0", lambda: os.setuid(0))
        attempt("secret", lambda: read(LEARNER / "secret.txt"))
        attempt("module", lambda: read(LEARNER / "ex05_activations.py"))
        attempt("scratch", lambda: write(SCRATCH / "mine.txt"))
        results["caps"] = privileges.capabilities()
    """)
    assert results["uid"] == confine.NOBODY and results["resuid"] == [confine.NOBODY] * 3, results
    assert results["groups"] == [] and results["caps"] == [0, 0, 0], results
    assert results["setuid0"] == "EPERM" and results["secret"] == "EACCES", results
    assert results["module"] == results["scratch"] == "ok", results


@pytest.mark.skipif(not IS_ROOT, reason="only a worker started as root changes its user")
def test_root_default_gives_up_root_without_breaking_imports(folders):
    """By default a root worker becomes nobody where nobody can read the runtime, else it stays uid 0
    with no capability at all (and says so); either way it cannot become anyone else."""
    allowed = confine.Confinement(*folders).allow_list()
    reachable = not privileges.blocked(allowed.read, (), confine.NOBODY, confine.NOBODY)
    results = run_confined(folders, options="", uid=confine.NOBODY, body="""
        results["caps"] = privileges.capabilities()
        attempt("setuid", lambda: os.setuid(1234))
        attempt("import", lambda: __import__("fractions"))
        attempt("scratch", lambda: write(SCRATCH / "mine.txt"))
    """)
    assert results["uid"] == (confine.NOBODY if reachable else 0), results
    assert reachable or "kept uid 0 without capabilities" in results["summary"], results
    assert results["caps"] == [0, 0, 0] and results["setuid"] == "EPERM", results
    assert results["import"] == results["scratch"] == "ok", results


# ---------------------------------------------------------------------------- degrading
@pytest.mark.requires("landlock")
@needs_landlock
def test_an_older_abi_handles_fewer_rights(folders):
    """With ABI 3 the files are still confined, TCP and signals are not (and the summary says so)."""
    results = run_confined(folders, before="""
        from grader.sandbox import landlock
        landlock.support = lambda: landlock.Support(3)
    """, body="""
        attempt("solution", lambda: read(confine.PROJECT / "solutions" / "ex05_activations.py"))
        attempt("parent", lambda: os.kill(os.getppid(), 0))
    """)
    assert results["summary"].startswith("confined (Landlock ABI 3, uid"), results
    assert results["solution"] == "EACCES" and results["parent"] == "ok", results


@pytest.mark.requires("rlimits")
def test_no_landlock_says_so_and_still_limits(folders):
    results = run_confined(folders, before="""
        import platform, resource
        platform.machine = lambda: "vax"
    """, body="""
        attempt("solution", lambda: read(confine.PROJECT / "solutions" / "ex05_activations.py"))
        results["fsize"] = resource.getrlimit(resource.RLIMIT_FSIZE)
    """)
    assert results["summary"].startswith("not confined: ") and "vax" in results["summary"], results
    assert results["solution"] == "ok" and results["fsize"] == [64 * 1024 * 1024] * 2, results


@pytest.mark.requires("landlock")
@needs_landlock
def test_threads_started_before_are_reported(folders):
    """Landlock (ABI < 8) confines only the calling thread: a thread already running stays free."""
    results = run_confined(folders, before="""
        import threading, time
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
    """, body="")
    assert "1 other thread(s) not confined" in results["summary"], results


# ---------------------------------------------------------------------------- pure parts
def test_allow_list_keeps_the_secrets_out(folders):
    learner, scratch = folders
    allowed = confine.Confinement(learner, scratch, (Path("/srv/mnist"),)).allow_list()
    secrets = [ROOT / p for p in confine.PROJECT_SECRET] + [ROOT, Path("/dev/shm"), Path("/proc/1")]
    for path in allowed.read + allowed.write:
        for secret in secrets:
            assert path != secret and path not in secret.parents, (path, secret)
    assert learner in allowed.read and learner not in allowed.write
    assert allowed.write == (scratch,) and allowed.sinks == (Path("/dev/null"),)
    assert {Path(sys.prefix), Path(sys.base_prefix), Path("/srv/mnist")} <= set(allowed.read)
    assert ROOT / "grader" / "checking" / "functions.py" in allowed.read
    assert allowed.notes == ()


def test_allow_list_says_when_the_learner_folder_holds_the_grader():
    allowed = confine.Confinement(ROOT, None).allow_list()
    assert allowed.write == ()
    assert any("solutions" in note for note in allowed.notes)


def test_environment_passes_only_what_workers_need(tmp_path):
    base = {"GRADER_SECRET_TOKEN": "s3cret", "PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": "/root", "PYTHONPATH": "/elsewhere", "MNIST_DIR": "data/mnist", "OPENBLAS_NUM_THREADS": "8",
            "XDG_RUNTIME_DIR": "/run/user/0", "GRADER_FORKSERVER_DIR": "/tmp/fs", "TZ": "UTC"}
    env = confine.environment(base, tmp_path)
    assert "GRADER_SECRET_TOKEN" not in env and "XDG_RUNTIME_DIR" not in env and "GRADER_FORKSERVER_DIR" not in env
    assert env["PATH"] == "/usr/bin" and env["LC_ALL"] == "C.UTF-8" and env["TZ"] == "UTC"
    assert env["HOME"] == str(tmp_path) and env["TMPDIR"].startswith(str(tmp_path))
    assert env["MPLCONFIGDIR"].startswith(str(tmp_path)) and env["MPLBACKEND"] == "Agg"
    assert env["PYTHONPATH"] == str(ROOT) and env["OPENBLAS_NUM_THREADS"] == "1" and env["PYTHONNOUSERSITE"] == "1"
    assert set(env) <= {"PATH", "LANG", "LC_ALL", "TZ", "HOME", "TMPDIR", "MPLCONFIGDIR", "MNIST_DIR", "PYTHONPATH",
                        "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONNOUSERSITE", "MPLBACKEND",
                        "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}, env
    assert env["MNIST_DIR"] == os.path.abspath("data/mnist")
    assert confine.scratch_of(env) == tmp_path and confine.scratch_of(base) is None
    assert confine.Confinement.for_worker(tmp_path / "m.py", env).extra_read == (Path(env["MNIST_DIR"]),)


def test_only_a_module_that_plots_gets_the_font_cache(tmp_path):
    """Copying Matplotlib's font cache into every scratch folder costs each worker a file copy: a module
    that never mentions Matplotlib goes without (one that reaches it some other way builds its own)."""
    from grader.sandbox.process import LearnerProcess
    plain, plots = tmp_path / "plain.py", tmp_path / "plots.py"
    plain.write_text("def f():\n    return 1\n", encoding="utf-8")
    plots.write_text("import matplotlib\n\ndef f():\n    return 2\n", encoding="utf-8")
    if not sorted(confine.matplotlib_cache_dir().glob("fontlist-*.json")):
        import matplotlib.font_manager  # noqa: F401  (builds the grader's own cache)
    fonts = {}
    for path in (plain, plots):
        process = LearnerProcess(path)
        try:
            process.start()
            fonts[path.stem] = sorted(p.name for p in (process.scratch / "mpl").glob("fontlist-*.json"))
        finally:
            process.close()
    assert fonts["plain"] == [] and fonts["plots"], fonts


# ---------------------------------------------------------------------------- the scratch folder's size
FILL = """
    from grader.sandbox import namespaces
    def fill(prefix, keep_open=False):
        written, held = 0, []
        try:
            for i in range(20):
                path = SCRATCH / f"{prefix}{i}"
                f = open(path, "wb")
                held.append(f)
                for _ in range(60):
                    f.write(b"x" * 1024**2)
                    written += 1024**2
                    f.flush()
                if keep_open:
                    os.unlink(path)  # gone from the folder, its space still held
                else:
                    f.close()
        except OSError as exc:
            return written, errno.errorcode.get(exc.errno, str(exc.errno))
        return written, "ok"
    results["open"] = fill("held", keep_open=True)
    for path in SCRATCH.glob("held*"):
        path.unlink(missing_ok=True)
    results["files"] = fill("file")
    results["cache"] = sorted(p.name for p in (SCRATCH / "mpl").glob("fontlist-*.json"))
    results["limit"] = namespaces.SCRATCH_BYTES
"""


@pytest.mark.requires("landlock")
@pytest.mark.parametrize("user", ["stays", "nobody"] if IS_ROOT else ["stays"])
def test_the_scratch_folder_holds_a_bounded_size_and_leaves_the_disk_alone(folders, user):
    """One worker filled the disk within its import; a tmpfs of its own now stops it, counting files
    deleted while open too, and what it wrote never reaches the folder on disk."""
    learner, scratch = folders
    options, uid = ("user=None", None) if user == "stays" else ("", confine.NOBODY)
    results = run_confined(folders, options=options, uid=uid, body=FILL)
    limit = results["limit"]
    for kind in ("open", "files"):
        written, outcome = results[kind]
        assert outcome == "ENOSPC" and limit - 64 * 1024**2 <= written <= limit, (kind, results)
    assert results["cache"], results  # what the grader seeded is there, copied in
    on_disk = sum(p.stat().st_size for p in scratch.rglob("*") if p.is_file())
    assert on_disk < 16 * 1024**2, on_disk
    assert not list(scratch.glob("file*"))
    assert str(scratch) not in Path("/proc/self/mountinfo").read_text()
