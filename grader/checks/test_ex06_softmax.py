"""exercise-06 · the softmax function and overflow (10 points)."""
import numpy as np

from grader.checking.check import T, call_or_fail, check, expect, expect_array, fail, mistake, relies_on, show
from grader.i18n import join, josa
from grader.sandbox.proxy import fetch, put

EXERCISE = "exercise-06"

LECTURE_INPUT = [0.3, 2.9, 4.0]
LECTURE_OUTPUT = np.array([0.01821127, 0.24519181, 0.73659691])

MAX_SHIFT_HINT = T(
    "Subtract the largest input before np.exp: c = np.max(a, axis=-1, keepdims=True); "
    "exp_a = np.exp(a - c). Then every exponent is <= 0, np.exp cannot overflow, and the "
    "result is the same softmax.",
    "np.exp 전에 가장 큰 입력을 빼세요: c = np.max(a, axis=-1, keepdims=True); exp_a = np.exp(a - c). "
    "그러면 모든 지수가 0 이하라서 np.exp가 오버플로되지 않고, 소프트맥스 함수의 값은 그대로입니다.")
ROW_HINT = T(
    "For a mini-batch each row is one example: take the maximum and the sum of each row with "
    "axis=-1 (or axis=1) and keepdims=True, so that they broadcast back over the row.",
    "미니배치에서는 한 행이 한 데이터입니다. 최댓값과 합을 axis=-1(또는 axis=1), keepdims=True로 "
    "행마다 구해야 행 전체로 브로드캐스트됩니다.")


# ---------------------------------------------------------------------------- helpers
def _row(func, a, axis=-1):
    """``func`` along ``axis`` with keepdims (for the mistakes' computed answers)."""
    return func(a, axis=axis, keepdims=True)


def _close(got, expected) -> bool:
    got = np.asarray(got) if isinstance(got, (np.ndarray, list, float)) else None
    return got is not None and got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-10, atol=1e-15))


def reference_softmax(a):
    a = np.asarray(a, dtype=float)
    e = np.exp(a - _row(np.max, a))
    return e / _row(np.sum, e)


