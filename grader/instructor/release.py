"""``grade release OUT_DIR``: build the student kit.

The kit holds the stubs (``exercises/``), the grader with the *public* checks
only (every check marked ``hidden=True`` is cut out of the check files by an
AST transformation), the MNIST loader (``dataset/``, with ``dataset/weights/``
if present), a ``pyproject.toml`` without the ``solutions`` package and a
README for students.  It holds no reference solution: the public checks
compare against an answer key (:mod:`grader.checking.answer_key`) recorded here by
running them against ``solutions/``.

Before the kit is moved into place it is verified: the kit's own grader, run
in a separate process that cannot import ``solutions``, must give the
reference solutions full marks on every public check and the stubs nothing,
and no file of the kit may contain a line of reference code or the name of a
hidden check.
"""
from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

from grader import exercises
from grader.i18n import LANGUAGES, T

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
KIT_MARKER = ".grade-kit"  # written at the top of every kit, so that --force only ever replaces a kit
SKIP_DIRS = {"__pycache__", "answer_keys", ".pytest_cache"}
PLUGIN_NAMES = {"EXERCISE", "WORKER_OPTIONS", "CALL_TIMEOUT"}  # read by the grader, not by the checks
SECRET_LINE_MIN = 12  # shorter lines (``return x``, ``else:``) say nothing about a solution


class ReleaseError(Exception):
    """The kit could not be built safely; nothing was written to OUT_DIR."""


# ============================================================================ hidden checks
@dataclass(frozen=True)
class HiddenCheck:
    file: str
    function: str
    description: str  # English description, when it is a literal

    @property
    def short(self) -> str:
        return self.function.removeprefix("test_")

    @property
    def words(self) -> list[str]:
        """The names that must not appear in a kit (the short name only when it is distinctive)."""
        return [self.function] + ([self.short] if "_" in self.short else [])


def _check_decorator(func: ast.AST) -> ast.Call | None:
    for deco in getattr(func, "decorator_list", ()):
        if isinstance(deco, ast.Call):
            target = deco.func
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
            if name == "check":
                return deco
    return None


def _is_hidden(func: ast.AST, filename: str) -> bool:
    deco = _check_decorator(func)
    if deco is None:
        return False
    for kw in deco.keywords:
        if kw.arg == "hidden":
            if not isinstance(kw.value, ast.Constant):
                raise ReleaseError(f"{filename}: the check {func.name} sets hidden= to an expression; "
                                   "write hidden=True or hidden=False")
            return bool(kw.value.value)
    return False


def _description(func: ast.AST) -> str:
    deco = _check_decorator(func)
    if deco is None or len(deco.args) < 2:
        return ""
    desc = deco.args[1]
    if isinstance(desc, ast.Call) and desc.args and isinstance(desc.args[0], ast.Constant) \
            and isinstance(desc.args[0].value, str):
        return desc.args[0].value
    return ""


def hidden_checks(path: Path) -> list[HiddenCheck]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [HiddenCheck(path.name, node.name, _description(node)) for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_hidden(node, path.name)]


def _names_used(nodes) -> set[str]:
    used = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name):
                used.add(sub.id)
            elif isinstance(sub, ast.Attribute):
                used.add(sub.attr)
    return used


