"""exercise-08 · numerical differentiation, gradients, gradient descent, SimpleNet (10 points).

Functions handed to the learner's code (``f`` of ``numerical_diff`` and friends)
come from :mod:`grader.checking.functions`: they must be importable in the worker.

Tolerances.  ``numerical_diff`` must be the central difference with h = 1e-4:
for the lecture's ``0.01*x**2 + 0.1*x`` that gives exactly the printed
0.1999999999990898 (the other ways of writing the same formula agree to
~1e-16), while the forward difference is off by 1e-6, h = 1e-3 or 1e-5 by
~1e-12 and h = 1e-50 gives 0.0; hence ``atol = 3e-13``.  On random smooth
functions (hidden check) the h**2 error term of the central difference tells
h = 1e-4 from other values of h at ``rtol = 1e-9``.  Learner and reference
run the same arithmetic on the same functions, so gradients and gradient
descent agree to ~1e-12; the checks allow 1e-9.
"""
from functools import partial

import numpy as np

from grader.checking import functions as fn
from grader.checking.check import (T, Probe, call_or_fail, check, expect, expect_array, expect_close, fail, mistake,
                                    relies_on, show)
from grader.checking.figures import figure_info
from grader.checking.fresh_answers import Variants
from grader.i18n import josa
from grader.sandbox.process import LearnerError
from grader.sandbox.proxy import call_each, fetch, prefetch, put

GIVEN = ("softmax", "cross_entropy_error")  # helpers the exercise file gives ready-made (see relies_on)
EXERCISE = "exercise-08"

H = 1e-4
LECTURE_DIFF = ((5, 0.1999999999990898), (10, 0.2999999999986347))
LECTURE_W = np.array([[0.47355232, 0.9977393, 0.84668094],
                      [0.85557411, 0.03563661, 0.69422093]])
LECTURE_X = np.array([0.6, 0.9])
LECTURE_T = np.array([0, 0, 1])
LECTURE_PREDICT = np.array([1.05414809, 0.63071653, 1.1328074])


# ---------------------------------------------------------------------------- helpers
def _diff(f, x, h=H, kind="central"):
    """Wrong (and right) ways of differentiating, to name a learner's mistake."""
    if kind == "central":
        return (f(x + h) - f(x - h)) / (2 * h)
    if kind == "forward":
        return (f(x + h) - f(x)) / h
    if kind == "backward":
        return (f(x) - f(x - h)) / h
    if kind == "precedence":
        return (f(x + h) - f(x - h)) / 2 * h
    if kind == "no_two":
        return (f(x + h) - f(x - h)) / h
    raise ValueError(kind)


