"""exercise-03 · NumPy arrays, broadcasting, slicing and Matplotlib (10 points)."""
import numpy as np

from grader.checking.check import T, check, expect, expect_array, fail, mistake, show
from grader.checking.figures import figure_info, line_labelled
from grader.i18n import join, josa
from grader.sandbox.proxy import call_keep, fetch, put

EXERCISE = "exercise-03"

ASARRAY_HINT = T("Convert the inputs with np.asarray first: with Python lists, + joins the lists and "
                 "* 10 repeats them instead of computing element by element.",
                 "먼저 np.asarray로 입력을 배열로 바꾸세요. 파이썬 리스트에서 +는 리스트를 이어 붙이고 "
                 "* 10은 리스트를 반복할 뿐, 원소별로 계산하지 않습니다.")


def _need_array(got, call: str, inputs: dict, hint=ASARRAY_HINT) -> None:
    """Fail with a specific hint when a list or tuple comes back instead of an ndarray."""
    if isinstance(got, (list, tuple)):
        fail(T(f"{call} returned a {type(got).__name__}, not a NumPy array\n  got: {show(got)}\n"
               f"  with {', '.join(f'{k} = {show(v, 120)}' for k, v in inputs.items())}",
               f"{josa(call, '이')} NumPy 배열이 아니라 {josa(type(got).__name__, '을')} 반환했습니다\n  결과: {show(got)}\n"
               f"  입력 {', '.join(f'{k} = {show(v, 120)}' for k, v in inputs.items())}"), hint)


# ---------------------------------------------------------------------------- element-wise operations
ELEMENTWISE_NAMES = ("x + y", "x - y", "x * y", "x / y")


@check(1, T("elementwise returns the tuple (x + y, x - y, x * y, x / y) of arrays, for lists and arrays",
            "elementwise는 리스트와 배열 입력에 대해 배열 튜플 (x + y, x - y, x * y, x / y)를 반환"))
def test_elementwise(learner, ref, rng):
    cases = [
        ([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]),               # the lecture's example, as lists
        (np.array([7, -7, 3]), np.array([2, 2, 4])),       # integers: / is true division
        (rng.normal(size=(2, 3)), rng.uniform(0.5, 2.0, size=(2, 3))),
    ]
    for x, y in cases:
        got = learner.elementwise(x, y)
        expected = ref.elementwise(x, y)
        inputs = {"x": x, "y": y}
        if got is None or not isinstance(got, (tuple, list)) or len(got) != 4:
            fail(T(f"elementwise(x, y) should return a tuple of 4 arrays (x + y, x - y, x * y, x / y); "
                   f"got {show(got, 200)}",
                   f"elementwise(x, y)는 배열 4개의 튜플 (x + y, x - y, x * y, x / y)를 반환해야 합니다. "
                   f"결과: {show(got, 200)}"),
                 T("End the function with `return x + y, x - y, x * y, x / y`.",
                   "함수 끝에 `return x + y, x - y, x * y, x / y`를 쓰세요."))
        xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        for i, name in enumerate(ELEMENTWISE_NAMES):
            call = f"elementwise(x, y)[{i}]  ({name})"
            _need_array(got[i], call, inputs)
            wrong = [mistake(expected[j], T(
                f"Item {i} of the tuple should be {name}, but it is {ELEMENTWISE_NAMES[j]}: "
                "keep the order (x + y, x - y, x * y, x / y).",
                f"튜플의 {i}번째 항목은 {name}이어야 하는데 {ELEMENTWISE_NAMES[j]}입니다. "
                "순서 (x + y, x - y, x * y, x / y)를 지키세요."))
                for j in range(4) if j != i and not np.allclose(expected[j], expected[i])]
            if i == 1:
                wrong.insert(0, mistake(ya - xa, T("This is y - x: the difference is x - y.",
                                                   "이것은 y - x입니다. 차는 x - y입니다.")))
            if i == 3:
                wrong.insert(0, mistake(np.floor_divide(xa, ya), T(
                    "This is floor division (//): the quotient is the true division x / y (1 / 2 is 0.5, 7 / 2 is 3.5).",
                    "이것은 몫 연산(//)입니다. 나눗셈은 x / y입니다 (1 / 2는 0.5, 7 / 2는 3.5).")))
                wrong.insert(1, mistake(ya / xa, T("This is y / x: the quotient is x / y.",
                                                   "이것은 y / x입니다. 나눗셈은 x / y입니다.")))
            expect_array(got[i], expected[i], call=call, inputs=inputs, mistakes=wrong)