def _defined_name(node: ast.AST) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.decorator_list:
        return node.name
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id
    return None


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the (1-based, inclusive) line ``spans``, and no run of 3+ blank lines."""
    lines = text.splitlines(keepends=True)
    drop = set()
    for first, last in spans:
        drop.update(range(first - 1, last))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    out, blank = [], 0
    for line in kept:
        blank = blank + 1 if not line.strip() else 0
        if blank <= 2:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "".join(out) + "\n"


def _span(node: ast.AST) -> tuple[int, int]:
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
    return first, node.end_lineno


def _drop_comments_naming(text: str, words: list[str]) -> str:
    """Remove comments that name a hidden check (a whole comment line, or a trailing comment)."""
    if not words:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")
    lines = text.splitlines(keepends=True)
    cuts: dict[int, int] = {}  # line index -> column where the comment starts
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT and pattern.search(tok.string):
            cuts[tok.start[0] - 1] = tok.start[1]
    for index in sorted(cuts, reverse=True):
        line = lines[index]
        before = line[:cuts[index]].rstrip()
        if before:
            lines[index] = before + "\n"
        else:
            del lines[index]
    return "".join(lines)


def public_source(text: str, filename: str = "<checks>") -> tuple[str, list[HiddenCheck]]:
    """The check file without its hidden checks (and the helpers only they used)."""
    tree = ast.parse(text, filename=filename)
    hidden_nodes = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and _is_hidden(n, filename)]
    hidden = [HiddenCheck(filename, n.name, _description(n)) for n in hidden_nodes]
    if not hidden_nodes:
        return text, []
    spans = [_span(n) for n in hidden_nodes]
    removed_nodes = list(hidden_nodes)
    # helpers and constants that only the hidden checks used go too (until nothing changes)
    while True:
        candidates = _names_used(removed_nodes)
        remaining = [n for n in tree.body if _span(n) not in spans]
        more = []
        for node in remaining:
            name = _defined_name(node)
            if name is None or name not in candidates or name.startswith("test_") or name in PLUGIN_NAMES:
                continue
            others = [n for n in remaining if n is not node]
            if name not in _names_used(others):
                more.append(node)
        if not more:
            break
        removed_nodes += more
        spans += [_span(n) for n in more]
    out = _cut(text, spans)
    names = sorted({w for h in hidden for w in h.words})
    out = _drop_comments_naming(out, names)
    compile(out, filename, "exec")
    left = [name for name in names if re.search(rf"\b{re.escape(name)}\b", out)]
    if left:
        raise ReleaseError(f"{filename}: after removing the hidden checks, the file still names "
                           f"{', '.join(left)} (in a docstring or string?); reword it before releasing")
    return out, hidden


# ============================================================================ what the kit may not hold
def secret_lines(root: Path) -> set[str]:
    """Lines of reference code that appear nowhere in the public material (stubs, grader, loader)."""
    public = []
    for pattern in ("exercises/*.py", "grader/**/*.py", "dataset/*.py"):
        for path in root.glob(pattern):
            public.append(path.read_text(encoding="utf-8", errors="replace"))
    public_text = "\n".join(public)
    secret = set()
    for path in sorted((root / "solutions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        lines = text.splitlines()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for line in lines[node.lineno:node.end_lineno]:
                    stripped = line.strip()
                    if len(stripped) >= SECRET_LINE_MIN and stripped not in public_text \
                            and not stripped.startswith(('"""', "'''")):
                        secret.add(stripped)
    return secret


def scan(kit: Path, secrets: set[str], hidden: list[HiddenCheck]) -> list[str]:
    """Every problem found in the files of ``kit`` (empty: nothing leaks)."""
    problems = []
    words = sorted({w for h in hidden for w in h.words})
    descriptions = sorted({h.description for h in hidden if len(h.description) >= 20})
    name_pattern = re.compile(rb"\b(" + b"|".join(re.escape(w.encode()) for w in words) + rb")\b") if words else None
    encoded_secrets = [s.encode() for s in secrets]
    for path in sorted(kit.rglob("*")):
        rel = path.relative_to(kit)
        if "solutions" in rel.parts or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            problems.append(f"{rel}: must not be in a student kit")
            continue
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret, raw in zip(secrets, encoded_secrets):
            if raw in data:
                problems.append(f"{rel}: holds a line of the reference solution: {secret!r}")
                break
        if name_pattern is not None:
            found = name_pattern.search(data)
            if found:
                problems.append(f"{rel}: names the hidden check {found.group().decode()!r}")
        for desc in descriptions:
            if desc.encode() in data:
                problems.append(f"{rel}: holds the description of a hidden check: {desc!r}")
    return problems