def _gradient(f, x, kind="central", h=H):
    """A numerical gradient computed the wrong (or right) way, element by element."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    if kind == "no_restore":  # each element is left at tmp_val - h for the following ones
        for idx in np.ndindex(x.shape):
            tmp_val = x[idx]
            x[idx] = tmp_val + h
            fxh1 = f(x)
            x[idx] = tmp_val - h
            grad[idx] = (fxh1 - f(x)) / (2 * h)
        return grad
    for idx in np.ndindex(x.shape):
        def g(v, idx=idx):
            y = x.copy()
            y[idx] = v
            return f(y)
        grad[idx] = _diff(g, x[idx], h, kind)
    return grad


HINT_H_TINY = T("The result is 0: h is so small (e.g. 1e-50) that x + h rounds to x in floating point "
                "(a rounding error). Use h = 1e-4.",
                "결과가 0입니다. h가 너무 작아서(예: 1e-50) 부동소수점에서 x + h가 x로 반올림됩니다(반올림 오차). "
                "h = 1e-4를 쓰세요.")
HINT_FORWARD = T("This is the forward difference (f(x+h) - f(x)) / h. Use the central difference "
                 "(f(x+h) - f(x-h)) / (2*h): it is more accurate.",
                 "전방 차분 (f(x+h) - f(x)) / h로 계산했습니다. 더 정확한 중심 차분 "
                 "(f(x+h) - f(x-h)) / (2*h)를 쓰세요.")
HINT_BACKWARD = T("This is the backward difference (f(x) - f(x-h)) / h. Use the central difference "
                  "(f(x+h) - f(x-h)) / (2*h).",
                  "후방 차분 (f(x) - f(x-h)) / h로 계산했습니다. 중심 차분 (f(x+h) - f(x-h)) / (2*h)를 쓰세요.")
HINT_PRECEDENCE = T("Operator precedence: `/ 2*h` divides by 2 and then MULTIPLIES by h. "
                    "Write `/ (2*h)` with parentheses.",
                    "연산자 우선순위 문제입니다. `/ 2*h`는 2로 나눈 뒤 h를 곱합니다. 괄호를 넣어 `/ (2*h)`로 쓰세요.")
HINT_NO_TWO = T("The central difference spans 2*h (from x-h to x+h): divide by 2*h, not by h.",
                "중심 차분은 x-h부터 x+h까지 2*h 구간입니다. h가 아니라 2*h로 나누세요.")


HINT_NOT_RESTORED = T("x is not restored: after computing f(x + h) and f(x - h), set x[idx] = tmp_val again, "
                      "otherwise every later partial derivative is taken at a shifted x.",
                      "x를 복원하지 않았습니다. f(x + h)와 f(x - h)를 계산한 뒤 x[idx] = tmp_val로 되돌리세요. "
                      "그렇지 않으면 이후의 편미분이 모두 어긋난 x에서 계산됩니다.")


def _h_hint(h):
    return T(f"This is the central difference with h = {h:g}; the lecture uses h = 1e-4 (0.0001).",
             f"h = {h:g}인 중심 차분입니다. 강의에서는 h = 1e-4 (0.0001)를 씁니다.")


def _diff_mistakes(f, x):
    found = [mistake(0.0, HINT_H_TINY),
             mistake(_diff(f, x, kind="forward"), HINT_FORWARD),
             mistake(_diff(f, x, kind="backward"), HINT_BACKWARD),
             mistake(_diff(f, x, kind="precedence"), HINT_PRECEDENCE),
             mistake(_diff(f, x, kind="no_two"), HINT_NO_TWO)]
    found += [mistake(_diff(f, x, h=h), _h_hint(h)) for h in (1e-3, 1e-5, 1e-6, 1e-7)]
    return found


def _gradient_mistakes(f, x):
    return [mistake(np.zeros_like(x), HINT_H_TINY),
            mistake(_gradient(f, x, "forward"), HINT_FORWARD),
            mistake(_gradient(f, x, "backward"), HINT_BACKWARD),
            mistake(_gradient(f, x, "precedence"), HINT_PRECEDENCE),
            mistake(_gradient(f, x, "no_two"), HINT_NO_TWO),
            mistake(_gradient(f, x, "no_restore"), HINT_NOT_RESTORED)]


def _descent(f, init_x, lr=0.01, step_num=100, kind="central", sign=-1.0, h=H, history=False, slip=None):
    """Gradient descent with a numerical gradient computed the wrong (or right) way; with ``history``, as
    the textbook's gradient_method.py returns it: (x, np.array(x_history)); ``slip``: "stale" (the gradient
    taken once, at init_x) or "from_init" (each step x = init_x - lr * grad(x))."""
    x0 = np.array(init_x, dtype=float)
    x, x_history, grad = x0.copy(), [], None
    for _ in range(step_num):
        x_history.append(x.copy())
        if grad is None or slip != "stale":
            grad = _gradient(f, x, kind, h)
        if kind == "no_restore":
            x -= h  # the learner's numerical_gradient leaves each element of x at tmp_val - h
        x = (x0 if slip == "from_init" else x) + sign * lr * grad
    return (x, np.array(x_history)) if history else x


def _unmoved_or_minimum(f, init_x, lr=0.01, step_num=100):
    """Answers of gradient descent that ignore lr and step_num: x where it started, or where it ends if it
    runs long enough."""
    found = [np.array(init_x, dtype=float)]
    if getattr(f, "func", None) is fn.quadratic:
        found.append(np.linalg.solve(f.keywords["A"], -f.keywords["b"]).reshape(np.shape(init_x)))
    elif f is fn.function_2:
        found.append(np.zeros(np.shape(init_x)))
    return found


KINDS = ("forward", "backward", "precedence", "no_two")
# Official grading takes an answer to a fresh input that equals an honest variant as written code, not as a
# lookup table's (grader.checking.fresh_answers): each is a way of computing the answer slightly wrong.
FRESH_VARIANTS = {
    "numerical_diff": Variants(honest=lambda f, x: [_diff(f, x, kind=kind) for kind in KINDS] + [
        _diff(f, x, h=h) for h in (1e-3, 1e-5, 1e-6, 1e-7)], ignoring=lambda f, x: [0.0]),
    "numerical_gradient": Variants(honest=lambda f, x: [_gradient(f, x, kind) for kind in (*KINDS, "no_restore")] + [
        _gradient(f, x, h=h) for h in (1e-3, 1e-5)], ignoring=lambda f, x: [np.zeros(np.shape(x))]),
    "gradient_descent": Variants(honest=lambda f, init_x, lr=0.01, step_num=100: [
        *(_descent(f, init_x, lr, step_num, kind, h=h) for kind in ("forward", "backward", "no_two", "no_restore")
          for h in (1e-3, H, 1e-5)),  # not "precedence": that descent hardly moves x
        *(_descent(f, init_x, lr, step_num, h=h) for h in (1e-3, 1e-5)),
        _descent(f, init_x, lr, step_num, sign=1.0), _descent(f, init_x, lr, step_num, history=True),
        *(_descent(f, init_x, lr, step_num, slip=slip) for slip in ("stale", "from_init")),
        *(_descent(f, init_x, lr, steps) for steps in sorted({step_num - 1, step_num + 1, 100})
          if 0 < steps != step_num),
        *(_descent(f, init_x, other, step_num) for other in (0.01, 0.1) if not np.isclose(other, lr))],
        ignoring=_unmoved_or_minimum),
}


def _coupled(rng, shape):
    """A random non-separable function of an array of ``shape`` (see grader.checking.functions.coupled)."""
    return partial(fn.coupled, C=rng.uniform(0.5, 2.0, size=shape), B=rng.normal(size=shape))


# ---------------------------------------------------------------------------- numerical_diff
@check(1, T("numerical_diff(function_1, 5) and (function_1, 10) give the lecture's 0.1999999999990898 "
            "and 0.2999999999986347 (central difference, h = 1e-4)",
            "numerical_diff(function_1, 5)와 (function_1, 10)이 강의의 0.1999999999990898, "
            "0.2999999999986347과 같음 (중심 차분, h = 1e-4)"))
def test_numerical_diff_lecture(learner):
    for x, expected in LECTURE_DIFF:
        got = learner.numerical_diff(fn.function_1, x)
        expect_close(got, expected, call=f"numerical_diff(function_1, {x})", rtol=0, atol=3e-13,
                     mistakes=lambda: _diff_mistakes(fn.function_1, x),
                     hint=T("function_1(x) = 0.01*x**2 + 0.1*x. Compute (f(x+h) - f(x-h)) / (2*h) with "
                            "h = 1e-4, calling the f you were given.",
                            "function_1(x) = 0.01*x**2 + 0.1*x입니다. 주어진 f를 호출해 h = 1e-4로 "
                            "(f(x+h) - f(x-h)) / (2*h)를 계산하세요."))


@check(0.5, T("numerical_diff matches the reference on random smooth functions and points",
              "무작위 매끄러운 함수와 점에서 numerical_diff가 참조 구현과 같음"), hidden=True)
def test_numerical_diff_random(learner, ref, rng):
    functions = [
        ("c*exp(a*x)", partial(fn.scaled_exp, a=rng.uniform(1.5, 2.5), c=rng.uniform(0.5, 2.0)),
         rng.uniform(0.5, 2.0)),
        ("sin(w*x + p)", partial(fn.shifted_sin, w=rng.uniform(2.0, 3.0), p=rng.uniform(0, 1)),
         rng.uniform(-3.0, 3.0)),
        ("a*x**3 + b*x**2 + c*x + d", partial(fn.polynomial, coeffs=np.append(rng.uniform(1, 3), rng.normal(size=3))),
         rng.uniform(-3.0, 3.0)),
    ]
    prefetch(learner.numerical_diff, [(f, x) for _, f, x in functions])  # official grading keeps every answer
    for name, f, x in functions:
        got = learner.numerical_diff(f, x)
        expect_close(got, ref.numerical_diff(f, x), call=T(f"numerical_diff(f, {x!r}) with f(x) = {name}",
                                                               f"f(x) = {name}일 때 numerical_diff(f, {x!r})"),
                     rtol=1e-9, atol=1e-10, mistakes=lambda: _diff_mistakes(f, x),
                     hint=T("Use the central difference (f(x+h) - f(x-h)) / (2*h) with h = 1e-4 and the f "
                            "you were given (not a fixed function).",
                            "주어진 f(고정된 함수가 아님)로 h = 1e-4인 중심 차분 (f(x+h) - f(x-h)) / (2*h)를 "
                            "계산하세요."))


# ---------------------------------------------------------------------------- tangent_line
@check(0.5, T("tangent_line(f, x) returns a function t -> d*t + n: slope numerical_diff(f, x), through (x, f(x))",
              "tangent_line(f, x)는 함수 t -> d*t + n을 반환 (기울기는 numerical_diff(f, x), 점 (x, f(x))를 지남)"))
def test_tangent_line(learner, ref, rng):
    coeffs = np.round(rng.uniform(0.5, 2.0, size=4) * rng.choice([-1, 1], size=4), 2)  # a cubic drawn at random
    drawn = f"{coeffs[0]:g}x³ " + " ".join(f"{'-' if c < 0 else '+'} {abs(c):g}{power}"
                                          for c, power in zip(coeffs[1:], ("x²", "x", "")))
    with relies_on(learner, ref, "tangent_line", {"numerical_diff": [(fn.function_1, 5.0)]}, given=GIVEN):
        cases = [(fn.function_1, "function_1", 5), (fn.function_1, "function_1", 10),
                 (partial(fn.polynomial, coeffs=[0.5, -1.0, 2.0, 1.0]), "0.5x³ - x² + 2x + 1", -1.5),
                 (partial(fn.polynomial, coeffs=coeffs), drawn, float(np.round(rng.uniform(-3, 3), 2)))]
        for f, name, x in cases:
            call = f"tangent_line({name}, {x})"
            line = learner.tangent_line(f, x)
            if line is None:
                fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"),
                     T("Return the function itself: `return lambda t: d*t + n` (or a nested def).",
                       "함수 자체를 반환하세요: `return lambda t: d*t + n` (또는 안쪽에 정의한 함수)."))
            if not callable(line):
                fail(T(f"{call} returned {show(line, 120)}, not a function",
                       f"{josa(call, '이')} 함수가 아니라 {josa(show(line, 120), '을')} 반환했습니다"),
                     T("tangent_line returns the tangent as a function of t, e.g. `return lambda t: d*t + n`, "
                       "not the numbers d and n.",
                       "tangent_line은 숫자 d, n이 아니라 t의 함수로 된 접선을 반환합니다. 예: `return lambda t: d*t + n`."))
            expected_line = ref.tangent_line(f, x)
            d = ref.numerical_diff(f, x)
            n = f(x) - d * x
            try:
                got_n = float(np.asarray(line(0.0), dtype=float))
                got_d = float(np.asarray(line(1.0), dtype=float)) - got_n
            except (TypeError, ValueError):  # not a number: expect_close below says so
                got_d = got_n = float("nan")
            if np.isnan(got_d):
                hint = T("The function you return must give a number for a number t: d*t + n.",
                         "반환하는 함수는 숫자 t에 대해 숫자 d*t + n을 돌려줘야 합니다.")
            elif not np.isclose(got_d, d, rtol=1e-7, atol=1e-9):
                hint = T(f"The slope of your line is {got_d!r}; it must be d = numerical_diff(f, x) = {d!r}.",
                         f"접선의 기울기가 {got_d!r}입니다. 기울기는 d = numerical_diff(f, x) = {d!r}이어야 합니다.")
            elif np.isclose(got_n, f(x), rtol=1e-9, atol=1e-9):
                hint = T(f"The slope is right but the intercept is f(x): the line must pass through (x, f(x)), "
                         f"so n = f(x) - d*x = {n!r}.",
                         f"기울기는 맞지만 절편이 f(x)입니다. 접선은 점 (x, f(x))를 지나야 하므로 n = f(x) - d*x = {n!r}입니다.")
            else:
                hint = T(f"The slope is right but the intercept is {got_n!r}: the line passes through "
                         f"(x, f(x)), so n = f(x) - d*x = {n!r}.",
                         f"기울기는 맞지만 절편이 {got_n!r}입니다. 접선은 점 (x, f(x))를 지나므로 "
                         f"n = f(x) - d*x = {n!r}입니다.")
            for t in (float(x), x + 1.0, 0.0, -3.5):
                expect_close(line(t), expected_line(t), call=f"{call}({t!r})", rtol=1e-9, atol=1e-9, hint=hint)
            ts = np.arange(0.0, 20.0, 0.5)
            expect_array(line(ts), expected_line(ts), call=f"{call}(t)", inputs={"t": ts}, rtol=1e-9, atol=1e-9,
                         hint=hint)


# ---------------------------------------------------------------------------- numerical_gradient
@check(1, T("numerical_gradient of a 1-D array: the lecture's [6. 8.] for sum(x**2) at [3., 4.], and random functions",
            "1차원 배열의 numerical_gradient: sum(x**2)의 [3., 4.]에서 강의의 [6. 8.], 무작위 함수에서도 맞음"))
def test_numerical_gradient_1d(learner, ref, rng):
    cases = [(fn.function_2, "function_2", np.array([3.0, 4.0])),
             (fn.function_2, "function_2", np.array([0.0, 2.0])),
             (fn.function_2, "function_2", np.array([3.0, 0.0])),
             (_coupled(rng, 5), "sum(C*x**2) + sum(B*x)**2", rng.normal(size=5))]
    for f, name, x in cases:
        got = learner.numerical_gradient(f, x.copy())
        expect_array(got, ref.numerical_gradient(f, x.copy()), call=f"numerical_gradient({name}, x)",
                     inputs={"x": x}, rtol=1e-9, atol=1e-9, dtype_kind="f", mistakes=lambda: _gradient_mistakes(f, x),
                     hint=T("For each index: remember tmp_val = x[idx], evaluate f with x[idx] = tmp_val + h and "
                            "with x[idx] = tmp_val - h, set grad[idx] = (fxh1 - fxh2) / (2*h) and restore x[idx]. "
                            "Start from grad = np.zeros_like(x) (a float array of x's shape).",
                            "각 인덱스마다 tmp_val = x[idx]를 기억하고, x[idx] = tmp_val + h일 때와 "
                            "x[idx] = tmp_val - h일 때 f를 계산해 grad[idx] = (fxh1 - fxh2) / (2*h)로 두고 x[idx]를 "
                            "복원하세요. grad = np.zeros_like(x)(x와 같은 형상의 float 배열)에서 시작하세요."))


HINT_ND = T("It works for 1-D arrays only: x[idx] with idx from range(x.size) or range(len(x)) picks a whole "
            "row of a 2-D array (or runs past its end). Visit every element with "
            "np.nditer(x, flags=['multi_index'], op_flags=['readwrite']) and idx = it.multi_index "
            "(or for idx in np.ndindex(x.shape)), and build grad = np.zeros_like(x).",
            "1차원 배열에서만 동작합니다. range(x.size)나 range(len(x))의 idx로 x[idx]를 쓰면 2차원 배열에서는 "
            "행 전체를 고르거나 범위를 벗어납니다. np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])와 "
            "idx = it.multi_index(또는 for idx in np.ndindex(x.shape))로 모든 원소를 방문하고 "
            "grad = np.zeros_like(x)로 만드세요.")


@check(1, T("numerical_gradient works on 2-D and 3-D arrays: one partial derivative per element, same shape",
            "numerical_gradient가 2차원, 3차원 배열에서도 동작: 원소마다 편미분, 같은 형상"))
def test_numerical_gradient_nd(learner, ref, rng):
    cases = [(fn.function_2, "function_2", np.array([[1.0, 2.0], [0.0, -1.0]])),
             (None, "sum(C*x**2) + sum(B*x)**2", rng.normal(size=(2, 3))),
             (None, "sum(C*x**2) + sum(B*x)**2", rng.normal(size=(3, 2))),
             (None, "sum(C*x**2) + sum(B*x)**2", rng.normal(size=(2, 2, 3)))]
    hint = None
    for f, name, x in cases:
        f = f or _coupled(rng, x.shape)
        call = f"numerical_gradient({name}, x)"
        try:
            got = learner.numerical_gradient(f, x.copy())
        except LearnerError as exc:
            if exc.not_implemented:
                raise
            got = exc
        expected = ref.numerical_gradient(f, x.copy())
        if isinstance(got, LearnerError) or not _same(got, expected):
            hint = HINT_ND if _works_1d(learner, ref) else T(
                "Make numerical_gradient right for 1-D arrays first (see that check), then visit every element "
                "of x with np.nditer(x, flags=['multi_index'], op_flags=['readwrite']).",
                "먼저 1차원 배열에서 numerical_gradient가 맞게 동작하도록 하세요(해당 검사 참고). 그다음 "
                "np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])로 x의 모든 원소를 방문하세요.")
        if isinstance(got, LearnerError):
            call_or_fail(T(f"{call} with x of shape {x.shape}", f"x.shape = {x.shape}일 때 {call}"), _reraise, got, hint=hint)
        expect_array(got, expected, call=call, inputs={"x": x}, rtol=1e-9, atol=1e-9,
                     dtype_kind="f", mistakes=lambda: _gradient_mistakes(f, x), hint=hint)


def _reraise(exc):
    raise exc


def _same(got, expected, tol=1e-9):
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=tol, atol=tol))


def _gradient_probe(module):
    """numerical_gradient of a random function of a 1-D x: the gradient, and x afterwards (restored?)."""
    rng = np.random.default_rng(8)
    x = rng.normal(size=4)
    handle = put(module, x)
    grad = module.numerical_gradient(_coupled(rng, x.shape), handle)
    return grad, fetch(handle)


GRADIENT_PROBE = Probe("numerical_gradient", run=_gradient_probe)


def _works_1d(learner, ref):
    """Does the learner's numerical_gradient give the right gradient of a 1-D array and restore it?"""
    try:
        got, expected = _gradient_probe(learner), _gradient_probe(ref)
    except LearnerError:
        return False
    return _same(got[0], expected[0]) and _same(got[1], expected[1], 1e-12)


