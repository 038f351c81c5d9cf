"""Grading results as plain dataclasses, and their JSON form (the CLI's contract)."""
from __future__ import annotations

from dataclasses import dataclass, field

from grader.i18n import Text

STATUSES = ("passed", "failed", "error", "timeout", "skipped")


@dataclass
class Frame:
    """One frame of the learner's own traceback."""

    filename: str
    lineno: int
    function: str
    line: str


@dataclass
class CheckResult:
    exercise: str
    name: str
    description: Text
    max_score: float
    status: str
    score: float = 0.0
    message: Text | None = None
    hint: Text | None = None
    hidden: bool = False
    not_started: bool = False
    frames: list[Frame] = field(default_factory=list)
    output: str = ""
    artifacts: list[str] = field(default_factory=list)  # files the check wrote (a learning curve, ...)
    waiting_on: str = ""  # not started: the learner's function that still raises NotImplementedError

    def to_json(self, lang: str) -> dict:
        return {
            "name": self.name,
            "description": self.description.render(lang),
            "score": self.score,
            "max_score": self.max_score,
            "status": self.status,
            "message": self.message.render(lang) if self.message else "",
            "hint": self.hint.render(lang) if self.hint else "",
            "hidden": self.hidden,
        }


@dataclass
class ExerciseResult:
    id: str
    title: Text
    module: str
    checks: list[CheckResult]

    @property
    def score(self) -> float:
        return round(sum(c.score for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 6)

    @property
    def state(self) -> str:
        """``not started``, ``in progress`` or ``done``."""
        if self.checks and self.score == self.max_score:
            return "done"
        if all(c.not_started for c in self.checks if c.status != "passed") and self.score == 0:
            return "not started"
        return "in progress"

    def to_json(self, lang: str) -> dict:
        return {"id": self.id, "title": self.title.render(lang), "score": self.score,
                "max_score": self.max_score, "state": self.state, "checks": [c.to_json(lang) for c in self.checks]}


@dataclass
class GradeReport:
    exercises: list[ExerciseResult]
    seed: int
    target: str
    hidden_ran: bool = True
    notes: list[Text] = field(default_factory=list)  # what was not confined here (the report's last lines; not JSON)

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 6)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 6)

    @property
    def full_marks(self) -> bool:
        return bool(self.exercises) and all(e.checks and e.score == e.max_score for e in self.exercises)

    def to_json(self, lang: str = "en") -> dict:
        return {"score": self.score, "max_score": self.max_score, "seed": self.seed,
                "exercises": [e.to_json(lang) for e in self.exercises]}
