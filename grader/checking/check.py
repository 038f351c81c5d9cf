"""What a check file uses: the ``@check`` marker, ``CheckFailed`` and ``expect_*`` helpers.

A check is a pytest test function.  ``@check(points, description)`` marks it; its description
is the one line the learner reads.  A failing check raises :class:`CheckFailed` with a message
that says what happened (the call, the input, expected vs got, shapes and dtypes) and, where a
symptom points to a known mistake, a hint that names it in the lecture's terms.

    @check(2, T("sigmoid matches the reference", "시그모이드 함수가 참조 구현과 같다"))
    def test_sigmoid(learner, ref, rng):
        x = rng.normal(size=(3, 4))
        expect_array(learner.sigmoid(x), ref.sigmoid(x), call="sigmoid(x)", inputs={"x": x})

An exception of learner code is reported one way everywhere: left to propagate, or
through :func:`call_or_fail` (which names the call), it keeps the learner's own frames.
A check of a function that relies on other learner functions wraps its body in
:class:`relies_on`, so that a wrong helper is named ("fix sigmoid first") instead of
the function under test being blamed.
"""
from __future__ import annotations

from typing import NoReturn

import numpy as np
import pytest

from grader.i18n import T, Text, join, josa, plain
from grader.render.failure import clip
from grader.sandbox.process import LearnerError, LearnerProblem
from grader.sandbox.proxy import unrecorded

__all__ = ["T", "Text", "check", "CheckFailed", "fail", "show", "expect", "expect_array", "none_hint", "relies_on",
           "Probe", "fix_first", "learner_failed", "unrecorded", "expect_close", "expect_equal", "expect_type",
           "mistake", "outcome", "call_or_fail"]


def check(points: float, description: Text, *, hidden: bool = False, timeout: float | None = None):
    """Mark a test function as a graded check worth ``points``."""
    def mark(func):
        return pytest.mark.check(points=points, description=description, hidden=hidden,
                                 timeout=timeout)(func)
    return mark


class CheckFailed(AssertionError):
    """A failed check: what happened (``message``), maybe a ``hint`` naming the cause, and, when the
    failure is an exception of the learner's code, that exception (``error``: the worker's dict with
    ``type``, ``message`` and the learner's own ``frames``), shown as every learner exception is.
    ``named``: the hint names a known mistake that the result matched, so it is the cause."""

    def __init__(self, message: Text, hint: Text | None = None, error: dict | None = None, named: bool = False):
        super().__init__(message.en)
        self.message = message
        self.hint = hint
        self.error = error
        self.named = named  # the hint names a known mistake that the result matched (see relies_on)


def fail(message: Text, hint: Text | None = None, *, named: bool = False) -> NoReturn:
    raise CheckFailed(message, hint, named=named)


def expect(condition, message: Text, hint: Text | None = None) -> None:
    if not condition:
        fail(message, hint)


def mistake(candidate, hint: Text):
    """A known wrong answer and the hint that names it, for ``mistakes=[...]``."""
    return (candidate, hint)


# ---------------------------------------------------------------------------- calling learner code
def outcome(func, *args, **kwargs):
    """``(None, value)`` if the call returned, ``(exception name, None)`` if it raised.

    A ``NotImplementedError`` is not an outcome: it propagates, so that the check
    counts as not started.  Works with the worker proxy and with a plain module.
    """
    try:
        return None, func(*args, **kwargs)
    except LearnerError as exc:
        if exc.not_implemented:
            raise
        return exc.info.get("type") or "Exception", None
    except (NotImplementedError, LearnerProblem):
        raise
    except Exception as exc:  # noqa: BLE001 - a learner module running in-process
        return type(exc).__name__, None


def call_or_fail(what: "str | Text", func, *args, hint=None, inputs: dict | None = None, **kwargs):
    """Call learner code; an exception it raises fails the check (see :func:`learner_failed`).

    ``hint`` (a Text, or a function of the exception's dict giving a Text or None) is the
    check's own idea of the cause; ``inputs`` are shown with the call.  A ``NotImplementedError``
    propagates, so that the check counts as not started.
    """
    try:
        return func(*args, **kwargs)
    except LearnerError as exc:
        if exc.not_implemented:
            raise
        learner_failed(what, exc.info, hint, inputs)


