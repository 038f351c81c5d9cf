"""Functions that already ran out of time, stood in for inside a fresh worker.

After ``perceptron()`` hangs, the grader restarts the worker and fails later direct calls of
``perceptron()`` at once (see ``LearnerProcess.hung``).  But ``AND()`` calls ``perceptron()``
inside the worker, where the grader does not see it, and would hang for a whole limit of its
own, and so would ``OR()``, ``NAND()`` and ``XOR()``.  So the new worker replaces each hung
function of the learner's module (a module-level function, or a method of a module-level
class) with a stand-in that raises :class:`EarlierTimeout` at once: learner code that calls
it fails without waiting, and the grader reports that call as a time-out of the hung function.

Runs in the worker (next to learner code); nothing here decides a verdict.
"""
from __future__ import annotations

import functools
import re
import types

_NAME = re.compile(r"([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\(\)")


class EarlierTimeout(Exception):
    """Raised by the stand-in of a function that ran out of time earlier (``what``: "perceptron()")."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} did not finish earlier in this grading")


def _place(module, what: str):
    """Where ``what`` ("name()" or "Class.method()") lives: (owner, attribute name, function), or None."""
    match = _NAME.fullmatch(what)
    if match is None or module is None:
        return None
    first, method = match.groups()
    value = vars(module).get(first)
    if method is None:
        return (module, first, value) if isinstance(value, types.FunctionType) else None
    if isinstance(value, type) and isinstance(vars(value).get(method), types.FunctionType):
        return value, method, vars(value)[method]
    return None


def _stand_in(what: str, original):
    @functools.wraps(original)
    def hung(*args, **kwargs):
        raise EarlierTimeout(what)
    return hung


class KnownHangs:
    """The stand-ins placed in one worker's module: :meth:`set` makes them exactly ``wanted``."""

    def __init__(self):
        self.placed: dict[str, tuple] = {}  # what -> (owner, name, original)

    def set(self, module, wanted) -> list[str]:
        """Place stand-ins for the names in ``wanted`` and put back the others; the names placed."""
        wanted = {w for w in wanted if type(w) is str}
        for what in [w for w in self.placed if w not in wanted]:
            owner, name, original = self.placed.pop(what)
            setattr(owner, name, original)
        for what in wanted - set(self.placed):
            place = _place(module, what)
            if place is not None:
                owner, name, original = place
                setattr(owner, name, _stand_in(what, original))
                self.placed[what] = place
        return sorted(self.placed)
