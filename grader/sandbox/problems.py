"""What can go wrong in learner code, as the grader sees it: an exception it raised, a time-out,
a crash of its process, a module that cannot be imported.  (Raised by
:class:`grader.sandbox.process.LearnerProcess`, which re-exports them.)"""
from __future__ import annotations

from grader.i18n import T, Text
from grader.sandbox import untrusted


class LearnerProblem(Exception):
    """Something went wrong in the learner's code (not in the grader)."""


class LearnerError(LearnerProblem):
    """Learner code raised an exception; ``info`` describes it (type, message, frames)."""

    def __init__(self, info):
        self.info = info = untrusted.error_info(info)  # the learner's word: every field checked
        super().__init__(f"{info.get('type')}: {info.get('message')}")

    @property
    def not_implemented(self) -> bool:
        return bool(self.info.get("not_implemented"))


class LearnerTimeout(LearnerProblem):
    """A call (or the import) ran out of time: ``what`` names it as code, ``label`` in both languages."""

    def __init__(self, seconds: float, what: str, label: Text | None = None, cause: str | None = None,
                 earlier: float | None = None):
        self.seconds, self.what, self.cause = seconds, what, cause  # cause: the hung function it called
        self.earlier = earlier  # the limit that cause ran out of before (it had ``seconds`` of CPU time now)
        self.label = label if label is not None else T(what, what)
        if cause:
            super().__init__(f"{what} calls {cause}, which did not finish within {seconds:g} s of CPU time "
                             f"(it ran out of its {earlier:g} s limit before)")
        else:
            super().__init__(f"{what} did not finish within {seconds:g} s")


class LearnerCrashed(LearnerProblem):
    """The worker died (exit, signal, memory) or sent something unreadable."""

    def __init__(self, text: Text, output: str = "", memory: bool = False):
        self.text, self.output, self.memory = text, output, memory
        super().__init__(text.en)


class LearnerImportError(LearnerProblem):
    """The learner's module could not be imported at all (or copied the reference)."""

    def __init__(self, info):
        self.info = info = untrusted.error_info(info)
        super().__init__(f"{info.get('type')}: {info.get('message')}")