# ---------------------------------------------------------------------------- broadcasting
DOT_HINT = T("np.dot is the matrix product. A * B multiplies element by element and broadcasts "
             "B over the rows of A.",
             "np.dot은 행렬 곱입니다. A * B는 원소별 곱셈이며 B를 A의 각 행에 브로드캐스트합니다.")


def _broadcast_mistakes(A, B):
    A, B = np.asarray(A), np.asarray(B)
    wrong = []
    if B.ndim == 1 and A.ndim == 2 and A.shape[1] == B.shape[0]:
        wrong.append(mistake(np.dot(A, B), DOT_HINT))
    if B.ndim == 1 and A.ndim == 2 and A.shape[0] == B.shape[0]:
        wrong.append(mistake(A * B[:, None], T(
            "B was stretched down the columns instead of across the rows: A * B with B of shape (m,) "
            "multiplies every row of A by B.",
            "B가 행이 아니라 열 방향으로 늘어났습니다. 형상 (m,)인 B와의 A * B는 A의 각 행에 B를 곱합니다.")))
    return wrong


@check(1, T("broadcast_mul gives [[10, 40], [30, 80]] for [[1, 2], [3, 4]] * [10, 20], and works with a scalar and a column",
            "broadcast_mul: [[1, 2], [3, 4]] * [10, 20]은 [[10, 40], [30, 80]], 스칼라와 열 벡터도 가능"))
def test_broadcast_mul(learner, ref):
    cases = [
        ([[1, 2], [3, 4]], [10, 20]),       # the lecture's example, as lists
        ([[1, 2], [3, 4]], 10),             # a scalar is stretched everywhere
        (np.array([[1, 2, 3], [4, 5, 6]]), np.array([[10], [100]])),  # a column, across the columns
    ]
    for A, B in cases:
        got = learner.broadcast_mul(A, B)
        inputs = {"A": A, "B": B}
        _need_array(got, "broadcast_mul(A, B)", inputs)
        expect_array(got, ref.broadcast_mul(A, B), call="broadcast_mul(A, B)", inputs=inputs,
                     mistakes=_broadcast_mistakes(A, B))


@check(1, T("broadcast_mul matches A * B on random matrices with a row, a column or a scalar",
            "무작위 행렬과 행 벡터, 열 벡터, 스칼라에서 broadcast_mul이 A * B와 같음"), hidden=True)
def test_broadcast_mul_random(learner, ref, rng):
    n, m = (int(v) for v in rng.integers(2, 6, size=2))
    A = rng.normal(size=(n, m))
    for B in (rng.normal(size=m), rng.normal(size=(n, 1)), rng.normal(size=(1, m)),
              float(rng.normal()), rng.integers(-9, 10, size=(n, m))):
        got = learner.broadcast_mul(A, B)
        inputs = {"A": A, "B": B}
        _need_array(got, "broadcast_mul(A, B)", inputs)
        expect_array(got, ref.broadcast_mul(A, B), call="broadcast_mul(A, B)", inputs=inputs,
                     mistakes=_broadcast_mistakes(A, B))


# ---------------------------------------------------------------------------- slicing and views
@check(1, T("sub_block(a) is a[:2, 1:3]: rows 0-1 and columns 1-2",
            "sub_block(a)는 a[:2, 1:3] (0~1행, 1~2열)"))
