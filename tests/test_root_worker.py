"""A grader started as root, with a Python that ``nobody`` can read (as Gradescope's /usr/bin/python3):
its workers give up root for ``nobody``, so files only root may read stay closed even inside the
folders the sandbox opens.  (Where nobody cannot read the Python, a worker stays uid 0 without
capabilities: tests/test_confine.py.)

The Python is the system's interpreter of this same version in a virtual environment that
borrows this environment's packages, all of it in folders anyone may read.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest

from grader import exercises
from grader.sandbox import confine, namespaces, privileges

ROOT = exercises.ROOT
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SYSTEM_PYTHON = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")

pytestmark = [
    pytest.mark.requires("landlock"),
    pytest.mark.skipif(not IS_ROOT, reason="only a grader started as root gives its workers another user"),
]


@pytest.fixture(scope="module")
def readable():
    """(python, folder): a Python nobody can read and run, and a folder of this test's own that nobody can enter."""
    if not SYSTEM_PYTHON.exists():
        pytest.skip(f"no {SYSTEM_PYTHON} here")
    packages = [p for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]} if p]
    blocked = privileges.blocked([Path(p) for p in [*packages, str(ROOT)]], (), confine.NOBODY, confine.NOBODY)
    if blocked:
        pytest.skip(f"nobody cannot read {blocked[0]}, which this test borrows")
    base = Path(tempfile.mkdtemp(prefix="root-worker-"))
    try:
        os.chmod(base, 0o755)
        venv = base / "venv"
        subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
        python = venv / "bin" / "python"
        site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
        (site / "borrowed.pth").write_text("\n".join([str(ROOT), *packages]) + "\n", encoding="utf-8")
        yield python, base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run_worker(python: Path, module: Path, calls: list[str], user: int | None = None) -> dict:
    """Start a worker for ``module`` from ``python`` (as root, or as ``user``) and call each name in ``calls``;
    ``on_disk``: the bytes in the worker's scratch folder as the grader sees it, after the calls."""
    code = textwrap.dedent(f"""
        import json
        from pathlib import Path
        from grader.sandbox.process import LearnerProcess
        process = LearnerProcess(Path({str(module)!r}))
        process.start()
        results = {{"confinement": process.confinement}}
        try:
            for name in {calls!r}:
                results[name] = process.request(("call", None, name, (), {{}}), name)
            results["on_disk"] = sum(p.stat().st_size for p in process.scratch.rglob("*") if p.is_file())
        finally:
            process.close()
        print(json.dumps(results))
    """)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_SANDBOX")}
    env["GRADER_FORKSERVER"] = "0"
    as_user = {} if user is None else {"user": user, "group": user, "extra_groups": []}
    done = subprocess.run([str(python), "-c", code], cwd="/", env=env, capture_output=True, text=True, timeout=300,
                          **as_user)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_root_grader_on_a_readable_python_runs_its_workers_as_nobody(readable):
    python, base = readable
    assert privileges.blocked([python.parent.parent, SYSTEM_PYTHON.parent.parent / "lib"], (),
                              confine.NOBODY, confine.NOBODY) == []
    folder = base / "learner"
    folder.mkdir()
    os.chmod(folder, 0o755)
    secret = folder / "grades.txt"  # inside the folder the sandbox opens: only the user stops it
    secret.write_text("root only\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    module = folder / "ex05_activations.py"
    module.write_text(textwrap.dedent("""
        import os

        def whoami():
            return list(os.getresuid())

        def read_secret():
            try:
                with open(os.path.join(os.path.dirname(__file__), "grades.txt")) as f:
                    return f.read()
            except PermissionError as exc:
                return f"refused: {exc.strerror}"

        def become_root():
            try:
                os.setuid(0)
                return "root again"
            except PermissionError as exc:
                return f"refused: {exc.strerror}"
    """), encoding="utf-8")
    os.chmod(module, 0o644)
    results = run_worker(python, module, ["whoami", "read_secret", "become_root"])
    assert results["whoami"] == [confine.NOBODY] * 3, results
    assert f"uid {confine.NOBODY}" in results["confinement"], results
    assert results["read_secret"].startswith("refused"), results
    assert results["become_root"].startswith("refused"), results


def test_the_reference_earns_full_marks_with_workers_as_nobody(readable):
    """Plotting (Matplotlib's caches in the scratch folder) and the rest work the same as nobody."""
    python, _ = readable
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_SANDBOX")}
    env["GRADER_FORKSERVER"] = "0"
    done = subprocess.run([str(python), "-m", "grader", "exercise-03", "exercise-05", "--solutions", "--seed", "1",
                           "--json", "-"], cwd="/", env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["score"] == report["max_score"] == 20, report


FILLER = """
import errno, os

def fill():
    written = 0
    try:
        for i in range(40):
            with open(os.path.join(os.environ["HOME"], f"fill{i}"), "wb") as f:
                for _ in range(60):
                    f.write(b"x" * 1024 ** 2)
                    f.flush()
                    written += 1024 ** 2
    except OSError as exc:
        return [written, errno.errorcode.get(exc.errno)]
    return [written, "ok"]
"""


@pytest.mark.parametrize("grader", ["root", "nobody"])
def test_a_worker_cannot_fill_the_disk_whoever_runs_the_grader(readable, grader):
    """A worker's scratch folder is a tmpfs of its own (grader.sandbox.namespaces), for a root grader
    (whose workers become nobody) and for an unprivileged one (whose workers make a user namespace)."""
    python, base = readable
    folder = base / f"filler-{grader}"
    folder.mkdir()
    os.chmod(folder, 0o755)
    module = folder / "ex05_activations.py"
    module.write_text(FILLER, encoding="utf-8")
    os.chmod(module, 0o644)
    results = run_worker(python, module, ["fill"], user=None if grader == "root" else confine.NOBODY)
    written, outcome = results["fill"]
    assert outcome == "ENOSPC" and written <= namespaces.SCRATCH_BYTES, results
    assert results["on_disk"] < 16 * 1024 ** 2, results
    assert "scratch" not in results["confinement"], results  # no note that the limit is missing
