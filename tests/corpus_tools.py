"""The mistakes-and-variants corpus: learner-like modules built from the reference.

Each case in ``tests/corpus/exNN/*.py`` is appended to the reference solution's
source, so that what it redefines replaces the reference.  Its constants say
what it is: ``KIND`` ("mistake" or "variant") and, for mistakes, ``EXPECT_HINT``,
words that a failing check's hint (or message) must contain.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from grader import exercises
from grader.results import ExerciseResult
from grader.checking.runner import grade

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class Case:
    path: Path
    exercise: exercises.Exercise
    kind: str
    expect_hint: str

    @property
    def id(self) -> str:
        return f"ex{self.exercise.number:02d}/{self.path.stem}"

    def module_source(self) -> str:
        reference = (ROOT / "solutions" / self.exercise.filename).read_text(encoding="utf-8")
        return reference + "\n\n# ---- corpus case: " + self.path.name + "\n" + self.path.read_text(encoding="utf-8")


def _constants(path: Path) -> dict:
    values = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return values


def cases() -> list[Case]:
    found = []
    for folder in sorted(CORPUS.glob("ex[0-9][0-9]")):
        exercise = exercises.find(folder.name)
        if exercise is None:
            continue
        for path in sorted(folder.glob("*.py")):
            meta = _constants(path)
            found.append(Case(path, exercise, meta.get("KIND", "mistake"), meta.get("EXPECT_HINT", "")))
    return found


def grade_case(case: Case, workdir: Path, seed: int | None = None) -> ExerciseResult:
    target = workdir / case.path.stem
    target.mkdir(parents=True, exist_ok=True)
    (target / case.exercise.filename).write_text(case.module_source(), encoding="utf-8")
    return grade([case.exercise], target, seed=seed).exercises[0]


def names_mistake(result: ExerciseResult, words: str) -> bool:
    """Does a lost check's hint or message contain ``words`` (case-insensitive)?"""
    words = words.lower()
    for check in result.checks:
        if check.status != "passed":
            text = " ".join(t.en for t in (check.hint, check.message) if t is not None).lower()
            if words in text:
                return True
    return False