def softmax_mistakes(x):
    """Known wrong answers for softmax(x), each with the hint that names the mistake."""
    a = np.asarray(x, dtype=float)
    found = []
    with np.errstate(all="ignore"):
        if a.ndim == 2:
            e = np.exp(a - np.max(a))
            found.append(mistake(e / np.sum(e), T(
                "Your softmax is normalised over the whole batch (np.sum(exp_a) without an axis), "
                "so each row does not sum to 1. " + ROW_HINT.en,
                "소프트맥스 함수를 배치 전체로 정규화했습니다(axis 없이 np.sum(exp_a)). 그래서 각 행의 합이 "
                "1이 아닙니다. " + ROW_HINT.ko)))
            e0 = np.exp(a - np.max(a, axis=0, keepdims=True))
            found.append(mistake(e0 / np.sum(e0, axis=0, keepdims=True), T(
                "Your softmax is normalised over each column (axis=0): in a mini-batch the rows are "
                "the examples. Use axis=-1 (or axis=1) with keepdims=True.",
                "소프트맥스 함수를 열마다(axis=0) 정규화했습니다. 미니배치에서는 행이 데이터입니다. "
                "axis=-1(또는 axis=1)과 keepdims=True를 쓰세요.")))
            eg = np.exp(a - np.max(a))
            found.append(mistake(eg / _row(np.sum, eg), T(
                "You subtract the maximum of the whole batch (np.max(a)); for a row whose values are "
                "much smaller, every np.exp underflows to 0 and 0/0 gives nan. Subtract each row's own "
                "maximum: np.max(a, axis=-1, keepdims=True).",
                "배치 전체의 최댓값(np.max(a))을 뺐습니다. 값이 훨씬 작은 행은 np.exp가 모두 0이 되어 0/0 = "
                "nan이 됩니다. 행마다 자신의 최댓값을 빼세요: np.max(a, axis=-1, keepdims=True).")))
        naive = np.exp(a) / _row(np.sum, np.exp(a))
        found.append(mistake(naive, T(
            "Overflow: np.exp of a large input is inf (and of a very negative one 0), so the division "
            "gives nan. " + MAX_SHIFT_HINT.en,
            "오버플로: 큰 입력의 np.exp는 inf(아주 작은 입력이면 0)가 되어 나눗셈 결과가 nan입니다. "
            + MAX_SHIFT_HINT.ko)))
        for name, c in (("minimum", np.min), ("mean", np.mean)):
            e = np.exp(a - _row(c, a))
            found.append(mistake(e / _row(np.sum, e), T(
                f"You subtract the {name} of the input; only the maximum guarantees that np.exp does "
                "not overflow. " + MAX_SHIFT_HINT.en,
                f"입력의 {'최솟값' if name == 'minimum' else '평균'}을 뺐습니다. 최댓값을 빼야만 np.exp가 "
                "오버플로되지 않습니다. " + MAX_SHIFT_HINT.ko)))
        e = np.exp(a - _row(np.max, a))
        found.append(mistake(e, T(
            "You return exp_a without dividing it by its sum: softmax is exp_a / np.sum(exp_a, axis=-1, "
            "keepdims=True).",
            "exp_a를 합으로 나누지 않고 반환했습니다. 소프트맥스 함수는 exp_a / np.sum(exp_a, axis=-1, "
            "keepdims=True)입니다.")))
        found.append(mistake(e / _row(np.sum, np.exp(a)), T(
            "The numerator is np.exp(a - c) but the denominator sums np.exp(a): subtract the maximum "
            "once and use the same exp_a in both.",
            "분자는 np.exp(a - c)인데 분모는 np.exp(a)의 합입니다. 최댓값을 한 번 빼고 분자와 분모에 같은 "
            "exp_a를 쓰세요.")))
        found.append(mistake(reference_softmax(-a), T(
            "The sign is wrong: softmax uses np.exp(a - c), so the largest input gets the largest "
            "probability; you computed it for -a.",
            "부호가 틀렸습니다. 소프트맥스 함수는 np.exp(a - c)를 써서 가장 큰 입력이 가장 큰 확률을 "
            "갖습니다. -a에 대해 계산했습니다.")))
        found.append(mistake(a / _row(np.sum, a), T(
            "np.exp is missing: softmax is np.exp(a - c) divided by its sum, not a / np.sum(a).",
            "np.exp가 빠졌습니다. 소프트맥스 함수는 a / np.sum(a)가 아니라 np.exp(a - c)를 그 합으로 나눈 "
            "것입니다.")))
    return found


def _error_hint(info):
    """The cause of an exception of softmax that its message names (None: the message says enough)."""
    kind, message = info.get("type", ""), info.get("message", "")
    if "broadcast" in message:
        return T("The shapes do not match for broadcasting: keep the reduced axis with keepdims=True "
                 "(np.max(a, axis=-1, keepdims=True), np.sum(..., axis=-1, keepdims=True)) so that a (N, 1) "
                 "column is subtracted from each row.",
                 "브로드캐스트할 형상이 맞지 않습니다. keepdims=True로 줄인 축을 유지하세요"
                 "(np.max(a, axis=-1, keepdims=True), np.sum(..., axis=-1, keepdims=True)). 그래야 "
                 "(N, 1) 열이 각 행에서 빠집니다.")
    if kind == "AxisError" or "out of bounds for array of dimension" in message:
        return T("A 1-D input has only axis 0: use axis=-1 (the last axis) so that the same "
                 "code works for one example (1-D) and a mini-batch (2-D).",
                 "1차원 입력에는 축 0만 있습니다. axis=-1(마지막 축)을 쓰면 데이터 하나(1차원)와 "
                 "미니배치(2차원) 모두 같은 코드로 됩니다.")
    if "'list' object" in message or ("list" in message and kind == "TypeError"):
        return T("The input may be a Python list: convert it first with a = np.asarray(a, dtype=float).",
                 "입력이 파이썬 리스트일 수 있습니다. 먼저 a = np.asarray(a, dtype=float)로 바꾸세요.")
    return None


