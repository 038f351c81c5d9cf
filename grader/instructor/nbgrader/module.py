"""A submitted notebook as the exercise's module: what ``grade`` and nbgrader autograde grade.

The code cells other than the test cells, in order, as one module (what "Restart & Run All"
runs).  Kept as written, line for line, except what only a notebook or the in-kernel feedback
understands: IPython magics and ``!shell`` lines become blank lines, a cell magic (``%%time``)
or a cell that still is not Python is left out (the kernel would stop at it and go on with the
next cell), and a statement that imports :mod:`grader` or uses a name so imported
(``grader.check(...)``, ``run_check(...)``) is left out: in a notebook those only show feedback.
"""
from __future__ import annotations

import ast


def _nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


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
        if bound or used & feedback:
            feedback |= bound
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
            lines[start - 1:node.end_lineno] = [""] * (node.end_lineno - start + 1)
    return "\n".join(lines)


def notebook_code(notebook: dict) -> str:
    """The module of a notebook: its code cells outside its test cells (nbgrader's grade cells)."""
    feedback: set[str] = set()
    parts = [cell_code(_text(cell), feedback) for cell in notebook["cells"]
             if cell.get("cell_type") == "code" and not _nbgrader_meta(cell).get("grade")]
    return "\n\n".join(parts)