@check(0.5, T("numerical_gradient leaves x exactly as it was (each element restored after the +h/-h nudges)",
              "numerical_gradient가 끝나면 x가 원래 값 그대로 (+h/-h 후 각 원소 복원)"))
def test_numerical_gradient_restores_x(learner, rng):
    x = rng.normal(size=6)
    f = _coupled(rng, x.shape)
    x_in = put(learner, x)
    learner.numerical_gradient(f, x_in)
    after = fetch(x_in)
    expect_array(after, x, call=T("x after numerical_gradient(f, x)", "numerical_gradient(f, x)를 호출한 뒤의 x"), rtol=0, atol=1e-12,
                 mistakes=[mistake(x - H, T("x was not restored: after computing f(x - h), set x[idx] = tmp_val "
                                            "again before moving to the next index.",
                                            "x를 복원하지 않았습니다. f(x - h)를 계산한 뒤 다음 인덱스로 가기 전에 "
                                            "x[idx] = tmp_val로 되돌리세요.")),
                           mistake(x + H, T("x was not restored: each element ends at tmp_val + h. Restore it with "
                                            "x[idx] = tmp_val at the end of each step.",
                                            "x를 복원하지 않았습니다. 각 원소가 tmp_val + h로 끝납니다. 각 단계 끝에서 "
                                            "x[idx] = tmp_val로 복원하세요."))],
                 hint=T("numerical_gradient changed x: restore every element with x[idx] = tmp_val after "
                        "computing f(x + h) and f(x - h).",
                        "numerical_gradient가 x를 바꿨습니다. f(x + h)와 f(x - h)를 계산한 뒤 "
                        "x[idx] = tmp_val로 각 원소를 복원하세요."))


