"""The layout keeps its promises: layers that do one job, no reference code in the wheel,
nothing an instructor-only layer on a student's path, a lint-clean tree."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 500
POSIX_ONLY = {"resource", "fcntl", "termios", "pwd", "grp"}


def project_modules():
    for folder in ("grader", "dataset"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "checks" not in path.relative_to(ROOT).parts:
                yield path


def test_no_module_outside_the_checks_exceeds_the_size_limit():
    long = {str(p.relative_to(ROOT)): n for p in project_modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def _os_specific_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in POSIX_ONLY:
            found.append(node.module)
        elif isinstance(node, ast.Attribute) and node.attr in ("fork", "forkpty") and \
                isinstance(node.value, ast.Name) and node.value.id == "os":
            found.append("os." + node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("/proc"):
            found.append(node.value)
    return found


def test_only_the_sandbox_touches_what_one_os_offers():
    outside = {str(p.relative_to(ROOT)): uses for p in project_modules()
               if "sandbox" not in p.parts and (uses := _os_specific_uses(p))}
    assert outside == {}


def test_the_os_check_sees_each_kind_of_use(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import resource\nfrom fcntl import flock\nimport os\nos.fork()\nopen('/proc/self/stat')\n")
    assert _os_specific_uses(probe) == ["resource", "fcntl", "os.fork", "/proc/self/stat"]


def test_a_students_grade_never_imports_instructor_tools(tmp_path):
    code = ("import sys\nfrom grader.cli import main\nmain(['exercise-05', '--seed', '1'])\n"
            "print('LOADED', sorted(m for m in sys.modules if m.startswith('grader.')))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "GRADER_FORKSERVER": "0"}, timeout=300)
    line = next(ln for ln in run.stdout.splitlines() if ln.startswith("LOADED"))
    loaded = ast.literal_eval(line.removeprefix("LOADED "))
    assert "grader.checking.runner" in loaded  # it did grade
    assert [m for m in loaded if m.startswith("grader.instructor")] == []


def test_the_wheel_ships_no_reference_solutions(tmp_path):
    source = tmp_path / "source"  # a copy of what git tracks: the build leaves nothing in the checkout
    for name in subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.splitlines():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("grader/checks/test_ex05") for n in names)
    assert any(n.startswith("grader/sandbox/") for n in names)
    assert [n for n in names if n.startswith("solutions/")] == []


def test_the_repository_tracks_no_binaries():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    allowed = {"dataset/weights/ex10_weights.pkl"}  # the trained weights exercise-10 loads
    binary = [f for f in files if f not in allowed and b"\0" in (ROOT / f).read_bytes()[:8192]]
    assert binary == []
    assert [f for f in files if f.endswith((".whl", ".zip", ".tar.gz", ".egg"))] == []


def test_the_tree_is_lint_clean():
    from ruff.__main__ import find_ruff_bin  # the test extra installs ruff
    exe = Path(find_ruff_bin())
    run = subprocess.run([str(exe), "check", "--no-cache", str(ROOT)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
