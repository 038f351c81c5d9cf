"""What one check is, read once from its ``check`` marker: points, description, hidden, time limit.

The pytest plugin (each result), the runner (every collected check, so that one that
leaves no result still counts as lost) and the notebook runner (the checks of an
exercise) all describe a check with :class:`CheckSpec`, and start its
:class:`grader.results.CheckResult` from it.
"""
from __future__ import annotations

from dataclasses import dataclass

from grader import exercises
from grader.i18n import Text, plain
from grader.results import CheckResult
from grader.sandbox.process import DEFAULT_CALL_TIMEOUT

MARKER = "check"  # the marker that :func:`grader.checking.check.check` puts on a check
#: A check file's tuple of checks (test names) that official grading runs once, on the kit's inputs
#: only: their fresh run would tell nothing new and cost much (training a network, for instance).
OFFICIAL_ONCE = "OFFICIAL_ONCE"


@dataclass(frozen=True)
class CheckSpec:
    """One check of an exercise, as its marker describes it."""

    exercise: exercises.Exercise
    name: str  # the test's name without ``test_``
    points: float
    description: Text
    hidden: bool
    call_timeout: float = DEFAULT_CALL_TIMEOUT  # seconds one call of learner code gets
    official_once: bool = False  # official grading gives it no fresh run (see OFFICIAL_ONCE)

    @property
    def item_name(self) -> str:
        return f"test_{self.name}"

    @classmethod
    def from_marker(cls, marker, exercise: exercises.Exercise, item_name: str, module=None, **extra):
        """The spec of test ``item_name`` of ``exercise``, marked ``marker``; ``module`` (the
        check file) gives the default time limit per call (its ``CALL_TIMEOUT``)."""
        kwargs = marker.kwargs
        points = kwargs.get("points", marker.args[0] if marker.args else 1)
        timeout = kwargs.get("timeout") or getattr(module, "CALL_TIMEOUT", DEFAULT_CALL_TIMEOUT)
        return cls(exercise=exercise, name=item_name.removeprefix("test_"), points=float(points),
                   description=kwargs.get("description") or plain(item_name),
                   hidden=bool(kwargs.get("hidden")), call_timeout=float(timeout),
                   official_once=item_name in getattr(module, OFFICIAL_ONCE, ()), **extra)

    def result(self, status: str = "passed", **fields) -> CheckResult:
        """A result for this check (no points yet)."""
        return CheckResult(exercise=self.exercise.id, name=self.name, description=self.description,
                           max_score=self.points, hidden=self.hidden, status=status, **fields)


def item_spec(item) -> CheckSpec | None:
    """The spec of a collected pytest item, or None if it is not a check."""
    marker = item.get_closest_marker(MARKER)
    if marker is None:
        return None
    return CheckSpec.from_marker(marker, exercises.by_module(item.module.__name__), item.name, item.module)
