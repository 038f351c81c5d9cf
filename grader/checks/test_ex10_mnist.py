"""exercise-10 · MNIST inference and training (10 points).

The MNIST arrays never cross the pipe to the worker as data: checks that need
all of them ask the worker to load them itself (``kit_call(learner, "load_mnist",
...)``) and pass the handles straight back into the learner's functions.  Small
slices (a few hundred images) are loaded here and sent.

The worker keeps OpenBLAS at one thread (the grader's default, so no
WORKER_OPTIONS here): on a busy two-core machine the reference training took three
to ten times longer with two threads (they spin against each other and against
other processes), and with one thread it needs well under a minute even there.
"""
from __future__ import annotations

import functools
import pickle
from pathlib import Path

import numpy as np

import dataset
from dataset.mnist import load_mnist
from grader import exercises
from grader.files import write_atomic
from grader.checking import functions as fn
from grader.checking.check import (T, Probe, check, expect, expect_array, expect_close, expect_type, fail, mistake,
                                   learner_failed, relies_on, show)
from grader.checking.verdict import set_up
from grader.checking.figures import figure_info, line_labelled
from grader.i18n import join
from grader.sandbox.process import LearnerError, LearnerProblem, LearnerTimeout
from grader.sandbox.figure_summary import PNG_LIMIT
from grader.sandbox.proxy import TrainingMonitor, call_keep, fetch, hand_file, is_remote, kit_call, put
from grader.checking.plugin import target_dir
from grader.checks import ex10_fresh_task as fresh
from grader.render.progress import training_status, working

GIVEN = ("sigmoid", "sigmoid_grad", "softmax", "cross_entropy_error", "numerical_gradient")  # helpers the exercise file gives ready-made (see relies_on)
EXERCISE = "exercise-10"
CALL_TIMEOUT = 60.0  # per call: inference on 10,000 images or a numerical gradient on a slow machine

KIT_WEIGHTS = Path(dataset.__file__).resolve().parent / "weights" / "ex10_weights.pkl"
PARAM_KEYS = ("W1", "b1", "W2", "b2")
MIN_TEST_ACCURACY = 0.94  # the reference reaches 0.946-0.948 with the default budget
TRAIN_TIMEOUT = 600  # generous: the reference needs under 10 s on an idle machine, plain float64 code ~15 s
OFFICIAL_ONCE = ("test_train",)  # official grading trains once: a second run would double the longest check
LEARNING_CURVE = "ex10_learning_curve.png"

# Gradient check.  Relative error of one parameter: ||num - bp|| / (||num|| + ||bp||).
# CS231n calls 1e-7 or less good, but that is out of reach here for a correct network:
# the lecture's cross_entropy_error takes log(y + delta) with delta = 1e-7, which the
# backward pass (y - t) / batch_size leaves out, so the numerical gradient carries a
# bias of about delta / y (y: probability of the correct class).  The inputs below
# keep y >= 0.1, and a correct central difference (h = 1e-4) stays below 1e-6; a
# forward difference is off by h/2 * f''/f', at least 2.5e-5 on these inputs (both
# measured on hundreds of random problems, and re-checked for every problem drawn).
# 5e-6 sits between them with a margin of five on either side.
GRADIENT_TOLERANCE = 5e-6


# ---------------------------------------------------------------------------- data and reference pieces
@functools.lru_cache(maxsize=1)
def _mnist_test():
    """The test images (float32, flattened, normalized) and labels, loaded in the grader."""
    (_, _), (x_test, t_test) = load_mnist(normalize=True, flatten=True, one_hot_label=False)
    return x_test, t_test


@functools.lru_cache(maxsize=1)
def _kit_weights_cached():
    with open(KIT_WEIGHTS, "rb") as f:
        return pickle.load(f)


def _test_set(learner, checked: str):
    """The test images and labels; MNIST missing here is a set-up problem (see grader.checking.verdict.set_up)."""
    with set_up(learner, checked):
        return _mnist_test()


def _kit_weights() -> dict:
    return {key: value.copy() for key, value in _kit_weights_cached().items()}