def learner_failed(what: "str | Text", info: dict, hint=None, inputs: dict | None = None) -> NoReturn:
    """Fail with the learner's exception ``info`` raised by ``what``: the one way every check reports
    one (the message names the call, the learner's frames are shown by the report, and a cause
    that the exception itself names, :func:`grader.checking.verdict.error_hint`, comes first)."""
    from grader.checking import verdict  # it imports this module

    message = verdict.error_text(info, what)
    if inputs:
        message = join([message, T("  with ", "  입력 ") + ", ".join(f"{k} = {show(v, 160)}" for k, v in inputs.items())])
    own = hint(info) if callable(hint) else hint
    if verdict.is_setup_problem(info):
        message, own = verdict.setup_text(info)
    raise CheckFailed(message, verdict.error_hint(info) or own, error=info)


# ---------------------------------------------------------------------------- showing values
def show(value, limit: int = 300) -> str:
    """A short, readable rendering of a value, with shape and dtype for arrays."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=8, threshold=24, edgeitems=3, separator=", ",
                               max_line_width=100)
        suffix = f"  (shape {value.shape}, dtype {value.dtype})"
        return clip(body, max(limit - len(suffix), 20)) + suffix
    if isinstance(value, np.generic):
        return clip(f"{value.item()!r} ({type(value).__name__})", limit)
    text = repr(value)
    if type(value).__name__ == "Remote" and text.endswith(" in your code>"):  # a handle: the same in both languages
        text = text[: -len(" in your code>")] + ">"
    return clip(text, limit)


def type_name(value) -> str:
    """The learner-side type name of a value (a handle names the type in the learner's code)."""
    ref = getattr(value, "_ref", None) if type(value).__name__ == "Remote" else None
    return ref.type_name if ref is not None else type(value).__name__


def called(call: "str | Text") -> Text:
    """A check's call text in both languages: code (the same in both), or a Text when it has words."""
    return call if isinstance(call, Text) else plain(call)


def _call_text(call: "str | Text", inputs: dict | None) -> Text:
    call = called(call)
    if not inputs:
        return call
    given = ", ".join(f"{k} = {show(v, 160)}" for k, v in inputs.items())
    return T(f"{call.en} with {given}", f"{call.ko}, 입력 {given}")


def _describe(kind: Text, call: "str | Text", inputs, expected, got) -> Text:
    return join([
        kind,
        _call_text(call, inputs),
        T("  expected: ", "  기댓값: ") + show(expected),
        T("  got:      ", "  결과:   ") + show(got),
    ])


def _matching(got, mistakes, rtol, atol) -> Text | None:
    """The hint of the first known mistake that ``got`` equals, if any.  ``mistakes`` may be a function
    that returns them: wrong answers that cost time to compute are then computed only for a wrong result."""
    if callable(mistakes):
        mistakes = mistakes()
    for candidate, text in mistakes or ():
        try:
            cand = np.asarray(candidate, dtype=float)
            mine = np.asarray(got, dtype=float)
            if cand.shape == mine.shape and np.allclose(mine, cand, rtol=rtol, atol=atol, equal_nan=True):
                return text
        except (TypeError, ValueError):
            continue
    return None


def _fail_matching(message: Text, got, mistakes, hint, rtol, atol, default: Text | None = None) -> NoReturn:
    """Fail with the hint of the known mistake that ``got`` matches, else ``hint``, else ``default``."""
    matched = _matching(got, mistakes, rtol, atol)
    if matched is not None:
        fail(message, matched, named=True)
    fail(message, hint or default)


NONFINITE_HINT = T("nan or inf usually means an overflow in np.exp or a log of 0.",
                   "nan이나 inf는 보통 np.exp의 오버플로나 log(0) 때문에 생깁니다.")
NONE_HINT = T("Your function returned None: did you forget the `return` statement?",
              "함수가 None을 반환했습니다. `return` 문을 빠뜨리지 않았나요?")


def none_hint(call: str) -> Text:
    """Why ``call`` returned None: a function that prints its result instead of returning it says so."""
    from grader.checking import learner_code

    code, name = learner_code.source(), learner_code.called_name(call)
    printed = code.printed_instead(name) if code is not None and name else None
    if printed is None:
        return NONE_HINT
    line, expr = printed
    expr = clip(expr, 80)
    return T(f"Your function {name} printed {expr} (line {line}) but returned None: print only shows a value, "
             f"return gives it back. Use return instead of print: return {expr}",
             f"{josa(name, '은')} {line}번째 줄에서 {josa(expr, '을')} 출력(print)만 하고 None을 반환했습니다. print는 값을 "
             f"보여 주기만 하고, 돌려주는 것은 return입니다. print 대신 return을 쓰세요: return {expr}")


# ---------------------------------------------------------------------------- expectations
def expect_type(got, types, *, call: "str | Text", what: Text, hint: Text | None = None) -> None:
    """``got`` must be an instance of ``types`` (``what`` names them for the learner)."""
    allowed = types if isinstance(types, tuple) else (types,)
    if got is None and type(None) not in allowed:
        fail(T(f"{called(call).en} returned None", f"{called(call).ko}의 반환값이 None입니다"), none_hint(called(call).en))
    if not isinstance(got, allowed):
        fail(Text(f"{called(call).en} returned {type_name(got)} {show(got, 120)}; expected {what.en}",
                  f"{josa(called(call).ko, '이')} {type_name(got)} {josa(show(got, 120), '을')} 반환했습니다. 기대한 것: {what.ko}"),
             hint)


def expect_array(got, expected, *, call: "str | Text", inputs: dict | None = None, rtol: float = 1e-7,
                 atol: float = 1e-12, dtype_kind: str | None = None, exact_dtype: bool = False,
                 allow_list: bool = False, hint: Text | None = None, mistakes=()) -> None:
    """``got`` must be an array with ``expected``'s shape and values (within tolerance).

    ``dtype_kind`` ('i' integer, 'f' float, 'b' bool, 'iu' ...) constrains the dtype;
    ``mistakes`` lists known wrong answers whose hints win when ``got`` matches them (or is a function
    that returns that list, called only when ``got`` is wrong).
    """
    expected = np.asarray(expected)
    if got is None:
        fail(T(f"{called(call).en} returned None", f"{called(call).ko}의 반환값이 None입니다") + "\n" + _call_text(call, inputs),
             none_hint(called(call).en))
    if isinstance(got, np.generic):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray):
        if not allow_list or not isinstance(got, (list, tuple, int, float, bool)):
            fail(join([T(f"{called(call).en} returned a {type_name(got)}, not a NumPy array",
                         f"{josa(called(call).ko, '이')} NumPy 배열이 아니라 {josa(type_name(got), '을')} 반환했습니다"),
                       _call_text(call, inputs), T("  got: ", "  결과: ") + show(got)]),
                 T("Build the result with NumPy operations (np.array, np.exp, ...) so that it is an ndarray.",
                   "NumPy 연산(np.array, np.exp 등)으로 결과를 만들어 ndarray를 반환하세요."))
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            fail(_describe(T("The result is not a list of numbers", "결과가 숫자 목록이 아닙니다"),
                           call, inputs, expected, got), hint)
    if got.dtype.kind not in "biufc":
        fail(_describe(T(f"The result has dtype {got.dtype}, not a number type",
                         f"결과의 dtype이 숫자 형식이 아닌 {got.dtype}입니다"), call, inputs, expected, got), hint)
    if got.shape != expected.shape:
        _fail_matching(_describe(T(f"Wrong shape: expected {expected.shape}, got {got.shape}",
                                   f"형상(shape)이 다릅니다: 기대 {expected.shape}, 결과 {got.shape}"),
                                 call, inputs, expected, got), got, mistakes, hint, rtol, atol, T(
            "Check which axis you sum or reduce over, and keep the input's shape.",
            "어느 축(axis)으로 합하거나 줄이는지 확인하고 입력의 형상을 유지하세요."))
    if exact_dtype and got.dtype != expected.dtype:
        fail(_describe(T(f"Wrong dtype: expected {expected.dtype}, got {got.dtype}",
                         f"dtype이 다릅니다: 기대 {expected.dtype}, 결과 {got.dtype}"), call, inputs, expected, got), hint)
    if dtype_kind and got.dtype.kind not in dtype_kind:
        fail(_describe(T(f"Wrong dtype: got {got.dtype}", f"dtype이 다릅니다: 결과 {got.dtype}"),
                       call, inputs, expected, got), hint)
    exp_f = expected.astype(complex if expected.dtype.kind == "c" else float)
    got_f = got.astype(complex if got.dtype.kind == "c" else float)
    bad_got = ~np.isfinite(got_f)
    if np.any(bad_got & np.isfinite(exp_f)):
        what = "nan" if np.any(np.isnan(got_f)) else "inf"
        _fail_matching(_describe(T(f"The result contains {what} where a finite number was expected",
                                   f"유한한 값이 나와야 할 곳에 {josa(what, '이')} 있습니다"), call, inputs, expected, got),
                       got, mistakes, hint, rtol, atol, NONFINITE_HINT)
    if not np.allclose(got_f, exp_f, rtol=rtol, atol=atol, equal_nan=True):
        diff = np.abs(np.nan_to_num(got_f - exp_f, nan=np.inf))
        where = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape)) if diff.ndim else ()
        largest = float(diff[where]) if diff.ndim else float(diff)
        detail = T(f"  largest difference {largest:.3g} at index {where}",
                   f"  최대 차이 {largest:.3g} (위치 {where})")
        _fail_matching(join([_describe(T("Wrong values", "값이 다릅니다"), call, inputs, expected, got), detail]),
                       got, mistakes, hint, rtol, atol)