# ============================================================================ building
def _copy_tree(src: Path, dst: Path, suffixes: tuple[str, ...] | None = None) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.suffix in (".pyc", ".pyo") or (suffixes is not None and path.suffix not in suffixes):
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dst / rel)


def _toml_list(values) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def kit_pyproject(source: Path) -> str:
    """The kit's pyproject.toml: the same project and dependencies, without ``solutions``."""
    import tomllib
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    project = data.get("project", {})
    scripts = project.get("scripts", {"grade": "grader.cli:main"})
    build = data.get("build-system", {})
    lines = [
        "[build-system]",
        f"requires = {_toml_list(build.get('requires', ['setuptools>=64']))}",
        f"build-backend = {json.dumps(build.get('build-backend', 'setuptools.build_meta'))}",
        "",
        "[project]",
        f"name = {json.dumps(project.get('name', 'dlscratch-grader'))}",
        f"version = {json.dumps(project.get('version', '0.1.0'))}",
        f"description = {json.dumps(project.get('description', ''))}",
        'readme = "README.md"',
        f"requires-python = {json.dumps(project.get('requires-python', '>=3.10'))}",
        "dependencies = [",
        *[f"    {json.dumps(dep)}," for dep in project.get("dependencies", [])],
        "]",
        "",
        "[project.scripts]",
        *[f"{name} = {json.dumps(target)}" for name, target in scripts.items()],
        "",
        "[tool.setuptools]",
        "include-package-data = true",
        "",
        "[tool.setuptools.packages.find]",
        'include = ["grader*", "dataset*", "exercises*"]',
        "",
        "[tool.setuptools.package-data]",
        'grader = ["checks/pytest.ini", "answer_keys/*.json"]',
        'dataset = ["weights/*"]',
        "",
    ]
    text = "\n".join(lines)
    tomllib.loads(text)  # it must parse
    return text


KIT_README = """\
# 파이썬으로 배우는 딥러닝 — 실습 키트 / Deep Learning with Python — exercise kit

실습 파일(`exercises/exNN_*.py`)의 `raise NotImplementedError`를 여러분의 코드로 바꾸고
`grade`로 채점합니다. 채점 결과에는 점수, 무엇이 틀렸는지(입력, 기댓값과 결과, 형상, dtype)와
강의 용어로 된 힌트가 나옵니다.

Fill in the stubs in `exercises/exNN_*.py` (replace each `raise NotImplementedError`) and grade
them with `grade`. The report gives your score, what went wrong (the input, expected vs got,
shapes, dtypes) and a hint in the lecture's terms.

## 설치 / Install (Python 3.10+)

```
python3 -m venv .venv
. .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -e .
```

`pip install -e .` (편집 가능 설치)로 설치해야 `grade`가 이 폴더의 `exercises/`를 채점합니다.
Install with `pip install -e .` (editable) so that `grade` grades the `exercises/` of this folder.

## 사용법 / Use

```
grade                 # 진행 상황 요약 / an overview of your progress
grade exercise-05     # 실습 5 채점 (grade 5, grade 05, grade ex05 도 됩니다)
grade all             # 모든 실습 채점 / grade every exercise
grade 5 --lang en     # 영어 보고서 / report in English (--lang ko: 한국어)
```

한 실습은 10점입니다. 처음에는 모든 실습이 "시작 전(not started)"으로 나옵니다.
Each exercise is worth 10 points; an untouched exercise reads "not started".

## 공개 검사와 비공개 검사 / Public and hidden checks

이 키트에는 **공개 검사**만 들어 있습니다. 강사가 채점할 때는 무작위 입력을 쓰는 **비공개 검사**도
함께 실행되므로, 키트에서 만점을 받았더라도 공개 검사의 입력에만 맞춘 코드(값을 그대로 적어 넣은
코드 등)는 점수를 잃습니다. 강의의 정의대로 일반적인 코드를 작성하세요.

This kit holds the **public checks** only. Your instructor's grading also runs **hidden checks**
with fresh random inputs, so code that only fits the public checks' inputs (hard-coded answers)
loses points there. The report reminds you of this under the total.

공개 검사는 참조 답안 코드 없이, 키트를 만들 때 기록한 참조 답안의 결과(답안 키,
`grader/answer_keys/`)와 비교합니다. 검사가 기록되지 않은 경우로 진행되면 그 검사는 실패로 표시되고
그 이유가 함께 나옵니다.

The public checks compare your results with the reference solution's results recorded when
the kit was made (the answer key in `grader/answer_keys/`), not with its code. A check that
reaches a case the record does not cover fails and says so.

## 폴더 / Folders

```
exercises/   여러분이 채우는 실습 파일 / the stubs you fill in
grader/      채점기 (공개 검사: grader/checks/) / the grader and its public checks
dataset/     MNIST 불러오기 (from dataset.mnist import load_mnist) / the MNIST loader
```

여러분의 코드는 채점기와 분리된 별도 프로세스에서 실행됩니다(시간 제한, 메모리 제한).
Your code runs in a separate process from the grader, with time and memory limits.
"""