# ---------------------------------------------------------------------------- gradient_descent
HINT_ASCENT = T("x moved uphill: gradient descent SUBTRACTS the gradient, x -= lr * grad.",
                "x가 증가하는 방향으로 움직였습니다. 경사 하강법은 기울기를 빼야 합니다: x -= lr * grad.")
HINT_NO_UPDATE = T("x never moved: update it inside the loop, x -= lr * numerical_gradient(f, x), and return "
                   "that x.",
                   "x가 전혀 움직이지 않았습니다. 반복문 안에서 x -= lr * numerical_gradient(f, x)로 갱신하고 그 x를 "
                   "반환하세요.")


def _only_x(got, call):
    """The textbook's gradient_method.py also returns the history: the contract wants only x."""
    if isinstance(got, (tuple, list)) and len(got) == 2 and isinstance(got[0], np.ndarray):
        kind = type(got).__name__
        fail(T(f"{call} returned a {kind} of two values (x = {show(got[0], 100)}, and more); expected only the "
               "final x",
               f"{josa(call, '이')} 두 값의 {kind}(x = {show(got[0], 100)} 등)을 반환했습니다. 마지막 x 하나만 "
               "반환해야 합니다"),
             T("Return only x (the textbook's version that also returns x_history is for plotting).",
               "x만 반환하세요 (x_history도 반환하는 교재의 버전은 그래프를 그리기 위한 것입니다)."))
    return got


