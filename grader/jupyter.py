"""``grader.check("exercise-05")`` in Jupyter or Colab: grade the definitions made in the notebook.

The notebook's top-level imports, ``def``, ``class`` and constants (from IPython's history of executed
cells, else from the caller's namespace) become the exercise's module in a private temporary folder,
graded by ``python -m grader.jupyter`` in a subprocess whose sandboxed workers run the learner's code:
the kernel never runs it nor imports pytest, so no hang, crash or ``sys.exit()`` can take it down."""
from __future__ import annotations

import ast
import builtins
import contextlib
import dataclasses
import importlib
import inspect
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import types
from pathlib import Path

from rich.console import Console

from grader.i18n import LANGUAGES, T, Text, detect_language, josa
from grader.render.report import render_report
from grader.results import CheckResult, ExerciseResult, Frame, GradeReport

RUN_TIMEOUT = 900.0  # seconds for a whole run; each call of learner code has its own, shorter limit
NOT_CONSTANT = ("matplotlib.pyplot", "pylab", "seaborn", "IPython", "google", "grader")  # plots, display
SAFE_BUILTINS = {"range", "list", "tuple", "dict", "int", "float", "str", "bool", "len", "abs", "min", "max", "sum"}
_TYPES = {cls.__name__: cls for cls in (Text, Frame, CheckResult, ExerciseResult, GradeReport)}


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What :func:`check` returns: short to print; the checks are in ``result.checks``."""
    exercise: str
    score: float
    max_score: float
    result: ExerciseResult = dataclasses.field(repr=False)


def notebook_source(cells, namespace: dict | None = None) -> tuple[str, list]:
    """The module that executed ``cells`` (``(label, code)``, oldest first) define, and for each of its
    lines the ``(label, line)`` it came from.  Kept: top-level imports, ``def``, ``class`` and constant
    assignments (whose names ``namespace`` holds); never magics, ``!shell``, calls or plots."""
    kept, origins, modules, defined = [], [], {}, set(dir(builtins))
    for label, code in cells:
        plain = "\n".join("" if line.lstrip()[:1] in "!%" else line for line in code.splitlines())
        tree = None
        for text in (code, plain) if not code.lstrip().startswith("%%") else ():  # a cell magic: not as written
            with contextlib.suppress(SyntaxError, ValueError):
                tree, lines = ast.parse(text), text.splitlines()
                break
        for node in tree.body if tree else ():
            bound = _binds(node, modules, defined)
            if namespace is not None and any(name not in namespace for name in bound - {"*"}):
                bound = set()  # a failed import, a name deleted since (del f), or not run yet
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
            chunk = lines[start - 1:node.end_lineno] if bound else []
            if chunk and not hasattr(node, "body"):  # a simple statement may share its line (a; b); in bytes
                chunk[-1] = chunk[-1].encode()[:node.end_col_offset].decode(errors="ignore")
                chunk[0] = chunk[0].encode()[node.col_offset:].decode(errors="ignore")
            kept += chunk
            origins += [(label, start + i) for i in range(len(chunk))]
            defined |= bound
    return "\n".join(kept) + "\n", origins


def _binds(node, modules: dict, defined: set) -> set:
    """The names that a statement worth keeping binds; none if it is not worth keeping."""
    if any(isinstance(n, ast.Call) and _dotted(n.func, modules) == "grader.check" for n in ast.walk(node)):
        return set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        nodes = [n for t in getattr(node, "targets", None) or [node.target] for n in ast.walk(t)]
        names_only = all(isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.expr_context)) for n in nodes)  # no d[k]
        return {n.id for n in nodes if isinstance(n, ast.Name)} if names_only and _constant(
            node.value, modules, defined) else set()
    if isinstance(node, ast.Import):
        bound = {a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0]
                 for a in node.names}
    elif isinstance(node, ast.ImportFrom) and not node.level and node.module != "__future__":
        bound = {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names}
    else:
        return set()
    modules.update(bound)
    return set() if any(m.split(".")[0] == "grader" for m in bound.values()) else set(bound)


def _constant(value, modules: dict, defined: set) -> bool:
    """Whether ``value`` uses only literals, names defined above and modules' functions (not plots)."""
    nodes = list(ast.walk(value))
    inner = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    inner |= {n.arg for n in nodes if isinstance(n, ast.arg)}  # comprehension variables, lambda arguments
    for node in nodes:
        if isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom)) or (
                isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in defined | inner):
            return False
        if isinstance(node, ast.Call) and _dotted(node.func, modules) not in SAFE_BUILTINS:
            name, raw = _dotted(node.func, modules), _dotted(node.func, {})  # raw: as written; its root imported
            if raw is None and isinstance(node.func, ast.Attribute):
                continue  # a method of a computed value: np.arange(6).reshape(2, 3)
            if raw is None or raw.split(".")[0] not in modules or name.startswith(NOT_CONSTANT):
                return False
    return True


