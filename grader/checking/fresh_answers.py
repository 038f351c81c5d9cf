"""Official grading: what each learner function answered on fresh inputs, call by call.

A check on fresh inputs (a hidden check, or the fresh run of a public check that draws its
inputs) fails at its first wrong answer, and tells only that.  To know whether a function was
written at all, official grading also keeps, for each learner function, the calls those
checks made of it with plain values (numbers, strings, None, NumPy arrays, and lists, tuples,
sets and dicts of those) and the learner's answers, and only when it must (see
:func:`grader.checking.plugin.forfeit_fixed_only`) asks the reference solution the same
questions, on copies of the arguments made before the learner's call.

:meth:`FreshAnswers.answered` then says whether the function answered fresh inputs as the
reference does, beyond what answers that ignore the input would get right:

* ``None``: no call to compare (none with plain values, or the reference's answer is not plain
  or changes from one call to the next), or too few (:data:`MIN_CALLS`) to say ``False`` (one
  wrong value or exception; one time-out or crash is enough: it stops the calls made ahead);
* ``True``: it answered right (as the reference does, or as one of the honest mistakes that the check
  file names for that function, :class:`Variants`: a forward difference, another h, one step too many)
  at least a quarter of the calls (:data:`MIN_SHARE`), and among them
  a call whose answer is neither a small value (None, a bool, -1, 0, 1, an exception, or
  containers of those) nor one it gave to another call, or its answers agree with the
  reference's far more often than the same answers in another order would (a permutation
  test, :data:`P_VALUE`);
* ``False``: it answered none right, fewer than a quarter (``calculate`` returning ``a`` is right
  whenever ``b`` is 1), or no more than chance (a constant, or coin flips).

Calls of fresh checks on inputs that a check of the kit's inputs also made (the lecture's
example again) are no evidence: the kit's inputs are known; nor are calls whose reference answer is
one that needs no computing (:attr:`Variants.ignoring`: gradient descent run to its minimum).  A
learner exception, time-out or crash is a wrong answer unless the reference raises an exception of
the same type.  Methods of learner objects, calls that pass objects (other than the kit's functions
of :mod:`grader.checking.functions`, as ``numerical_diff(f, x)`` gets them), and arguments over
:data:`MAX_BYTES` are not kept; an object (or more than :data:`MAX_BYTES`) where the reference
answers plain data is a wrong answer.
"""
from __future__ import annotations

import copy
import functools
import pickle
import types
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from grader.sandbox.problems import LearnerCrashed, LearnerError, LearnerTimeout

MAX_BYTES = 1 << 20  # arguments (and answers) larger than this are not kept
MAX_CALLS = 200  # calls kept per function and session
BUDGET = 64 << 20  # bytes of arguments and answers kept per session
GROWTH = 16 << 10  # an answer is kept only if it holds at most this many bytes more than its call's arguments
P_VALUE = 0.01  # the permutation test's level
MIN_SHARE = 0.25  # of its compared calls, a function that answered fresh inputs got at least this many right
MIN_CALLS = 2  # one compared call tells nothing against a function: a check that stops at its first
# wrong answer (and makes no calls ahead) leaves one, and one wrong answer is what any mistake gives;
# unless that answer is a time-out or a crash, which ends the calls made ahead: a table that hangs or
# ends its worker on every input it does not know leaves just one (an exception does not end them
# in official grading, see grader.sandbox.process.LearnerProcess.prefetch)
PERMUTATIONS = 2000
KIT_FUNCTIONS = "grader.checking.functions"  # the module whose functions checks hand to learner code
_SCALARS = (type(None), bool, int, float, complex, str, bytes, np.generic)


@dataclass(frozen=True)
class Raised:
    """An answer that is an exception (its type's name), or no answer at all (a time-out, a crash)."""

    type: str