def test_sub_block_values(learner, ref, rng):
    for a in (np.arange(12).reshape(3, 4), rng.integers(0, 100, size=(4, 5)), rng.normal(size=(2, 3))):
        got = learner.sub_block(a)
        wrong = [
            mistake(a[0:1, 1:2], T("The end of a slice is excluded: rows 0-1 are :2 (or 0:2) and columns 1-2 "
                                   "are 1:3.",
                                   "슬라이스의 끝 번호는 포함되지 않습니다. 0~1행은 :2(또는 0:2), 1~2열은 1:3입니다.")),
            mistake(a[:3, 1:4], T("The end of a slice is excluded: 1:3 already means columns 1 and 2, "
                                  "and :2 rows 0 and 1.",
                                  "슬라이스의 끝 번호는 포함되지 않습니다. 1:3은 1열과 2열, :2는 0행과 1행입니다.")),
            mistake(a[1:3, :2], T("Rows and columns are swapped: a[rows, columns] is a[:2, 1:3].",
                                  "행과 열이 바뀌었습니다. a[행, 열]이므로 a[:2, 1:3]입니다.")),
            mistake(a[:2][1:3], T("a[:2][1:3] slices the rows twice; use one index with a comma: a[:2, 1:3].",
                                  "a[:2][1:3]은 행을 두 번 자릅니다. 쉼표로 한 번에 인덱싱하세요: a[:2, 1:3].")),
            mistake(a[1:3, 2:4], T("Indices start at 0: row 0 is the first row, column 1 the second column.",
                                   "인덱스는 0부터 시작합니다. 0행이 첫 번째 행, 1열이 두 번째 열입니다.")),
        ]
        expect_array(got, ref.sub_block(a), call="sub_block(a)", inputs={"a": a}, mistakes=wrong)


@check(1, T("sub_block returns a view: writing into the block changes a, and a is not changed otherwise",
            "sub_block은 뷰를 반환: 반환된 블록에 쓰면 a가 바뀌고, 그 외에는 a가 바뀌지 않음"))
def test_sub_block_is_view(learner):
    a = np.arange(12).reshape(3, 4)
    a_in = put(learner, a)
    block = call_keep(learner.sub_block, a_in)
    expect(np.array_equal(fetch(a_in), a), T(
        "sub_block(a) changed a itself: only slice it, don't assign into it.",
        "sub_block(a)가 a 자체를 바꿨습니다. 슬라이싱만 하고 a에 값을 대입하지 마세요."))
    if not isinstance(fetch(block), np.ndarray):
        fail(T(f"sub_block(a) returned a {type(fetch(block)).__name__}, not a NumPy array (a view of a)",
               f"sub_block(a)가 NumPy 배열(a의 뷰)이 아니라 {josa(type(fetch(block)).__name__, '을')} 반환했습니다"),
             T("Return the slice a[:2, 1:3] itself.", "슬라이스 a[:2, 1:3]를 그대로 반환하세요."))
    block[0, 0] = -99
    after = fetch(a_in)
    if np.array_equal(after, a):
        fail(join([
            T("After block = sub_block(a) and block[0, 0] = -99, a did not change: the block is a copy, "
              "not a view of a.",
              "block = sub_block(a); block[0, 0] = -99 다음에도 a가 그대로입니다. 블록이 a의 뷰가 아니라 복사본입니다."),
            T(f"  a after the write: {show(after)}", f"  대입 후 a: {show(after)}")]),
            T("Return the slice a[:2, 1:3] itself: .copy(), np.array(...) or indexing with lists "
              "(a[[0, 1]]) make a copy.",
              "슬라이스 a[:2, 1:3]를 그대로 반환하세요. .copy(), np.array(...), 리스트 인덱싱(a[[0, 1]])은 "
              "복사본을 만듭니다."))


# ---------------------------------------------------------------------------- boolean indexing
def _select_mistakes(X, threshold):
    X = np.asarray(X)
    return [
        mistake(X[X >= threshold], T("Elements equal to the threshold were kept: use X > threshold, not >=.",
                                     "threshold와 같은 원소가 포함되었습니다. >=가 아니라 X > threshold를 쓰세요.")),
        mistake(np.sort(X[X > threshold]), T("The elements were sorted: keep them in X's order (row by row), "
                                             "as X[X > threshold] gives them.",
                                             "원소가 정렬되었습니다. X[X > threshold]처럼 X의 순서(행 순서)를 유지하세요.")),
        mistake(X > threshold, T("This is only the boolean mask X > threshold: index X with it, "
                                 "X[X > threshold], to get the elements.",
                                 "이것은 불리언 마스크 X > threshold일 뿐입니다. X[X > threshold]처럼 X를 마스크로 "
                                 "인덱싱해 원소를 꺼내세요.")),
        mistake(X * (X > threshold), T("Multiplying by the mask keeps X's shape with zeros; boolean indexing "
                                       "X[X > threshold] keeps only the selected elements, as a 1-D array.",
                                       "마스크를 곱하면 0이 섞인 X의 형상이 그대로 남습니다. 불리언 인덱싱 "
                                       "X[X > threshold]는 선택된 원소만 1차원 배열로 꺼냅니다.")),
        mistake(X[X < threshold], T("The comparison is reversed: keep the elements greater than threshold.",
                                    "비교 방향이 반대입니다. threshold보다 큰 원소를 남기세요.")),
    ]


