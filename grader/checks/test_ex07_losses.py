"""exercise-07 · loss functions: mean squared error and cross-entropy error (10 points)."""
import numpy as np

from grader.checking.check import T, call_or_fail, check, expect, expect_close, fail, mistake, show
from grader.i18n import join, josa
from grader.sandbox.proxy import fetch, put

EXERCISE = "exercise-07"

DELTA = 1e-7
LECTURE_T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
LECTURE_Y_RIGHT = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]   # class 2 is likely
LECTURE_Y_WRONG = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]   # class 7 is likely
LECTURE_MSE = (0.0975, 0.5975)
LECTURE_CEE = (0.510825457099338, 2.302584092994546)

CEE_HINT = T("The cross entropy error of a mini-batch is -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) "
             "/ batch_size, with t the class labels (one-hot t: t.argmax(axis=1)).",
             "미니배치의 교차 엔트로피 오차는 -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size "
             "입니다. t는 정답 레이블이고, 원-핫이면 t.argmax(axis=1)로 바꿉니다.")
DELTA_MISSING = T("delta is missing: np.log(0) is -inf, so add delta = 1e-7 inside the log, "
                  "np.log(y + 1e-7).",
                  "delta가 빠졌습니다. np.log(0)은 -inf이므로 로그 안에 delta = 1e-7을 더하세요: np.log(y + 1e-7).")
NONFINITE_HINT = T("A loss of inf or nan comes from np.log(0) (and 0 * np.log(0) = nan): add delta = 1e-7 "
                   "inside the log, np.log(y + 1e-7).",
                   "손실이 inf나 nan이 되는 것은 np.log(0) 때문입니다(0 * np.log(0)은 nan). 로그 안에 delta = 1e-7을 "
                   "더하세요: np.log(y + 1e-7).")
LABELS_HINT = T("Here t holds class labels (one integer per example), not one-hot rows: the probability of the "
                "correct class of example n is y[n, t[n]], i.e. y[np.arange(batch_size), t] for the batch.",
                "여기서 t는 원-핫이 아니라 정답 레이블(데이터마다 정수 하나)입니다. n번째 데이터의 정답 확률은 "
                "y[n, t[n]], 배치 전체로는 y[np.arange(batch_size), t]입니다.")
SINGLE_HINT = T("A single example (1-D y) is a batch of one: reshape y and t to (1, size) first, so that "
                "batch_size = y.shape[0] is 1 (not the number of classes) and axis=1 exists.",
                "데이터 하나(1차원 y)는 크기 1인 배치입니다. 먼저 y와 t를 (1, size)로 reshape하세요. 그래야 "
                "batch_size = y.shape[0]이 (클래스 수가 아니라) 1이 되고 axis=1도 생깁니다.")
LIST_HINT = T("The inputs may be Python lists: convert them first with np.asarray(y, dtype=float) and "
              "np.asarray(t).",
              "입력이 파이썬 리스트일 수 있습니다. 먼저 np.asarray(y, dtype=float)와 np.asarray(t)로 바꾸세요.")


# ---------------------------------------------------------------------------- helpers
def _args_text(args: dict) -> str:
    return ", ".join(f"{k} = {show(v, 160)}" for k, v in args.items())


def call(func, name, args, shown=None):
    """``func(*args)`` on the learner's side; an exception fails the check with the learner's frames
    and, where its message names the cause, a hint.

    ``args`` maps the parameter names to the values sent; ``shown`` (same keys) is what the
    message shows instead (when the values sent are handles made by ``put``).
    """
    def hint(info):
        kind, message = info.get("type", ""), info.get("message", "")
        if "'list' object" in message or ("list" in message and kind == "TypeError"):
            return LIST_HINT
        if kind == "AxisError" or "out of bounds for array of dimension 1" in message \
                or "too many indices for array: array is 1-dimensional" in message:
            return SINGLE_HINT
        if "broadcast" in message or kind == "IndexError":
            return LABELS_HINT if _is_labels(shown or args) else CEE_HINT
        return None

    return call_or_fail(f"{name}({', '.join(args)})", func, *args.values(), hint=hint, inputs=shown or args)