def expect_close(got, expected: float, *, call: "str | Text", inputs: dict | None = None, rtol: float = 1e-7,
                 atol: float = 1e-12, hint: Text | None = None, mistakes=()) -> None:
    """``got`` must be a single real number close to ``expected``."""
    if got is None:
        fail(T(f"{called(call).en} returned None", f"{called(call).ko}의 반환값이 None입니다"), none_hint(called(call).en))
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.reshape(())[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.integer, np.floating)):
        fail(_describe(T(f"{called(call).en} should return a single number, not {type_name(got)}",
                         f"{josa(called(call).ko, '은')} {josa(type_name(got), '이')} 아니라 숫자 하나를 반환해야 합니다"),
                       call, inputs, expected, got), hint)
    value = float(got)
    if np.isnan(value) or np.isinf(value):
        _fail_matching(_describe(T(f"The result is {value}", f"결과가 {value}입니다"), call, inputs, expected, got),
                       value, mistakes, hint, rtol, atol, NONFINITE_HINT)
    if not np.isclose(value, expected, rtol=rtol, atol=atol):
        _fail_matching(join([_describe(T("Wrong value", "값이 다릅니다"), call, inputs, expected, got),
                             T(f"  difference {abs(value - expected):.3g}", f"  차이 {abs(value - expected):.3g}")]),
                       value, mistakes, hint, rtol, atol)