def call(func, name, x, shown_x=None):
    """``func(x)`` on the learner's side; an exception fails the check with the learner's frames
    and, where its message names the cause, a hint (``shown_x``: what the message shows as x when
    ``x`` is a handle made by ``put``)."""
    return call_or_fail(f"{name}(x)", func, x, hint=_error_hint, inputs={"x": x if shown_x is None else shown_x})


def uses_naive(learner, ref):
    """A learner's softmax may be built on their naive_softmax: if that one is wrong, say so first."""
    return relies_on(learner, ref, "softmax", {"naive_softmax": [(np.array(LECTURE_INPUT),),
                                                                  (np.array([[1.0, 2.0], [-3.0, 0.5]]),)]})


def expect_softmax(learner, x, rtol=1e-10, atol=1e-15, hint=None):
    expect_array(call(learner.softmax, "softmax", x), reference_softmax(x), call="softmax(x)",
                 inputs={"x": x}, rtol=rtol, atol=atol, dtype_kind="f", hint=hint,
                 mistakes=softmax_mistakes(x))


# ---------------------------------------------------------------------------- softmax
@check(1, T("softmax([0.3, 2.9, 4.0]) gives the lecture's [0.01821127 0.24519181 0.73659691] "
            "(for an array and for a list)",
            "softmax([0.3, 2.9, 4.0])가 강의의 [0.01821127 0.24519181 0.73659691]와 같음 (배열과 리스트 모두)"))
def test_softmax_lecture(learner, ref):
    with uses_naive(learner, ref):
        for x in (np.array(LECTURE_INPUT), list(LECTURE_INPUT)):
            got = call(learner.softmax, "softmax", x)
            expect_array(got, LECTURE_OUTPUT, call="softmax(x)", inputs={"x": x}, rtol=0, atol=5e-9,
                         dtype_kind="f", mistakes=softmax_mistakes(x),
                         hint=T("softmax(a) is np.exp(a - c) / np.sum(np.exp(a - c)) with c = np.max(a).",
                                "softmax(a)는 c = np.max(a)일 때 np.exp(a - c) / np.sum(np.exp(a - c))입니다."))


@check(1, T("softmax matches the reference on random 1-D input and its outputs sum to 1",
            "무작위 1차원 입력에서 softmax가 참조 구현과 같고 출력의 합이 1"), hidden=True)
def test_softmax_random_1d(learner, rng, ref):
    with uses_naive(learner, ref):
        for size in (1, 2, int(rng.integers(3, 8)), int(rng.integers(10, 30))):
            x = rng.normal(scale=4, size=size)
            got = call(learner.softmax, "softmax", x)
            expect_array(got, reference_softmax(x), call="softmax(x)", inputs={"x": x}, rtol=1e-10,
                         atol=1e-15, dtype_kind="f", mistakes=softmax_mistakes(x))
            expect(abs(float(np.sum(got)) - 1) < 1e-12,
                   T(f"The outputs of softmax(x) sum to {float(np.sum(got))!r}, not 1",
                     f"softmax(x) 출력의 합이 1이 아니라 {float(np.sum(got))!r}입니다"))


@check(1, T("softmax gives no nan or inf for large inputs such as [1010, 1000, 990], [1e4, -1e4, 0] "
            "and [-1010, -1000, -990] (no overflow)",
            "[1010, 1000, 990], [1e4, -1e4, 0], [-1010, -1000, -990] 같은 큰 입력에서도 softmax에 nan이나 "
            "inf가 없음 (오버플로 없음)"))
def test_softmax_overflow(learner, ref):
    with uses_naive(learner, ref):
        cases = (np.array([1010, 1000, 990]),  # the lecture's input: an integer array
                 np.array([1e4, -1e4, 0.0]),
                 np.array([-1010.0, -1000.0, -990.0]),
                 np.array([1e300, 1e300 - 1e285, -1e300]),
                 np.array([710.0, 709.0, 800.0, -5.0]))
        for x in cases:
            expect_softmax(learner, x, hint=MAX_SHIFT_HINT)


@check(1, T("softmax of a 2-D mini-batch is computed row by row: each row equals the softmax of that "
            "row and sums to 1",
            "2차원 미니배치의 softmax는 행마다 계산: 각 행이 그 행의 소프트맥스 함수 값이고 합이 1"))