def _is_labels(args):
    y, t = (np.asarray(v) for v in (list(args.values()) + [None, None])[:2])
    return t.dtype.kind in "iu" and t.size != y.size


def expect_loss(got, expected, *, call_text, inputs, mistakes=(), hint=None, rtol=1e-12):
    if isinstance(got, (list, tuple)) or isinstance(got, np.ndarray) and got.size > 1:
        fail(join([T(f"{call_text} returned {show(got, 200)}; expected a single number, {expected!r}",
                     f"{josa(call_text, '이')} {josa(show(got, 200), '을')} 반환했습니다. 기대한 것은 숫자 하나 {expected!r}"),
                   T(f"  with {_args_text(inputs)}", f"  입력 {_args_text(inputs)}")]),
             T("A loss is one number: sum over the classes and the examples (and divide by batch_size "
               "for a mini-batch), e.g. -np.sum(...) / batch_size.",
               "손실 함수의 값은 숫자 하나입니다. 클래스와 데이터에 대해 모두 합하고(미니배치라면 batch_size로 "
               "나누어) 예: -np.sum(...) / batch_size."))
    try:
        if isinstance(got, (float, np.floating, np.ndarray)) and not np.all(np.isfinite(got)):
            hint = NONFINITE_HINT
    except TypeError:
        pass
    expect_close(got, expected, call=call_text, inputs=inputs, rtol=rtol, atol=1e-15, hint=hint,
                 mistakes=mistakes)


def correct_probabilities(y, t):
    """(p, N, C): the probability of the correct class of each example, batch size, classes."""
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    y2 = y.reshape(1, -1) if y.ndim == 1 else y
    t2 = t.reshape(1, -1) if y.ndim == 1 else t
    labels = t2.argmax(axis=1) if t2.size == y2.size else t2.reshape(-1).astype(int)
    return y2[np.arange(y2.shape[0]), labels], y2.shape[0], y2.shape[1]


def reference_cee(y, t):
    p, n, _ = correct_probabilities(y, t)
    return float(-np.sum(np.log(p + DELTA)) / n)


def reference_mse(y, t):
    return float(0.5 * np.sum((np.asarray(y, dtype=float) - np.asarray(t, dtype=float)) ** 2))