def expect_equal(got, expected, *, call: "str | Text", inputs: dict | None = None, hint: Text | None = None,
                 strict_type: bool = True) -> None:
    """Exact equality for plain Python values (ints, strings, lists, dicts, tuples)."""
    if got is None and expected is not None:
        fail(T(f"{called(call).en} returned None", f"{called(call).ko}의 반환값이 None입니다") + "\n" + _call_text(call, inputs),
             none_hint(called(call).en))
    same = got == expected
    if isinstance(same, np.ndarray):
        same = bool(same.all()) and np.shape(got) == np.shape(expected)
    if strict_type and same and type(got) is not type(expected) and not (
            isinstance(expected, (int, float)) and isinstance(got, (int, float, np.integer, np.floating))
            and not isinstance(got, (bool, np.bool_)) or isinstance(expected, bool) and isinstance(got, np.bool_)):
        same = False
    if not same:
        fail(_describe(T("Wrong result", "결과가 다릅니다"), call, inputs, expected, got), hint)


# ---------------------------------------------------------------------------- checks that rely on other learner code
def _agree(got, expected, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Do a learner's and the reference's results agree (numbers within tolerance, containers item by item)?"""
    if isinstance(expected, dict):
        return isinstance(got, dict) and set(expected) <= set(got) and all(
            _agree(got[k], expected[k], rtol, atol) for k in expected)
    if isinstance(expected, (list, tuple)) and not all(isinstance(v, (int, float)) for v in expected):
        return isinstance(got, (list, tuple)) and len(got) == len(expected) and all(
            _agree(g, e, rtol, atol) for g, e in zip(got, expected))
    if got is None or expected is None:
        return got is expected
    try:
        mine, theirs = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return bool(got == expected) if not isinstance(got, np.ndarray) else False
    with np.errstate(all="ignore"):
        return mine.shape == theirs.shape and bool(np.allclose(mine, theirs, rtol=rtol, atol=atol, equal_nan=True))


def _brief(value) -> str:
    """A value in a few characters: a small array in full, of a larger one its first numbers and its shape."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.size <= 6:
            return " ".join(np.array2string(value, precision=4, separator=", ").split())
        first = np.array2string(value.ravel()[:3], precision=4, separator=", ")[:-1]
        return f"{' '.join(first.split())}, ...] (shape {value.shape})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: ..." for k in list(value)[:6]) + "}"
    return show(value, 60)


