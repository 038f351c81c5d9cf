"""The public check files of a student kit: every check marked ``hidden=True`` cut out.

The cut is made on the source text, guided by the AST, so that what stays reads as
the instructor wrote it: the hidden checks go, then the helpers and constants that
only they used (until nothing changes), then comments naming them.  A hidden
check's name left anywhere else (a string, a docstring) stops the release.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

PLUGIN_NAMES = {"EXERCISE", "WORKER_OPTIONS", "CALL_TIMEOUT"}  # read by the grader, not by the checks
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class ReleaseError(Exception):
    """The kit could not be built safely; nothing was written to OUT_DIR."""


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


def check_decorator(func: ast.AST) -> ast.Call | None:
    """The ``@check(...)`` of a function definition, if it has one."""
    for deco in getattr(func, "decorator_list", ()):
        if isinstance(deco, ast.Call):
            target = deco.func
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
            if name == "check":
                return deco
    return None


def _is_hidden(func: ast.AST, filename: str) -> bool:
    deco = check_decorator(func)
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
    deco = check_decorator(func)
    if deco is None or len(deco.args) < 2:
        return ""
    desc = deco.args[1]
    if isinstance(desc, ast.Call) and desc.args and isinstance(desc.args[0], ast.Constant) \
            and isinstance(desc.args[0].value, str):
        return desc.args[0].value
    return ""


def _hidden_nodes(tree: ast.Module, filename: str) -> list[ast.AST]:
    return [n for n in tree.body if isinstance(n, _FUNCTIONS) and _is_hidden(n, filename)]


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
    if isinstance(node, (*_FUNCTIONS, ast.ClassDef)) and not node.decorator_list:
        return node.name
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id
    return None


def _span(node: ast.AST) -> tuple[int, int]:
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
    return first, node.end_lineno


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
        before = lines[index][:cuts[index]].rstrip()
        if before:
            lines[index] = before + "\n"
        else:
            del lines[index]
    return "".join(lines)


def _with_helpers(tree: ast.Module, removed: list[ast.AST]) -> list[ast.AST]:
    """``removed`` plus the helpers and constants only they used (until nothing changes)."""
    removed = list(removed)
    while True:
        candidates = _names_used(removed)
        spans = {_span(n) for n in removed}
        remaining = [n for n in tree.body if _span(n) not in spans]
        more = []
        for node in remaining:
            name = _defined_name(node)
            if name is None or name not in candidates or name.startswith("test_") or name in PLUGIN_NAMES:
                continue
            if name not in _names_used([n for n in remaining if n is not node]):
                more.append(node)
        if not more:
            return removed
        removed += more


def public_source(text: str, filename: str = "<checks>") -> tuple[str, list[HiddenCheck]]:
    """The check file without its hidden checks (and the helpers only they used)."""
    tree = ast.parse(text, filename=filename)
    hidden_nodes = _hidden_nodes(tree, filename)
    hidden = [HiddenCheck(filename, n.name, _description(n)) for n in hidden_nodes]
    if not hidden_nodes:
        return text, []
    out = _cut(text, [_span(n) for n in _with_helpers(tree, hidden_nodes)])
    names = sorted({w for h in hidden for w in h.words})
    out = _drop_comments_naming(out, names)
    compile(out, filename, "exec")
    left = [name for name in names if re.search(rf"\b{re.escape(name)}\b", out)]
    if left:
        raise ReleaseError(f"{filename}: after removing the hidden checks, the file still names "
                           f"{', '.join(left)} (in a docstring or string?); reword it before releasing")
    return out, hidden