def _sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _softmax_rows(a, axis=-1):
    e = np.exp(a - np.max(a, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _logits(network, x, hidden=_sigmoid):
    """The output layer's input a3 of the three-layer network, in float64."""
    net = {key: np.asarray(value, dtype=np.float64) for key, value in network.items()}
    x = np.asarray(x, dtype=np.float64)
    z1 = hidden(x @ net["W1"] + net["b1"])
    z2 = hidden(z1 @ net["W2"] + net["b2"])
    return z2 @ net["W3"] + net["b3"]


OUTPUT_SOFTMAX_HINT = T(
    "The output layer uses the softmax function: y = softmax(a3), so that each row is a probability "
    "distribution over the 10 classes.",
    "출력층은 소프트맥스 함수입니다: y = softmax(a3). 그래야 각 행이 10개 클래스의 확률 분포가 됩니다.")
WHOLE_BATCH_HINT = T(
    "The softmax function normalised the whole mini-batch at once (np.sum over all elements), so all "
    "the rows together sum to 1. Normalise each row: use the given softmax (np.max and np.sum with "
    "axis=-1, keepdims=True).",
    "소프트맥스 함수가 미니배치 전체를 한꺼번에 정규화해서(모든 원소에 대한 np.sum) 모든 행을 합쳐야 1이 됩니다. "
    "행마다 정규화하세요: 주어진 softmax를 쓰세요(np.max와 np.sum에 axis=-1, keepdims=True).")


def _predict_mistakes(network, x):
    a3 = _logits(network, x)
    found = [
        mistake(_sigmoid(a3), T(
            "The output layer applies the sigmoid function; the lecture's network ends with the softmax "
            "function: y = softmax(a3).",
            "출력층에 시그모이드 함수를 썼습니다. 강의의 신경망은 소프트맥스 함수로 끝납니다: y = softmax(a3).")),
        mistake(a3, T(
            "The output is a3 itself (the identity function). For classification the output layer "
            "applies the softmax function: y = softmax(a3).",
            "출력이 a3 그대로입니다(항등 함수). 분류에서는 출력층에 소프트맥스 함수를 적용합니다: y = softmax(a3).")),
        mistake(_softmax_rows(_logits(network, x, hidden=lambda v: np.maximum(0, v))), T(
            "The hidden layers use ReLU; this network was trained with the sigmoid function in both "
            "hidden layers: z1 = sigmoid(a1), z2 = sigmoid(a2).",
            "은닉층에 ReLU를 썼습니다. 이 신경망은 두 은닉층 모두 시그모이드 함수로 학습되었습니다: "
            "z1 = sigmoid(a1), z2 = sigmoid(a2).")),
        mistake(_softmax_rows(_logits(network, x, hidden=lambda v: v)), T(
            "The hidden layers skip the activation function: z1 = sigmoid(a1) and z2 = sigmoid(a2).",
            "은닉층에서 활성화 함수를 빠뜨렸습니다: z1 = sigmoid(a1), z2 = sigmoid(a2).")),
    ]
    if a3.ndim == 2:
        e = np.exp(a3 - np.max(a3))
        found.insert(0, mistake(e / np.sum(e), WHOLE_BATCH_HINT))
        found.insert(1, mistake(_softmax_rows(a3, axis=0), T(
            "The softmax function normalised each column (axis=0): for a mini-batch each row is one image, "
            "so normalise along axis=-1.",
            "소프트맥스 함수가 각 열(axis=0)을 정규화했습니다. 미니배치에서는 한 행이 이미지 한 장이므로 "
            "axis=-1 방향으로 정규화하세요.")))
    return found


def _expect_probabilities(got, expected, call, mistakes):
    """Shape first, then rows summing to 1 (the softmax of every image), then the values."""
    expected = np.asarray(expected)
    if isinstance(got, np.ndarray) and got.shape == expected.shape and got.dtype.kind == "f" \
            and np.all(np.isfinite(got)):
        sums = np.sum(got, axis=-1)
        if not np.allclose(sums, 1.0, rtol=0, atol=1e-4):
            total = float(np.sum(got))
            fail(join([T(f"The rows of {call} should each sum to 1 (one probability distribution per row); "
                         f"they sum to {show(sums)}",
                         f"{call}의 각 행의 합은 1이어야 합니다(행마다 하나의 확률 분포). "
                         f"행의 합: {show(sums)}"),
                       T(f"  sum of all elements: {total:.6g}", f"  모든 원소의 합: {total:.6g}")]),
                 WHOLE_BATCH_HINT if got.ndim == 2 and abs(total - 1) < 1e-4 else
                 next((h for c, h in mistakes if np.shape(c) == got.shape
                       and np.allclose(got, c, rtol=1e-4, atol=1e-6)), OUTPUT_SOFTMAX_HINT))
    expect_array(got, expected, call=call, rtol=1e-4, atol=1e-6, dtype_kind="f", mistakes=mistakes,
                 hint=T("Compare each step with a1 = np.dot(x, W1) + b1, z1 = sigmoid(a1), "
                        "a2 = np.dot(z1, W2) + b2, z2 = sigmoid(a2), a3 = np.dot(z2, W3) + b3, y = softmax(a3).",
                        "각 단계를 a1 = np.dot(x, W1) + b1, z1 = sigmoid(a1), a2 = np.dot(z1, W2) + b2, "
                        "z2 = sigmoid(a2), a3 = np.dot(z2, W3) + b3, y = softmax(a3)와 비교하세요."))


def _expect_network(got, expected, call):
    expect_type(got, dict, call=call, what=T("a dict of weights", "가중치 dict"),
                hint=T("Return what pickle.load gives back: a dict with the keys W1 b1 W2 b2 W3 b3.",
                       "pickle.load가 돌려주는 dict(키 W1 b1 W2 b2 W3 b3)를 그대로 반환하세요."))
    missing = [key for key in expected if key not in got]
    expect(not missing, T(f"{call} has no keys {missing} (keys found: {sorted(map(str, got))})",
                          f"{call}에 없는 키: {missing} (찾은 키: {sorted(map(str, got))})"))
    for key, value in expected.items():
        expect_array(got[key], value, call=f"{call}[{key!r}]", rtol=0, atol=0)


def _accuracy_mistakes(network, x, t, batch_size):
    """Known wrong answers of accuracy(network, x, t, batch_size)."""
    hits = np.argmax(_logits(network, x), axis=1) == np.asarray(t)
    n, full = len(x), (len(x) // batch_size) * batch_size
    skip_last = T(
        f"The last, shorter batch was not counted: {n} images in batches of {batch_size} end with a batch "
        f"of {n - full}. Loop with for i in range(0, len(x), batch_size) and slice x[i:i+batch_size]; "
        "the slice is simply shorter at the end.",
        f"마지막의 짧은 배치를 세지 않았습니다. 이미지 {n}장을 {batch_size}장씩 나누면 마지막 배치는 "
        f"{n - full}장입니다. for i in range(0, len(x), batch_size)로 반복하고 x[i:i+batch_size]로 자르세요. "
        "마지막 슬라이스는 그냥 더 짧아집니다.")
    found = []
    if full < n:
        found += [mistake(np.sum(hits[:full]) / n, skip_last),
                  mistake(np.sum(hits[:full]) / max(full, 1), skip_last)]
    found.append(mistake(float(np.sum(hits)), T(
        "accuracy returned the number of correct images; divide it by the number of images, len(x).",
        "accuracy가 맞힌 이미지 수를 반환했습니다. 이미지 수 len(x)로 나누세요.")))
    found.append(mistake(np.mean(hits[: min(batch_size, n)]), T(
        "Only the first batch was counted: the loop must go over every batch, "
        "for i in range(0, len(x), batch_size).",
        "첫 번째 배치만 셌습니다. 모든 배치를 반복해야 합니다: for i in range(0, len(x), batch_size).")))
    return found


# ---------------------------------------------------------------------------- TwoLayerNet helpers
def _one_hot(labels, classes):
    return np.eye(classes)[labels]


def _gradient_problem(rng, sizes, batch):
    """Parameters, a mini-batch and one-hot labels on which a gradient check is meaningful.

    Each row's label is drawn among the classes the network gives a probability of at least
    0.1 (there is always one while there are at most 9 classes), so that the delta inside the
    log stays negligible. To keep the threshold honest on every draw, draws again until the
    central difference is far below and the forward difference far above it.
    """
    n_in, n_hidden, n_out = sizes
    assert n_out <= 9, "with 10 or more classes no class may reach a probability of 0.1"
    for _ in range(100):
        params = {"W1": rng.normal(0, 1.0, (n_in, n_hidden)), "b1": rng.normal(0, 0.5, n_hidden),
                  "W2": rng.normal(0, 0.3, (n_hidden, n_out)), "b2": rng.normal(0, 0.1, n_out)}
        x = rng.normal(0, 3.0, (batch, n_in))
        likely = _net_predict(params, x) >= 0.1
        labels = [rng.choice(np.flatnonzero(row)) for row in likely]
        t = _one_hot(np.array(labels), n_out)
        exact = _backprop(params, x, t)
        central = _numerical(params, x, t, central=True)
        forward = _numerical(params, x, t, central=False)
        if max(_rel_error(central[k], exact[k]) for k in PARAM_KEYS) < GRADIENT_TOLERANCE / 5 and \
                max(_rel_error(forward[k], exact[k]) for k in PARAM_KEYS) > GRADIENT_TOLERANCE * 4:
            return params, x, t
    raise RuntimeError("no suitable gradient-check problem was drawn")


def _net_logits(params, x):
    return _sigmoid(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def _net_predict(params, x, output="softmax"):
    a2 = _net_logits(params, x)
    if output == "whole batch":
        e = np.exp(a2 - np.max(a2))
        return e / np.sum(e)
    return _softmax_rows(a2) if output == "softmax" else _sigmoid(a2)


def _net_loss(params, x, t):
    y = _net_predict(params, x)
    return -np.sum(np.log(y[np.arange(len(x)), np.argmax(t, axis=1)] + 1e-7)) / len(x)


def _numerical(params, x, t, central=True, h=1e-4):
    params = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    grads = {}
    for key in PARAM_KEYS:
        p = params[key]
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            keep = p[idx]
            p[idx] = keep + h
            plus = _net_loss(params, x, t)
            p[idx] = keep - h if central else keep
            minus = _net_loss(params, x, t)
            p[idx] = keep
            g[idx] = (plus - minus) / (2 * h if central else h)
        grads[key] = g
    return grads


def _backprop(params, x, t, *, divide=True, sigmoid_grad="z1"):
    """Backpropagation for the two-layer network; the keywords build known mistakes."""
    a1 = x @ params["W1"] + params["b1"]
    z1 = _sigmoid(a1)
    y = _softmax_rows(z1 @ params["W2"] + params["b2"])
    dy = (y - t) / (len(x) if divide else 1)
    dz1 = dy @ params["W2"].T
    local = {"z1": (1 - z1) * z1, "none": 1.0, "sigmoid(z1)": (1 - _sigmoid(z1)) * _sigmoid(z1),
             "a1": (1 - a1) * a1}[sigmoid_grad]
    da1 = dz1 * local
    return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}


def _rel_error(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


BATCH_DIVIDE_HINT = T(
    "The backprop gradient is batch_size times too large: the backward pass of softmax with the "
    "cross-entropy error is dy = (y - t) / batch_num, divided by the batch size, because the loss is the "
    "mean over the mini-batch.",
    "오차역전파 기울기가 배치 크기만큼 큽니다. 손실이 미니배치의 평균이므로 소프트맥스와 교차 엔트로피 오차의 "
    "역전파는 배치 크기로 나눈 dy = (y - t) / batch_num입니다.")


def _backprop_mistakes(params, x, t, key):
    hints = {
        "none": T("The backward pass skips the sigmoid function's derivative: "
                  "da1 = sigmoid_grad(a1) * dz1 (that is dz1 * (1 - z1) * z1).",
                  "역전파에서 시그모이드 함수의 미분을 빠뜨렸습니다: da1 = sigmoid_grad(a1) * dz1 "
                  "(즉 dz1 * (1 - z1) * z1)."),
        "sigmoid(z1)": T("sigmoid_grad takes the hidden layer's input a1, not its output z1: "
                         "da1 = sigmoid_grad(a1) * dz1 (or dz1 * (1 - z1) * z1 with z1 = sigmoid(a1)).",
                         "sigmoid_grad에는 은닉층의 출력 z1이 아니라 입력 a1을 넘깁니다: da1 = sigmoid_grad(a1) * dz1 "
                         "(또는 z1 = sigmoid(a1)일 때 dz1 * (1 - z1) * z1)."),
        "a1": T("The sigmoid function's derivative is y * (1 - y) with its output y = z1 = sigmoid(a1), "
                "not a1 * (1 - a1).",
                "시그모이드 함수의 미분은 출력 y = z1 = sigmoid(a1)로 y * (1 - y)입니다. a1 * (1 - a1)이 아닙니다."),
    }
    found = [mistake(_backprop(params, x, t, divide=False)[key], BATCH_DIVIDE_HINT)]
    if key in ("W1", "b1"):
        found += [mistake(_backprop(params, x, t, sigmoid_grad=kind)[key], hint) for kind, hint in hints.items()]
    return found


def _param_shapes(sizes):
    n_in, n_hidden, n_out = sizes
    return {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}


def _learner_params(net, call):
    """``net.params`` as plain data, after checking it is a dict with W1 b1 W2 b2."""
    params = net.params
    expect_type(params, dict, call=f"{call}.params", what=T("a dict", "dict(딕셔너리)"),
                hint=T("In __init__, set self.params = {} and store W1 b1 W2 b2 in it.",
                       "__init__에서 self.params = {}로 만들고 W1 b1 W2 b2를 저장하세요."))
    missing = [key for key in PARAM_KEYS if key not in params]
    expect(not missing, T(f"{call}.params has no keys {missing} (keys found: {sorted(map(str, params))})",
                          f"{call}.params에 없는 키: {missing} (찾은 키: {sorted(map(str, params))})"),
           T("Store the parameters under the keys 'W1', 'b1', 'W2', 'b2'.",
             "파라미터를 키 'W1', 'b1', 'W2', 'b2'로 저장하세요."))
    return params


def _write_params(net, values, call):
    """Write ``values`` into the learner's own parameter arrays, in place; return what they now hold.

    In place, not by replacing the dict or its arrays: a network built from layers (Affine
    layers holding the very arrays of ``params``) must see the new values too.
    """
    current = _learner_params(net, call)
    for key, value in values.items():
        have = np.asarray(current[key])
        expect(have.shape == value.shape,
               T(f"{call}.params[{key!r}] has shape {have.shape}; expected {value.shape}",
                 f"{call}.params[{key!r}]의 형상이 {have.shape}입니다. 기대한 형상: {value.shape}"),
               T("W1 has shape (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size, output_size) "
                 "and b2 (output_size,).",
                 "W1의 형상은 (input_size, hidden_size), b1은 (hidden_size,), W2는 (hidden_size, output_size), "
                 "b2는 (output_size,)입니다."))
    handle = net.keep("params") if is_remote(net) else net.params
    for key, value in values.items():
        array = call_keep(handle.get, key)  # the learner's own array, not a copy
        array[...] = value
    written = net.params
    return {key: np.asarray(written[key], dtype=np.float64) for key in values}


def _expect_gradients(got, shapes, call, numerical=False):
    expect_type(got, dict, call=call, what=T("a dict of gradients", "기울기 dict"),
                hint=T("Return a dict with the same keys as params: grads = {}; grads['W1'] = ...; return grads.",
                       "params와 같은 키의 dict를 반환하세요: grads = {}; grads['W1'] = ...; return grads."))
    missing = [key for key in PARAM_KEYS if key not in got]
    expect(not missing, T(f"{call} has no keys {missing} (keys found: {sorted(map(str, got))})",
                          f"{call}에 없는 키: {missing} (찾은 키: {sorted(map(str, got))})"),
           T("The gradients use the keys of params: 'W1', 'b1', 'W2', 'b2'.",
             "기울기 dict는 params와 같은 키 'W1', 'b1', 'W2', 'b2'를 씁니다."))
    for key in PARAM_KEYS:
        shape = np.shape(got[key])
        if shape != shapes[key]:
            if numerical:
                hint = T(f"A gradient has the shape of its parameter: grads[{key!r}] is computed for "
                         f"params[{key!r}]: grads[{key!r}] = numerical_gradient(loss_W, self.params[{key!r}]).",
                         f"기울기는 파라미터와 형상이 같습니다. grads[{key!r}]는 params[{key!r}]에 대해 구합니다: "
                         f"grads[{key!r}] = numerical_gradient(loss_W, self.params[{key!r}]).")
            elif key.startswith("b"):
                hint = T(f"A gradient has the shape of its parameter. For the bias, sum over the mini-batch "
                         f"(axis 0): grads[{key!r}] = np.sum(d, axis=0).",
                         f"기울기는 파라미터와 형상이 같습니다. 편향은 미니배치 방향(axis 0)으로 합하세요: "
                         f"grads[{key!r}] = np.sum(d, axis=0).")
            else:
                hint = T(f"A gradient has the shape of its parameter: grads[{key!r}] is computed for "
                         f"params[{key!r}] (W1: np.dot(x.T, da1), W2: np.dot(z1.T, dy)).",
                         f"기울기는 파라미터와 형상이 같습니다. grads[{key!r}]는 params[{key!r}]에 대해 구합니다 "
                         f"(W1: np.dot(x.T, da1), W2: np.dot(z1.T, dy)).")
            fail(T(f"{call}[{key!r}] has shape {shape}; params[{key!r}] has shape {shapes[key]}",
                   f"{call}[{key!r}]의 형상이 {shape}입니다. params[{key!r}]의 형상은 {shapes[key]}입니다"), hint)
    return {key: np.asarray(got[key], dtype=np.float64) for key in PARAM_KEYS}


# ---------------------------------------------------------------------------- what the checked code relies on
_PROBE = np.random.default_rng(10)
_SMALL_NETWORK = {"W1": _PROBE.normal(0, 1, (4, 5)), "b1": _PROBE.normal(0, 1, 5), "W2": _PROBE.normal(0, 1, (5, 4)),
                  "b2": _PROBE.normal(0, 1, 4), "W3": _PROBE.normal(0, 1, (4, 3)), "b3": _PROBE.normal(0, 1, 3)}
_SMALL_X = _PROBE.normal(0, 2, (6, 4))
_SMALL_T = _one_hot(np.array([0, 2, 1, 1, 0, 2]), 3)
_PROBS = _softmax_rows(_PROBE.normal(0, 2, (6, 3)))
# The given helpers (a learner may have changed them), tried on small values.
HELPERS = {"sigmoid": [(_SMALL_X,), (np.array([-800.0, -1.0, 0.0, 2.5]),)],
           "sigmoid_grad": [(_SMALL_X,)],
           "softmax": [(_SMALL_X,), (np.array([1010.0, 1000.0, 990.0]),)],
           "cross_entropy_error": [(_PROBS, _SMALL_T), (_PROBS, np.array([0, 2, 1, 1, 0, 2]))],
           "numerical_gradient": [(fn.function_2, np.array([3.0, 4.0]))]}
PREDICT_HELPERS = {name: HELPERS[name] for name in ("sigmoid", "softmax")}
ACCURACY_HELPERS = {"predict": [(_SMALL_NETWORK, _SMALL_X), (_SMALL_NETWORK, _SMALL_X[0])], **PREDICT_HELPERS}


def _net_probe(module, in_place: bool):
    """predict, loss and gradient of a small TwoLayerNet of ``module`` with known parameters."""
    rng = np.random.default_rng(11)
    values = {"W1": rng.normal(0, 1, (4, 5)), "b1": rng.normal(0, 0.5, 5),
              "W2": rng.normal(0, 0.3, (5, 3)), "b2": rng.normal(0, 0.1, 3)}
    net = module.TwoLayerNet(4, 5, 3)
    if in_place:  # the learner's: written into its own arrays (see _write_params)
        _write_params(net, values, "TwoLayerNet(4, 5, 3)")
    else:
        net.params = {key: value.copy() for key, value in values.items()}
    return net.predict(_SMALL_X), net.loss(_SMALL_X, _SMALL_T), net.gradient(_SMALL_X, _SMALL_T)


def _network_probe(learner):
    return {"TwoLayerNet": [Probe("TwoLayerNet", run=lambda module: _net_probe(module, module is learner))], **HELPERS}


# ---------------------------------------------------------------------------- Part 1: inference
@check(1, T("init_network() loads the kit's trained weights W1 b1 W2 b2 W3 b3; init_network(path) loads that file",
            "init_network()는 키트의 학습된 가중치 W1 b1 W2 b2 W3 b3를, init_network(path)는 그 파일을 불러옴"))
def test_init_network(learner, rng, tmp_path):
    expected = _kit_weights()
    _expect_network(learner.init_network(), expected, "init_network()")

    other = {key: rng.normal(0, 1, value.shape).astype(np.float32) for key, value in expected.items()}
    path = hand_file(learner, "other_weights.pkl", pickle.dumps(other), tmp_path)  # where the learner's code may read
    got = learner.init_network(str(path))
    if isinstance(got, dict) and "W1" in got and np.array_equal(np.asarray(got["W1"]), expected["W1"]):
        fail(T(f"init_network({str(path)!r}) returned the kit's weights, not the ones in that file",
               f"init_network({str(path)!r})가 그 파일이 아니라 키트의 가중치를 반환했습니다"),
             T("Read the file given by path; only when path is None read DEFAULT_WEIGHTS: "
               "if path is None: path = DEFAULT_WEIGHTS.",
               "path로 주어진 파일을 읽으세요. path가 None일 때만 DEFAULT_WEIGHTS를 읽습니다: "
               "if path is None: path = DEFAULT_WEIGHTS."))
    _expect_network(got, other, f"init_network({str(path)!r})")


@check(1, T("predict with the kit's weights: one image gives 10 probabilities, a batch one row per image, "
            "each row summing to 1",
            "키트의 가중치로 predict: 이미지 한 장은 확률 10개, 배치는 이미지마다 한 행이고 각 행의 합은 1"))
def test_predict_kit_weights(learner, ref):
    with relies_on(learner, ref, "predict", PREDICT_HELPERS, given=GIVEN):
        network = _kit_weights()
        x_test, _ = _test_set(learner, "predict")
        x = x_test[0]
        _expect_probabilities(learner.predict(network, x), ref.predict(network, x),
                              "predict(network, x_test[0])", _predict_mistakes(network, x))
        x = x_test[:100]
        _expect_probabilities(learner.predict(network, x), ref.predict(network, x),
                              "predict(network, x_test[:100])", _predict_mistakes(network, x))


@check(1, T("predict matches the reference on random networks, for one input and for a batch",
            "무작위 신경망에서 predict가 입력 하나와 배치 모두 참조 구현과 같음"), hidden=True)
def test_predict_random(learner, ref, rng):
    with relies_on(learner, ref, "predict", PREDICT_HELPERS, given=GIVEN):
        n_in, h1, h2, n_out = (int(v) for v in rng.integers(3, 9, size=4))
        network = {"W1": rng.normal(0, 1, (n_in, h1)), "b1": rng.normal(0, 1, h1),
                   "W2": rng.normal(0, 1, (h1, h2)), "b2": rng.normal(0, 1, h2),
                   "W3": rng.normal(0, 1, (h2, n_out)), "b3": rng.normal(0, 1, n_out)}
        batch = int(rng.integers(5, 12))
        for x, call in ((rng.normal(0, 2, n_in), "predict(network, x)"),
                        (rng.normal(0, 2, (batch, n_in)), f"predict(network, x) with x of shape ({batch}, {n_in})")):
            _expect_probabilities(learner.predict(network, x), ref.predict(network, x), call,
                                  _predict_mistakes(network, x))


@check(1, T("accuracy counts every image in batches of batch_size, the last shorter batch too "
            "(250 images, batch_size=100), and matches the reference on the 10,000 test images",
            "accuracy는 batch_size장씩 모든 이미지를 셈: 마지막의 짧은 배치까지 (250장, batch_size=100), "
            "시험 이미지 10,000장에서 참조 구현과 같음"))
def test_accuracy_batches(learner, ref):
    with relies_on(learner, ref, "accuracy", ACCURACY_HELPERS, given=GIVEN):
        network = _kit_weights()
        x_test, t_test = _test_set(learner, "accuracy")
        x, t = x_test[:250], t_test[:250]
        for batch_size in (100, 64):
            call = f"accuracy(network, x_test[:250], t_test[:250], batch_size={batch_size})"
            expect_close(learner.accuracy(network, x, t, batch_size=batch_size),
                         ref.accuracy(network, x, t, batch_size=batch_size), call=call, rtol=0, atol=1e-9,
                         mistakes=_accuracy_mistakes(network, x, t, batch_size))
        # All 10,000 test images, loaded next to the learner's code (they do not travel through the pipe).
        with set_up(learner, "accuracy"):
            (_, _), (x_all, t_all) = kit_call(learner, "load_mnist", normalize=True, one_hot_label=False)
        expect_close(learner.accuracy(network, x_all, t_all), ref.accuracy(network, x_test, t_test),
                     call="accuracy(network, x_test, t_test)", rtol=0, atol=2.5e-4,  # float32 vs float64: 1 image
                     mistakes=_accuracy_mistakes(network, x_test, t_test, 100))


@check(1, T("accuracy matches the reference on random sets of test images and batch sizes",
            "무작위로 고른 시험 이미지와 배치 크기에서 accuracy가 참조 구현과 같음"), hidden=True)
def test_accuracy_random(learner, ref, rng):
    with relies_on(learner, ref, "accuracy", ACCURACY_HELPERS, given=GIVEN):
        network = _kit_weights()
        x_test, t_test = _test_set(learner, "accuracy")
        for _ in range(2):
            n = int(rng.integers(120, 400))
            batch_size = int(rng.integers(7, 90))
            while n % batch_size == 0:
                batch_size += 1
            idx = np.sort(rng.choice(len(x_test), n, replace=False))
            x, t = x_test[idx], t_test[idx].astype(np.int64)
            expect_close(learner.accuracy(network, x, t, batch_size=batch_size),
                         ref.accuracy(network, x, t, batch_size=batch_size),
                         call=f"accuracy(network, x, t, batch_size={batch_size}) with {n} test images",
                         rtol=0, atol=1e-9, mistakes=_accuracy_mistakes(network, x, t, batch_size))


# ---------------------------------------------------------------------------- Part 2: TwoLayerNet and training
@check(1, T("TwoLayerNet: params W1 b1 W2 b2 with the right shapes and scale; predict, loss and accuracy "
            "match the reference",
            "TwoLayerNet: 파라미터 W1 b1 W2 b2의 형상과 크기가 맞고 predict, loss, accuracy가 참조 구현과 같음"))
def test_two_layer_net(learner, ref, rng):
    with relies_on(learner, ref, "TwoLayerNet", HELPERS, given=GIVEN):
        for sizes, std in (((784, 50, 10), None), ((300, 40, 10), 0.5)):
            call = f"TwoLayerNet{sizes}" if std is None else "TwoLayerNet(300, 40, 10, weight_init_std=0.5)"
            net = learner.TwoLayerNet(*sizes) if std is None else learner.TwoLayerNet(*sizes, weight_init_std=std)
            params = _learner_params(net, call)
            std = 0.01 if std is None else std
            for key, shape in _param_shapes(sizes).items():
                value = np.asarray(params[key])
                expect(value.shape == shape, T(f"{call}.params[{key!r}] has shape {value.shape}; expected {shape}",
                                               f"{call}.params[{key!r}]의 형상이 {value.shape}입니다. 기대한 형상: {shape}"),
                       T("W1 has shape (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size, output_size) "
                         "and b2 (output_size,).",
                         "W1의 형상은 (input_size, hidden_size), b1은 (hidden_size,), W2는 (hidden_size, output_size), "
                         "b2는 (output_size,)입니다."))
                if key.startswith("b"):
                    expect(not np.any(value), T(f"{call}.params[{key!r}] should start as zeros",
                                                f"{call}.params[{key!r}]는 0으로 시작해야 합니다"),
                           T(f"Biases start at 0: self.params[{key!r}] = np.zeros(...)",
                             f"편향은 0에서 시작합니다: self.params[{key!r}] = np.zeros(...)"))
                else:
                    spread = float(np.std(value))
                    expect(0.8 * std < spread < 1.25 * std,
                           T(f"The standard deviation of {call}.params[{key!r}] is {spread:.4g}; "
                             f"expected about weight_init_std = {std}",
                             f"{call}.params[{key!r}]의 표준편차가 {spread:.4g}입니다. "
                             f"weight_init_std = {std} 정도여야 합니다"),
                           T(f"self.params[{key!r}] = weight_init_std * np.random.randn(...): use the argument "
                             "weight_init_std, and randn (standard normal), not rand.",
                             f"self.params[{key!r}] = weight_init_std * np.random.randn(...): 인자 weight_init_std를 "
                             "쓰고 rand가 아니라 randn(표준 정규 분포)을 쓰세요."))

        sizes, batch = (5, 4, 3), 7
        values = {"W1": rng.normal(0, 1, (5, 4)), "b1": rng.normal(0, 1, 4),
                  "W2": rng.normal(0, 1, (4, 3)), "b2": rng.normal(0, 1, 3)}
        net = learner.TwoLayerNet(*sizes)
        used = _write_params(net, values, "TwoLayerNet(5, 4, 3)")
        x = rng.normal(0, 1, (batch, 5))
        t = _one_hot(rng.integers(0, 3, batch), 3)
        x[0] *= 0  # and one row of zeros
        reference = ref.TwoLayerNet(*sizes)
        reference.params = {key: value.copy() for key, value in used.items()}

        y = reference.predict(x)
        _expect_probabilities(net.predict(x), y, "net.predict(x)", [
            mistake(_net_predict(used, x, output="sigmoid"), OUTPUT_SOFTMAX_HINT),
            mistake(_net_predict(used, x, output="whole batch"), WHOLE_BATCH_HINT)])
        loss = reference.loss(x, t)
        expect_close(net.loss(x, t), loss, call="net.loss(x, t)", inputs={"t": t}, rtol=1e-6, mistakes=[
            mistake(loss * batch, T("The loss is the cross-entropy error averaged over the mini-batch; use the given "
                                    "cross_entropy_error(self.predict(x), t), which divides by the batch size.",
                                    "손실은 미니배치에 대해 평균한 교차 엔트로피 오차입니다. 배치 크기로 나누는 주어진 "
                                    "cross_entropy_error(self.predict(x), t)를 쓰세요."))],
            hint=T("loss(x, t) is cross_entropy_error(self.predict(x), t).",
                   "loss(x, t)는 cross_entropy_error(self.predict(x), t)입니다."))
        expect_close(net.accuracy(x, t), reference.accuracy(x, t), call="net.accuracy(x, t)",
                     inputs={"t": t}, rtol=0, atol=1e-12,
                     hint=T("accuracy: the fraction of rows where np.argmax(self.predict(x), axis=1) equals "
                            "np.argmax(t, axis=1) (t is one-hot).",
                            "accuracy: np.argmax(self.predict(x), axis=1)가 np.argmax(t, axis=1)와 같은 행의 비율입니다 "
                            "(t는 원-핫)."))


@check(1, T("Gradient check: gradient(x, t) (backpropagation) agrees with numerical_gradient(x, t) for "
            "every parameter, and numerical_gradient leaves params unchanged",
            "기울기 확인: 모든 파라미터에서 gradient(x, t)(오차역전파)가 numerical_gradient(x, t)와 일치하고, "
            "numerical_gradient는 params를 바꾸지 않음"))
def test_gradient_check(learner, ref, rng):
    with relies_on(learner, ref, "TwoLayerNet", HELPERS, given=GIVEN):
        sizes, batch = (4, 5, 3), 6
        values, x, t = _gradient_problem(rng, sizes, batch)
        net = learner.TwoLayerNet(*sizes)
        used = _write_params(net, values, "TwoLayerNet(4, 5, 3)")
        shapes = _param_shapes(sizes)

        numerical = _expect_gradients(net.numerical_gradient(x, t), shapes, "net.numerical_gradient(x, t)",
                                      numerical=True)
        after = net.params
        for key in PARAM_KEYS:
            expect(np.array_equal(np.asarray(after[key], dtype=np.float64), used[key]),
                   T(f"net.numerical_gradient(x, t) changed net.params[{key!r}]",
                     f"net.numerical_gradient(x, t)가 net.params[{key!r}]를 바꿨습니다"),
                   T("Numerical differentiation changes one element at a time and must restore it: "
                     "x[idx] = tmp_val after computing (fxh1 - fxh2) / (2*h). Use the given numerical_gradient.",
                     "수치 미분은 원소를 하나씩 바꾼 뒤 반드시 되돌려야 합니다: (fxh1 - fxh2) / (2*h)를 계산한 뒤 "
                     "x[idx] = tmp_val. 주어진 numerical_gradient를 쓰세요."))
        backprop = _expect_gradients(net.gradient(x, t), shapes, "net.gradient(x, t)")
        low_precision = sorted(key for key in PARAM_KEYS if np.asarray(after[key]).dtype.itemsize < 8)
        precision_hint = T(
            f"net.params {low_precision} are not float64. Numerical differentiation with h = 1e-4 needs float64: "
            "keep the parameters as np.random.randn and np.zeros make them (float64).",
            f"net.params {low_precision}의 자료형이 float64가 아닙니다. h = 1e-4의 수치 미분에는 float64가 필요합니다. "
            "파라미터를 np.random.randn과 np.zeros가 만드는 그대로(float64) 두세요.")

        exact = _backprop(used, x, t)
        for key in PARAM_KEYS:
            error = _rel_error(numerical[key], backprop[key])
            if error <= GRADIENT_TOLERANCE:
                continue
            message = join([
                T(f"Gradient check failed for {key!r}: the relative error between numerical_gradient and gradient "
                  f"is {error:.2e}; it must be below {GRADIENT_TOLERANCE:g}",
                  f"{key!r}의 기울기 확인 실패: numerical_gradient와 gradient의 상대 오차가 {error:.2e}입니다. "
                  f"{GRADIENT_TOLERANCE:g}보다 작아야 합니다"),
                T("  numerical_gradient: ", "  numerical_gradient: ") + show(numerical[key]),
                T("  gradient:           ", "  gradient:           ") + show(backprop[key])])
            if low_precision:
                fail(message, precision_hint)
            matched = None
            if _rel_error(backprop[key], exact[key]) < 1e-9:  # the backward pass is right: the numerical side is off
                forward = _numerical(used, x, t, central=False)[key]
                if _rel_error(numerical[key], forward) < GRADIENT_TOLERANCE / 5:
                    hint = T("Your gradient (backpropagation) is right; numerical_gradient uses the forward difference "
                             "(f(x+h) - f(x)) / h. Use the central difference (f(x+h) - f(x-h)) / (2*h), as the "
                             "given numerical_gradient does.",
                             "gradient(오차역전파)는 맞습니다. numerical_gradient가 전방 차분 (f(x+h) - f(x)) / h를 "
                             "씁니다. 주어진 numerical_gradient처럼 중심 차분 (f(x+h) - f(x-h)) / (2*h)를 쓰세요.")
                else:
                    hint = T(f"Your gradient (backpropagation) is right; numerical_gradient is off for {key!r}. "
                             f"Compute grads[{key!r}] = numerical_gradient(loss_W, self.params[{key!r}]) with the "
                             "given central-difference numerical_gradient and loss_W = lambda W: self.loss(x, t).",
                             f"gradient(오차역전파)는 맞고 numerical_gradient의 {key!r}가 틀렸습니다. 주어진 중심 차분 "
                             f"numerical_gradient와 loss_W = lambda W: self.loss(x, t)로 "
                             f"grads[{key!r}] = numerical_gradient(loss_W, self.params[{key!r}])를 구하세요.")
            else:
                matched = next((h for c, h in _backprop_mistakes(used, x, t, key)
                                if _rel_error(backprop[key], c) < 1e-9), None)
                hint = matched or T(
                    f"Backpropagation is off for {key!r}. Go through the backward pass step by step: "
                    "dy = (y - t) / batch_num; grads['W2'] = np.dot(z1.T, dy); grads['b2'] = np.sum(dy, axis=0); "
                    "dz1 = np.dot(dy, W2.T); da1 = sigmoid_grad(a1) * dz1; grads['W1'] = np.dot(x.T, da1); "
                    "grads['b1'] = np.sum(da1, axis=0).",
                    f"{key!r}의 오차역전파가 틀렸습니다. 역전파를 한 단계씩 확인하세요: dy = (y - t) / batch_num; "
                    "grads['W2'] = np.dot(z1.T, dy); grads['b2'] = np.sum(dy, axis=0); dz1 = np.dot(dy, W2.T); "
                    "da1 = sigmoid_grad(a1) * dz1; grads['W1'] = np.dot(x.T, da1); grads['b1'] = np.sum(da1, axis=0).")
            # a diagnosis of the learner's own numbers names the cause (see grader.checking.check.relies_on)
            fail(message, hint, named=_rel_error(backprop[key], exact[key]) < 1e-9 or matched is not None)


@check(1, T("gradient (backpropagation) matches the reference's on random networks and mini-batches",
            "무작위 신경망과 미니배치에서 gradient(오차역전파)가 참조 구현과 같음"), hidden=True)
def test_gradient_reference(learner, ref, rng):
    with relies_on(learner, ref, "TwoLayerNet", HELPERS, given=GIVEN):
        n_in, n_hidden, n_out = (int(v) for v in rng.integers(3, 8, size=3))
        batch = int(rng.integers(5, 13))
        while batch in (n_hidden, n_out, n_in):
            batch += 1
        sizes = (n_in, n_hidden, n_out)
        values, x, t = _gradient_problem(rng, sizes, batch)
        net = learner.TwoLayerNet(*sizes)
        used = _write_params(net, values, f"TwoLayerNet{sizes}")
        got = _expect_gradients(net.gradient(x, t), _param_shapes(sizes), "net.gradient(x, t)")
        reference = ref.TwoLayerNet(*sizes)
        reference.params = {key: value.copy() for key, value in used.items()}
        expected = reference.gradient(x, t)
        for key in PARAM_KEYS:
            expect_array(got[key], expected[key], call=f"net.gradient(x, t)[{key!r}]", rtol=1e-6, atol=1e-10,
                         mistakes=_backprop_mistakes(used, x, t, key),
                         hint=T("Compare with the lecture's backward pass: dy = (y - t) / batch_num; "
                                "grads['W2'] = np.dot(z1.T, dy); grads['b2'] = np.sum(dy, axis=0); "
                                "da1 = sigmoid_grad(a1) * np.dot(dy, W2.T); grads['W1'] = np.dot(x.T, da1); "
                                "grads['b1'] = np.sum(da1, axis=0).",
                                "강의의 역전파와 비교하세요: dy = (y - t) / batch_num; grads['W2'] = np.dot(z1.T, dy); "
                                "grads['b2'] = np.sum(dy, axis=0); da1 = sigmoid_grad(a1) * np.dot(dy, W2.T); "
                                "grads['W1'] = np.dot(x.T, da1); grads['b1'] = np.sum(da1, axis=0)."))


def _save_learning_curve(learner, history, request) -> None:
    """Save the learner's own plot_history figure as a PNG next to their code; the report names it.  The
    figure is drawn where it lives (the learner's process, whose sandbox may keep it out of the learner's
    folder) and the grader writes the bytes, if they are a PNG."""
    folder = target_dir(request.config) / "grade-output"
    path = folder / LEARNING_CURVE
    try:
        if folder.is_symlink():
            return  # made by code that could write the learner's folder: nothing is removed or written elsewhere
        path.unlink(missing_ok=True)  # never report a curve from an earlier run
        data = fetch(kit_call(learner, "figure_png", learner.plot_history(history)))
        if type(data) is not bytes or len(data) > PNG_LIMIT or not data.startswith(b"\x89PNG\r\n\x1a\n") \
                or folder.is_symlink():
            return  # the learner's process drew it: only a picture of a picture's size is written
        write_atomic(path, data)
    except Exception:  # noqa: BLE001 - plot_history has its own check; the curve is a bonus
        return
    request.node.user_properties.append(("artifact", str(path)))


def _training_hint(losses, history_test, accuracy):
    """Name the likely mistake from the symptoms of a training run that fell short."""
    first, last = float(np.mean(losses[:100])), float(np.mean(losses[-100:]))
    if not np.isfinite(last) or last > first * 1.05:
        return T(f"The loss grew during training (mean {first:.3g} over the first 100 iterations, {last:.3g} "
                 "over the last 100). Gradient descent moves against the gradient: "
                 "network.params[key] -= learning_rate * grad[key].",
                 f"학습하는 동안 손실이 커졌습니다(처음 100회 평균 {first:.3g}, 마지막 100회 평균 {last:.3g}). "
                 "경사 하강법은 기울기의 반대 방향으로 이동합니다: network.params[key] -= learning_rate * grad[key].")
    if abs(last - first) < 0.05 * first:
        return T(f"The loss hardly changed (about {last:.3g}): the parameters were not updated. Update every "
                 "parameter of the network passed in, in place: for key in ('W1', 'b1', 'W2', 'b2'): "
                 "network.params[key] -= learning_rate * grad[key].",
                 f"손실이 거의 변하지 않았습니다(약 {last:.3g}). 파라미터가 갱신되지 않았습니다. 전달받은 신경망의 "
                 "모든 파라미터를 그 자리에서 갱신하세요: for key in ('W1', 'b1', 'W2', 'b2'): "
                 "network.params[key] -= learning_rate * grad[key].")
    if last < 0.05:
        return T(f"The loss on the mini-batches fell to {last:.3g} but the test accuracy is only {accuracy:.4f}: "
                 "the network memorised the same few images. Draw a new random mini-batch in every iteration: "
                 "batch_mask = np.random.choice(train_size, batch_size); x_batch = x_train[batch_mask].",
                 f"미니배치의 손실은 {last:.3g}까지 내려갔지만 시험 정확도는 {accuracy:.4f}뿐입니다. 같은 몇 장의 "
                 "이미지를 외운 것입니다. 반복마다 새로운 무작위 미니배치를 뽑으세요: "
                 "batch_mask = np.random.choice(train_size, batch_size); x_batch = x_train[batch_mask].")
    if history_test and history_test[-1] >= MIN_TEST_ACCURACY and accuracy < 0.5:
        return T("Your history reports a good test accuracy, but the network passed to train did not learn: "
                 "train must update that network's params, not a new network or a copy.",
                 "기록된 시험 정확도는 좋지만 train에 전달된 신경망은 학습되지 않았습니다. train은 새 신경망이나 "
                 "복사본이 아니라 전달받은 신경망의 params를 갱신해야 합니다.")
    return T("Compare with the lecture's train_neuralnet.py: 10,000 iterations; each draws a random mini-batch of "
             "100 images, computes network.gradient(x_batch, t_batch) and updates every parameter with "
             "learning_rate = 0.1. Check the gradient checks above too.",
             "강의의 train_neuralnet.py와 비교하세요: 10,000회 반복하며, 매번 100장의 무작위 미니배치를 뽑아 "
             "network.gradient(x_batch, t_batch)를 구하고 learning_rate = 0.1로 모든 파라미터를 갱신합니다. "
             "위의 기울기 확인 검사도 확인하세요.")


def _watch_training(learner, net):
    """A TrainingMonitor watching ``net``'s class next to the learner's code (None if it cannot)."""
    reports = is_remote(learner) and hasattr(learner._process, "progress")  # a worker: its output carries them
    if is_remote(learner) and not reports:
        return None  # served in this process (a notebook's namespace): nothing would carry the numbers
    monitor = put(learner, TrainingMonitor(test_size=10000, report=reports))
    try:
        monitor.attach(net)
    except LearnerError:  # the learner's side is not as the grader left it: no progress, no harm
        return None
    return monitor


def _progress_numbers(learner, monitor) -> dict | None:
    """What the monitor last reported (from a worker: checked numbers; see untrusted_progress)."""
    if monitor is None:
        return None
    return getattr(learner._process, "progress", None) if is_remote(learner) else monitor.state


def _training_progress(learner, monitor, lang: str):
    """The progress line of the training run (see grader.render.progress.training_status)."""
    return training_status(_progress_numbers(learner, monitor), 10000, lang)


def _train_timeout(seconds: float, progress: dict | None):
    """The message of a training run that ran out of time, with how far it got."""
    text = T(f"train(network, x_train, t_train, x_test, t_test) did not finish within {seconds:g} s "
             "(the reference needs well under a minute)",
             f"train(network, x_train, t_train, x_test, t_test) 호출이 {seconds:g}초 안에 끝나지 "
             "않았습니다(참조 구현은 1분도 걸리지 않습니다)")
    done = (progress or {}).get("iterations")
    if done:
        text = text + T(f"; by then it had done {done:,} of the 10,000 iterations",
                        f". 그때까지 10,000회 중 {done:,}회를 반복했습니다")
    return text


def _stop_watching(monitor) -> None:
    if monitor is None or (is_remote(monitor) and not getattr(monitor._process, "alive", True)):
        return  # the worker is gone (a time-out, a crash), and the monitor with it
    try:
        monitor.detach()
    except LearnerProblem:
        pass


def _relu_logits(params, x):
    return np.maximum(0, x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def _network_kind(net, params, x):
    """"sigmoid" (the lecture's network), "relu" (the book's chapter 5 network) or None (neither),
    from what the learner's own predict gives (probabilities or scores) on a few test images."""
    try:
        got = np.asarray(net.predict(x), dtype=np.float64)
    except (LearnerProblem, TypeError, ValueError):
        return None
    for kind, logits in (("sigmoid", _net_logits(params, x)), ("relu", _relu_logits(params, x))):
        if any(got.shape == want.shape and np.allclose(got, want, rtol=1e-4, atol=1e-6)
               for want in (logits, _softmax_rows(logits))):
            return kind
    return None


def _not_the_lecture_network(kind, params, x, t, accuracy, call):
    """Fail with what the learner's network is when it is not the lecture's sigmoid network."""
    lecture = T("This exercise trains the lecture's two-layer network: a1 = np.dot(x, W1) + b1, z1 = sigmoid(a1), "
                "a2 = np.dot(z1, W2) + b2, y = softmax(a2), and gradient uses sigmoid_grad(a1); the grader measures "
                "the accuracy of that network with your trained parameters.",
                "이 실습은 강의의 2층 신경망을 학습합니다: a1 = np.dot(x, W1) + b1, z1 = sigmoid(a1), "
                "a2 = np.dot(z1, W2) + b2, y = softmax(a2)이고 gradient는 sigmoid_grad(a1)을 씁니다. 채점기는 "
                "학습된 파라미터로 그 신경망의 정확도를 잽니다.")
    if kind == "relu":
        own = float(np.mean(np.argmax(_relu_logits(params, x), axis=1) == t))
        fail(T(f"Your TwoLayerNet is not the lecture's network: its hidden layer uses ReLU (the book's chapter 5 "
               f"network). With the lecture's sigmoid hidden layer, the parameters after {call} classify "
               f"{accuracy:.4f} of the test images correctly; your ReLU network itself classifies {own:.4f}.",
               f"TwoLayerNet이 강의의 신경망이 아닙니다. 은닉층에 ReLU를 씁니다(책 5장의 신경망). {call} 후의 "
               f"파라미터를 강의의 시그모이드 은닉층으로 계산하면 시험 이미지를 맞힌 비율이 {accuracy:.4f}이고, "
               f"여러분의 ReLU 신경망 자체로는 {own:.4f}입니다."),
             T("Use the sigmoid function in the hidden layer instead of ReLU (a Sigmoid layer in place of the Relu "
               "layer, if you build the network from layers). ", "은닉층에 ReLU 대신 시그모이드 함수를 쓰세요(계층으로 "
               "만들었다면 Relu 계층 자리에 Sigmoid 계층). ") + lecture, named=True)
    fail(T(f"Your TwoLayerNet's predict is not the lecture's network, so its accuracy cannot be measured as the "
           f"lecture's: with the lecture's network, the parameters after {call} classify {accuracy:.4f} of the "
           "test images correctly.",
           f"TwoLayerNet의 predict가 강의의 신경망이 아니어서 강의의 신경망으로 정확도를 잴 수 없습니다. {call} 후의 "
           f"파라미터를 강의의 신경망으로 계산하면 시험 이미지를 맞힌 비율이 {accuracy:.4f}입니다."),
         T("Check TwoLayerNet first (see its check); ", "먼저 TwoLayerNet을 고치세요(해당 검사 참고). ") + lecture)


def _history_list(history, key, call):
    value = history[key]
    if isinstance(value, np.ndarray):
        value = value.tolist()
    expect(isinstance(value, (list, tuple)),
           T(f"{call}[{key!r}] is a {type(value).__name__}, not a list",
             f"{call}[{key!r}]의 자료형이 리스트가 아니라 {type(value).__name__}입니다"),
           T(f"Append one number per record: history[{key!r}].append(...).",
             f"기록할 때마다 숫자 하나를 추가하세요: history[{key!r}].append(...)."))
    try:
        return [float(v) for v in value]
    except (TypeError, ValueError):
        fail(T(f"{call}[{key!r}] should hold numbers; got {show(value, 160)}",
               f"{call}[{key!r}]에는 숫자가 있어야 합니다. 결과: {show(value, 160)}"))


@check(1, T("train with the default budget (10,000 iterations, batch 100, learning rate 0.1) reaches a test "
            "accuracy of at least 0.94 and returns the loss per iteration and the accuracies per epoch",
            "기본 설정(10,000회 반복, 배치 100, 학습률 0.1)으로 train하면 시험 정확도가 0.94 이상이고, 반복마다의 손실과 "
            "에폭마다의 정확도를 반환"), timeout=TRAIN_TIMEOUT)
def test_train(learner, ref, seed, request):
    monitor = None
    # read here, in the grader, before train runs (see fresh.task_seed)
    source = fresh.module_source(target_dir(request.config) / exercises.find(EXERCISE).filename)
    with relies_on(learner, ref, "train", _network_probe(learner), always=("TwoLayerNet",), given=GIVEN):
        with working(T("exercise-10: training your network on MNIST (10,000 iterations)",
                       "exercise-10: MNIST로 신경망 학습 중 (10,000회 반복)"), config=request.config,
                     status=lambda lang: _training_progress(learner, monitor, lang)):
            with set_up(learner, "train"):
                (x_train, t_train), (x_test, t_test) = kit_call(learner, "load_mnist", normalize=True,
                                                                one_hot_label=True)
            net = learner.TwoLayerNet(784, 50, 10)
            monitor = _watch_training(learner, net)
            try:
                history = learner.train(net, x_train, t_train, x_test, t_test, seed=seed)
                _stop_watching(monitor)
            except LearnerError:
                _stop_watching(monitor)
                raise
            except LearnerTimeout as exc:
                fail(_train_timeout(exc.seconds, _progress_numbers(learner, monitor)),
                     T("Compute the gradient with network.gradient (backpropagation), not numerical_gradient, which "
                       "needs two forward passes per parameter; and measure the accuracies once per epoch "
                       "(if i % iter_per_epoch == 0), not in every iteration.",
                       "기울기는 numerical_gradient(파라미터마다 순전파 두 번)가 아니라 network.gradient(오차역전파)로 "
                       "구하고, 정확도는 반복마다가 아니라 에폭마다 한 번(if i % iter_per_epoch == 0) 측정하세요."))
            _save_learning_curve(learner, history, request)
        call = "train(network, x_train, t_train, x_test, t_test)"
        expect_type(history, dict, call=call, what=T("a dict", "dict(딕셔너리)"),
                    hint=T("Return the three lists in a dict: return {'train_loss': train_loss_list, "
                           "'train_acc': train_acc_list, 'test_acc': test_acc_list}",
                           "세 리스트를 dict로 반환하세요: return {'train_loss': train_loss_list, "
                           "'train_acc': train_acc_list, 'test_acc': test_acc_list}"))
        missing = [key for key in ("train_loss", "train_acc", "test_acc") if key not in history]
        expect(not missing, T(f"The dict returned by {call} has no keys {missing}",
                              f"{call}의 반환값인 dict에 없는 키: {missing}"))
        losses = _history_list(history, "train_loss", call)
        train_acc = _history_list(history, "train_acc", call)
        test_acc = _history_list(history, "test_acc", call)
        expect(len(losses) == 10000,
               T(f"history['train_loss'] has {len(losses)} entries; with the default iters_num=10000 it should hold "
                 "one loss per iteration (10000)",
                 f"history['train_loss']의 항목이 {len(losses)}개입니다. 기본값 iters_num=10000이면 반복마다 손실 하나씩 "
                 "(10000개)여야 합니다"),
               T("Keep the defaults iters_num=10000, batch_size=100, learning_rate=0.1 and append "
                 "network.loss(x_batch, t_batch) in every iteration.",
                 "기본값 iters_num=10000, batch_size=100, learning_rate=0.1을 유지하고 반복마다 "
                 "network.loss(x_batch, t_batch)를 추가하세요."))

        params = {key: np.asarray(value, dtype=np.float64) for key, value in _learner_params(net, "network").items()}
        x, t = _test_set(learner, "train")
        predicted = np.argmax(_net_predict(params, x.astype(np.float64)), axis=1)
        accuracy = float(np.mean(predicted == t))
        if not accuracy >= MIN_TEST_ACCURACY:
            kind = _network_kind(net, params, x[:50].astype(np.float64))
            if kind != "sigmoid":
                _not_the_lecture_network(kind, params, x.astype(np.float64), t, accuracy, call)
            fail(T(f"After {call}, the network classifies {accuracy:.4f} of the test images correctly; "
                   f"at least {MIN_TEST_ACCURACY} is expected (the lecture's run reaches about 0.945)",
                   f"{call} 후 신경망이 시험 이미지의 {accuracy:.4f}를 맞혔습니다. {MIN_TEST_ACCURACY} 이상이어야 "
                   "합니다(강의의 실행은 약 0.945)"),
                 _training_hint(losses, test_acc, accuracy))

        expected_counts = (16, 17)  # at the start (i = 0, 600, ..., 9600) or the end of each epoch
        for key, values in (("train_acc", train_acc), ("test_acc", test_acc)):
            expect(len(values) in expected_counts,
                   T(f"history[{key!r}] has {len(values)} entries; it should hold one accuracy per epoch: "
                     "10,000 iterations of 600 (= 60000 / 100) give 17 (i % iter_per_epoch == 0)",
                     f"history[{key!r}]의 항목이 {len(values)}개입니다. 에폭마다 정확도 하나여야 합니다: "
                     "600(= 60000 / 100)회씩 10,000회 반복하면 17개입니다 (i % iter_per_epoch == 0)"),
                   T("One epoch is iter_per_epoch = max(train_size / batch_size, 1) iterations; record both accuracies "
                     "when i % iter_per_epoch == 0.",
                     "한 에폭은 iter_per_epoch = max(train_size / batch_size, 1)회 반복입니다. "
                     "i % iter_per_epoch == 0일 때 두 정확도를 기록하세요."))
            expect(all(0.0 <= v <= 1.0 for v in values),
                   T(f"history[{key!r}] holds values outside 0 ... 1: {show(values, 200)}",
                     f"history[{key!r}]에 0 ... 1 밖의 값이 있습니다: {show(values, 200)}"),
                   T("Record network.accuracy(...), a fraction between 0 and 1.",
                     "0과 1 사이의 비율인 network.accuracy(...)를 기록하세요."))
        expect(test_acc[-1] > test_acc[0] and train_acc[-1] > train_acc[0],
               T(f"The recorded accuracies did not rise: train_acc {show(train_acc, 160)}, test_acc {show(test_acc, 160)}",
                 f"기록된 정확도가 오르지 않았습니다: train_acc {show(train_acc, 160)}, test_acc {show(test_acc, 160)}"),
               T("Record network.accuracy(x_train, t_train) and network.accuracy(x_test, t_test) of the network "
                 "being trained, inside the loop.",
                 "반복문 안에서 학습 중인 신경망의 network.accuracy(x_train, t_train)와 "
                 "network.accuracy(x_test, t_test)를 기록하세요."))
        _learn_fresh_task(learner, request, source)


def _learn_fresh_task(learner, request, source: bytes | None) -> None:
    """train must also learn a task drawn for this run, measured on images that stay here (see ex10_fresh_task)."""
    task = fresh.draw_task(fresh.task_seed(request.config, request.node.name, source))
    net = learner.TwoLayerNet(784, 50, 10)
    with working(fresh.WORKING, config=request.config):
        try:
            learner.train(net, task.x_train, task.t_train, task.x_test, task.t_test, iters_num=fresh.ITERS_NUM,
                          batch_size=fresh.BATCH_SIZE, seed=task.train_seed)
        except LearnerTimeout as exc:
            fail(fresh.timed_out(exc.seconds), fresh.HINT)
        except LearnerError as exc:  # named as the call on the fresh task: MNIST's went well
            learner_failed(fresh.ON_TASK, exc.info, fresh.HINT)
    accuracy = fresh.held_out_accuracy(_learner_params(net, "network"), task)
    expect(accuracy >= fresh.MIN_ACCURACY, fresh.what_happened(accuracy, task), fresh.HINT)


@check(1, T("plot_history returns a Figure with lines 'train acc' and 'test acc': the accuracies per epoch",
            "plot_history는 에폭별 정확도를 그린 'train acc', 'test acc' 선이 있는 Figure를 반환"))
def test_plot_history(learner, rng):
    n = 17
    train_acc = np.clip(np.linspace(0.11, 0.95, n) ** 0.3 + rng.normal(0, 0.003, n), 0, 1).round(4).tolist()
    test_acc = np.clip(np.array(train_acc) - 0.004 + rng.normal(0, 0.003, n), 0, 1).round(4).tolist()
    losses = np.linspace(2.3, 0.2, 200).round(4).tolist()
    history = {"train_loss": losses, "train_acc": train_acc, "test_acc": test_acc}
    call = "plot_history(history)"
    info = figure_info(learner.plot_history(history), call)
    swapped = T("The lines are swapped: 'train acc' shows history['train_acc'] and 'test acc' history['test_acc'].",
                "선이 바뀌었습니다: 'train acc'는 history['train_acc']를, 'test acc'는 history['test_acc']를 그립니다.")
    for label, values, other in (("train acc", train_acc, test_acc), ("test acc", test_acc, train_acc)):
        line = line_labelled(info, label, call)
        expect_array(line["y"], values, call=f"the y data of the {label!r} line", rtol=1e-9,
                     mistakes=[mistake(other, swapped)],
                     hint=T(f"Plot history[{label.replace(' ', '_')!r}] against the epochs.",
                            f"history[{label.replace(' ', '_')!r}]를 에폭에 대해 그리세요."))
        x = np.asarray(line["x"], dtype=float)
        expect(x.shape == (n,) and (np.array_equal(x, np.arange(n)) or np.array_equal(x, np.arange(1, n + 1))),
               T(f"The x data of the {label!r} line should be the epochs 0 ... {n - 1} (or 1 ... {n}); "
                 f"got {show(x, 160)}",
                 f"{label!r} 선의 x 데이터는 에폭 0 ... {n - 1} (또는 1 ... {n})이어야 합니다. 결과: {show(x, 160)}"),
               T("x = np.arange(len(history['train_acc'])); ax.plot(x, history['train_acc'], label='train acc').",
                 "x = np.arange(len(history['train_acc'])); ax.plot(x, history['train_acc'], label='train acc')."))