def _descent_mistakes(ref, f, init_x, lr, step_num):
    def run(lr_=lr, steps=step_num, sign=-1.0):
        x = np.array(init_x, dtype=float)
        for _ in range(steps):
            x = x + sign * lr_ * ref.numerical_gradient(f, x)
        return x

    found = [mistake(np.array(init_x, dtype=float), HINT_NO_UPDATE)]
    with np.errstate(all="ignore"):
        found.append(mistake(run(sign=1.0), HINT_ASCENT))
    if step_num != 100:
        found.append(mistake(run(steps=100), T(
            f"The result is that of 100 steps: use the step_num argument ({step_num}) in range(step_num).",
            f"100번 반복한 결과입니다. range(step_num)에 인수 step_num({step_num})을 쓰세요.")))
    found += [mistake(run(steps=step_num + k), T(
        f"Off by one: the loop ran step_num {'+' if k > 0 else '-'} 1 times. Use for i in range(step_num).",
        f"반복 횟수가 하나 어긋났습니다(step_num {'+' if k > 0 else '-'} 1번). for i in range(step_num)을 쓰세요."))
        for k in (1, -1) if step_num > 1]
    for other in (0.01, 0.1):
        if not np.isclose(other, lr):
            found.append(mistake(run(lr_=other), T(
                f"The result is that of learning rate {other}: use the lr argument ({lr:g}), x -= lr * grad.",
                f"학습률 {josa(other, '로')} 계산한 결과입니다. 인수 lr({lr:g})을 써서 x -= lr * grad로 갱신하세요.")))
    return found


HINT_DESCENT = T("Repeat step_num times: x -= lr * numerical_gradient(f, x); then return x.",
                 "step_num번 반복하세요: x -= lr * numerical_gradient(f, x). 그리고 x를 반환하세요.")
HINT_SMALL_LR = T("Use the lr you were given: with lr=1e-10 x barely moves, to [-2.99999994, 3.99999992].",
                  "주어진 lr을 쓰세요. lr=1e-10이면 x는 [-2.99999994, 3.99999992]까지 거의 움직이지 않습니다.")
HINT_DEFAULTS = T("The defaults are lr=0.01 and step_num=100: def gradient_descent(f, init_x, lr=0.01, step_num=100).",
                  "기본값은 lr=0.01, step_num=100입니다: def gradient_descent(f, init_x, lr=0.01, step_num=100).")
HINT_ARGUMENTS = T("Repeat exactly step_num times x -= lr * numerical_gradient(f, x), with the f, lr and step_num "
                   "you were given.",
                   "주어진 f, lr, step_num으로 x -= lr * numerical_gradient(f, x)를 정확히 step_num번 반복하세요.")


@check(1, T("gradient_descent(function_2, [-3., 4.], lr=0.1, step_num=100) ends within 1e-8 of the origin; "
            "lr=1e-10 hardly moves",
            "gradient_descent(function_2, [-3., 4.], lr=0.1, step_num=100)이 원점에서 1e-8 이내에 도달, "
            "lr=1e-10이면 거의 움직이지 않음"))
def test_gradient_descent_lecture(learner, ref):
    with relies_on(learner, ref, "gradient_descent", {"numerical_gradient": [GRADIENT_PROBE]}, given=GIVEN):
        init_x = np.array([-3.0, 4.0])
        got = _only_x(learner.gradient_descent(fn.function_2, init_x.copy(), lr=0.1, step_num=100),
                      "gradient_descent(function_2, init_x, lr=0.1, step_num=100)")
        expect_array(got, np.zeros(2), call="gradient_descent(function_2, init_x, lr=0.1, step_num=100)",
                     inputs={"init_x": init_x}, rtol=0, atol=1e-8, dtype_kind="f",
                     mistakes=lambda: _descent_mistakes(ref, fn.function_2, init_x, 0.1, 100),
                     hint=HINT_DESCENT)
        got = learner.gradient_descent(fn.function_2, init_x.copy(), lr=1e-10, step_num=100)
        expect_array(got, ref.gradient_descent(fn.function_2, init_x.copy(), lr=1e-10, step_num=100),
                     call="gradient_descent(function_2, init_x, lr=1e-10, step_num=100)", inputs={"init_x": init_x},
                     rtol=1e-12, atol=1e-12, mistakes=lambda: _descent_mistakes(ref, fn.function_2, init_x, 1e-10, 100),
                     hint=HINT_SMALL_LR)


@check(0.5, T("gradient_descent leaves init_x unchanged (it works on a copy)",
              "gradient_descent는 init_x를 바꾸지 않음 (복사본으로 계산)"))
def test_gradient_descent_keeps_init_x(learner, ref):
    with relies_on(learner, ref, "gradient_descent", {"numerical_gradient": [GRADIENT_PROBE]}, given=GIVEN):
        init_x = np.array([-3.0, 4.0])
        handle = put(learner, init_x)
        learner.gradient_descent(fn.function_2, handle, lr=0.1, step_num=10)
        expect_array(fetch(handle), init_x, call=T("init_x after gradient_descent(function_2, init_x, lr=0.1, step_num=10)",
                            "gradient_descent(function_2, init_x, lr=0.1, step_num=10)를 호출한 뒤의 init_x"),
                     rtol=0, atol=1e-12,
                     hint=T("gradient_descent changed the caller's init_x: `x = init_x` does not copy, so x -= ... "
                            "writes into init_x. Start from a copy: x = np.array(init_x, dtype=float) "
                            "(or init_x.copy()).",
                            "gradient_descent가 호출한 쪽의 init_x를 바꿨습니다. `x = init_x`는 복사가 아니어서 "
                            "x -= ...가 init_x에 씁니다. 복사본에서 시작하세요: x = np.array(init_x, dtype=float) "
                            "(또는 init_x.copy())."))


