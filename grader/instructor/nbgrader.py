"""``grade nbgrader COURSE_DIR``: the exercises as an nbgrader course.

For every exercise it writes ``source/exercise-NN/exercise-NN.ipynb``:

* a read-only markdown introduction: the stub's teaching text (its module docstring);
* the stub's code, one cell per function or class.  Each ``raise NotImplementedError``
  of the stub becomes the reference code (from ``solutions/``) between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``; ``nbgrader generate_assignment``
  puts ``raise NotImplementedError`` back (``ClearSolutions.code_stub``), so the
  released notebook holds exactly the stub.  Module-level helpers of the reference
  (imports, constants, small functions) go inside the solution regions that use them;
* one autograded test cell per check, worth the check's points, that runs the kit's
  check against the notebook's own definitions (see :mod:`grader.checking.notebook`); hidden
  checks sit between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``.

and ``nbgrader_config.py`` (course id, ``python3`` kernel, time limit per cell,
the code stub).  nbgrader itself is not needed to build the course.
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from grader import exercises
from grader.exercises import Exercise
from grader.i18n import LANGUAGES, T, detect_language
from grader.sandbox.process import WORKER_ENV
from grader.checking.notebook import CheckInfo, collect_checks

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = "raise NotImplementedError"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
DEFAULT_COURSE_ID = "dlscratch"
MIN_CELL_TIMEOUT = 300  # seconds per cell, and at least twice the longest call a check allows
CONFIG_MARK = "# Written by `grade nbgrader`"
KERNEL_ENV = WORKER_ENV  # kernels run learner code as grade's workers do
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class BuildError(Exception):
    """A stub and its reference solution cannot be merged into a notebook."""


# ---------------------------------------------------------------------------- source analysis
def _is_docstring(node) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def _is_stub_raise(node) -> bool:
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _is_main_guard(node) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Every function and method by qualified name (``forward``, ``MulLayer.backward``)."""
    found = {}

    def walk(body, prefix):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[prefix + node.name] = node
            elif isinstance(node, ast.ClassDef):
                walk(node.body, prefix + node.name + ".")
    walk(tree.body, "")
    return found


def _defined_names(node) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    if isinstance(node, ast.ImportFrom):
        return {a.asname or a.name for a in node.names}
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def _used_names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reindent(lines: list[str], old: int, new: int) -> list[str]:
    out = []
    for line in lines:
        if not line.strip():
            out.append("")
        elif _indent_of(line) >= old:
            out.append(" " * new + line[old:])
        else:  # a continuation line of a string: leave it as it is
            out.append(line)
    return out