class Probe:
    """One way of trying a learner function the check relies on, and what the reference gives.

    ``args``: call ``name(*args)``; or ``run``: a function of a module (learner or reference)
    giving the value to compare (for classes and for calls that need set-up)."""

    def __init__(self, name: str, args: tuple = (), run=None):
        self.name, self.args, self.run = name, args, run
        self.expected = None

    def __call__(self, module):
        return self.run(module) if self.run is not None else getattr(module, self.name)(*self.args)

    def text(self) -> str:
        if self.run is not None:
            return self.name
        return f"{self.name}(" + ", ".join(_brief(a) for a in self.args) + ")"


class relies_on:
    """A check of ``caller`` that relies on other learner functions (``probes``: name -> argument tuples
    or :class:`Probe` objects): when it fails while one of them is wrong, the hint says to fix that
    one first, instead of a hint about ``caller`` that would blame the wrong function::

        with relies_on(learner, ref, "forward", {"sigmoid": [(a1,), (a2,)]}):
            expect_array(learner.forward(network, x), ...)

    The reference answers every probe at once (so that a student kit's answer key holds them);
    the learner's side is tried only when the check fails.  A name counts only if ``caller`` uses
    it (read from the learner's source when it is readable) or it is in ``always`` (objects the
    check itself hands to ``caller``).  Names in ``given`` are the exercise's given helpers, which
    have no check of their own: the hint says to put them back as they were given.
    """

    def __init__(self, learner, ref, caller: "str | Text", probes: dict, *, always=(), given=()):
        self.named = called(caller)  # how the hint names it (a Text when it is words, not a function)
        caller = self.named.en
        self.learner, self.caller, self.always, self.given = learner, caller, set(always), set(given)
        self.probes: list[Probe] = []
        for name, tries in probes.items():
            for one in tries:
                probe = one if isinstance(one, Probe) else Probe(name, tuple(one))
                try:
                    with np.errstate(all="ignore"):
                        probe.expected = probe(ref)
                except Exception:  # noqa: BLE001 - the reference cannot answer it (no answer key): not tried
                    continue
                self.probes.append(probe)

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if not isinstance(exc, (CheckFailed, LearnerError)) or getattr(exc, "not_implemented", False):
            return False
        if getattr(exc, "named", False):
            return False  # the result is a known mistake: its hint names the cause
        from grader.checking import verdict
        info = exc.info if isinstance(exc, LearnerError) else exc.error
        if info and (verdict.is_setup_problem(info) or verdict.error_hint(info) is not None):
            return False  # a set-up problem of this machine, or an exception that names its cause itself
        with unrecorded(self.learner):  # probes that look for the cause are not what the check grades
            wrong = self.wrong()
        if not wrong:
            return False
        hint = fix_first(self.named, wrong, self.given)
        if isinstance(exc, CheckFailed):
            raise CheckFailed(exc.message, hint, exc.error) from None
        raise CheckFailed(verdict.error_text(exc.info), hint, exc.info) from None

    def wrong(self) -> list[tuple[str, Text]]:
        """The functions relied on that are not right yet, each with what shows it; of a chain of wrong
        ones (accuracy -> predict -> sigmoid) only the deepest, which is the one to fix first."""
        from grader.checking import learner_code
        code = learner_code.source(learner_code.module_path(self.learner))
        uses = (lambda name: code.uses(name) or set()) if code is not None else (lambda name: set())
        used = None if code is None or code.uses(self.caller) is None else code.uses(self.caller)
        if used is not None:
            used |= self.always
            for name in self.always:
                used |= uses(name)
        found = {}
        for probe in self.probes:
            if probe.name in found or (used is not None and probe.name not in used):
                continue
            why = self._try(probe)
            if why is not None:
                found[probe.name] = why
        return [(name, why) for name, why in found.items() if not uses(name) & (set(found) - {name})]

    def _try(self, probe: Probe) -> Text | None:
        try:
            with np.errstate(all="ignore"):
                got = probe(self.learner)
        except LearnerError as exc:
            if exc.not_implemented:
                return T(f"{probe.name} still raises NotImplementedError",
                         f"{josa(probe.name, '은')} 아직 NotImplementedError를 발생시킵니다")
            kind = exc.info.get("type")
            return T(f"{probe.text()} raised {kind}", f"{probe.text()}에서 {kind} 예외가 발생했습니다")
        except LearnerProblem:
            return T(f"{probe.text()} did not finish", f"{josa(probe.text(), '이')} 끝나지 않았습니다")
        except CheckFailed as exc:  # a probe's own expectation
            return exc.message
        if _agree(got, probe.expected):
            return None
        if probe.run is not None:
            return T(f"{probe.name} does not give the expected result", f"{probe.name}의 결과가 기댓값과 다릅니다")
        where, got, expected = _difference(got, probe.expected)
        return T(f"for example {probe.text()}{where} gives {_brief(got)}; expected {_brief(expected)}",
                 f"예: {probe.text()}{where}의 결과가 {_brief(got)}입니다. 기댓값: {_brief(expected)}")


