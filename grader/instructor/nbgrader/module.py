"""A submitted notebook as the exercise's module: what ``grade`` and nbgrader autograde grade.

The code cells other than the test cells, in order, as one module (what "Restart & Run All"
runs).  Kept as written, line for line, except what only a notebook understands or only shows
something there (left out lines become blank lines, so that a line keeps its number):

* IPython magics and ``!shell`` lines; a cell magic (``%%time``) or a cell that still is not
  Python leaves out the whole cell (the kernel would stop at it and go on with the next cell);
* top-level expression statements: ``print(sigmoid(x))``, a plot, a function tried on an
  example, ``grader.check(...)`` -- in a notebook they show a result and define nothing, and
  one that fails (a stub still raising ``NotImplementedError``) would stop the whole module;
* statements that import :mod:`grader` or use a name so imported (``run_check``): the
  in-kernel feedback.

Everything else runs as the module's code, in order: a cell that fails while the module is
imported fails it, as in ``grade`` (and as "Restart & Run All" shows).
"""
from __future__ import annotations

import ast


def _nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(line for line in source if isinstance(line, str))
    return source if isinstance(source, str) else ""


def _grader_names(node) -> set[str]:
    """The names a statement binds to :mod:`grader` or something in it."""
    if isinstance(node, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] == "grader"}
    if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "grader":
        return {a.asname or a.name for a in node.names}
    return set()


def cell_code(code: str, feedback: set[str]) -> str:
    """One cell's part of the module; ``feedback`` collects the names bound to :mod:`grader` so far."""
    if code.lstrip().startswith("%%"):
        return ""
    plain = "\n".join("" if line.lstrip()[:1] in ("%", "!") else line for line in code.split("\n"))
    try:
        tree = ast.parse(plain)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # too deeply nested, too big
        return ""
    lines = plain.split("\n")
    for node in tree.body:
        bound = _grader_names(node)
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        shown = isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant) and not any(
            isinstance(n, ast.NamedExpr) for n in ast.walk(node))  # print(f(x)), a plot: only shows something
        if bound or used & feedback or shown:
            feedback |= bound
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
            lines[start - 1:node.end_lineno] = [""] * (node.end_lineno - start + 1)
    return "\n".join(lines)


def notebook_module(notebook: dict) -> tuple[str, list[tuple[int, int]]]:
    """The module of a notebook (its code cells but the test cells: nbgrader's grade cells that are not
    answers) and, for each of its lines, the ``(cell, line)`` it came from (cells count from 1; 0: none)."""
    feedback: set[str] = set()
    parts, origins = [], []
    for number, cell in enumerate(notebook["cells"], 1):
        meta = _nbgrader_meta(cell)
        if cell.get("cell_type") != "code" or meta.get("grade") and not meta.get("solution"):  # a test cell
            continue
        if parts:
            origins.append((0, 0))  # the blank line between two cells
        parts.append(cell_code(_text(cell), feedback))
        origins += [(number, line) for line in range(1, parts[-1].count("\n") + 2)]
    return "\n\n".join(parts), origins


def notebook_code(notebook: dict) -> str:
    """The module of a notebook: its code cells outside its test cells, in order."""
    return notebook_module(notebook)[0]