KIT_GITIGNORE = """\
__pycache__/
*.pyc
.venv/
*.egg-info/
build/
dataset/*.npz
dataset/mnist_download/
results.json
"""

RUNNER_PATCH = '''

# ---------------------------------------------------------------------------- student kit
# This kit ships the public checks only: every report says that hidden checks run when the
# instructor grades, and never presents a public-only score as the full grade.
_grade_with_every_check_shipped = grade


def grade(*args, **kwargs) -> GradeReport:  # noqa: F811
    report = _grade_with_every_check_shipped(*args, **kwargs)
    report.hidden_ran = False
    return report
'''


def _say(console, en: str, ko: str, lang: str) -> None:
    if console is not None:
        console.print(T(en, ko).render(lang))


def record_answer_keys(root: Path, dest: Path, console=None, lang: str = "en") -> dict[str, int]:
    """Run the public checks against the reference (and the stubs) while recording; write the keys."""
    from grader.checking import answer_key
    from grader.checking.runner import grade

    selected = exercises.available()
    with answer_key.recording() as stores:
        report = grade(selected, root / "solutions", seed=0, extra_args=("-p", "grader.checking.answer_key"))
        short = [f"{ex.id} {c.name}: {c.status} {(c.message.en if c.message else '')[:300]}"
                 for ex in report.exercises for c in ex.checks if not c.hidden and c.status != "passed"]
        if short:
            raise ReleaseError("the reference solutions do not pass every public check while the answer key "
                               "is recorded:\n  " + "\n  ".join(short))
        # the stubs take the checks' failure paths: record what the reference answers there too
        grade(selected, root / "exercises", seed=0, extra_args=("-p", "grader.checking.answer_key"))
    sizes = {}
    for ex in selected:
        store = stores.get(ex.module) or answer_key.Store(ex.module, ex.id)
        store.save(answer_key.key_path(ex.module, dest))
        sizes[ex.module] = len(store.entries)
        _say(console, f"  answer key {ex.module}: {len(store.entries)} answers",
             f"  답안 키 {ex.module}: 답 {len(store.entries)}개", lang)
    return sizes


VERIFY_SCRIPT = r"""
import importlib.abc, json, sys
class NoSolutions(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "solutions" or name.startswith("solutions."):
            raise ImportError("a student kit must not import " + name)
sys.meta_path.insert(0, NoSolutions())
from pathlib import Path
from grader import exercises
from grader.checking import runner
out = {}
for label, target in json.loads(sys.argv[1]).items():
    report = runner.grade(exercises.available(), Path(target), seed=0)
    out[label] = {"score": report.score, "max_score": report.max_score, "hidden_ran": report.hidden_ran,
                  "hidden": [c.name for e in report.exercises for c in e.checks if c.hidden],
                  "exercises": exercises.available().__len__(),
                  "failed": [e.id + " " + c.name + ": " + (c.message.en[:300] if c.message else c.status)
                             for e in report.exercises for c in e.checks if c.status != "passed"]}
print("VERIFY " + json.dumps(out))
"""