@check(1, T("gradient_descent honours lr and step_num (defaults 0.01 and 100) on random quadratic functions",
            "무작위 2차 함수에서 gradient_descent가 lr과 step_num(기본값 0.01, 100)을 따름"), hidden=True)
def test_gradient_descent_random(learner, ref, rng):
    trials = []
    for trial in range(3):
        n = int(rng.integers(2, 5))
        q, _ = np.linalg.qr(rng.normal(size=(n, n)))
        A = q @ np.diag(rng.uniform(0.5, 2.0, size=n)) @ q.T
        A = (A + A.T) / 2
        f = partial(fn.quadratic, A=A, b=rng.normal(size=n))
        init_x = rng.normal(scale=3.0, size=n)
        trials.append((f, init_x) if trial == 0 else  # the defaults, then lr and step_num given
                      (f, init_x, float(rng.uniform(0.05, 0.4)), int(rng.integers(3, 40))))
    with relies_on(learner, ref, "gradient_descent", {"numerical_gradient": [GRADIENT_PROBE]}, given=GIVEN):
        prefetch(learner.gradient_descent, [(f, init_x.copy()) for f, init_x, *_ in trials],
                 [dict(zip(("lr", "step_num"), given)) for _, _, *given in trials])
        for f, init_x, *given in trials:
            if not given:
                got = _only_x(learner.gradient_descent(f, init_x.copy()), "gradient_descent(f, init_x)")
                expect_array(got, ref.gradient_descent(f, init_x.copy()), call="gradient_descent(f, init_x)",
                             inputs={"init_x": init_x}, rtol=1e-9, atol=1e-9, dtype_kind="f",
                             mistakes=lambda: _descent_mistakes(ref, f, init_x, 0.01, 100),
                             hint=HINT_DEFAULTS)
                continue
            lr, step_num = given
            got = _only_x(learner.gradient_descent(f, init_x.copy(), lr=lr, step_num=step_num),
                          f"gradient_descent(f, init_x, lr={lr:.4g}, step_num={step_num})")
            expect_array(got, ref.gradient_descent(f, init_x.copy(), lr=lr, step_num=step_num),
                         call=f"gradient_descent(f, init_x, lr={lr:.4g}, step_num={step_num})",
                         inputs={"init_x": init_x}, rtol=1e-9, atol=1e-9, dtype_kind="f",
                         mistakes=lambda: _descent_mistakes(ref, f, init_x, lr, step_num),
                         hint=HINT_ARGUMENTS)


# ---------------------------------------------------------------------------- SimpleNet
@check(0.5, T("SimpleNet() (alias simpleNet) draws new weights W of shape (2, 3) from a standard normal distribution",
              "SimpleNet()(별칭 simpleNet)은 표준정규분포에서 형상 (2, 3)의 가중치 W를 새로 뽑음"))
def test_simple_net_init(learner):
    # 50 of each spelling, alternating as before, each class's nets made in one request
    drawn = {cls: call_each(getattr(learner, cls), [()] * 50, attribute="W") for cls in ("SimpleNet", "simpleNet")}
    samples = []
    for i in range(100):
        name = "simpleNet" if i % 2 else "SimpleNet"
        W = drawn[name][i // 2]
        if i < 2:
            if not isinstance(W, np.ndarray):
                fail(T(f"{name}().W is {show(W, 120)}, not a NumPy array",
                       f"{name}().W가 NumPy 배열이 아니라 {show(W, 120)}입니다"),
                     T("Set self.W = np.random.randn(2, 3) in __init__.",
                       "__init__에서 self.W = np.random.randn(2, 3)으로 두세요."))
            expect(W.shape == (2, 3) and W.dtype.kind == "f",
                   T(f"{name}().W has shape {W.shape} and dtype {W.dtype}; expected shape (2, 3), float",
                     f"{name}().W의 형상이 {W.shape}, dtype이 {W.dtype}입니다. 기대: 형상 (2, 3), float"),
                   T("2 inputs and 3 outputs: self.W = np.random.randn(2, 3).",
                     "입력 2개, 출력 3개입니다: self.W = np.random.randn(2, 3)."))
        samples.append(W)
    values = np.concatenate([w.ravel() for w in samples])
    mean, std = float(values.mean()), float(values.std())
    summary = T(f"600 weights from 100 SimpleNet()s have mean {mean:.3f} and standard deviation {std:.3f}; "
                "a standard normal has 0 and 1",
                f"SimpleNet() 100개의 가중치 600개의 평균이 {mean:.3f}, 표준편차가 {std:.3f}입니다. "
                "표준정규분포는 0과 1입니다")
    expect(len(np.unique(values)) > 500,
           T(f"Only {len(np.unique(values))} different values among the 600 weights of 100 SimpleNet()s",
             f"SimpleNet() 100개의 가중치 600개 중 서로 다른 값이 {len(np.unique(values))}개뿐입니다"),
           T("Each SimpleNet() must draw new random weights: self.W = np.random.randn(2, 3) in __init__ "
             "(no fixed values, no np.random.seed inside the class).",
             "SimpleNet()마다 새 무작위 가중치를 뽑아야 합니다: __init__에서 self.W = np.random.randn(2, 3) "
             "(고정된 값이나 클래스 안의 np.random.seed 없이)."))
    if values.min() >= 0 and 0.35 < mean < 0.65:
        fail(summary, T("All weights are in [0, 1): np.random.rand draws from a uniform distribution. "
                        "Use np.random.randn (standard normal).",
                        "모든 가중치가 [0, 1) 구간에 있습니다. np.random.rand는 균등분포입니다. "
                        "np.random.randn(표준정규분포)을 쓰세요."))
    expect(abs(mean) < 0.25 and 0.75 < std < 1.25, summary,
           T("Draw W with np.random.randn(2, 3) (mean 0, standard deviation 1), without scaling it.",
             "W는 np.random.randn(2, 3)(평균 0, 표준편차 1)으로 크기 조정 없이 뽑으세요."))


HINT_NO_SOFTMAX = T("loss must apply the softmax function first: "
                    "cross_entropy_error(softmax(self.predict(x)), t).",
                    "loss는 먼저 소프트맥스 함수를 적용해야 합니다: cross_entropy_error(softmax(self.predict(x)), t).")
HINT_PREDICT = T("predict(x) is np.dot(x, self.W): x of shape (2,) or (N, 2) times W of shape (2, 3).",
                 "predict(x)는 np.dot(x, self.W)입니다: 형상 (2,) 또는 (N, 2)인 x와 (2, 3)인 W의 곱.")


def _loss_mistakes(ref, W, x, t):
    z = np.dot(x, W)
    with np.errstate(all="ignore"):  # raw scores can be negative: log gives nan, which matches nothing
        raw = ref.cross_entropy_error(z, t)
    found = [mistake(raw, HINT_NO_SOFTMAX),
             mistake(ref.softmax(z), T("loss returns a single number: the cross entropy error of "
                                       "softmax(predict(x)) against t, not the softmax output.",
                                       "loss는 소프트맥스 출력이 아니라 softmax(predict(x))와 t의 교차 엔트로피 "
                                       "오차, 즉 숫자 하나를 반환합니다."))]
    if z.ndim == 2:
        found.append(mistake(ref.cross_entropy_error(ref.softmax(z), t) * len(z), T(
            "The loss of a batch is the mean over the batch, not the sum.",
            "배치의 손실은 합이 아니라 배치에 대한 평균입니다.")))
    return found


HINT_LOSS = T("loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t), with the given helpers softmax and "
              "cross_entropy_error and the current self.W.",
              "loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t)입니다. 주어진 softmax와 "
              "cross_entropy_error, 현재 self.W를 쓰세요.")


_BATCH_PROBS = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])
# The given helpers that SimpleNet.loss relies on (a learner may have changed them), tried on the lecture's values.
SIMPLE_NET_HELPERS = {
    "softmax": [(LECTURE_X @ LECTURE_W,), (np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0]]),)],
    "cross_entropy_error": [(LECTURE_PREDICT, LECTURE_T), (_BATCH_PROBS, np.array([1, 0])),
                            (_BATCH_PROBS, np.eye(3)[[1, 0]])],
}


