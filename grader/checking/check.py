"""What a check file uses: the ``@check`` marker, ``CheckFailed`` and ``expect_*`` helpers.

A check is a pytest test function.  ``@check(points, description)`` marks it;
its description is the one line the learner reads.  A failing check raises
:class:`CheckFailed` with a message that says what happened (the call, the
input, expected vs got, shapes and dtypes) and, where a symptom points to a
known mistake, a hint that names it in the lecture's terms.

    @check(2, T("sigmoid matches the reference", "시그모이드 함수가 참조 구현과 같다"))
    def test_sigmoid(learner, ref, rng):
        x = rng.normal(size=(3, 4))
        expect_array(learner.sigmoid(x), ref.sigmoid(x), call="sigmoid(x)", inputs={"x": x})
"""
from __future__ import annotations

from typing import NoReturn

import numpy as np
import pytest

from grader.i18n import T, Text, join, plain
from grader.sandbox.process import LearnerError, LearnerProblem

__all__ = ["T", "Text", "check", "CheckFailed", "fail", "show", "expect", "expect_array",
           "expect_close", "expect_equal", "expect_type", "mistake", "outcome", "call_or_fail"]


def check(points: float, description: Text, *, hidden: bool = False, timeout: float | None = None):
    """Mark a test function as a graded check worth ``points``."""
    def mark(func):
        return pytest.mark.check(points=points, description=description, hidden=hidden,
                                 timeout=timeout)(func)
    return mark


class CheckFailed(AssertionError):
    def __init__(self, message: Text, hint: Text | None = None):
        super().__init__(message.en)
        self.message = message
        self.hint = hint


def fail(message: Text, hint: Text | None = None) -> NoReturn:
    raise CheckFailed(message, hint)


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


def call_or_fail(what: str, func, *args, hint: Text | None = None, **kwargs):
    """Call learner code; an exception it raises becomes a failure with ``hint``."""
    try:
        return func(*args, **kwargs)
    except LearnerError as exc:
        if exc.not_implemented or hint is None:
            raise
        info = exc.info
        where = ""
        if info.get("frames"):
            _, lineno, name, line = info["frames"][-1]
            where = f"\n    line {lineno}, in {name}: {line.strip()}"
        fail(T(f"{what} raised {info.get('type')}: {info.get('message')}{where}",
               f"{what}에서 {info.get('type')} 예외가 발생했습니다: {info.get('message')}{where}"), hint)