def _dotted(expr, modules: dict) -> str | None:
    """``np.random.rand`` -> ``numpy.random.rand`` (the root resolved by the imports); None if not names."""
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.insert(0, expr.attr)
        expr = expr.value
    return ".".join([modules.get(expr.id, expr.id), *parts]) if isinstance(expr, ast.Name) else None


def namespace_source(namespace: dict) -> tuple[str, list]:
    """Without IPython's history: the namespace's modules, constants, functions and classes (their source)."""
    cells = []
    for name, obj in namespace.items():
        if isinstance(obj, types.ModuleType) and not name.startswith("__"):
            cells.append(("", f"import {obj.__name__} as {name}"))
        elif type(obj) in (int, bool, str, float) and not name.startswith("__"):  # inf, nan: undefined names, dropped
            cells.append(("", f"{name} = {obj!r}"))
        elif (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == namespace.get("__name__"):
            with contextlib.suppress(OSError, TypeError):  # padded: the lines keep their numbers in the file
                lines, start = inspect.getsourcelines(obj)
                cells.append((Path(inspect.getsourcefile(obj)).name, "\n" * (start - 1) + "".join(lines)))
    return notebook_source(cells, namespace)


def _encode(obj):
    if dataclasses.is_dataclass(obj):
        return {"__type__": type(obj).__name__, **{key: _encode(value) for key, value in vars(obj).items()}}
    return [_encode(item) for item in obj] if isinstance(obj, (list, tuple)) else obj


def _decode(obj):  # JSON back to results: only the result classes are ever built, never code
    if isinstance(obj, list) or not isinstance(obj, dict):
        return [_decode(item) for item in obj] if isinstance(obj, list) else obj
    fields = {key: _decode(value) for key, value in obj.items() if key != "__type__"}
    return _TYPES[obj["__type__"]](**fields) if obj.get("__type__") in _TYPES else fields


def _run(target: Path, exercise: str, seed, function, timeout: float):
    """Grade ``target`` in a subprocess: (the report, None) or (None, what went wrong)."""
    out = target.parent / "report.json"
    args = [str(target), exercise, str(out), "" if seed is None else str(int(seed)), function or ""]
    path = os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")) if p)
    proc = subprocess.Popen([sys.executable, "-m", "grader.jupyter", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                            env=dict(os.environ, PYTHONPATH=path), start_new_session=hasattr(os, "killpg"))
    try:
        log = proc.communicate(timeout=timeout)[0]
    except BaseException as exc:  # too slow, or Interrupt in Jupyter: the grading stops with the cell
        with contextlib.suppress(OSError):  # its workers die with it (grader.sandbox.keeper)
            os.killpg(proc.pid, signal.SIGKILL) if hasattr(os, "killpg") else proc.kill()
        proc.wait()
        if not isinstance(exc, subprocess.TimeoutExpired):
            raise
        return None, T(f"Grading took more than {timeout:g} s and was stopped.", f"채점이 {timeout:g}초를 넘어 중지되었습니다.")
    if proc.returncode or not out.is_file():
        return None, T("The grader could not run:\n", "채점기를 실행할 수 없습니다:\n") + log[-3000:]
    return _decode(json.loads(out.read_text(encoding="utf-8"))), None


def _serve(target: str, exercise: str, out: str, seed: str, function: str) -> None:
    """The subprocess: grade ``target`` with the normal grader (only the checks about ``function``)."""
    from grader import exercises
    from grader.checking.runner import grade
    from grader.checking.spec import MARKER
    from grader.sandbox import forkserver, process
    ex, names = exercises.find(exercise), None
    if function:
        checks = vars(importlib.import_module(f"grader.checks.{ex.check_file.stem}"))
        marks = {name.removeprefix("test_"): mark.kwargs.get("description") or Text("", "")
                 for name, func in checks.items() if name.startswith("test_")
                 for mark in getattr(func, "pytestmark", ()) if mark.name == MARKER}
        names = [name for name, text in marks.items() if function.lower() in f"{name} {text.en} {text.ko}".lower()]
    process.use_forkserver = True  # a warm server, once started below, forks the next run's workers
    report = grade([ex], Path(target), seed=int(seed) if seed else None,  # -k: only the checks asked for
                   extra_args=("-k", " or ".join(names)) if names else ()) if names != [] else \
        GradeReport([ExerciseResult(ex.id, ex.title, ex.module, [])], 0, target)
    for result in report.exercises if names else ():  # the runner lists those -k left out as "did not run"
        result.checks = [c for c in result.checks if c.name in names]
    Path(out).write_text(json.dumps(_encode(report)), encoding="utf-8")
    forkserver.start()


def check(exercise, function: str | None = None, *, lang: str | None = None, seed: int | None = None,
          timeout: float = RUN_TIMEOUT) -> Outcome | None:
    """Grade the definitions made in this notebook for ``exercise`` (``"exercise-05"``, ``5``, ``"ex05"``);
    with ``function`` (``"sigmoid"``), only the checks whose name or description mentions it."""
    from grader import exercises
    from grader.options import UnknownExercise
    lang, ex = lang if lang in LANGUAGES else detect_language(), exercises.find(str(exercise))
    ipython = sys.modules.get("IPython")  # never imported here: only a running IPython has it
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if ex is None:
        return _output(shell, lambda console: console.print(UnknownExercise(str(exercise)).text(lang), markup=False))
    if shell is not None and shell.user_ns.get("In"):
        source, origins = notebook_source([(f"In [{n}]", c) for n, c in enumerate(shell.user_ns["In"])], shell.user_ns)
    else:
        frame = sys._getframe(1)
        while frame.f_back is not None and frame.f_globals.get("__name__") in ("grader", __name__):
            frame = frame.f_back
        source, origins = namespace_source(frame.f_globals)
    with tempfile.TemporaryDirectory(prefix="grader-check-") as tmp:
        (Path(tmp) / "notebook").mkdir()
        (Path(tmp) / "notebook" / ex.filename).write_text(source, encoding="utf-8")
        report, problem = _run(Path(tmp) / "notebook", ex.id, seed, function, timeout)
    if problem is None and not report.exercises[0].checks:
        problem = T(f"No check of {ex.id} mentions {function!r}.", f"{ex.id}에는 {josa(repr(function), '을')} 다루는 검사가 없습니다.")
    if problem is not None:
        return _output(shell, lambda console: console.print(problem.render(lang), markup=False, style="red"))
    result, report.target = report.exercises[0], ""
    for frame in (f for c in result.checks for f in c.frames):  # "In [3], line 2" for a line of the module
        origin = origins[frame.lineno - 1] if 0 < frame.lineno <= len(origins) else ("", 0)
        if Path(frame.filename).name == ex.filename and origin[0]:
            frame.filename, frame.lineno = origin

    def show(console):
        render_report(report, console, lang)
        if result.state == "not started":  # the report's advice names a file: say where, in a notebook
            console.print(T("In a notebook: define the exercise's functions in cells above and run them first.",
                            "노트북에서는 위쪽 셀에 실습의 함수를 정의하고 먼저 실행하세요.").render(lang), style="dim")
    _output(shell, show)
    return Outcome(ex.id, result.score, result.max_score, result)


def _output(shell, render) -> None:
    """``render(console)`` on the terminal, or in a notebook (``shell`` has a kernel) as one output."""
    if getattr(shell, "kernel", None) is None:
        return render(Console(highlight=False))
    from IPython.display import display
    from rich.jupyter import JUPYTER_HTML_FORMAT
    console = Console(record=True, file=io.StringIO(), width=100, force_jupyter=False, highlight=False)
    render(console)
    display({"text/plain": console.export_text(clear=False),
             "text/html": console.export_html(code_format=JUPYTER_HTML_FORMAT, inline_styles=True)}, raw=True)


if __name__ == "__main__":
    _serve(*sys.argv[1:6])