NO_ANSWER = Raised("")  # a time-out or a crash: never what the reference does
NOT_PLAIN = Raised("")  # an object, or too much data: never a plain answer of the reference's
TOO_BIG = Raised("")  # an answer over its arguments' size and GROWTH: wrong unless the reference's is that big too


def plain_size(value, depth: int = 0) -> int | None:
    """The bytes ``value`` holds if it is plain data (or a kit function, see :func:`kit_function`), else None."""
    if isinstance(value, _SCALARS):
        return value.nbytes if isinstance(value, np.generic) else 8 + (len(value) if isinstance(value, (str, bytes))
                                                                       else 0)
    if depth > 20:
        return None
    if isinstance(value, np.ndarray):
        return value.nbytes if value.dtype.kind in "biufcSU" else None
    if type(value) in (list, tuple, set, frozenset):
        items = value
    elif type(value) is dict:
        items = [*value.keys(), *value.values()]
    elif type(value) is range:
        return 24
    elif kit_function(value):
        return 64
    elif type(value) is functools.partial and kit_function(value.func):
        items = [*value.args, *value.keywords.values()]
    else:
        return None
    total = 8
    for item in items:
        size = plain_size(item, depth + 1)
        if size is None:
            return None
        total += size
        if total > MAX_BYTES:
            return total
    return total


def kit_function(value) -> bool:
    """A function of :data:`KIT_FUNCTIONS` itself (a check hands it, or a ``functools.partial`` of it, to the
    learner's code; the reference is called with the same function)."""
    return type(value) is types.FunctionType and value.__module__ == KIT_FUNCTIONS and "<" not in value.__qualname__


def _plain(value) -> bool:
    size = plain_size(value)
    return size is not None and size <= MAX_BYTES