def test_softmax_batch_rows(learner, rng, ref):
    with uses_naive(learner, ref):
        for shape in ((4, 5), (3, 3), (6, 2)):
            x = rng.normal(scale=3, size=shape)
            got = call(learner.softmax, "softmax", x)
            expect_array(got, reference_softmax(x), call="softmax(x)", inputs={"x": x}, rtol=1e-10,
                         atol=1e-15, dtype_kind="f", hint=ROW_HINT, mistakes=softmax_mistakes(x))


@check(1, T("softmax of a mini-batch whose rows have very different scales has no nan "
            "(each row's own maximum is subtracted)",
            "행마다 값의 크기가 아주 다른 미니배치에서도 softmax에 nan이 없음 (행마다 자신의 최댓값을 뺌)"))
def test_softmax_batch_large(learner, ref):
    with uses_naive(learner, ref):
        x = np.array([[1010.0, 1000.0, 990.0],
                      [-1010.0, -1000.0, -990.0],
                      [1e4, -1e4, 0.0],
                      [0.3, 2.9, 4.0]])
        expect_softmax(learner, x, hint=T(
            "Subtract each row's own maximum, np.max(a, axis=-1, keepdims=True), and divide by each row's "
            "sum with the same axis and keepdims=True.",
            "행마다 자신의 최댓값 np.max(a, axis=-1, keepdims=True)을 빼고, 같은 axis와 keepdims=True로 구한 "
            "행의 합으로 나누세요."))


@check(1, T("softmax leaves its input unchanged (1-D and 2-D float arrays)",
            "softmax는 입력을 바꾸지 않음 (1차원, 2차원 float 배열)"))
def test_softmax_input_unchanged(learner, rng, ref):
    with uses_naive(learner, ref):
        for x in (np.array(LECTURE_INPUT), rng.normal(scale=3, size=(3, 4))):
            x_in = put(learner, x)
            got = call(learner.softmax, "softmax", x_in, x)
            whole = np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)))  # the lecture's 1-D softmax
            if x.ndim == 1 or not _close(got, whole):  # row by row or not is test_softmax_batch_rows' concern
                expect_array(got, reference_softmax(x), call="softmax(x)", inputs={"x": x}, rtol=1e-10,
                             atol=1e-15, dtype_kind="f", mistakes=softmax_mistakes(x),
                             hint=None if x.ndim == 1 else ROW_HINT)
            after = fetch(x_in)
            expect(np.array_equal(after, x), join([
                T("softmax(x) changed its input x in place:", "softmax(x)가 입력 x를 직접 바꿨습니다:"),
                T(f"  x before: {show(x)}", f"  호출 전 x: {show(x)}"),
                T(f"  x after:  {show(after)}", f"  호출 후 x: {show(after)}")]),
                T("`a -= np.max(a)` (or np.exp(a, out=a)) writes into the caller's array, because "
                  "np.asarray does not copy a float array. Write `a = a - c` to make a new array.",
                  "`a -= np.max(a)`(또는 np.exp(a, out=a))는 호출한 쪽의 배열에 덮어씁니다. np.asarray는 float "
                  "배열을 복사하지 않기 때문입니다. `a = a - c`로 새 배열을 만드세요."))


@check(1, T("softmax is unchanged when a constant is added to every input of a row",
            "한 행의 모든 입력에 같은 상수를 더해도 softmax 값이 같음"), hidden=True)
def test_softmax_shift_invariance(learner, rng, ref):
    with uses_naive(learner, ref):
        x = rng.normal(scale=3, size=(5, 4))
        shift = rng.uniform(-500, 500, size=(5, 1))
        shifted = x + shift
        got = call(learner.softmax, "softmax", shifted)
        expect_array(got, reference_softmax(x), call="softmax(x + c)",
                     inputs={"x": x, "c": shift}, rtol=1e-8, atol=1e-14,
                     dtype_kind="f", hint=ROW_HINT, mistakes=softmax_mistakes(shifted))