def _difference(got, expected, where: str = ""):
    """The first part of a dict (or pair) result that differs: (its index text, got, expected)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in expected:
            if key not in got:
                return f"{where}[{key!r}]", None, expected[key]
            if not _agree(got[key], expected[key]):
                return _difference(got[key], expected[key], f"{where}[{key!r}]")
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)) and len(got) == len(expected):
        for i, (mine, theirs) in enumerate(zip(got, expected)):
            if not _agree(mine, theirs):
                return _difference(mine, theirs, f"{where}[{i}]")
    return where, got, expected


def fix_first(caller: "str | Text", wrong: list[tuple[str, Text]], given=()) -> Text:
    """The hint of a check whose ``caller`` relies on learner functions that are wrong: fix them first
    (the ``given`` helpers: put them back as the exercise file gives them)."""
    caller = called(caller)
    mine = [name for name, _ in wrong if name not in given]
    theirs = [name for name, _ in wrong if name in given]
    parts = []
    if mine:
        listed = ", ".join(mine)
        parts.append(T(f"This check of {caller.en} relies on your {listed}, which is not right yet: fix {listed} first "
                       f"(see {'its check' if len(mine) == 1 else 'their checks'}); this check may pass once it is.",
                       f"{caller.ko}의 이 검사는 여러분의 {listed}에 의존하는데, 그것이 아직 맞지 않습니다. "
                       f"먼저 {josa(listed, '을')} 고치세요(해당 검사 참고). 그러면 이 검사도 통과할 수 있습니다."))
    if theirs:
        listed = ", ".join(theirs)
        parts.append(T(f"This check of {caller.en} relies on {listed}, given ready-made in the exercise file, and your "
                       f"file changed it: put the given {listed} back first; this check may pass then.",
                       f"{caller.ko}의 이 검사는 실습 파일에 미리 주어진 {listed}에 의존하는데, 여러분의 파일에서 그것이 "
                       f"바뀌었습니다. 먼저 주어진 {josa(listed, '을')} 원래대로 되돌리세요. 그러면 이 검사도 통과할 수 "
                       "있습니다."))
    return join(parts + [T("  ", "  ") + why for _, why in wrong])
