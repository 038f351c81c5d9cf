"""Merging a stub and its reference solution into the code cells of a notebook.

Each ``raise NotImplementedError`` of the stub becomes the reference code between
``### BEGIN SOLUTION`` and ``### END SOLUTION``; module-level helpers of the reference
(imports, constants, small functions) go inside the solution regions that use them, and
helper members of a reference class into its ``__init__``'s region.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from grader.exercises import Exercise

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"


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


def strip_blank_edges(lines: list[str]) -> list[str]:
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
        return lines + strip_blank_edges(_reindent(body_lines, first.col_offset, indent))

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
            segment.lines = strip_blank_edges(segment.lines)
        return out