SELECT_LIST_HINT = T("Return X[X > threshold], a 1-D NumPy array (np.where(...) alone gives indices, and "
                     "a list comprehension gives a list).",
                     "1차원 NumPy 배열 X[X > threshold]를 반환하세요 (np.where(...)만 쓰면 인덱스가, 리스트 "
                     "컴프리헨션은 리스트가 나옵니다).")


@check(1, T("select_greater picks the elements > threshold as a 1-D array in X's order "
            "(lecture: [51 55 19]; ties excluded; none selected gives an empty array)",
            "select_greater는 threshold보다 큰 원소를 X의 순서대로 1차원 배열로 꺼냄 "
            "(강의: [51 55 19], 같은 값 제외, 없으면 빈 배열)"))
def test_select_greater(learner, ref):
    lecture = np.array([[51, 55], [14, 19], [0, 4]])
    cases = [(lecture, 15),
             (np.array([[15.0, 16.0], [15.5, 15.0]]), 15),
             (np.array([3, -1, 8, 8, 2]), 2),
             (lecture, 100)]
    for X, threshold in cases:
        got = learner.select_greater(X, threshold)
        inputs = {"X": X, "threshold": threshold}
        _need_array(got, "select_greater(X, threshold)", inputs, SELECT_LIST_HINT)
        expect_array(got, ref.select_greater(X, threshold), call="select_greater(X, threshold)",
                     inputs=inputs, mistakes=_select_mistakes(X, threshold))


@check(1, T("select_greater matches X[X > threshold] on random 1-D, 2-D and 3-D arrays",
            "무작위 1차원, 2차원, 3차원 배열에서 select_greater가 X[X > threshold]와 같음"), hidden=True)
def test_select_greater_random(learner, ref, rng):
    cases = [(rng.normal(size=int(rng.integers(5, 12))), round(float(rng.normal(scale=0.5)), 3)),
             (rng.integers(-20, 20, size=(4, 5)), int(rng.integers(-5, 5))),
             (rng.normal(size=(2, 3, 4)), round(float(rng.normal(scale=0.5)), 3))]
    for X, threshold in cases:
        got = learner.select_greater(X, threshold)
        inputs = {"X": X, "threshold": threshold}
        _need_array(got, "select_greater(X, threshold)", inputs, SELECT_LIST_HINT)
        expect_array(got, ref.select_greater(X, threshold), call="select_greater(X, threshold)",
                     inputs=inputs, mistakes=_select_mistakes(X, threshold))


# ---------------------------------------------------------------------------- broadcasting a row or a column
INPLACE_HINT = T("Your function changed its input X in place: np.asarray(X, dtype=float) does not copy an "
                 "array that is already float, so X -= ... or X /= ... writes into the caller's array. "
                 "Compute a new array instead: X - X.mean(axis=0) (or X / X.sum(axis=1, keepdims=True)).",
                 "함수가 입력 X를 제자리에서(in place) 바꿨습니다. np.asarray(X, dtype=float)는 이미 실수인 배열을 "
                 "복사하지 않으므로 X -= ...나 X /= ...는 호출한 쪽의 배열에 씁니다. 대신 새 배열을 만드세요: "
                 "X - X.mean(axis=0) (또는 X / X.sum(axis=1, keepdims=True)).")


def _expect_unchanged(after, before, call: str) -> None:
    if not np.array_equal(after, before):
        fail(join([T(f"{call} changed its input X", f"{josa(call, '이')} 입력 X를 바꿨습니다"),
                   T(f"  X before the call: {show(np.asarray(before))}", f"  호출 전 X: {show(np.asarray(before))}"),
                   T(f"  X after the call:  {show(np.asarray(after))}", f"  호출 후 X: {show(np.asarray(after))}")]),
             INPLACE_HINT)


