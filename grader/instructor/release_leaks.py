"""What a student kit may not hold: reference code, hidden checks' names, caches."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from grader.instructor.release_checks import HiddenCheck

SECRET_LINE_MIN = 12  # shorter lines (``return x``, ``else:``) say nothing about a solution
PUBLIC_SOURCES = ("exercises/*.py", "grader/**/*.py", "dataset/*.py")


def secret_lines(root: Path) -> set[str]:
    """Lines of reference code that appear nowhere in the public material (stubs, grader, loader)."""
    public_text = "\n".join(path.read_text(encoding="utf-8", errors="replace")
                            for pattern in PUBLIC_SOURCES for path in root.glob(pattern))
    secret = set()
    for path in sorted((root / "solutions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for line in lines[node.lineno:node.end_lineno]:
                    stripped = line.strip()
                    if len(stripped) >= SECRET_LINE_MIN and stripped not in public_text \
                            and not stripped.startswith(('"""', "'''")):
                        secret.add(stripped)
    return secret


def _file_problems(rel: Path, data: bytes, secrets: list[tuple[str, bytes]], name_pattern,
                   descriptions: list[str]) -> list[str]:
    problems = []
    for secret, raw in secrets:
        if raw in data:
            problems.append(f"{rel}: holds a line of the reference solution: {secret!r}")
            break
    if name_pattern is not None:
        found = name_pattern.search(data)
        if found:
            problems.append(f"{rel}: names the hidden check {found.group().decode()!r}")
    problems += [f"{rel}: holds the description of a hidden check: {desc!r}"
                 for desc in descriptions if desc.encode() in data]
    return problems


def scan(kit: Path, secrets: set[str], hidden: list[HiddenCheck]) -> list[str]:
    """Every problem found in the files of ``kit`` (empty: nothing leaks)."""
    problems = []
    words = sorted({w for h in hidden for w in h.words})
    descriptions = sorted({h.description for h in hidden if len(h.description) >= 20})
    name_pattern = re.compile(rb"\b(" + b"|".join(re.escape(w.encode()) for w in words) + rb")\b") if words else None
    encoded = [(s, s.encode()) for s in secrets]
    for path in sorted(kit.rglob("*")):
        rel = path.relative_to(kit)
        if "solutions" in rel.parts or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            problems.append(f"{rel}: must not be in a student kit")
        elif path.is_file():
            problems += _file_problems(rel, path.read_bytes(), encoded, name_pattern, descriptions)
    return problems