def verify(kit: Path, root: Path) -> dict:
    """Grade the solutions and the stubs with the kit's own grader, in a process without ``solutions``."""
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_ANSWER_KEY", "PYTHONPATH")}
    env.update(PYTHONPATH=str(kit), PYTHONDONTWRITEBYTECODE="1")
    targets = {"solutions": str(root / "solutions"), "stubs": str(kit / "exercises")}
    # the kit does not ship MNIST (its loader downloads it); lend it this repository's cache meanwhile
    cache, lent = root / "dataset" / "mnist.npz", kit / "dataset" / "mnist.npz"
    lend = cache.is_file() and not lent.exists()
    if lend:
        lent.symlink_to(cache)
    try:
        with tempfile.TemporaryDirectory() as cwd:
            proc = subprocess.run([sys.executable, "-c", VERIFY_SCRIPT, json.dumps(targets)], cwd=cwd, env=env,
                                  capture_output=True, text=True, timeout=1800)
    finally:
        if lend:
            lent.unlink()
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("VERIFY ")), None)
    if proc.returncode != 0 or line is None:
        raise ReleaseError("the kit's grader did not run:\n" + (proc.stderr or proc.stdout)[-3000:])
    result = json.loads(line[len("VERIFY "):])
    sol, stubs = result["solutions"], result["stubs"]
    if sol["hidden"] or stubs["hidden"]:
        raise ReleaseError(f"the kit still runs hidden checks: {sol['hidden']}")
    if sol["score"] != sol["max_score"]:
        raise ReleaseError("in the kit, the reference solutions lose points:\n  " + "\n  ".join(sol["failed"]))
    if stubs["score"] != 0:
        raise ReleaseError(f"in the kit, the untouched stubs score {stubs['score']}")
    if sol["hidden_ran"]:
        raise ReleaseError("the kit's reports do not say that hidden checks run when the instructor grades")
    return result