def cee_mistakes(y, t):
    """Known wrong answers for cross_entropy_error(y, t), each with the hint that names it."""
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    p, n, c = correct_probabilities(y, t)
    one_hot = t.size == y.size
    found = []
    with np.errstate(all="ignore"):
        found.append(mistake(-np.sum(np.log(p)) / n, DELTA_MISSING))
        if one_hot:
            found.append(mistake(-np.sum(t * np.log(y)) / n, T(
                DELTA_MISSING.en + " With the one-hot formula 0 * np.log(0) is 0 * -inf = nan.",
                DELTA_MISSING.ko + " 원-핫 식에서는 0 * np.log(0)이 0 * -inf = nan이 됩니다.")))
        found.append(mistake(-np.sum(np.log(np.maximum(p, DELTA))) / n, T(
            "Add delta inside the log, np.log(y + 1e-7), instead of clipping y with np.maximum or np.clip: "
            "the lecture's values include the + 1e-7 for every y.",
            "np.maximum이나 np.clip으로 y를 자르지 말고 로그 안에 delta를 더하세요: np.log(y + 1e-7). 강의의 값은 "
            "모든 y에 + 1e-7이 더해진 값입니다.")))
        found.append(mistake(-np.sum(np.log(p) + DELTA) / n, T(
            "delta belongs inside the log: np.log(y + 1e-7), not np.log(y) + 1e-7.",
            "delta는 로그 안에 들어가야 합니다: np.log(y) + 1e-7이 아니라 np.log(y + 1e-7).")))
        for wrong in (1e-4, 1e-5, 1e-6, 1e-8, 1e-9, 1e-10, 1e-12):
            found.append(mistake(-np.sum(np.log(p + wrong)) / n, T(
                f"delta must be 1e-7 (the lecture's value); you seem to use {wrong:g}.",
                f"delta는 강의와 같이 1e-7이어야 합니다. {josa(format(wrong, 'g'), '을')} 쓴 것 같습니다.")))
        if y.ndim == 1 and c > 1:
            found.append(mistake(-np.sum(np.log(p + DELTA)) / c, T(
                "You divided by the number of classes (y.shape[0] or y.size of a 1-D y, or np.mean over its "
                "elements); the loss of one example is -log(y[correct class] + 1e-7), not divided by anything. "
                + SINGLE_HINT.en,
                "클래스 수로 나눴습니다(1차원 y의 y.shape[0]이나 y.size, 또는 원소 전체의 np.mean). 데이터 하나의 "
                "손실은 -log(y[정답 클래스] + 1e-7)이고 아무것으로도 나누지 않습니다. " + SINGLE_HINT.ko)))
        if n > 1:
            found.append(mistake(-np.sum(np.log(p + DELTA)), T(
                "The loss of a mini-batch is the mean over the batch, not the sum: divide the summed "
                "cross entropy error by batch_size = y.shape[0].",
                "미니배치의 손실은 합이 아니라 배치에 대한 평균입니다. 교차 엔트로피 오차의 합을 batch_size = "
                "y.shape[0]으로 나누세요.")))
            found.append(mistake(-np.sum(np.log(p + DELTA)) / (n * c), T(
                "You divided by the number of elements (y.size, or np.mean over all of t * log(y)); divide "
                "by the batch size N = y.shape[0] instead.",
                "원소 개수(y.size, 또는 t * log(y) 전체의 np.mean)로 나눴습니다. 배치 크기 N = y.shape[0]으로 "
                "나누세요.")))
        found.append(mistake(np.sum(np.log(p + DELTA)) / n, T(
            "The sign is wrong: the cross entropy error is -sum(t * log(y + delta)), with a minus, "
            "so that it is >= 0.",
            "부호가 틀렸습니다. 교차 엔트로피 오차는 마이너스가 붙은 -sum(t * log(y + delta))로, 0 이상입니다.")))
        found.append(mistake(-np.sum(np.log10(p + DELTA)) / n, T(
            "Use the natural logarithm np.log, not np.log10.",
            "np.log10이 아니라 자연로그 np.log를 쓰세요.")))
        found.append(mistake(-np.sum(np.log(y + DELTA)) / n, T(
            "Only the correct class counts: multiply by the one-hot t (or pick y[np.arange(batch_size), t]) "
            "before summing, instead of summing the log of every output.",
            "정답 클래스만 더해야 합니다. 모든 출력의 로그를 더하지 말고, 원-핫 t를 곱하거나 "
            "y[np.arange(batch_size), t]를 고른 뒤 더하세요.")))
        if not one_hot:
            try:
                found.append(mistake(-np.sum(t * np.log(y + DELTA)) / n, T(
                    "You multiplied y by t as if t were one-hot. " + LABELS_HINT.en,
                    "t가 원-핫인 것처럼 곱했습니다. " + LABELS_HINT.ko)))
            except ValueError:
                pass
        if y.ndim == 2:
            labels = t.argmax(axis=1) if one_hot else t.reshape(-1).astype(int)
            found.append(mistake(-np.sum(np.log(y[:, labels] + DELTA)) / n, T(
                "y[:, t] takes the column of every label for every example (an N x N block); "
                "y[np.arange(batch_size), t] takes one entry per example: y[n, t[n]], the probability "
                "of its correct class.",
                "y[:, t]는 모든 데이터에서 모든 레이블의 열을 가져옵니다(N x N). y[np.arange(batch_size), t]는 "
                "데이터마다 한 값, 즉 정답 클래스의 확률 y[n, t[n]]을 가져옵니다.")))
    return merge_same(found)