# ---------------------------------------------------------------------------- showing values
def show(value, limit: int = 300) -> str:
    """A short, readable rendering of a value, with shape and dtype for arrays."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=8, threshold=24, edgeitems=3, separator=", ",
                               max_line_width=100)
        text = f"{body}  (shape {value.shape}, dtype {value.dtype})"
    elif isinstance(value, np.generic):
        text = f"{value.item()!r} ({type(value).__name__})"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def type_name(value) -> str:
    """The learner-side type name of a value (a handle names the type in the learner's code)."""
    ref = getattr(value, "_ref", None) if type(value).__name__ == "Remote" else None
    return ref.type_name if ref is not None else type(value).__name__


def _call_text(call: str, inputs: dict | None) -> Text:
    if not inputs:
        return plain(call)
    given = ", ".join(f"{k} = {show(v, 160)}" for k, v in inputs.items())
    return T(f"{call} with {given}", f"{call}, 입력 {given}")


def _describe(kind: Text, call: str, inputs, expected, got) -> Text:
    return join([
        kind,
        _call_text(call, inputs),
        T("  expected: ", "  기댓값: ") + show(expected),
        T("  got:      ", "  결과:   ") + show(got),
    ])


def _pick_hint(got, mistakes, hint, rtol, atol):
    for candidate, text in mistakes or ():
        try:
            cand = np.asarray(candidate, dtype=float)
            mine = np.asarray(got, dtype=float)
            if cand.shape == mine.shape and np.allclose(mine, cand, rtol=rtol, atol=atol, equal_nan=True):
                return text
        except (TypeError, ValueError):
            continue
    return hint


NONE_HINT = T("Your function returned None: did you forget the `return` statement?",
              "함수가 None을 반환했습니다. `return` 문을 빠뜨리지 않았나요?")


# ---------------------------------------------------------------------------- expectations
def expect_type(got, types, *, call: str, what: Text, hint: Text | None = None) -> None:
    """``got`` must be an instance of ``types`` (``what`` names them for the learner)."""
    allowed = types if isinstance(types, tuple) else (types,)
    if got is None and type(None) not in allowed:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"), NONE_HINT)
    if not isinstance(got, allowed):
        fail(Text(f"{call} returned {type_name(got)} {show(got, 120)}; expected {what.en}",
                  f"{call}이(가) {type_name(got)} {show(got, 120)}을(를) 반환했습니다. 기대한 것: {what.ko}"),
             hint)


def expect_array(got, expected, *, call: str, inputs: dict | None = None, rtol: float = 1e-7,
                 atol: float = 1e-12, dtype_kind: str | None = None, exact_dtype: bool = False,
                 allow_list: bool = False, hint: Text | None = None, mistakes=()) -> None:
    """``got`` must be an array with ``expected``'s shape and values (within tolerance).

    ``dtype_kind`` ('i' integer, 'f' float, 'b' bool, 'iu' ...) constrains the dtype;
    ``mistakes`` lists known wrong answers whose hints win when ``got`` matches them.
    """
    expected = np.asarray(expected)
    if got is None:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다") + "\n" + _call_text(call, inputs),
             NONE_HINT)
    if isinstance(got, np.generic):
        got = np.asarray(got)
    if not isinstance(got, np.ndarray):
        if not allow_list or not isinstance(got, (list, tuple, int, float, bool)):
            fail(join([T(f"{call} returned a {type_name(got)}, not a NumPy array",
                         f"{call}이(가) NumPy 배열이 아니라 {type_name(got)}을(를) 반환했습니다"),
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
        fail(_describe(T(f"Wrong shape: expected {expected.shape}, got {got.shape}",
                         f"형상(shape)이 다릅니다: 기대 {expected.shape}, 결과 {got.shape}"),
                       call, inputs, expected, got),
             _pick_hint(got, mistakes, hint, rtol, atol) or T(
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
        fail(_describe(T(f"The result contains {what} where a finite number was expected",
                         f"유한한 값이 나와야 할 곳에 {what}이(가) 있습니다"), call, inputs, expected, got),
             _pick_hint(got, mistakes, hint, rtol, atol) or T(
                 "nan or inf usually means an overflow in np.exp or a log of 0.",
                 "nan이나 inf는 보통 np.exp의 오버플로나 log(0) 때문에 생깁니다."))
    if not np.allclose(got_f, exp_f, rtol=rtol, atol=atol, equal_nan=True):
        diff = np.abs(np.nan_to_num(got_f - exp_f, nan=np.inf))
        where = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape)) if diff.ndim else ()
        largest = float(diff[where]) if diff.ndim else float(diff)
        detail = T(f"  largest difference {largest:.3g} at index {where}",
                   f"  최대 차이 {largest:.3g} (위치 {where})")
        fail(join([_describe(T("Wrong values", "값이 다릅니다"), call, inputs, expected, got), detail]),
             _pick_hint(got, mistakes, hint, rtol, atol))


def expect_close(got, expected: float, *, call: str, inputs: dict | None = None, rtol: float = 1e-7,
                 atol: float = 1e-12, hint: Text | None = None, mistakes=()) -> None:
    """``got`` must be a single real number close to ``expected``."""
    if got is None:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"), NONE_HINT)
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.reshape(())[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.integer, np.floating)):
        fail(_describe(T(f"{call} should return a single number, not {type_name(got)}",
                         f"{call}은(는) {type_name(got)}이(가) 아니라 숫자 하나를 반환해야 합니다"),
                       call, inputs, expected, got), hint)
    value = float(got)
    if np.isnan(value) or np.isinf(value):
        fail(_describe(T(f"The result is {value}", f"결과가 {value}입니다"), call, inputs, expected, got),
             _pick_hint(value, mistakes, hint, rtol, atol) or T(
                 "nan or inf usually means an overflow in np.exp or a log of 0.",
                 "nan이나 inf는 보통 np.exp의 오버플로나 log(0) 때문에 생깁니다."))
    if not np.isclose(value, expected, rtol=rtol, atol=atol):
        fail(join([_describe(T("Wrong value", "값이 다릅니다"), call, inputs, expected, got),
                   T(f"  difference {abs(value - expected):.3g}", f"  차이 {abs(value - expected):.3g}")]),
             _pick_hint(value, mistakes, hint, rtol, atol))


def expect_equal(got, expected, *, call: str, inputs: dict | None = None, hint: Text | None = None,
                 strict_type: bool = True) -> None:
    """Exact equality for plain Python values (ints, strings, lists, dicts, tuples)."""
    if got is None and expected is not None:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다") + "\n" + _call_text(call, inputs),
             NONE_HINT)
    same = got == expected
    if isinstance(same, np.ndarray):
        same = bool(same.all()) and np.shape(got) == np.shape(expected)
    if strict_type and same and type(got) is not type(expected) and not (
            isinstance(expected, (int, float)) and isinstance(got, (int, float, np.integer, np.floating))
            and not isinstance(got, (bool, np.bool_)) or isinstance(expected, bool) and isinstance(got, np.bool_)):
        same = False
    if not same:
        fail(_describe(T("Wrong result", "결과가 다릅니다"), call, inputs, expected, got), hint)