@check(1, T("SimpleNet with the lecture's W: predict([0.6, 0.9]) is [1.05414809 0.63071653 1.1328074], "
            "and loss is the cross entropy error of its softmax",
            "강의의 W를 넣은 SimpleNet: predict([0.6, 0.9])가 [1.05414809 0.63071653 1.1328074], "
            "loss는 그 소프트맥스의 교차 엔트로피 오차"))
def test_simple_net_lecture(learner, ref):
    with relies_on(learner, ref, "SimpleNet", SIMPLE_NET_HELPERS, given=GIVEN):
        net = learner.SimpleNet()
        net.W = LECTURE_W.copy()
        got = call_or_fail("net.predict(x)", net.predict, LECTURE_X, hint=HINT_PREDICT)
        expect_array(got, LECTURE_PREDICT, call="net.predict(x)", inputs={"x": LECTURE_X}, rtol=0, atol=5e-9,
                     hint=HINT_PREDICT)
        expected = ref.cross_entropy_error(ref.softmax(LECTURE_X @ LECTURE_W), LECTURE_T)
        got = call_or_fail("net.loss(x, t)", net.loss, LECTURE_X, LECTURE_T, hint=HINT_LOSS)
        # rtol=1e-6 accepts the loss with or without the delta inside the log (they differ by
        # ~1e-7 / p, relatively); the textbook prints 0.92806853663411326, the value without it.
        expect_close(got, expected, call="net.loss(x, t)", inputs={"x": LECTURE_X, "t": LECTURE_T}, rtol=1e-6,
                     atol=1e-12, mistakes=lambda: _loss_mistakes(ref, LECTURE_W, LECTURE_X, LECTURE_T),
                     hint=T("loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t), with the given helpers and "
                            "the current self.W.",
                            "loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t)입니다. 주어진 함수와 현재 "
                            "self.W를 쓰세요."))


@check(0.5, T("SimpleNet predict and loss match the reference for random W and a batch (one-hot and label t)",
              "무작위 W와 배치(원-핫, 정답 레이블 t)에서 SimpleNet의 predict와 loss가 참조 구현과 같음"), hidden=True)
def test_simple_net_random(learner, ref, rng):
    with relies_on(learner, ref, "SimpleNet", SIMPLE_NET_HELPERS, given=GIVEN):
        W = rng.normal(size=(2, 3))
        x = rng.normal(size=(5, 2))
        labels = rng.integers(0, 3, size=5)
        onehot = np.eye(3, dtype=int)[labels]
        net = learner.SimpleNet()
        net.W = W.copy()
        expect_array(call_or_fail("net.predict(x)", net.predict, x, hint=HINT_PREDICT), x @ W, call="net.predict(x)",
                     inputs={"x": x}, rtol=1e-9, atol=1e-12, hint=HINT_PREDICT)
        expected = ref.cross_entropy_error(ref.softmax(x @ W), onehot)
        for t in (onehot, labels):
            got = call_or_fail("net.loss(x, t)", net.loss, x, t, hint=HINT_LOSS)
            expect_close(got, expected, call="net.loss(x, t)", inputs={"x": x, "t": t}, rtol=1e-5, atol=1e-12,
                         mistakes=lambda: _loss_mistakes(ref, W, x, t),
                         hint=T("loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t) with the current "
                                "self.W (a net whose W was replaced must use the new W).",
                                "loss(x, t) = cross_entropy_error(softmax(self.predict(x)), t)이고 현재 self.W를 "
                                "써야 합니다(W를 바꾼 뒤에는 새 W를 사용)."))


# ---------------------------------------------------------------------------- plot_gradient_field
def _fit(U, V, gx, gy):
    """The best positive multiple c of the field (gx, gy) and the worst mismatch left."""
    norm = float(np.sum(gx * gx + gy * gy))
    c = float(np.sum(U * gx + V * gy)) / norm if norm else 0.0
    scale = max(float(np.max(np.hypot(c * gx, c * gy))), 1e-300)
    return c, float(np.max(np.hypot(U - c * gx, V - c * gy))) / scale


@check(1, T("plot_gradient_field returns a Figure whose quiver arrows are -grad of x0**2 + x1**2 over "
            "[-2, 2] x [-2, 2], all pointing to the origin",
            "plot_gradient_field는 [-2, 2] x [-2, 2]에서 x0**2 + x1**2의 -기울기를 화살표(quiver)로 그린 "
            "Figure를 반환 (모든 화살표가 원점을 향함)"))