def merge_same(found):
    """Wrong answers that coincide for this input: one candidate whose hint names every cause."""
    merged = []
    for value, text in found:
        for i, (other, other_text) in enumerate(merged):
            if np.allclose(value, other, rtol=1e-12, atol=1e-15, equal_nan=True):
                if not (text.en.startswith(other_text.en) or other_text.en.startswith(text.en)):
                    merged[i] = (other, join([other_text, T("Or: ", "또는: ") + text]))
                break
        else:
            merged.append((value, text))
    return merged


def expect_cee(learner, y, t, *, hint=CEE_HINT, rtol=1e-12):
    args = {"y": y, "t": t}
    got = call(learner.cross_entropy_error, "cross_entropy_error", args)
    expect_loss(got, reference_cee(y, t), call_text="cross_entropy_error(y, t)", inputs=args,
                mistakes=lambda: cee_mistakes(y, t), hint=hint, rtol=rtol)


def mse_mistakes(y, t):
    d = np.asarray(y, dtype=float) - np.asarray(t, dtype=float)
    lecture = T("The lecture's mean squared error is 0.5 * np.sum((y - t)**2).",
                "강의의 평균 제곱 오차는 0.5 * np.sum((y - t)**2)입니다.")
    return [
        mistake(np.sum(d ** 2), T("The factor 0.5 is missing. " + lecture.en,
                                  "0.5가 빠졌습니다. " + lecture.ko)),
        mistake(np.mean(d ** 2), T("Despite its name, the lecture's mean squared error is not np.mean: "
                                   "it is 0.5 * np.sum((y - t)**2).",
                                   "이름과 달리 강의의 평균 제곱 오차는 np.mean이 아니라 "
                                   "0.5 * np.sum((y - t)**2)입니다.")),
        mistake(0.5 * np.mean(d ** 2), T("Use np.sum, not np.mean. " + lecture.en,
                                         "np.mean이 아니라 np.sum을 쓰세요. " + lecture.ko)),
        mistake(0.5 * np.sum(d), T("The difference must be squared: (y - t)**2. " + lecture.en,
                                   "차이를 제곱해야 합니다: (y - t)**2. " + lecture.ko)),
        mistake(0.5 * np.sum(np.abs(d)), T("Square the difference, (y - t)**2, instead of taking "
                                           "its absolute value. " + lecture.en,
                                           "차이의 절댓값이 아니라 제곱 (y - t)**2를 쓰세요. " + lecture.ko)),
        mistake(0.5 * np.sqrt(np.sum(d ** 2)), T("No square root: " + lecture.en, "제곱근은 없습니다. "
                                                 + lecture.ko)),
    ]


def random_probabilities(rng, shape):
    """Softmax outputs of random scores: what a network's output layer gives."""
    a = rng.normal(scale=2, size=shape)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------------------- mean squared error
@check(1, T("mean_squared_error gives the lecture's 0.0975 and 0.5975 (arrays and lists)",
            "mean_squared_error가 강의의 0.0975와 0.5975를 냄 (배열과 리스트)"))
def test_mse_lecture(learner):
    for y, expected in zip((LECTURE_Y_RIGHT, LECTURE_Y_WRONG), LECTURE_MSE):
        for kind in (np.array, list):
            args = {"y": kind(y), "t": kind(LECTURE_T)}
            got = call(learner.mean_squared_error, "mean_squared_error", args)
            expect_loss(got, expected, call_text="mean_squared_error(y, t)", inputs=args,
                        mistakes=mse_mistakes(y, LECTURE_T),
                        hint=T("The lecture's mean squared error is 0.5 * np.sum((y - t)**2).",
                               "강의의 평균 제곱 오차는 0.5 * np.sum((y - t)**2)입니다."))


@check(1, T("mean_squared_error matches 0.5 * sum((y - t)**2) on random 1-D and 2-D arrays",
            "무작위 1차원, 2차원 배열에서 mean_squared_error가 0.5 * sum((y - t)**2)와 같음"), hidden=True)