@check(1, T("softmax handles ties and edge shapes: equal inputs give equal outputs, a (1, C) batch "
            "keeps its shape, a (N, 1) batch gives ones",
            "같은 입력은 같은 출력, (1, C) 배치는 형상 유지, (N, 1) 배치는 모두 1"))
def test_softmax_ties_and_shapes(learner, ref):
    with uses_naive(learner, ref):
        cases = (np.array([2.0, 2.0, 2.0, 2.0]),
                 np.array([5.0, 5.0, 1.0]),
                 np.array([[5.0, 5.0, 1.0]]),
                 np.array([[7.0], [-3.0], [1.5]]),
                 np.array([3.5]))
        for x in cases:
            expect_softmax(learner, x, hint=T(
                "Keep the input's shape and normalise along the last axis: np.max and np.sum with "
                "axis=-1, keepdims=True.",
                "입력의 형상을 유지하고 마지막 축으로 정규화하세요: np.max와 np.sum에 axis=-1, keepdims=True."))


# ---------------------------------------------------------------------------- naive_softmax
@check(1, T("naive_softmax matches softmax on small inputs (including the lecture's [0.3, 2.9, 4.0])",
            "작은 입력에서 naive_softmax가 softmax와 같음 (강의의 [0.3, 2.9, 4.0] 포함)"), hidden=True)
def test_naive_softmax_small(learner, rng):
    for x in (np.array(LECTURE_INPUT), rng.normal(scale=3, size=int(rng.integers(2, 9)))):
        got = call(learner.naive_softmax, "naive_softmax", x)
        not_divided = mistake(np.exp(x), T(
            "np.exp(a) is returned without dividing by its sum: naive_softmax is np.exp(a) / np.sum(np.exp(a)).",
            "np.exp(a)를 합으로 나누지 않고 반환했습니다. naive_softmax는 np.exp(a) / np.sum(np.exp(a))입니다."))
        expect_array(got, reference_softmax(x), call="naive_softmax(x)", inputs={"x": x}, rtol=1e-10,
                     atol=1e-15, dtype_kind="f", mistakes=[not_divided, *softmax_mistakes(x)],
                     hint=T("naive_softmax(a) is np.exp(a) / np.sum(np.exp(a)): the formula as written.",
                            "naive_softmax(a)는 식 그대로 np.exp(a) / np.sum(np.exp(a))입니다."))


@check(1, T("naive_softmax([1010, 1000, 990]) overflows (nan or inf): it is not the guarded version",
            "naive_softmax([1010, 1000, 990])는 오버플로로 nan이나 inf가 됨: 최댓값을 빼지 않는 버전"))
def test_naive_softmax_overflows(learner):
    x = np.array([1010.0, 1000.0, 990.0])
    got = call(learner.naive_softmax, "naive_softmax", x)
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != x.shape:
        fail(T(f"naive_softmax(x) with x = {show(x)} should give 3 numbers; got {show(got)}",
               f"x = {show(x)}일 때 naive_softmax(x)는 숫자 3개를 반환해야 합니다. 결과: {show(got)}"),
             T("Return np.exp(a) / np.sum(np.exp(a)) as an array of the input's shape.",
               "입력과 같은 형상의 배열로 np.exp(a) / np.sum(np.exp(a))를 반환하세요."))
    expect(not np.all(np.isfinite(values)),
           T(f"naive_softmax(x) with x = {show(x)} gave the finite {show(values)}; "
             "the unguarded formula overflows here and gives nan",
             f"x = {show(x)}일 때 naive_softmax(x)가 유한한 값 {josa(show(values), '을')} 반환했습니다. 최댓값을 빼지 "
             "않은 식은 여기서 오버플로되어 nan이 나와야 합니다"),
           T("naive_softmax must NOT subtract the maximum: it is the formula as written, "
             "np.exp(a) / np.sum(np.exp(a)), kept to show the overflow that softmax avoids.",
             "naive_softmax에서는 최댓값을 빼지 마세요. 식 그대로인 np.exp(a) / np.sum(np.exp(a))로, softmax가 "
             "막는 오버플로를 보여 주기 위한 함수입니다."))