def build(out: Path, *, root: Path | None = None, force: bool = False, console=None, lang: str = "en") -> dict:
    """Build the kit into ``out``; returns a summary.  Raises :class:`ReleaseError`."""
    root = Path(root or exercises.ROOT).resolve()
    out = Path(out).resolve()
    if not (root / "solutions").is_dir():
        raise ReleaseError(f"{root / 'solutions'} not found: grade release runs in the instructor's repository")
    protected = [root] + [root / name for name in ("grader", "exercises", "solutions", "dataset", "tests")]
    if any(out == p or out in p.parents or p in out.parents and p != root for p in protected):
        raise ReleaseError(f"{out} is part of the repository (or holds it); choose another folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not force:
            raise ReleaseError(f"{out} exists and is not empty (use --force to replace an earlier kit)")
        if not (out / KIT_MARKER).is_file():
            raise ReleaseError(f"{out} is not a kit made by grade release: not replacing it")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        summary = _build_into(staging, root, console, lang)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary["out"] = str(out)
    return summary


def _build_into(kit: Path, root: Path, console, lang: str) -> dict:
    _say(console, "Copying the stubs, the grader and the MNIST loader ...",
         "실습 파일, 채점기, MNIST 불러오기를 복사하는 중 ...", lang)
    _copy_tree(root / "exercises", kit / "exercises", (".py",))
    _copy_tree(root / "grader", kit / "grader")
    (kit / "dataset").mkdir()
    for path in sorted((root / "dataset").glob("*.py")):
        shutil.copy2(path, kit / "dataset" / path.name)
    if (root / "dataset" / "weights").is_dir():
        _copy_tree(root / "dataset" / "weights", kit / "dataset" / "weights")

    hidden: list[HiddenCheck] = []
    public_count = 0
    for path in sorted((root / "grader" / "checks").glob("test_*.py")):
        text, removed = public_source(path.read_text(encoding="utf-8"), path.name)
        (kit / "grader" / "checks" / path.name).write_text(text, encoding="utf-8")
        hidden += removed
        public_count += sum(1 for n in ast.parse(text).body if _check_decorator(n) is not None)
    _say(console, f"Checks: {public_count} public kept, {len(hidden)} hidden removed.",
         f"검사: 공개 {public_count}개 유지, 비공개 {len(hidden)}개 제거.", lang)

    runner = kit / "grader" / "checking" / "runner.py"
    runner.write_text(runner.read_text(encoding="utf-8").rstrip("\n") + "\n" + RUNNER_PATCH, encoding="utf-8")
    (kit / "pyproject.toml").write_text(kit_pyproject(root / "pyproject.toml"), encoding="utf-8")
    (kit / "README.md").write_text(KIT_README, encoding="utf-8")
    (kit / ".gitignore").write_text(KIT_GITIGNORE, encoding="utf-8")

    _say(console, "Recording the answer key (public checks against the reference solutions) ...",
         "답안 키를 기록하는 중 (공개 검사를 참조 답안으로 실행) ...", lang)
    sizes = record_answer_keys(root, kit / "grader" / "answer_keys", console, lang)

    _say(console, "Verifying the kit: the reference earns full marks, the stubs nothing ...",
         "키트를 확인하는 중: 참조 답안은 만점, 빈 실습 파일은 0점 ...", lang)
    result = verify(kit, root)
    for junk in list(kit.rglob("__pycache__")):
        shutil.rmtree(junk, ignore_errors=True)
    problems = scan(kit, secret_lines(root), hidden)
    if problems:
        raise ReleaseError("the kit would leak:\n  " + "\n  ".join(problems[:30]))
    (kit / KIT_MARKER).write_text("student kit made by grade release\n", encoding="utf-8")
    return {"public_checks": public_count, "hidden_removed": len(hidden), "answers": sizes,
            "public_points": result["solutions"]["max_score"]}


# ============================================================================ command line
def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    from grader.cli import Parser, lang_from_argv

    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = Parser(
        lang=lang,
        prog="grade release",
        description=t("Build the student kit: stubs, the grader with public checks only, the MNIST loader "
                      "and an answer key recorded from the reference solutions (no solution code).",
                      "학생용 키트를 만듭니다: 실습 파일, 공개 검사만 있는 채점기, MNIST 불러오기, 참조 답안에서 "
                      "기록한 답안 키 (답안 코드 없음)."))
    parser.add_argument("out", metavar="OUT_DIR", type=Path,
                        help=t("folder to write the kit to (must not exist, or be empty)",
                               "키트를 만들 폴더 (없거나 비어 있어야 함)"))
    parser.add_argument("--force", action="store_true",
                        help=t("replace OUT_DIR if it holds a kit made earlier", "OUT_DIR에 이전 키트가 있으면 교체"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of the messages", "메시지 언어"))
    args = parser.parse_args(argv)
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    try:
        summary = build(args.out, force=args.force, console=console, lang=lang)
    except ReleaseError as exc:
        err.print(t("grade release: ", "grade release: ") + str(exc), markup=False)
        return EXIT_FAILED
    console.print(t(f"Student kit written to {summary['out']}: {summary['public_checks']} public checks "
                    f"({summary['public_points']:g} points), {summary['hidden_removed']} hidden checks left out.",
                    f"학생용 키트를 {summary['out']}에 만들었습니다: 공개 검사 {summary['public_checks']}개 "
                    f"({summary['public_points']:g}점), 비공개 검사 {summary['hidden_removed']}개 제외."),
                  markup=False)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
