"""exercise-05 · activation functions and the lecture's three-layer network (10 points)."""
import numpy as np

from grader.checking.check import T, check, expect, expect_array, fail, mistake, relies_on
from grader.checking.figures import figure_info, line_labelled
from grader.i18n import josa
from grader.sandbox.proxy import fetch, put

EXERCISE = "exercise-05"

LECTURE_OUTPUT = np.array([0.31682708, 0.69627909])
NP_INT_HINT = T("The lecture's dtype=np.int no longer exists in NumPy: use dtype=np.int64 (or int).",
                "강의의 dtype=np.int는 최신 NumPy에 없습니다. dtype=np.int64(또는 int)를 쓰세요.")


@check(1, T("step_function gives 1 where x > 0 and 0 elsewhere (0 itself gives 0)",
            "step_function은 x > 0이면 1, 아니면 0 (0은 0)"))
def test_step_function_values(learner, ref):
    x = np.array([-2.0, -0.5, 0.0, 1e-9, 0.5, 3.0])
    expect_array(learner.step_function(x), ref.step_function(x), call="step_function(x)", inputs={"x": x},
                 mistakes=[mistake(np.array(x >= 0, dtype=int),
                                   T("At x = 0 the step function is 0: compare with x > 0, not x >= 0.",
                                     "x = 0에서 계단 함수는 0입니다. x >= 0이 아니라 x > 0으로 비교하세요."))])


@check(1, T("step_function returns integers (not booleans) for 1-D, 2-D and scalar input",
            "step_function은 1차원, 2차원, 스칼라 입력에 대해 bool이 아닌 정수를 반환"))
def test_step_function_integer_dtype(learner, ref, rng):
    for x in (rng.normal(size=7), rng.normal(size=(3, 4)), np.float64(0.7)):
        got = learner.step_function(x)
        expect_array(got, ref.step_function(x), call="step_function(x)", inputs={"x": x}, dtype_kind="iu",
                     hint=T("x > 0 gives booleans; convert them to integers, e.g. "
                            "np.array(x > 0, dtype=np.int64) or (x > 0).astype(np.int64). " + NP_INT_HINT.en,
                            "x > 0은 bool 배열입니다. np.array(x > 0, dtype=np.int64)나 (x > 0).astype(np.int64)로 "
                            "정수로 바꾸세요. " + NP_INT_HINT.ko))


def sigmoid_mistakes(x):
    """Known wrong sigmoids of x, each with the hint that names the mistake."""
    with np.errstate(all="ignore"):
        return [mistake(1 / (1 + np.exp(x)), T(
                    "The sign is wrong: sigmoid is 1 / (1 + np.exp(-x)), with a minus before x.",
                    "부호가 틀렸습니다. 시그모이드 함수는 1 / (1 + np.exp(-x))로, x 앞에 마이너스가 붙습니다.")),
                mistake(1 / (1 - np.exp(-x)), T(
                    "The denominator is 1 + exp(-x), not 1 - exp(-x).",
                    "분모는 1 - exp(-x)가 아니라 1 + exp(-x)입니다.")),
                mistake(1 + np.exp(-x), T(
                    "Operator precedence: 1 / 1 + np.exp(-x) divides 1 by 1 first and then adds np.exp(-x), "
                    "giving 1 + exp(-x). Put the denominator in parentheses: 1 / (1 + np.exp(-x)).",
                    "연산자 우선순위 문제입니다. 1 / 1 + np.exp(-x)는 먼저 1을 1로 나눈 뒤 np.exp(-x)를 더해서 "
                    "1 + exp(-x)가 됩니다. 분모를 괄호로 묶으세요: 1 / (1 + np.exp(-x))."))]


@check(1, T("sigmoid matches 1 / (1 + exp(-x)) on random 1-D and 2-D input",
            "sigmoid가 무작위 1차원, 2차원 입력에서 1 / (1 + exp(-x))와 같음"))