def test_mse_random(learner, rng):
    for shape in ((int(rng.integers(2, 12)),), (int(rng.integers(2, 6)), int(rng.integers(2, 6)))):
        y, t = rng.normal(size=shape), rng.normal(size=shape)
        args = {"y": y, "t": t}
        got = call(learner.mean_squared_error, "mean_squared_error", args)
        expect_loss(got, reference_mse(y, t), call_text="mean_squared_error(y, t)", inputs=args,
                    mistakes=mse_mistakes(y, t),
                    hint=T("Sum over every element: 0.5 * np.sum((y - t)**2).",
                           "모든 원소에 대해 더하세요: 0.5 * np.sum((y - t)**2)."))


# ---------------------------------------------------------------------------- cross entropy error
@check(1, T("cross_entropy_error with a one-hot t gives the lecture's 0.510825457099338 and 2.302584092994546",
            "원-핫 t로 cross_entropy_error가 강의의 0.510825457099338과 2.302584092994546을 냄"))
def test_cee_lecture(learner):
    for y, expected in zip((LECTURE_Y_RIGHT, LECTURE_Y_WRONG), LECTURE_CEE):
        for kind in (np.array, list):
            args = {"y": kind(y), "t": kind(LECTURE_T)}
            got = call(learner.cross_entropy_error, "cross_entropy_error", args)
            expect_loss(got, expected, call_text="cross_entropy_error(y, t)", inputs=args,
                        mistakes=lambda: cee_mistakes(y, LECTURE_T),
                        hint=T("With a one-hot t the cross entropy error is -np.sum(t * np.log(y + 1e-7)).",
                               "원-핫 t일 때 교차 엔트로피 오차는 -np.sum(t * np.log(y + 1e-7))입니다."))


@check(1, T("cross_entropy_error adds delta = 1e-7 inside the log: a 0 at the correct class gives "
            "-log(1e-7) = 16.118..., not inf or nan",
            "cross_entropy_error는 로그 안에 delta = 1e-7을 더함: 정답 클래스가 0이면 inf나 nan이 아니라 "
            "-log(1e-7) = 16.118..."))
def test_cee_delta(learner):
    y = np.array([0.0, 0.3, 0.7, 0.0])
    t = np.array([1, 0, 0, 0])
    expect_cee(learner, y, t)
    batch_y = np.array([[0.0, 0.3, 0.7, 0.0], [0.25, 0.25, 0.5, 0.0], [0.0, 1.0, 0.0, 0.0]])
    batch_t = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]])
    expect_cee(learner, batch_y, batch_t)


@check(1, T("cross_entropy_error of a mini-batch (2-D y, one-hot t) is the mean over the batch",
            "미니배치(2차원 y, 원-핫 t)의 cross_entropy_error는 배치에 대한 평균"))
def test_cee_batch_mean(learner, rng):
    expect_cee(learner, np.array([LECTURE_Y_RIGHT, LECTURE_Y_WRONG]), np.array([LECTURE_T, LECTURE_T]))
    labels = rng.integers(0, 5, size=4)
    expect_cee(learner, random_probabilities(rng, (4, 5)), np.eye(5)[labels])


@check(1, T("cross_entropy_error of a mini-batch with class labels t (integers) equals the one-hot value",
            "미니배치에서 t가 정답 레이블(정수)이어도 원-핫일 때와 같은 cross_entropy_error"))
def test_cee_labels_batch(learner, rng):
    expect_cee(learner, np.array([LECTURE_Y_RIGHT, LECTURE_Y_WRONG, LECTURE_Y_RIGHT]), np.array([2, 2, 7]),
               hint=LABELS_HINT)
    for shape in ((4, 6), (3, 3)):
        y = random_probabilities(rng, shape)
        t = rng.integers(0, shape[1], size=shape[0])
        expect_cee(learner, y, t, hint=LABELS_HINT)


@check(1, T("cross_entropy_error of one example (1-D y) with a single integer label equals the one-hot value",
            "데이터 하나(1차원 y)에 정답 레이블 정수 하나를 주어도 원-핫일 때와 같은 cross_entropy_error"))