@check(1, T("center_columns subtracts each column's mean (float result, columns then have mean 0, input unchanged)",
            "center_columns는 각 열의 평균을 뺌 (실수 결과, 열 평균 0, 입력은 바뀌지 않음)"))
def test_center_columns(learner, ref, rng):
    for X in ([[1, 2], [3, 6]], rng.normal(size=(3, 3)), rng.normal(loc=5.0, size=(4, 3)),
              rng.integers(0, 10, size=(3, 5))):
        X_in = put(learner, X)
        got = learner.center_columns(X_in)
        Xf = np.asarray(X, dtype=float)
        _need_array(got, "center_columns(X)", {"X": X})
        expect_array(got, ref.center_columns(X), call="center_columns(X)", inputs={"X": X}, rtol=1e-9,
                     atol=1e-12, dtype_kind="f",
                     hint=T("Convert X to float (np.asarray(X, dtype=float)) and subtract X.mean(axis=0).",
                            "X를 실수로 바꾸고(np.asarray(X, dtype=float)) X.mean(axis=0)을 빼세요."),
                     mistakes=[
                         mistake(Xf - Xf.mean(axis=1, keepdims=True), T(
                             "You subtracted the row means (axis=1); subtract the column means X.mean(axis=0).",
                             "행의 평균(axis=1)을 뺐습니다. 열의 평균 X.mean(axis=0)을 빼세요.")),
                         mistake(Xf - Xf.mean(axis=1) if Xf.shape[0] == Xf.shape[1] else None, T(
                             "You subtracted the row means (axis=1); subtract the column means X.mean(axis=0).",
                             "행의 평균(axis=1)을 뺐습니다. 열의 평균 X.mean(axis=0)을 빼세요.")),
                         mistake(Xf - Xf.mean(), T(
                             "You subtracted the mean of the whole array; subtract the column means "
                             "X.mean(axis=0).",
                             "배열 전체의 평균을 뺐습니다. 열의 평균 X.mean(axis=0)을 빼세요.")),
                         mistake(Xf.mean(axis=0) - Xf, T("The sign is reversed: compute X - X.mean(axis=0).",
                                                         "부호가 반대입니다. X - X.mean(axis=0)을 계산하세요.")),
                     ])
        _expect_unchanged(fetch(X_in), X, "center_columns(X)")


@check(1, T("normalize_rows divides each row by its sum, so that every row sums to 1 (keepdims; input unchanged)",
            "normalize_rows는 각 행을 그 합으로 나누어 행의 합이 1 (keepdims, 입력은 바뀌지 않음)"))
def test_normalize_rows(learner, ref, rng):
    for X in ([[1, 3], [2, 2]], [[1, 3], [1, 1]], rng.uniform(0.5, 3.0, size=(3, 3)),
              rng.uniform(0.5, 3.0, size=(4, 2)), rng.integers(1, 10, size=(2, 5))):
        X_in = put(learner, X)
        got = learner.normalize_rows(X_in)
        Xf = np.asarray(X, dtype=float)
        _need_array(got, "normalize_rows(X)", {"X": X})
        wrong = [mistake(Xf / Xf.sum(axis=0), T(
            "You divided by the column sums (axis=0); divide each row by its own sum, X.sum(axis=1, keepdims=True).",
            "열의 합(axis=0)으로 나눴습니다. 각 행을 그 행의 합 X.sum(axis=1, keepdims=True)로 나누세요.")),
                 mistake(Xf / Xf.sum(), T(
            "You divided by the sum of the whole array; divide each row by its own sum, "
            "X.sum(axis=1, keepdims=True).",
            "배열 전체의 합으로 나눴습니다. 각 행을 그 행의 합 X.sum(axis=1, keepdims=True)로 나누세요."))]
        if Xf.shape[0] == Xf.shape[1]:
            wrong.insert(0, mistake(Xf / Xf.sum(axis=1), T(
                "Without keepdims=True the row sums have shape (n,) and are matched against the columns: "
                "use X.sum(axis=1, keepdims=True), a column of shape (n, 1).",
                "keepdims=True가 없으면 행의 합이 형상 (n,)이 되어 열 방향으로 브로드캐스트됩니다. "
                "형상 (n, 1)의 열이 되도록 X.sum(axis=1, keepdims=True)를 쓰세요.")))
        expect_array(got, ref.normalize_rows(X), call="normalize_rows(X)", inputs={"X": X}, rtol=1e-9,
                     atol=1e-12, dtype_kind="f", mistakes=wrong,
                     hint=T("Divide X by X.sum(axis=1, keepdims=True).", "X를 X.sum(axis=1, keepdims=True)로 나누세요."))
        _expect_unchanged(fetch(X_in), X, "normalize_rows(X)")