def _strip_blank_edges(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


@dataclass
class Segment:
    """Consecutive lines of the stub that become one notebook cell."""

    kind: str  # "code" (given code), "answer" (holds solution regions) or "try" (an `if __name__` block)
    name: str
    lines: list[str]


class Merger:
    """Merges a stub and its reference solution, region by region."""

    def __init__(self, ex: Exercise, stub_source: str, solution_source: str):
        self.ex = ex
        self.stub_source, self.solution_source = stub_source, solution_source
        self.stub_lines = stub_source.splitlines()
        self.sol_lines = solution_source.splitlines()
        self.stub_tree = ast.parse(stub_source)
        self.sol_tree = ast.parse(solution_source)
        self.sol_functions = _functions(self.sol_tree)
        self.extras = self._extras()

    @property
    def docstring(self) -> str:
        return ast.get_docstring(self.stub_tree, clean=True) or ""

    def _extras(self) -> list[tuple[ast.stmt, set[str]]]:
        """Module-level statements of the solution that the stub lacks (imports, helpers)."""
        stub_top = {ast.dump(node) for node in self.stub_tree.body}
        stub_names = set()
        for node in self.stub_tree.body:
            stub_names |= _defined_names(node)
        extras = []
        for node in self.sol_tree.body:
            if _is_docstring(node) or _is_main_guard(node) or ast.dump(node) in stub_top:
                continue
            names = _defined_names(node)
            if not names or names <= stub_names and isinstance(
                    node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue  # a solution version of a stub function, or a statement with no name
            extras.append((node, names))
        return extras

    def _needed_extras(self, nodes) -> list[ast.stmt]:
        needed: set[int] = set()
        wanted = set().union(*(_used_names(node) for node in nodes))
        changed = True
        while changed:
            changed = False
            for index, (node, names) in enumerate(self.extras):
                if index not in needed and names & wanted:
                    needed.add(index)
                    wanted |= _used_names(node)
                    changed = True
        return [self.extras[i][0] for i in sorted(needed)]

    def _source(self, node, lines) -> list[str]:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        return lines[start - 1: node.end_lineno]

    def solution_body(self, qualname: str, indent: int, members=()) -> list[str]:
        """The reference body of ``qualname`` (docstring left out), indented by ``indent``.

        ``members`` are helper members of the reference class that the stub's class
        lacks: defined here and set on the class (``__class__``) when ``__init__`` runs.
        """
        func = self.sol_functions.get(qualname)
        if func is None:
            raise BuildError(f"{self.ex.id}: solutions/{self.ex.filename} has no {qualname}, "
                             f"which the stub leaves to the learner")
        body = func.body[1:] if func.body and _is_docstring(func.body[0]) else func.body
        lines: list[str] = []
        for extra in self._needed_extras([func, *members]):
            lines += _reindent(self._source(extra, self.sol_lines), 0, indent)
        if members:
            lines.append(" " * indent + "# helper members of the reference class, which the stub does not have")
            for member in members:
                lines += _reindent(self._source(member, self.sol_lines), member.col_offset, indent)
                lines += [f"{' ' * indent}__class__.{name} = {name}" for name in sorted(_defined_names(member))]
        if not body:
            return lines + [" " * indent + "pass"]
        first = body[0]
        floor = func.body[0].end_lineno if _is_docstring(func.body[0]) else func.lineno
        start = first.lineno
        while start - 1 > floor and self.sol_lines[start - 2].strip().startswith("#"):
            start -= 1  # comments just above the first statement belong to the body
        body_lines = self.sol_lines[start - 1: func.end_lineno]
        return lines + _strip_blank_edges(_reindent(body_lines, first.col_offset, indent))

    def _stub_raises(self, node) -> list[tuple[str, ast.Raise]]:
        """The ``raise NotImplementedError`` statements of a function or of a class's methods."""
        if isinstance(node, ast.ClassDef):
            members = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            prefix = node.name + "."
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members, prefix = [node], ""
        else:
            return []
        return [(prefix + func.name, stmt) for func in members for stmt in func.body if _is_stub_raise(stmt)]

    def _class_helpers(self, node: ast.ClassDef) -> list[ast.stmt]:
        """Members of the reference class that the stub's class lacks (helper methods, constants)."""
        sol_class = next((n for n in self.sol_tree.body if isinstance(n, ast.ClassDef) and n.name == node.name), None)
        if sol_class is None:
            raise BuildError(f"{self.ex.id}: solutions/{self.ex.filename} has no class {node.name}")
        stub_names = set().union(*(_defined_names(n) for n in node.body))
        return [n for n in sol_class.body if not _is_docstring(n) and _defined_names(n) - stub_names]

    def _answer_lines(self, node, raises) -> list[str]:
        """The stub's definition with each ``raise NotImplementedError`` made a solution region."""
        helpers = self._class_helpers(node) if isinstance(node, ast.ClassDef) else []
        if helpers and f"{node.name}.__init__" not in {qualname for qualname, _ in raises}:
            raise BuildError(f"{self.ex.id}: the reference class {node.name} has members the stub lacks "
                             f"({', '.join(sorted(set().union(*map(_defined_names, helpers))))}) and the "
                             "stub's __init__ leaves no solution region to define them in")
        lines = self._source(node, self.stub_lines)
        start = node.end_lineno - len(lines) + 1
        for qualname, stmt in sorted(raises, key=lambda item: -item[1].lineno):
            indent = stmt.col_offset
            members = helpers if qualname.endswith(".__init__") else ()
            region = ([" " * indent + BEGIN_SOLUTION] + self.solution_body(qualname, indent, members)
                      + [" " * indent + END_SOLUTION])
            lines[stmt.lineno - start: stmt.end_lineno - start + 1] = region
        return lines

    def segments(self) -> list[Segment]:
        """The stub cut into cells: one per function or class, other statements grouped."""
        out: list[Segment] = []
        previous_end = 0
        for node in self.stub_tree.body:
            lines = self._source(node, self.stub_lines)
            lead = self.stub_lines[previous_end: node.end_lineno - len(lines)]  # comments, blank lines
            previous_end = node.end_lineno
            if _is_docstring(node) and node is self.stub_tree.body[0]:
                continue
            if _is_main_guard(node):  # a notebook runs as __main__: show the block, never run it
                out.append(Segment("try", "", lead + self._source(node, self.stub_lines)))
                continue
            raises = self._stub_raises(node)
            if raises:
                out.append(Segment("answer", node.name, lead + self._answer_lines(node, raises)))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.append(Segment("code", node.name, lead + lines))
            elif out and out[-1].kind == "code" and out[-1].name == "":
                out[-1].lines += lead + lines
            else:
                out.append(Segment("code", "", lead + lines))
        for segment in out:
            segment.lines = _strip_blank_edges(segment.lines)
        return out


# ---------------------------------------------------------------------------- notebook cells
def _cell_id(grade_id: str) -> str:
    return grade_id[:64]


def _source(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]] if lines else []


def _code(text: str, cell_id: str, nbgrader: dict | None = None) -> dict:
    cell = {"cell_type": "code", "execution_count": None, "id": _cell_id(cell_id),
            "metadata": {}, "outputs": [], "source": _source(text)}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = nbgrader
    return cell


def _markdown(text: str, cell_id: str, nbgrader: dict | None = None) -> dict:
    cell = {"cell_type": "markdown", "id": _cell_id(cell_id), "metadata": {}, "source": _source(text)}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = nbgrader
    return cell


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    if not GRADE_ID.match(grade_id):
        raise BuildError(f"invalid nbgrader grade id {grade_id!r}")
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def _points_text(points: float) -> tuple[str, str]:
    return (f"{points:g} point" + ("" if points == 1 else "s"), f"{points:g}점")


def introduction(ex: Exercise, docstring: str, total: float) -> str:
    en, ko = _points_text(total)
    return "\n".join([
        f"# {ex.id} · {ex.title.en}",
        f"### {ex.title.ko}",
        "",
        f"*{en} · {ko}*",
        "",
        docstring,
        "",
        "---",
        "",
        "**How this notebook is graded.** Fill in every cell that still says "
        "`raise NotImplementedError` (keep the function and class names), then run all cells. "
        f"The cells at the end run the same checks as `grade {ex.id}`; a hidden check runs only "
        "when your instructor grades.",
        "",
        "**채점 방법.** `raise NotImplementedError`가 남아 있는 모든 셀을 채우고(함수와 클래스 이름은 "
        "그대로 두세요) 모든 셀을 실행하세요. 끝에 있는 셀은 "
        f"`grade {ex.id}`와 같은 검사를 실행합니다. 비공개 검사는 강사가 채점할 때만 실행됩니다.",
    ])


def try_it(lines: list[str]) -> str:
    """The stub's ``if __name__ == "__main__":`` block as text to copy into a cell (never run)."""
    code = textwrap.dedent("\n".join(line for line in lines if not line.lstrip().startswith("if __name__")))
    return "\n".join(["**Try it** (the module runs this as a script; copy it into a new cell when your code "
                      "is ready) · **실행해 보기** (스크립트로 실행할 때의 코드입니다. 코드를 완성한 뒤 새 셀에 "
                      "붙여 넣어 실행해 보세요)", "", "```python", *_strip_blank_edges(code.split("\n")), "```"])


def check_cell_source(check: CheckInfo) -> str:
    en, ko = _points_text(check.points)
    call = [
        "from grader.checking.notebook import run_check",
        f"run_check({check.exercise.id!r}, {check.name!r}, globals())",
    ]
    if check.hidden:
        head = [f"# Hidden check · {en} (runs when your instructor grades) / 비공개 검사 · {ko}"]
        call = [BEGIN_HIDDEN] + call + [END_HIDDEN]
    else:
        head = [f"# Check · {en} / 검사 · {ko}"]
    head += [f"# {check.description.en}", f"# {check.description.ko}"]
    return "\n".join(head + call)


def build_notebook(ex: Exercise, root: Path = exercises.ROOT) -> dict:
    """The source notebook of ``ex`` (with solutions and hidden checks) as a JSON-ready dict."""
    stub = (root / "exercises" / ex.filename).read_text(encoding="utf-8")
    solution = (root / "solutions" / ex.filename).read_text(encoding="utf-8")
    merger = Merger(ex, stub, solution)
    checks = collect_checks(ex)
    total = sum(c.points for c in checks)
    cells = [_markdown(introduction(ex, merger.docstring, total), "intro",
                       _nbgrader("intro", grade=False, solution=False, locked=True))]
    for index, segment in enumerate(merger.segments()):
        text = "\n".join(segment.lines)
        if segment.kind == "answer":
            grade_id = f"answer-{segment.name}"
            cells.append(_code(text, grade_id, _nbgrader(grade_id, grade=False, solution=True, locked=False)))
        elif segment.kind == "try":
            cells.append(_markdown(try_it(segment.lines), f"try-{index}"))
        else:
            cells.append(_code(text, f"code-{index}"))
    cells.append(_markdown("## Checks · 검사\n\n"
                           "Each cell below is one check of `grade`, worth the points it names.\n\n"
                           "아래 셀 하나하나가 `grade`의 검사 하나이며, 적힌 점수만큼의 가치가 있습니다.",
                           "checks", _nbgrader("checks", grade=False, solution=False, locked=True)))
    for check in checks:
        grade_id = f"check-{check.name}"
        cells.append(_code(check_cell_source(check), grade_id,
                           _nbgrader(grade_id, grade=True, solution=False, locked=True, points=check.points)))
    return {
        "cells": cells,
        "metadata": {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def config_text(course_id: str, timeout: int) -> str:
    return "\n".join([
        CONFIG_MARK + " (it rewrites this file; delete the line above to keep your changes).",
        "import os",
        "",
        "c = get_config()  # noqa: F821",
        "",
        f"c.CourseDirectory.course_id = {course_id!r}",
        "",
        "# Kernels inherit this environment: the learner's code runs as in `grade`'s worker, with one",
        "# BLAS thread (more threads on a busy machine make exercise-10's training many times slower)",
        "# and Matplotlib drawing off screen.",
        *[f"os.environ.setdefault({name!r}, {value!r})" for name, value in KERNEL_ENV.items()],
        "",
        "# Notebooks run in the `python3` kernel of the environment where the kit is installed",
        "# (`grader` and `solutions` must be importable there).",
        "c.Execute.kernel_name = 'python3'",
        f"c.Execute.timeout = {int(timeout)}  # seconds per cell",
        "",
        "# A solution region becomes the stub's own body again.",
        f"c.ClearSolutions.code_stub = {{'python': {CODE_STUB!r}}}",
        "",
    ])


def cell_timeout(selected: list[Exercise]) -> int:
    """nbgrader's time limit per cell: room for the slowest check (exercise-10 trains on MNIST)."""
    longest = max((c.call_timeout for ex in selected for c in collect_checks(ex)), default=0)
    return int(max(MIN_CELL_TIMEOUT, 2 * longest))


def write_course(course_dir: Path, selected: list[Exercise], *, course_id: str = DEFAULT_COURSE_ID,
                 timeout: int | None = None) -> tuple[list[Path], bool]:
    """Write the course; returns the notebooks written and whether nbgrader_config.py was (re)written."""
    course_dir = Path(course_dir)
    timeout = cell_timeout(selected) if timeout is None else timeout
    course_dir.mkdir(parents=True, exist_ok=True)
    config = course_dir / "nbgrader_config.py"
    wrote_config = not config.exists() or config.read_text(encoding="utf-8").startswith(CONFIG_MARK)
    if wrote_config:
        config.write_text(config_text(course_id, timeout), encoding="utf-8")
    notebooks = [(ex, build_notebook(ex)) for ex in selected]  # build all before writing any
    written = []
    for ex, notebook in notebooks:
        path = course_dir / "source" / ex.id / f"{ex.id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written, wrote_config


# ---------------------------------------------------------------------------- reading notebooks
def _nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def notebook_code(notebook: dict) -> str:
    """The code of a notebook outside its test cells: the module its author wrote."""
    return "\n\n".join("".join(cell["source"]) for cell in notebook["cells"]
                       if cell["cell_type"] == "code" and not _nbgrader_meta(cell).get("grade"))


def with_reference_answers(release: dict, source: dict) -> dict:
    """A copy of a released notebook whose answer cells hold the source notebook's reference code."""
    answers = {_nbgrader_meta(c)["grade_id"]: "".join(c["source"])
               for c in source["cells"] if _nbgrader_meta(c).get("solution")}
    notebook = json.loads(json.dumps(release))
    for cell in notebook["cells"]:
        meta = _nbgrader_meta(cell)
        if meta.get("solution"):
            lines = answers[meta["grade_id"]].split("\n")
            cell["source"] = "\n".join(line for line in lines if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))
    return notebook


# ---------------------------------------------------------------------------- command line
def build_parser(lang: str) -> argparse.ArgumentParser:
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    parser = argparse.ArgumentParser(
        prog="grade nbgrader",
        description=t("Write the exercises as an nbgrader course: source notebooks with the reference "
                      "solutions and one autograded test cell per check.",
                      "실습을 nbgrader 과정으로 만듭니다: 참조 답안이 든 원본 노트북과 검사마다 하나씩의 "
                      "자동 채점 셀."),
        epilog=t("Then: cd COURSE_DIR && nbgrader generate_assignment exercise-05, and after collecting "
                 "submissions, nbgrader autograde exercise-05. Set GRADER_SEED to fix the hidden checks' "
                 "inputs and GRADER_LANG=ko for Korean feedback.",
                 "그다음: cd COURSE_DIR && nbgrader generate_assignment exercise-05, 제출물을 모은 뒤 "
                 "nbgrader autograde exercise-05. GRADER_SEED로 비공개 검사의 입력을 고정하고, "
                 "GRADER_LANG=ko로 한국어 피드백을 받습니다."))
    parser.add_argument("course_dir", type=Path, metavar="COURSE_DIR",
                        help=t("the course folder (created if needed)", "과정 폴더 (없으면 만듦)"))
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help=t("exercises to write (default: all)", "만들 실습 (기본값: 전체)"))
    parser.add_argument("--course-id", default=DEFAULT_COURSE_ID,
                        help=t(f"nbgrader course id (default: {DEFAULT_COURSE_ID})",
                               f"nbgrader 과정 id (기본값: {DEFAULT_COURSE_ID})"))
    parser.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                        help=t(f"time limit per notebook cell when nbgrader runs it (default: {MIN_CELL_TIMEOUT}, "
                               "or twice the longest call a check allows)",
                               f"nbgrader가 셀 하나를 실행할 때의 제한 시간 (기본값: {MIN_CELL_TIMEOUT}초, "
                               "또는 검사가 허용하는 가장 긴 호출 시간의 두 배)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("language of these messages", "이 메시지의 언어"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang" and argv[i + 1] in LANGUAGES),
                None) or detect_language()
    t = lambda en, ko: T(en, ko).render(lang)  # noqa: E731
    args = build_parser(lang).parse_args(argv)
    known = exercises.available()
    selected: list[Exercise] = []
    for token in args.exercises or ["all"]:
        if token == "all":
            selected += [ex for ex in known if ex not in selected]
            continue
        ex = exercises.find(token)
        if ex is None:
            print(t(f"Unknown exercise {token!r}. Valid ids: ", f"알 수 없는 실습 {token!r}. 가능한 번호: ")
                  + ", ".join(e.id for e in known), file=sys.stderr)
            return EXIT_USAGE
        if ex not in selected:
            selected.append(ex)
    if not re.fullmatch(r"[A-Za-z0-9_\-.]+", args.course_id):
        print(t(f"Invalid course id {args.course_id!r}", f"잘못된 과정 id {args.course_id!r}"), file=sys.stderr)
        return EXIT_USAGE
    try:
        written, wrote_config = write_course(args.course_dir, selected, course_id=args.course_id,
                                             timeout=args.timeout)
    except (BuildError, OSError, SyntaxError, ValueError) as exc:
        print(t("Could not build the course: ", "과정을 만들 수 없습니다: ") + str(exc), file=sys.stderr)
        return EXIT_FAILED
    for path in written:
        print(path)
    config = args.course_dir / "nbgrader_config.py"
    if not wrote_config:
        print(t(f"Kept your {config} (it has no `grade nbgrader` mark); check its course id and settings.",
                f"기존 {config}를 그대로 두었습니다(`grade nbgrader` 표시 없음). 과정 id와 설정을 확인하세요."),
              file=sys.stderr)
    first = selected[0].id if selected else "exercise-01"
    print(t(f"Next: cd {args.course_dir} && nbgrader generate_assignment {first}",
            f"다음: cd {args.course_dir} && nbgrader generate_assignment {first}"))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
