"""The cells of a source notebook (introduction, code, answers, checks), and reading notebooks back."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from grader import exercises
from grader.checking.notebook import CheckInfo, collect_checks
from grader.exercises import Exercise
from grader.instructor.nbgrader.merge import BEGIN_SOLUTION, END_SOLUTION, BuildError, Merger, strip_blank_edges
from grader.instructor.nbgrader.module import notebook_code

BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")


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
                      "붙여 넣어 실행해 보세요)", "", "```python", *strip_blank_edges(code.split("\n")), "```"])


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


# ---------------------------------------------------------------------------- reading notebooks
def _nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


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


__all__ = ["build_notebook", "notebook_code", "with_reference_answers"]