def test_sigmoid_values(learner, ref, rng):
    for x in (rng.normal(scale=3, size=9), rng.normal(scale=3, size=(4, 5))):
        expect_array(learner.sigmoid(x), ref.sigmoid(x), call="sigmoid(x)", inputs={"x": x}, dtype_kind="f",
                     mistakes=sigmoid_mistakes(x))


@check(1, T("sigmoid(0) is 0.5, large inputs give values near 0 and 1 without nan",
            "sigmoid(0)은 0.5이고, 큰 입력에서도 nan 없이 0과 1에 가까운 값"))
def test_sigmoid_edges(learner, ref):
    x = np.array([-50.0, -10.0, 0.0, 10.0, 50.0])
    expect_array(learner.sigmoid(x), ref.sigmoid(x), call="sigmoid(x)", inputs={"x": x}, atol=1e-12,
                 mistakes=sigmoid_mistakes(x))


@check(1, T("relu keeps positive values and zeroes the rest, same shape, input unchanged",
            "relu는 양수는 그대로, 나머지는 0으로 (형상 유지, 입력은 바뀌지 않음)"))
def test_relu(learner, ref, rng):
    for x in (rng.normal(size=8), rng.normal(size=(3, 3)), np.array([-0.0, 0.0, -1e-12, 1e-12])):
        x_in = put(learner, x)
        got = learner.relu(x_in)
        expect_array(got, ref.relu(x), call="relu(x)", inputs={"x": x},
                     mistakes=[mistake(np.minimum(0, x), T("relu is np.maximum(0, x), not np.minimum.",
                                                           "relu는 np.minimum이 아니라 np.maximum(0, x)입니다."))])
        expect(np.array_equal(fetch(x_in), x), T(
            "relu(x) changed its input x: compute a new array instead of writing into x.",
            "relu(x)가 입력 x를 바꿨습니다. x에 덮어쓰지 말고 새 배열을 만드세요."))


@check(1, T("plot_activations returns a Figure with step, sigmoid and relu over np.arange(-5.0, 5.0, 0.1)",
            "plot_activations는 np.arange(-5.0, 5.0, 0.1) 구간의 step, sigmoid, relu 선이 있는 Figure를 반환"))
def test_plot_activations(learner, ref):
    x = np.arange(-5.0, 5.0, 0.1)
    with relies_on(learner, ref, "plot_activations", {"step_function": [(x,)], "sigmoid": [(x,)], "relu": [(x,)]}):
        info = figure_info(learner.plot_activations(), "plot_activations()")
        for label, func in (("step", ref.step_function), ("sigmoid", ref.sigmoid), ("relu", ref.relu)):
            line = line_labelled(info, label, "plot_activations()")
            expect_array(line["x"], x, call=T(f"the x data of the {label!r} line", f"{label!r} 선의 x 데이터"), rtol=1e-9)
            expect_array(line["y"], func(x), call=T(f"the y data of the {label!r} line", f"{label!r} 선의 y 데이터"), rtol=1e-7)


def layer_inputs(network, x):
    """What forward hands its activation functions (a1 and a2 to sigmoid, a3 to identity_function), computed here."""
    z, found = np.asarray(x, dtype=float), []
    for k in (1, 2, 3):
        a = np.dot(z, np.asarray(network[f"W{k}"], dtype=float)) + np.asarray(network[f"b{k}"], dtype=float)
        found.append(a)
        z = 1 / (1 + np.exp(-a))
    return {"sigmoid": [(found[0],), (found[1],)], "identity_function": [(found[2],)]}


@check(1, T("init_network has the lecture's weights W1 b1 W2 b2 W3 b3",
            "init_network의 가중치 W1 b1 W2 b2 W3 b3가 강의와 같음"))