def test_plot_gradient_field(learner, ref):
    with relies_on(learner, ref, "plot_gradient_field", {"numerical_gradient": [GRADIENT_PROBE]}, given=GIVEN):
        info = figure_info(learner.plot_gradient_field(), "plot_gradient_field()")
        quivers = [q for ax in info["axes"] for q in ax["quivers"]]
        if not quivers:
            fail(T("The figure from plot_gradient_field() has no quiver (arrow) plot",
                   "plot_gradient_field()의 그림에 quiver(화살표) 그래프가 없습니다"),
                 T("Draw the arrows with ax.quiver(X, Y, -grad[0], -grad[1], angles='xy').",
                   "ax.quiver(X, Y, -grad[0], -grad[1], angles='xy')로 화살표를 그리세요."))
        q = max(quivers, key=lambda item: item["X"].size)
        X, Y, U, V = (np.asarray(q[k], dtype=float) for k in ("X", "Y", "U", "V"))
        expect(X.size == U.size == V.size == Y.size and X.size >= 25,
               T(f"The quiver plot has {X.size} arrows; expected a grid over [-2, 2] x [-2, 2] "
                 "(the lecture: np.arange(-2, 2.5, 0.25) in both directions, 324 arrows)",
                 f"quiver 그래프의 화살표가 {X.size}개입니다. [-2, 2] x [-2, 2] 격자가 필요합니다 "
                 "(강의: 양쪽 모두 np.arange(-2, 2.5, 0.25), 화살표 324개)"),
               T("Build the grid with X, Y = np.meshgrid(x0, x1) and flatten both.",
                 "X, Y = np.meshgrid(x0, x1)로 격자를 만들고 둘 다 평탄화(flatten)하세요."))
        covers = (X.min() <= -1.5 and X.max() >= 1.5 and Y.min() <= -1.5 and Y.max() >= 1.5
                  and X.min() >= -3 and X.max() <= 3 and Y.min() >= -3 and Y.max() <= 3
                  and len(np.unique(X)) >= 5 and len(np.unique(Y)) >= 5)
        expect(covers, T(f"The arrows sit at x0 in [{X.min():g}, {X.max():g}] and x1 in [{Y.min():g}, {Y.max():g}]; "
                         "expected a grid covering [-2, 2] x [-2, 2]",
                         f"화살표 위치가 x0 [{X.min():g}, {X.max():g}], x1 [{Y.min():g}, {Y.max():g}] 범위입니다. "
                         "[-2, 2] x [-2, 2]를 덮는 격자가 필요합니다"),
               T("Use x0 = x1 = np.arange(-2, 2.5, 0.25) and X, Y = np.meshgrid(x0, x1).",
                 "x0 = x1 = np.arange(-2, 2.5, 0.25)와 X, Y = np.meshgrid(x0, x1)를 쓰세요."))
        if not (np.all(np.isfinite(U)) and np.all(np.isfinite(V))):
            U = np.nan_to_num(U)
            V = np.nan_to_num(V)
        # The lecture draws -grad itself: U = -2*X, V = -2*Y.  Any positive overall scale
        # is accepted (quiver rescales arrows for display anyway), and so are arrows
        # normalised to the same length, (U, V) = -(X, Y) / |(X, Y)|: both show -grad's
        # direction at every point.  The sign (towards the origin) and the components
        # (U is the x0 part) must be right.  The tolerance (0.1 % of the longest arrow)
        # is a picture's: a forward-difference gradient (off by h = 1e-4) is the
        # business of the numerical_gradient checks, not of this one.
        tol = 1e-3
        c_grad, bad_grad = _fit(U, V, -2 * X, -2 * Y)
        if c_grad > 0 and bad_grad <= tol:
            return
        r = np.hypot(X, Y)
        away = r > 1e-9
        c_unit, bad_unit = _fit(U[away], V[away], -X[away] / r[away], -Y[away] / r[away])
        if c_unit > 0 and bad_unit <= tol and np.allclose(U[~away], 0, atol=1e-6) and np.allclose(V[~away], 0, atol=1e-6):
            return
        k = int(np.argmax(r))
        where = T(f"  at (x0, x1) = ({X[k]:g}, {Y[k]:g}) the arrow is (U, V) = ({U[k]:.4g}, {V[k]:.4g}); "
                  f"-grad f there is ({-2 * X[k]:.4g}, {-2 * Y[k]:.4g})",
                  f"  (x0, x1) = ({X[k]:g}, {Y[k]:g})에서 화살표는 (U, V) = ({U[k]:.4g}, {V[k]:.4g})이고, "
                  f"그곳의 -기울기는 ({-2 * X[k]:.4g}, {-2 * Y[k]:.4g})입니다")
        message = T("The arrows are not -grad f of f(x0, x1) = x0**2 + x1**2 (which is (-2*x0, -2*x1): every arrow "
                    "points to the origin)\n", "화살표가 f(x0, x1) = x0**2 + x1**2의 -기울기 (-2*x0, -2*x1)가 아닙니다 "
                    "(모든 화살표가 원점을 향해야 합니다)\n") + where
        if (c_grad < 0 and bad_grad <= tol) or (c_unit < 0 and bad_unit <= tol):
            fail(message, T("The arrows point away from the origin: that is +grad. Draw the negative gradient, "
                            "ax.quiver(X, Y, -grad[0], -grad[1]): it points where f decreases most.",
                            "화살표가 원점에서 멀어집니다. 그것은 +기울기입니다. f가 가장 크게 줄어드는 방향인 "
                            "음의 기울기를 그리세요: ax.quiver(X, Y, -grad[0], -grad[1])."))
        c_swap, bad_swap = _fit(U, V, -2 * Y, -2 * X)
        if abs(c_swap) > 0 and bad_swap <= tol:
            fail(message, T("U and V are swapped: the horizontal component U is the x0 part, -grad[0], and V is -grad[1].",
                            "U와 V가 바뀌었습니다. 가로 성분 U는 x0 방향인 -grad[0], V는 -grad[1]입니다."))
        fail(message, T("Compute grad = numerical_gradient(function_2, np.array([X, Y])) on the flattened grid "
                        "(row 0 is df/dx0, row 1 df/dx1) and draw ax.quiver(X, Y, -grad[0], -grad[1]).",
                        "평탄화한 격자에서 grad = numerical_gradient(function_2, np.array([X, Y]))를 계산하고 "
                        "(0행이 df/dx0, 1행이 df/dx1) ax.quiver(X, Y, -grad[0], -grad[1])로 그리세요."))