# ---------------------------------------------------------------------------- Matplotlib
@check(1, T("plot_sin_cos returns a Figure with lines 'sin' and 'cos' over np.arange(0, 6, 0.1), "
            "axis labels 'x' and 'y', a title and a legend",
            "plot_sin_cos는 np.arange(0, 6, 0.1) 구간의 'sin', 'cos' 선, 축 이름 'x'와 'y', 제목, 범례가 있는 Figure를 반환"))
def test_plot_sin_cos(learner):
    call = "plot_sin_cos()"
    info = figure_info(learner.plot_sin_cos(), call)
    x = np.arange(0, 6, 0.1)
    for label, func in (("sin", np.sin), ("cos", np.cos)):
        line = line_labelled(info, label, call)
        expect_array(line["x"], x, call=T(f"the x data of the {label!r} line", f"{label!r} 선의 x 데이터"), rtol=1e-9, atol=1e-12,
                     hint=T("x is np.arange(0, 6, 0.1): 60 points 0.0, 0.1, ..., 5.9.",
                            "x는 np.arange(0, 6, 0.1)입니다: 0.0, 0.1, ..., 5.9의 60개 점."))
        other = np.cos if func is np.sin else np.sin
        expect_array(line["y"], func(x), call=T(f"the y data of the {label!r} line", f"{label!r} 선의 y 데이터"), rtol=1e-9, atol=1e-12,
                     mistakes=[mistake(other(x), T(f"The labels are swapped: the {label!r} line shows "
                                                   f"np.{other.__name__}(x).",
                                                   f"레이블이 바뀌었습니다. {label!r} 선이 "
                                                   f"np.{other.__name__}(x)를 그립니다."))],
                     hint=T(f"The {label!r} line plots np.{label}(x).", f"{label!r} 선은 np.{label}(x)를 그립니다."))
    ax = next(a for a in info["axes"] if any(line["label"] == "sin" for line in a["lines"]))
    expect(ax["xlabel"] == "x", T(f"The x-axis label is {ax['xlabel']!r}, expected 'x'",
                                  f"x축 이름이 {ax['xlabel']!r}입니다. 기대값: 'x'"),
           T("Call ax.set_xlabel('x') (the lecture's plt.xlabel('x')).",
             "ax.set_xlabel('x')를 호출하세요 (강의의 plt.xlabel('x'))."))
    expect(ax["ylabel"] == "y", T(f"The y-axis label is {ax['ylabel']!r}, expected 'y'",
                                  f"y축 이름이 {ax['ylabel']!r}입니다. 기대값: 'y'"),
           T("Call ax.set_ylabel('y') (the lecture's plt.ylabel('y')).",
             "ax.set_ylabel('y')를 호출하세요 (강의의 plt.ylabel('y'))."))
    expect(ax["title"].strip() != "", T("The plot has no title", "그래프에 제목이 없습니다"),
           T("Call ax.set_title('sin & cos') (the lecture's plt.title(...)).",
             "ax.set_title('sin & cos')를 호출하세요 (강의의 plt.title(...))."))
    legend = ax["legend"]
    expect(legend is not None and {"sin", "cos"} <= set(legend),
           T("The plot has no legend" if legend is None else
             f"The legend does not show both 'sin' and 'cos' (its entries: {legend})",
             "그래프에 범례가 없습니다" if legend is None else
             f"범례에 'sin'과 'cos'가 모두 있지 않습니다 (범례 항목: {legend})"),
           T("Call ax.legend() after plotting the labelled lines (the lecture's plt.legend()).",
             "레이블을 붙인 선을 그린 뒤 ax.legend()를 호출하세요 (강의의 plt.legend())."))