def test_init_network(learner, ref):
    got = learner.init_network()
    if not isinstance(got, dict):
        fail(T(f"init_network() returned {type(got).__name__}, not a dict",
               f"init_network()가 dict가 아니라 {josa(type(got).__name__, '을')} 반환했습니다"))
    expected = ref.init_network()
    missing = sorted(set(expected) - set(got))
    expect(not missing, T(f"init_network() is missing the keys {missing}",
                          f"init_network()에 키 {josa(missing, '이')} 없습니다"))
    for key, value in expected.items():
        rows, columns = np.shape(value) if np.ndim(value) == 2 else (None, None)
        shape = T(f"{key} has shape {np.shape(value)}: one row per input, one column per neuron of the layer.",
                  f"{key}의 형상은 {np.shape(value)}입니다. 입력마다 한 행, 그 층의 뉴런마다 한 열입니다.")
        expect_array(got[key], value, call=f"init_network()[{key!r}]", allow_list=True,
                     hint=shape if rows else None,
                     mistakes=[mistake(np.transpose(value), T(
                         f"{key} is transposed: it needs shape ({rows}, {columns}), {rows} rows (one per input) and "
                         f"{columns} columns (one per neuron), so that np.dot(x, {key}) works. Write the lecture's rows "
                         "as they are printed.",
                         f"{josa(key, '이')} 전치되었습니다. {josa(f'np.dot(x, {key})', '이')} 되려면 형상이 "
                         f"({rows}, {columns}), 즉 "
                         f"{rows}행(입력마다 한 행)과 {columns}열(뉴런마다 한 열)이어야 합니다. 강의에 나온 행을 그대로 "
                         "쓰세요."))] if rows and rows != columns else [])


@check(1, T("forward(init_network(), [1.0, 0.5]) prints the lecture's [0.31682708 0.69627909]",
            "forward(init_network(), [1.0, 0.5])가 강의의 [0.31682708 0.69627909]와 같음"))
def test_forward_lecture(learner, ref):
    x = np.array([1.0, 0.5])
    probes = {"init_network": [()], **layer_inputs(ref.init_network(), x)}
    with relies_on(learner, ref, "forward", probes, always=("init_network",)):
        network = learner.init_network()
        expect_array(learner.forward(network, x), LECTURE_OUTPUT, call="forward(init_network(), x)",
                     inputs={"x": x}, rtol=0, atol=5e-9,
                     hint=T("The hidden layers use sigmoid, the output layer the identity function; "
                            "each layer is np.dot(x, W) + b.",
                            "은닉층은 시그모이드 함수, 출력층은 항등 함수입니다. 각 층은 np.dot(x, W) + b입니다."))


@check(1, T("forward matches the reference on random networks and inputs", "무작위 가중치와 입력에서 forward가 참조 구현과 같음"),
       hidden=True)
def test_forward_random(learner, ref, rng):
    network = {"W1": rng.normal(size=(2, 3)), "b1": rng.normal(size=3), "W2": rng.normal(size=(3, 2)),
               "b2": rng.normal(size=2), "W3": rng.normal(size=(2, 2)), "b3": rng.normal(size=2)}
    x = rng.normal(size=2)
    with relies_on(learner, ref, "forward", layer_inputs(network, x)):
        expect_array(learner.forward(network, x), ref.forward(network, x), call="forward(network, x)",
                     inputs={"x": x},
                     hint=T("Each hidden layer is sigmoid(np.dot(x, W) + b); the output layer applies "
                            "identity_function, not sigmoid. Use the weights from `network`, not fixed ones.",
                            "은닉층은 sigmoid(np.dot(x, W) + b), 출력층은 시그모이드가 아니라 항등 함수입니다. "
                            "고정된 값이 아니라 `network`의 가중치를 쓰세요."))


@check(1, T("forward takes a batch: one row per input gives one row per output",
            "forward는 배치 처리: 입력 한 행마다 출력 한 행"))
def test_forward_batch(learner, ref, rng):
    network = ref.init_network()
    x = rng.normal(size=(5, 2))
    with relies_on(learner, ref, "forward", layer_inputs(network, x)):
        expect_array(learner.forward(network, x), ref.forward(network, x), call="forward(network, x)",
                     inputs={"x": x},
                     hint=T("Use np.dot(x, W) (not np.dot(W, x) or a loop over one sample) so that a batch "
                            "of shape (N, 2) flows through every layer.",
                            "배치 (N, 2)가 모든 층을 통과하도록 np.dot(W, x)가 아니라 np.dot(x, W)를 쓰세요."))
