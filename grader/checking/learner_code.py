"""What the learner's source says: where a function is, what it uses, what it prints.

The grader reads the learner's module file in its own process (it never runs it
here) to name a cause precisely: which function a traceback line is in
(``Relu.forward``), which of the learner's other functions a function relies on
(``forward`` calls ``sigmoid``), a function that prints its result instead of
returning it, a plotting function that calls ``plt.show()``, a stub still untouched.
Everything here is best effort: without a readable, parsable file (a notebook,
a syntax error) the answers are "unknown" (None or empty), never a guess.

The learner's module of the check that is running is :data:`CURRENT` (set by the
checks' conftest); corpus cases append a redefinition to the reference solution,
so the *last* top-level definition of a name is the one that counts.
"""
from __future__ import annotations

import ast
import contextvars
import functools
from pathlib import Path

#: The learner's module file of the check that is running (None: unknown, e.g. in a notebook).
CURRENT: contextvars.ContextVar[Path | None] = contextvars.ContextVar("learner_module", default=None)

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def module_path(learner) -> Path | None:
    """The file of ``learner`` (a worker's proxy or a plain module), if it is a real file."""
    process = getattr(learner, "_process", None) if type(learner).__name__ == "Remote" else None
    path = getattr(process, "module_path", None) if process is not None else getattr(learner, "__file__", None)
    if path is None:
        return None
    path = Path(path)
    return path if path.is_absolute() and path.suffix == ".py" and path.is_file() else None


@functools.lru_cache(maxsize=8)
def _parse(path: str, stamp: tuple) -> "Source | None":
    try:
        text = Path(path).read_text(encoding="utf-8")
        return Source(ast.parse(text), text)
    except (OSError, ValueError, SyntaxError, RecursionError):
        return None


def source(path: Path | str | None = None) -> "Source | None":
    """The parsed learner module at ``path`` (default: :data:`CURRENT`), or None."""
    path = CURRENT.get() if path is None else path
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _parse(str(path), (stat.st_mtime_ns, stat.st_size))


def called_name(call: str) -> str:
    """The learner's function named by a check's call text: "Relu().forward(x)" -> "Relu.forward"."""
    head = call.split(" ")[0]
    parts = [p.split("(")[0].split("[")[0] for p in head.split(".")]
    parts = [p for p in parts if p.isidentifier()]
    if len(parts) > 1 and not parts[0][:1].isupper():
        parts = parts[1:]  # net.predict, layer.backward: an instance, not a class name
    return ".".join(parts[-2:])


class Source:
    """One parsed learner module."""

    def __init__(self, tree: ast.Module, text: str):
        self.tree, self.text = tree, text
        self.top = {}
        for node in tree.body:
            if isinstance(node, _DEFS):
                self.top[node.name] = node  # the last definition wins, as when the module runs

    # ------------------------------------------------------------------ finding definitions
    def definition(self, name: str):
        """The def of ``name`` ("sigmoid", "Relu", "Relu.forward", or a method name alone)."""
        first, _, method = name.partition(".")
        node = self.top.get(first)
        if method:
            return _member(node, method) if isinstance(node, ast.ClassDef) else None
        if node is not None:
            return node
        methods = [m for n in self.top.values() if isinstance(n, ast.ClassDef) if (m := _member(n, first))]
        return methods[0] if len(methods) == 1 else None

    def qualname_at(self, lineno: int) -> str | None:
        """"Relu.forward" for a line inside that method, "<module>" at the top level."""
        names, body = [], self.tree.body
        while True:
            inner = next((n for n in body if isinstance(n, _DEFS)
                          and n.lineno <= lineno <= (n.end_lineno or n.lineno)), None)
            if inner is None:
                return ".".join(names) if names else "<module>"
            names.append(inner.name)
            body = inner.body

    def is_stub(self, name: str) -> bool:
        """Is ``name`` still the untouched stub (a docstring and ``raise NotImplementedError``)?"""
        node = self.definition(name)
        if isinstance(node, ast.ClassDef):
            methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
            return bool(methods) and all(_stub_body(m.body) for m in methods if m.name != "__init__")
        return node is not None and _stub_body(node.body)

    def stub_raise(self, name: str):
        """(line number, source line) of the ``raise NotImplementedError`` of stub ``name``."""
        node = self.definition(name)
        for sub in ast.walk(node) if node is not None else ():
            if isinstance(sub, ast.Raise):
                return sub.lineno, (self.text.splitlines()[sub.lineno - 1:sub.lineno] or [""])[0]
        return None

    # ------------------------------------------------------------------ what a definition uses
    def uses(self, name: str) -> set[str] | None:
        """The module's top-level names that ``name`` refers to, directly or through them."""
        start = self.definition(name)
        if start is None:
            return None
        seen, todo, found = set(), [start], set()
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in self.top and self.top[sub.id] is not start:
                    found.add(sub.id)
                    todo.append(self.top[sub.id])
        return found

    def printed_instead(self, name: str):
        """(line, printed expression) when ``name`` prints but never returns a value, else None."""
        node = self.definition(name)
        if node is None or isinstance(node, ast.ClassDef):
            return None
        own = list(_own_nodes(node))
        if any(isinstance(n, ast.Return) and n.value is not None for n in own):
            return None
        for sub in own:
            if isinstance(sub, ast.Call) and getattr(sub.func, "id", None) == "print" and sub.args:
                return sub.lineno, ast.get_source_segment(self.text, sub.args[0]) or "..."
        return None

    def calls_attribute(self, name: str, attr: str) -> bool:
        """Does ``name`` call something's ``attr`` (``plt.show()``: attr "show")?"""
        node = self.definition(name)
        return node is not None and any(isinstance(n, ast.Call) and getattr(n.func, "attr", None) == attr
                                        for n in _own_nodes(node))

    def returns_value(self, name: str) -> bool:
        node = self.definition(name)
        return node is not None and any(isinstance(n, ast.Return) and n.value is not None for n in _own_nodes(node))


def _member(cls: ast.ClassDef | None, name: str):
    found = [n for n in (cls.body if cls else ()) if isinstance(n, _DEFS) and n.name == name]
    return found[-1] if found else None


def _own_nodes(func):
    """The nodes of ``func``'s body, not those of functions or classes defined inside it."""
    todo = list(func.body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (*_DEFS, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))


def _stub_body(body) -> bool:
    rest = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
            and not isinstance(n, ast.Pass)]
    if len(rest) != 1 or not isinstance(rest[0], ast.Raise) or rest[0].exc is None:
        return False
    exc = rest[0].exc.func if isinstance(rest[0].exc, ast.Call) else rest[0].exc
    return getattr(exc, "id", None) == "NotImplementedError"