def _key(args, kwargs) -> bytes | None:
    try:
        return pickle.dumps((args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an argument that cannot be told from others
        return None


@dataclass(frozen=True)
class Variants:
    """What a check file tells official grading about the answers of one learner function (its module's
    ``FRESH_VARIANTS``: function name -> Variants).  Each is called with a call's arguments and returns
    answers: ``honest``, those of ways of computing it slightly wrong (written code, not a table's);
    ``ignoring``, those that need no computing from all of the input (gradient descent's minimum, which
    does not depend on lr and step_num)."""

    honest: Callable[..., list] | None = None
    ignoring: Callable[..., list] | None = None

    def answers(self, kind: str, call: "Call") -> list:
        make = getattr(self, kind)
        if make is None:
            return []
        args, kwargs = copy.deepcopy((call.args, call.kwargs))
        with np.errstate(all="ignore"):
            return [value for value in make(*args, **kwargs) if _finite(value)]


@dataclass
class Call:
    args: tuple
    kwargs: dict
    answer: object = None  # the learner's answer: a plain value or a Raised
    verdict: tuple | None = None  # (reference's answer, right) once asked; right is None if not comparable


@dataclass
class FreshAnswers:
    """Everything one official session kept (see the module's docstring)."""

    calls: dict = field(default_factory=dict)  # (exercise, "function()") -> [Call]
    known: dict = field(default_factory=dict)  # exercise -> keys of arguments given with the kit's inputs
    reference: object = None  # exercise -> the reference module (a function, for tests)
    variants: dict = field(default_factory=dict)  # exercise -> its check file's FRESH_VARIANTS (see Variants)
    kept_bytes: int = 0  # of arguments and answers (see BUDGET)
    _summary: dict = field(default_factory=dict)

    def recorder(self, exercise: str, fresh: bool) -> "Recorder":
        """What a check's process keeps its calls with (``process.answers``, see proxy.Remote.__call__)."""
        return Recorder(self, exercise, fresh)

    def answered(self, exercise: str, function: str) -> bool | None:
        """Did ``function`` answer fresh inputs as the reference does? (See the module's docstring.)"""
        calls = self.calls.get((exercise, function))
        if not calls:
            return None
        known = self.known.get(exercise, set())
        cached = self._summary.get((exercise, function))
        if cached is not None and cached[0] == (len(calls), len(known)):
            return cached[1]
        compared = [call for call in calls if _key(call.args, call.kwargs) not in known
                    and self._judge(exercise, function, call)[1] is not None]
        summary = evidence([call.answer for call in compared], [call.verdict[0] for call in compared],
                           [call.verdict[1] for call in compared]) if compared else None
        if summary is False and len(compared) < MIN_CALLS and not all(call.answer is NO_ANSWER for call in compared):
            summary = None  # too few to tell a lookup table from a function that got those wrong
        self._summary[exercise, function] = ((len(calls), len(known)), summary)
        return summary

    def _judge(self, exercise: str, function: str, call: Call) -> tuple:
        if call.verdict is None:
            call.verdict = (None, None)
            try:
                func = getattr(self.reference(exercise), function.removesuffix("()"), None)
            except Exception:  # noqa: BLE001 - no reference here: nothing to compare
                func = None
            if callable(func) and not isinstance(func, type):
                first = run(func, call)
                if first is not None and (call.answer is not TOO_BIG or
                                          plain_size(first) <= plain_size((call.args, call.kwargs)) + GROWTH):
                    # a wrong answer counts only if the reference says the same again (no randomness)
                    right = same(call.answer, first) or self._honest(exercise, function, call)
                    if (right or same(run(func, call), first)) and not self._ignoring(exercise, function,
                                                                                      call, first):
                        call.verdict = (first, right)
        return call.verdict

    def _variants(self, exercise: str, function: str, kind: str, call: Call) -> list:
        found = self.variants.get(exercise, {}).get(function.removesuffix("()"))
        try:
            return found.answers(kind, call) if isinstance(found, Variants) else []
        except Exception:  # noqa: BLE001 - variants that cannot be computed match nothing
            return []

    def _honest(self, exercise: str, function: str, call: Call) -> bool:
        """Is the learner's answer one of the honest mistakes that the check file names (Variants.honest)?
        Not if it is also an answer that ignores (some of) the input."""
        if isinstance(call.answer, Raised):
            return False
        ignoring = self._variants(exercise, function, "ignoring", call)
        return any(not small(value) and same(call.answer, value) and not any(_near(value, v) for v in ignoring)
                   for value in self._variants(exercise, function, "honest", call))

    def _ignoring(self, exercise: str, function: str, call: Call, reference) -> bool:
        """Is the reference's answer one that needs no computing from all of the input (Variants.ignoring)?"""
        return any(same(reference, value) for value in self._variants(exercise, function, "ignoring", call))


def run(func, call: Call):
    """The reference's answer to ``call``, on a copy of its arguments (None if it is not plain)."""
    args, kwargs = copy.deepcopy((call.args, call.kwargs))
    try:
        value = func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the reference raising is an answer too
        return Raised(type(exc).__name__)
    return value if _plain(value) else None


def _quiet(method):
    """Keeping an answer must never change what a check sees: whatever goes wrong here keeps nothing."""
    @functools.wraps(method)
    def quiet(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception:  # noqa: BLE001 - (an answer not kept only weakens the evidence)
            return None
    return quiet


class Recorder:
    """Kept on the learner's process while one check runs (``process.answers``)."""

    __slots__ = ("answers", "exercise", "fresh", "ahead")

    def __init__(self, answers: FreshAnswers, exercise: str, fresh: bool):
        self.answers, self.exercise, self.fresh = answers, exercise, fresh
        self.ahead: deque = deque()  # (name, key) of calls kept when they were made ahead (see prefetched)

    @_quiet
    def before(self, name: str, args: tuple, kwargs: dict) -> "Pending | None":
        """Before the learner's function ``name`` is called with ``args``: what will take its answer."""
        if not self.fresh:
            self._known(args, kwargs)
            return None
        if self.ahead:
            if self.ahead[0] == (name, _key(args, kwargs)):
                self.ahead.popleft()
                return None  # kept already, with the answer that came ahead
            self.ahead.clear()  # (as grader.sandbox.ahead drops them)
        return self._pending(name, args, kwargs)

    @_quiet
    def prefetched(self, name: str, calls: list[tuple], answers: list[tuple],
                   keywords: list[dict] | None = None) -> None:
        """Calls of ``name`` made ahead of the check (grader.sandbox.ahead), with the answers that came back
        (each (reply, exception)): every one is an answer of the learner's, whether or not the check
        gets to make that call (it stops at its first wrong answer).  ``keywords``: each call's."""
        self.ahead.clear()
        keywords = keywords or [{} for _ in calls]
        if not self.fresh:
            for args, kwargs in zip(calls, keywords):
                self._known(args, kwargs)
            return
        for args, kwargs, (reply, problem) in zip(calls, keywords, answers):
            pending = self._pending(name, args, kwargs)
            if pending is None:
                return
            if problem is not None or not isinstance(reply, dict):
                pending.answer(NO_ANSWER)
            elif not reply.get("ok"):
                error = reply.get("error")
                hung = isinstance(error, dict) and error.get("hung")  # stopped in a function that hung
                pending.raised(LearnerTimeout(0, name) if hung else LearnerError(error))
            else:
                pending.returned(reply.get("value") if "value" in reply else NOT_PLAIN)
            self.ahead.append((name, _key(args, kwargs)))

    def _known(self, args: tuple, kwargs: dict) -> None:
        key = _key(args, kwargs) if _plain((args, kwargs)) else None
        if key is not None:
            self.answers.known.setdefault(self.exercise, set()).add(key)

    def _pending(self, name: str, args: tuple, kwargs: dict) -> "Pending | None":
        size = plain_size((args, kwargs))
        if size is None or size > MAX_BYTES or self.answers.kept_bytes + 2 * size > BUDGET:
            return None
        kept = self.answers.calls.setdefault((self.exercise, f"{name}()"), [])
        if len(kept) >= MAX_CALLS:
            return None
        try:
            args, kwargs = copy.deepcopy((args, kwargs))
        except Exception:  # noqa: BLE001 - not kept
            return None
        self.answers.kept_bytes += 2 * size  # (its answer: about as much, see Pending.returned)
        return Pending(kept, Call(args, kwargs), size + GROWTH)


class Pending:
    """One call under way: :meth:`returned` or :meth:`raised` keeps it with its answer, a returned value only
    up to ``room`` bytes (BUDGET counts the arguments: a learner's huge answers to small questions must not
    fill the grader's memory)."""

    __slots__ = ("kept", "call", "room")

    def __init__(self, kept: list, call: Call, room: int = MAX_BYTES):
        self.kept, self.call, self.room = kept, call, room

    def answer(self, answer) -> None:
        self.call.answer = answer
        self.kept.append(self.call)

    @_quiet
    def returned(self, value) -> None:
        try:
            size = plain_size(value)
            self.answer(NOT_PLAIN if size is None or size > MAX_BYTES else TOO_BIG if size > self.room
                        else copy.deepcopy(value))
        except Exception:  # noqa: BLE001 - a plain value that cannot be copied: no answer
            self.answer(NOT_PLAIN)

    @_quiet
    def raised(self, exc: BaseException) -> None:
        if isinstance(exc, LearnerError):
            self.answer(Raised(str(exc.info.get("type") or "Exception")))
        elif isinstance(exc, (LearnerTimeout, LearnerCrashed)):
            self.answer(NO_ANSWER)
        # else the grader's side failed (an argument it cannot send): no answer of the learner's


# ---------------------------------------------------------------------------- comparing answers
def _number(value) -> bool:
    return isinstance(value, (bool, int, float, complex, np.bool_, np.number)) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biufc")


def _integral(value) -> bool:
    return isinstance(value, (bool, int, np.bool_, np.integer)) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biu")


def same(got, want, depth: int = 0) -> bool:
    """Is ``got`` the answer ``want``?  Lenient where an honest answer could differ only in form: int
    and float, list and tuple, a list and an array; close floats (``allclose``); the same exception type."""
    if isinstance(got, Raised) or isinstance(want, Raised):
        return isinstance(got, Raised) and isinstance(want, Raised) and bool(got.type) and got.type == want.type
    if depth > 20:
        return False
    try:
        if got is None or want is None:
            return got is None and want is None
        for kind in (str, bytes):
            if isinstance(got, kind) or isinstance(want, kind):
                return isinstance(got, kind) and isinstance(want, kind) and got == want
        if _number(got) and _number(want):
            if _integral(got) and _integral(want):
                return int(got) == int(want)
            return bool(np.isclose(got, want, rtol=1e-6, atol=1e-9, equal_nan=True))
        if isinstance(got, np.ndarray) or isinstance(want, np.ndarray):
            a, b = np.asarray(got), np.asarray(want)
            if a.shape != b.shape:
                return False
            if a.dtype.kind in "biufc" and b.dtype.kind in "biufc":
                a = a.astype(int) if a.dtype.kind == "b" else a
                b = b.astype(int) if b.dtype.kind == "b" else b
                return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True))
            return a.dtype.kind == b.dtype.kind and bool(np.array_equal(a, b))
        if isinstance(got, (list, tuple)) and isinstance(want, (list, tuple)):
            return len(got) == len(want) and all(same(g, w, depth + 1) for g, w in zip(got, want))
        if isinstance(got, dict) and isinstance(want, dict):
            return got.keys() == want.keys() and all(same(got[k], want[k], depth + 1) for k in want)
        return type(got) is type(want) and bool(got == want)
    except Exception:  # noqa: BLE001 - answers that cannot be compared are not the same
        return False


def _near(a, b) -> bool:
    """Within 1e-3 of each other: an honest variant this near an answer that needs no computing (x hardly
    moved) is as cheap as that answer, and proves nothing."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-3, atol=1e-6))
    except (TypeError, ValueError):
        return same(a, b)


def _finite(value) -> bool:
    """No nan or inf (an answer that blew up is what anything can give)."""
    try:
        return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))
    except (TypeError, ValueError):
        return True


def small(value, depth: int = 0) -> bool:
    """A value an answer that ignores the input could hit: None, a bool, -1, 0, 1, an exception, or
    containers (arrays) of only those."""
    if value is None or isinstance(value, (Raised, bool, np.bool_)):
        return True
    if _number(value):
        return bool(value == -1 or value == 0 or value == 1)
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "biuf" and bool(np.isin(value, (-1, 0, 1)).all())
    if isinstance(value, (list, tuple, set, frozenset)) and depth < 20:
        return all(small(item, depth + 1) for item in value)
    if isinstance(value, dict) and depth < 20:
        return all(small(item, depth + 1) for item in value.values())
    return isinstance(value, (str, bytes)) and not value


def evidence(answers: list, references: list, right: list) -> bool:
    """Do ``answers`` agree with ``references`` (``right``: each pair's verdict) beyond chance?"""
    n = len(answers)
    if not any(right) or sum(right) < MIN_SHARE * n:
        return False  # (an answer that follows the input but not the lecture's rule, a, is right now and then)
    for i in range(n):
        if right[i] and not small(references[i]) and not any(
                same(answers[i], answers[j]) for j in range(n) if j != i):
            return True  # a rich answer, and not one it gives whatever the input
    if n < 2:
        return False
    matches = np.array([[same(answers[i], references[j]) for j in range(n)] for i in range(n)])
    observed = int(np.trace(matches))
    order = np.random.default_rng(0).permuted(np.tile(np.arange(n), (PERMUTATIONS, 1)), axis=1)
    by_chance = matches[np.arange(n), order].sum(axis=1)
    return (1 + int((by_chance >= observed).sum())) / (1 + PERMUTATIONS) < P_VALUE