def test_cee_label_single(learner):
    for y, label in ((LECTURE_Y_RIGHT, 2), (LECTURE_Y_WRONG, np.int64(2)), (LECTURE_Y_WRONG, 7)):
        expect_cee(learner, np.array(y), label, hint=T(
            "For one example, t may be the class label itself (an int): the loss is "
            "-np.log(y[t] + 1e-7). np.asarray(t).reshape(1, t.size) turns it into a batch of one.",
            "데이터 하나라면 t가 정답 레이블 정수일 수 있습니다. 손실은 -np.log(y[t] + 1e-7)입니다. "
            "np.asarray(t).reshape(1, t.size)로 크기 1인 배치로 바꿀 수 있습니다."))


@check(1, T("cross_entropy_error leaves y and t unchanged", "cross_entropy_error는 y와 t를 바꾸지 않음"))
def test_cee_inputs_unchanged(learner, rng):
    batch = random_probabilities(rng, (3, 4))
    batch[0, 1] = 0.0
    for y, t in ((np.array(LECTURE_Y_RIGHT), np.array(LECTURE_T, dtype=float)),
                 (batch, np.eye(4)[[1, 3, 0]])):
        y_in, t_in = put(learner, y), put(learner, t)
        got = call(learner.cross_entropy_error, "cross_entropy_error", {"y": y_in, "t": t_in}, {"y": y, "t": t})
        for name, before, handle in (("y", y, y_in), ("t", t, t_in)):
            after = fetch(handle)
            same = isinstance(after, np.ndarray) and after.shape == before.shape and np.array_equal(after, before)
            expect(same, join([
                T(f"cross_entropy_error(y, t) changed its input {name} in place:",
                  f"cross_entropy_error(y, t)가 입력 {josa(name, '을')} 직접 바꿨습니다:"),
                T(f"  {name} before: {show(before)}", f"  호출 전 {name}: {show(before)}"),
                T(f"  {name} after:  {show(after)}", f"  호출 후 {name}: {show(after)}")]),
                T("np.asarray does not copy an array, so `y += 1e-7`, `y[y == 0] = ...` or "
                  "`y.shape = ...` change the caller's array. Write new arrays instead: "
                  "np.log(y + 1e-7), y.reshape(1, y.size).",
                  "np.asarray는 배열을 복사하지 않으므로 `y += 1e-7`, `y[y == 0] = ...`, `y.shape = ...`는 "
                  "호출한 쪽의 배열을 바꿉니다. np.log(y + 1e-7), y.reshape(1, y.size)처럼 새 배열을 만드세요."))
        # and the answer itself, on the drawn batch too: a check on drawn inputs compares values on them
        expect_loss(got, reference_cee(y, t), call_text="cross_entropy_error(y, t)", inputs={"y": y, "t": t},
                    mistakes=lambda: cee_mistakes(y, t), hint=CEE_HINT, rtol=1e-12)


@check(1, T("cross_entropy_error matches the reference on random mini-batches (one-hot and labels)",
            "무작위 미니배치(원-핫과 정답 레이블)에서 cross_entropy_error가 참조 구현과 같음"), hidden=True)
def test_cee_random_batch(learner, rng):
    n, c = int(rng.integers(2, 9)), int(rng.integers(2, 11))
    y = random_probabilities(rng, (n, c))
    labels = rng.integers(0, c, size=n)
    expect_cee(learner, y, np.eye(c)[labels])
    expect_cee(learner, y, labels)


@check(1, T("cross_entropy_error matches the reference for random single examples (1-D y, one-hot t)",
            "무작위 데이터 하나(1차원 y, 원-핫 t)에서 cross_entropy_error가 참조 구현과 같음"), hidden=True)
def test_cee_random_1d(learner, rng):
    for _ in range(3):
        c = int(rng.integers(2, 11))
        y = random_probabilities(rng, c)
        expect_cee(learner, y, np.eye(c, dtype=int)[int(rng.integers(0, c))])
