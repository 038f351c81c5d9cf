"""exercise-09 · computational graphs and the layers' backward passes (10 points).

Every ``backward`` is compared twice: with the reference, and with a numerical
gradient (central difference) that the grader computes on the learner's OWN
``forward``, one element at a time (a *gradient check*).  For a layer with
output ``out`` and upstream derivative ``dout`` the checked scalar is
``sum(dout * forward(x))``, whose gradient is what ``backward(dout)`` returns.
The numerical gradient uses a separate "probe" instance of the layer so that
the instance under test keeps the state of its own ``forward``.

Tolerances: Mul/Add/Relu/Affine are (piece-wise) linear, so the central
difference is exact up to rounding (~1e-10); Sigmoid's h**2 term is ~1e-11.
SoftmaxWithLoss: see :func:`test_softmax_with_loss`.
"""
import numpy as np

from grader.checking.check import (T, Probe, call_or_fail, check, expect, expect_array, expect_close, fail, mistake,
                                    relies_on, show)
from grader.i18n import Text, josa, plain
from grader.sandbox.proxy import call_each, fetch, put

GIVEN = ("softmax", "cross_entropy_error")  # helpers the exercise file gives ready-made (see relies_on)
EXERCISE = "exercise-09"

H = 1e-5  # step of the grader's numerical gradient
DELTA = 1e-7  # the delta inside cross_entropy_error's log


# ---------------------------------------------------------------------------- helpers
def _numeric_rebuilt(layer_class, build, at, x, dout, h=H):
    """Central-difference gradient of ``v -> dout . layer_class(*build(v)).forward(x)`` at the array ``at``
    (a parameter the layer is built with), with every layer built in one request."""
    at = np.array(at, dtype=float)
    points = []
    for idx in np.ndindex(at.shape):
        plus, minus = at.copy(), at.copy()
        plus[idx] += h
        minus[idx] -= h
        points += [build(plus), build(minus)]
    values = [_dot(dout, layer.forward(x)) for layer in call_each(layer_class, points)]
    grad = np.zeros_like(at)
    for k, idx in enumerate(np.ndindex(at.shape)):
        grad[idx] = (values[2 * k] - values[2 * k + 1]) / (2 * h)
    return grad


def _numeric_forward(forward, x, *, inputs=lambda v: (v,), scalar=float, h=H):
    """The gradient that :func:`_numeric` gives for ``v -> scalar(forward(*inputs(v)))`` at ``x``, with
    every call of the learner's ``forward`` (plus and minus each element, in that order) in one request."""
    x = np.array(x, dtype=float)
    points = []
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += h
        minus[idx] -= h
        points += [inputs(plus), inputs(minus)]
    values = [scalar(out) for out in call_each(forward, points)]
    grad = np.zeros_like(x)
    for k, idx in enumerate(np.ndindex(x.shape)):
        grad[idx] = (values[2 * k] - values[2 * k + 1]) / (2 * h)
    return grad


def _dot(dout, out):
    return float(np.sum(np.asarray(dout, dtype=float) * np.asarray(out, dtype=float)))


def _pair(got, call):
    """``backward`` of Mul/AddLayer returns two derivatives ``(dx, dy)``."""
    if got is None:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"),
             T("backward returns both derivatives: return dx, dy.", "backward는 두 미분을 모두 반환합니다: return dx, dy."))
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(T(f"{call} returned {show(got, 160)}; expected a pair (dx, dy)",
               f"{josa(call, '이')} {josa(show(got, 160), '을')} 반환했습니다. (dx, dy) 두 값이 필요합니다"),
             T("backward returns the derivatives for both inputs: return dx, dy.",
               "backward는 두 입력 각각의 미분을 반환합니다: return dx, dy."))
    return got


def _gradient_check(got, numeric, *, what, inputs=None, mask=None, rtol=1e-6, atol=1e-7):
    """``got`` (a backward result) must agree with the numerical gradient of the learner's forward."""
    got_arr = np.asarray(got, dtype=float)
    if mask is not None:
        got_arr, numeric = got_arr[mask], numeric[mask]
    what = what if isinstance(what, Text) else plain(what)
    expect_array(got_arr, numeric, call=T(f"{what.en} vs the numerical gradient of your forward",
                                          f"{what.ko}: 여러분의 forward를 수치 미분한 기울기와 비교"), inputs=inputs,
                 rtol=rtol, atol=atol,
                 hint=T("Gradient check: backward must agree with a numerical gradient (central difference) of your "
                        "own forward. If both match the expected values elsewhere, forward probably stores "
                        "something backward does not use, or backward reads a value from an earlier call.",
                        "기울기 확인: backward는 여러분의 forward를 수치 미분(중심 차분)한 값과 같아야 합니다. "
                        "forward가 저장한 값과 backward가 쓰는 값이 다르지 않은지, 이전 호출의 값을 쓰지 않는지 "
                        "확인하세요."))


def _attribute(layer, name: str, call):
    value = getattr(layer, name)
    if value is None:
        call = call if isinstance(call, Text) else plain(call)
        fail(T(f"After {call.en}, layer.{name} is None", f"{call.ko} 뒤에도 layer.{josa(name, '이')} None입니다"),
             T(f"backward must store the derivative of the parameter: self.{name} = ...",
               f"backward에서 매개변수의 미분을 저장해야 합니다: self.{name} = ..."))
    return value


HINT_TIMES_DOUT = T("Chain rule: multiply the local derivative by the upstream derivative dout.",
                    "연쇄법칙: 국소적 미분에 상류에서 온 미분 dout을 곱하세요.")


# ---------------------------------------------------------------------------- MulLayer, AddLayer
HINT_SWAP = T("The multiplication node swaps its inputs: dx = dout * y and dy = dout * x "
              "(d(xy)/dx = y). Remember x and y in forward.",
              "곱셈 노드는 입력을 서로 바꿔 곱합니다: dx = dout * y, dy = dout * x (d(xy)/dx = y). "
              "forward에서 x와 y를 기억하세요.")


@check(1, T("MulLayer: forward(100, 2) is 200 and backward(1.1) is (2.2, 110); on arrays dx = dout*y, dy = dout*x "
            "(gradient check)",
            "MulLayer: forward(100, 2)는 200, backward(1.1)은 (2.2, 110); 배열에서 dx = dout*y, dy = dout*x "
            "(기울기 확인)"))
def test_mul_layer(learner, rng):
    layer = learner.MulLayer()
    expect_close(layer.forward(100, 2), 200, call="MulLayer().forward(100, 2)")
    dx, dy = _pair(layer.backward(1.1), "layer.backward(1.1)")
    expect_close(dx, 2.2, call=T("dx of layer.backward(1.1) after forward(100, 2)", "forward(100, 2) 뒤 layer.backward(1.1)의 dx"), rtol=1e-9,
                 mistakes=[mistake(110.0, HINT_SWAP), mistake(2.0, HINT_TIMES_DOUT)], hint=HINT_SWAP)
    expect_close(dy, 110.0, call=T("dy of layer.backward(1.1) after forward(100, 2)", "forward(100, 2) 뒤 layer.backward(1.1)의 dy"), rtol=1e-9,
                 mistakes=[mistake(2.2, HINT_SWAP), mistake(100.0, HINT_TIMES_DOUT)], hint=HINT_SWAP)

    x, y, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    inputs = {"x": x, "y": y, "dout": dout}
    layer = learner.MulLayer()
    expect_array(layer.forward(x, y), x * y, call="MulLayer().forward(x, y)", inputs={"x": x, "y": y}, rtol=1e-12)
    dx, dy = _pair(layer.backward(dout), "layer.backward(dout)")
    expect_array(dx, dout * y, call=T("dx of layer.backward(dout)", "layer.backward(dout)의 dx"), inputs=inputs, rtol=1e-9,
                 mistakes=[mistake(dout * x, HINT_SWAP), mistake(y, HINT_TIMES_DOUT)], hint=HINT_SWAP)
    expect_array(dy, dout * x, call=T("dy of layer.backward(dout)", "layer.backward(dout)의 dy"), inputs=inputs, rtol=1e-9,
                 mistakes=[mistake(dout * y, HINT_SWAP), mistake(x, HINT_TIMES_DOUT)], hint=HINT_SWAP)
    probe = learner.MulLayer()
    _gradient_check(dx, _numeric_forward(probe.forward, x, inputs=lambda v: (v, y), scalar=lambda out: _dot(dout, out)), what="dx", inputs=inputs)
    _gradient_check(dy, _numeric_forward(probe.forward, y, inputs=lambda v: (x, v), scalar=lambda out: _dot(dout, out)), what="dy", inputs=inputs)


HINT_ADD = T("The addition node passes dout unchanged to both inputs: return dout * 1, dout * 1.",
             "덧셈 노드는 dout을 그대로 양쪽 입력에 전달합니다: return dout * 1, dout * 1.")


@check(0.5, T("AddLayer: forward(200, 450) is 650 and backward passes dout unchanged to both inputs (gradient check)",
              "AddLayer: forward(200, 450)는 650, backward는 dout을 그대로 두 입력에 전달 (기울기 확인)"))
def test_add_layer(learner, rng):
    layer = learner.AddLayer()
    expect_close(layer.forward(200, 450), 650, call="AddLayer().forward(200, 450)")
    dx, dy = _pair(layer.backward(1.1), "layer.backward(1.1)")
    for name, got in (("dx", dx), ("dy", dy)):
        expect_close(got, 1.1, call=T(f"{name} of layer.backward(1.1)", f"layer.backward(1.1)의 {name}"), rtol=1e-12,
                     mistakes=[mistake(1.0, HINT_TIMES_DOUT), mistake(0.0, HINT_ADD)], hint=HINT_ADD)
    x, y, dout = rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    inputs = {"x": x, "y": y, "dout": dout}
    layer = learner.AddLayer()
    expect_array(layer.forward(x, y), x + y, call="AddLayer().forward(x, y)", inputs={"x": x, "y": y}, rtol=1e-12)
    dx, dy = _pair(layer.backward(dout), "layer.backward(dout)")
    probe = learner.AddLayer()
    for name, got, numeric in (
            ("dx", dx, _numeric_forward(probe.forward, x, inputs=lambda v: (v, y), scalar=lambda out: _dot(dout, out))),
            ("dy", dy, _numeric_forward(probe.forward, y, inputs=lambda v: (x, v), scalar=lambda out: _dot(dout, out)))):
        expect_array(np.broadcast_to(got, dout.shape) if isinstance(got, (int, float, np.number)) else got, dout,
                     call=T(f"{name} of layer.backward(dout)", f"layer.backward(dout)의 {name}"), inputs=inputs, rtol=1e-12,
                     mistakes=[mistake(np.ones_like(dout), HINT_TIMES_DOUT), mistake(np.zeros_like(dout), HINT_ADD)],
                     hint=HINT_ADD)
        _gradient_check(got, numeric, what=name, inputs=inputs)


# ---------------------------------------------------------------------------- the shopping graphs
HINT_ORDER = T("Run backward in the reverse order of forward: dapple_price, dtax = mul_tax_layer.backward(dprice) "
               "first, then mul_apple_layer.backward(dapple_price) - the apple layer gets the derivative that "
               "came back from the tax layer, not dprice.",
               "역전파는 순전파의 반대 순서입니다: 먼저 dapple_price, dtax = mul_tax_layer.backward(dprice), "
               "그다음 mul_apple_layer.backward(dapple_price). 사과 계층에는 dprice가 아니라 세금 계층에서 "
               "돌아온 미분을 넘기세요.")
HINT_PAIR_ORDER = T("backward returns (dx, dy) in the order of forward's arguments: forward(apple, apple_num) "
                    "gives dapple, dapple_num = backward(...).",
                    "backward는 forward 인수 순서대로 (dx, dy)를 반환합니다: forward(apple, apple_num)이면 "
                    "dapple, dapple_num = backward(...)입니다.")


def _run_layer(module, name):
    """A small forward and backward through layer ``name`` of ``module`` (the learner's or the reference's)."""
    x = np.array([[0.5, -1.0, 2.0], [-0.2, 0.0, 1.5]])
    dout = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])
    if name in ("MulLayer", "AddLayer"):
        layer = getattr(module, name)()
        return layer.forward(3.0, 5.0), layer.backward(2.0)
    if name == "SoftmaxWithLoss":
        layer = module.SoftmaxWithLoss()
        return layer.forward(x, np.array([[0, 0, 1], [1, 0, 0]])), layer.backward()
    if name == "Affine":
        layer = module.Affine(np.array([[0.2, -0.5], [1.0, 0.3], [-0.7, 0.4]]), np.array([0.1, -0.2]))
        out = layer.forward(x)
        return out, layer.backward(dout[:, :2]), layer.dW, layer.db
    layer = getattr(module, name)()
    return layer.forward(x), layer.backward(dout)


def layer_probes(*names):
    """Probes of the learner's layers (see :class:`grader.checking.check.relies_on`)."""
    return {name: [Probe(name, run=lambda module, name=name: _run_layer(module, name))] for name in names}


GIVEN_HELPERS = {"softmax": [(np.array([[0.3, 2.9, 4.0], [1010.0, 1000.0, 990.0]]),), (np.array([0.3, 2.9, 4.0]),)],
                 "cross_entropy_error": [(np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]), np.array([1, 0])),
                                         (np.array([0.1, 0.7, 0.2]), np.array([0, 1, 0]))]}


def _shopping(learner, ref, name, expected, mistakes, hint):
    with relies_on(learner, ref, name, layer_probes("MulLayer", "AddLayer"), given=GIVEN):
        _shopping_graph(learner, name, expected, mistakes, hint)


def _shopping_graph(learner, name, expected, mistakes, hint):
    call = f"{name}()"
    got = getattr(learner, name)()
    if not isinstance(got, dict):
        fail(T(f"{call} returned {show(got, 160)}, not a dict", f"{josa(call, '이')} dict가 아니라 {josa(show(got, 160), '을')} 반환했습니다"),
             T(f"Return a dict with the keys {sorted(expected)}.", f"키 {josa(sorted(expected), '을')} 가진 dict를 반환하세요."))
    missing = [key for key in expected if key not in got]
    expect(not missing, T(f"{call} is missing the keys {missing} (got {sorted(map(str, got))})",
                          f"{call}에 키 {josa(missing, '이')} 없습니다 (있는 키: {sorted(map(str, got))})"),
           T(f"Use exactly these keys: {list(expected)}.", f"정확히 다음 키를 쓰세요: {list(expected)}."))
    for key, value in expected.items():
        expect_close(got[key], value, call=f"{call}[{key!r}]", rtol=1e-9, atol=1e-9,
                     mistakes=mistakes.get(key, ()), hint=hint)


@check(0.5, T("buy_apple() gives the lecture's price 220, dapple 2.2, dapple_num 110, dtax 200",
              "buy_apple()이 강의의 price 220, dapple 2.2, dapple_num 110, dtax 200과 같음"))
def test_buy_apple(learner, ref):
    _shopping(learner, ref, "buy_apple", {"price": 220.0, "dapple": 2.2, "dapple_num": 110.0, "dtax": 200.0},
              {"dapple": [mistake(2.0, HINT_ORDER), mistake(110.0, HINT_PAIR_ORDER)],
               "dapple_num": [mistake(100.0, HINT_ORDER), mistake(2.2, HINT_PAIR_ORDER)]},
              T("apple = 100, apple_num = 2, tax = 1.1; forward: apple_price = mul_apple_layer.forward(apple, "
                "apple_num), price = mul_tax_layer.forward(apple_price, tax); backward from dprice = 1 in the "
                "reverse order.",
                "apple = 100, apple_num = 2, tax = 1.1; 순전파: apple_price = mul_apple_layer.forward(apple, "
                "apple_num), price = mul_tax_layer.forward(apple_price, tax); 역전파는 dprice = 1에서 반대 순서로."))


@check(0.5, T("buy_apple_orange() gives the lecture's 715, 2.2, 110, 3.3, 165, 650",
              "buy_apple_orange()가 강의의 715, 2.2, 110, 3.3, 165, 650과 같음"))
def test_buy_apple_orange(learner, ref):
    _shopping(learner, ref, "buy_apple_orange",
              {"price": 715.0, "dapple": 2.2, "dapple_num": 110.0, "dorange": 3.3, "dorange_num": 165.0,
               "dtax": 650.0},
              {"dapple": [mistake(2.0, HINT_ORDER), mistake(110.0, HINT_PAIR_ORDER)],
               "dapple_num": [mistake(100.0, HINT_ORDER), mistake(2.2, HINT_PAIR_ORDER)],
               "dorange": [mistake(3.0, HINT_ORDER), mistake(165.0, HINT_PAIR_ORDER)],
               "dorange_num": [mistake(150.0, HINT_ORDER), mistake(3.3, HINT_PAIR_ORDER)]},
              T("Forward: apple_price = 100 * 2, orange_price = 150 * 3 (MulLayer), all_price = their sum "
                "(AddLayer), price = all_price * 1.1 (MulLayer). Backward from dprice = 1 in the reverse order: "
                "tax layer, add layer, then the orange and apple layers.",
                "순전파: apple_price = 100 * 2, orange_price = 150 * 3 (MulLayer), all_price = 둘의 합 (AddLayer), "
                "price = all_price * 1.1 (MulLayer). 역전파는 dprice = 1에서 반대 순서로: 세금 계층, 덧셈 계층, "
                "그다음 귤과 사과 계층."))


# ---------------------------------------------------------------------------- Relu, Sigmoid
def _away_from_zero(rng, shape, margin=0.05):
    values = rng.normal(size=shape)
    return np.sign(values) * (margin + np.abs(values))


@check(0.5, T("Relu.forward zeroes x <= 0, keeps the rest, and leaves its input x unchanged",
              "Relu.forward는 x <= 0인 원소를 0으로, 나머지는 그대로 두고 입력 x는 바꾸지 않음"))
def test_relu_forward(learner, ref, rng):
    for x in (np.array([[1.0, -0.5], [-2.0, 3.0]]), np.array([-1.5, 0.0, -0.0, 2.5, 1e-9]),
              _away_from_zero(rng, (3, 4))):
        handle = put(learner, x)
        got = learner.Relu().forward(handle)
        expect_array(got, ref.Relu().forward(x), call="Relu().forward(x)", inputs={"x": x},
                     mistakes=[mistake(np.minimum(x, 0), T("Relu keeps the positive values and sets the rest to 0, "
                                                           "not the other way round.",
                                                           "Relu는 양수는 그대로, 나머지를 0으로 만듭니다. 반대가 "
                                                           "아닙니다."))])
        expect(np.array_equal(fetch(handle), x), T(
            "Relu().forward(x) changed its input x (in place)", "Relu().forward(x)가 입력 x를 (제자리에서) 바꿨습니다"),
            T("forward changed the caller's x: make a copy first, out = x.copy(); out[self.mask] = 0.",
              "forward가 호출한 쪽의 x를 바꿨습니다. 먼저 복사하세요: out = x.copy(); out[self.mask] = 0."))


@check(1, T("Relu.backward passes dout where forward's x > 0 and gives 0 where x <= 0 (the mask from forward; "
            "gradient check)",
            "Relu.backward는 forward의 x > 0인 곳은 dout을 전달하고 x <= 0인 곳은 0 (forward의 mask 사용; 기울기 확인)"))
def test_relu_backward(learner, ref, rng):
    x = _away_from_zero(rng, (3, 4))
    x[0, 1] = 0.0
    x[2, 2] = 0.0
    dout = _away_from_zero(rng, (3, 4), 0.1)
    layer = learner.Relu()
    layer.forward(x)
    got = layer.backward(dout)
    reference = ref.Relu()
    reference.forward(x)
    expected = reference.backward(dout.copy())
    inputs = {"x": x, "dout": dout}
    expect_array(got, expected, call=T("backward(dout) after forward(x)", "forward(x) 뒤의 backward(dout)"), inputs=inputs,
                 mistakes=[mistake(dout, T("backward returned dout unchanged: set it to 0 where forward's mask is "
                                           "True, dout[self.mask] = 0 (on a copy).",
                                           "backward가 dout을 그대로 반환했습니다. forward의 mask가 True인 곳을 0으로 "
                                           "만드세요: dout[self.mask] = 0 (복사본에).")),
                           mistake(np.where(x < 0, 0, dout), T("Where x == 0 the derivative must be 0 too: the mask "
                                                                "is x <= 0, not x < 0.",
                                                                "x == 0인 곳도 미분이 0이어야 합니다. mask는 x < 0이 "
                                                                "아니라 x <= 0입니다.")),
                           mistake(np.where(dout <= 0, 0, dout), T("The mask must come from forward's input x "
                                                                   "(self.mask = (x <= 0)), not from dout's sign.",
                                                                   "mask는 dout의 부호가 아니라 forward의 입력 x에서 "
                                                                   "만들어야 합니다 (self.mask = (x <= 0)).")),
                           mistake(np.where(x > 0, 0, dout), T("The mask is inverted: zero dout where x <= 0 and keep "
                                                               "it where x > 0.",
                                                               "mask가 반대입니다. x <= 0인 곳의 dout을 0으로, x > 0인 "
                                                               "곳은 그대로 두세요.")),
                           mistake((x > 0).astype(float), HINT_TIMES_DOUT)],
                 hint=T("backward(dout): a copy of dout with 0 where forward's mask (x <= 0) is True.",
                        "backward(dout)는 forward의 mask (x <= 0)가 True인 곳을 0으로 만든 dout의 복사본입니다."))
    probe = learner.Relu()
    numeric = _numeric_forward(probe.forward, x, scalar=lambda out: _dot(dout, out))
    _gradient_check(got, numeric, what=T("backward(dout) where x != 0", "x != 0인 곳의 backward(dout)"), inputs=inputs, mask=(x != 0))


HINT_SIGMOID = T("The sigmoid's derivative is y * (1 - y), with y = forward's output (self.out): "
                 "dx = dout * (1.0 - self.out) * self.out.",
                 "시그모이드 함수의 미분은 y * (1 - y)이고 y는 forward의 출력(self.out)입니다: "
                 "dx = dout * (1.0 - self.out) * self.out.")


@check(1, T("Sigmoid: forward is 1 / (1 + exp(-x)) and backward is dout * (1 - y) * y (gradient check)",
            "Sigmoid: forward는 1 / (1 + exp(-x)), backward는 dout * (1 - y) * y (기울기 확인)"))
def test_sigmoid(learner, ref, rng):
    x = rng.normal(scale=2.0, size=(3, 4))
    x[0, 0] = 0.0
    dout = rng.normal(size=(3, 4))
    layer = learner.Sigmoid()
    y = 1 / (1 + np.exp(-x))
    expect_array(layer.forward(x), y, call="Sigmoid().forward(x)", inputs={"x": x}, rtol=1e-9,
                 mistakes=[mistake(1 / (1 + np.exp(x)), T("The sign is wrong: 1 / (1 + np.exp(-x)).",
                                                          "부호가 틀렸습니다: 1 / (1 + np.exp(-x)).")),
                           mistake(1 + np.exp(-x), T(
                               "Operator precedence: 1 / 1 + np.exp(-x) is (1 / 1) + np.exp(-x). Put the "
                               "denominator in parentheses: 1 / (1 + np.exp(-x)).",
                               "연산자 우선순위 문제입니다. 1 / 1 + np.exp(-x)는 (1 / 1) + np.exp(-x)입니다. "
                               "분모를 괄호로 묶으세요: 1 / (1 + np.exp(-x))."))])
    got = layer.backward(dout)
    reference = ref.Sigmoid()
    reference.forward(x)
    inputs = {"x": x, "dout": dout}
    expect_array(got, reference.backward(dout), call=T("backward(dout) after forward(x)", "forward(x) 뒤의 backward(dout)"), inputs=inputs, rtol=1e-9,
                 atol=1e-12,
                 mistakes=[mistake(dout * y, T("The factor (1 - y) is missing: dx = dout * (1 - y) * y.",
                                               "(1 - y) 항이 빠졌습니다: dx = dout * (1 - y) * y.")),
                           mistake(dout * (1 - y), T("The factor y is missing next to (1 - y): dx = dout * (1 - y) * y.",
                                                     "(1 - y) 옆의 y가 빠졌습니다: dx = dout * (1 - y) * y.")),
                           mistake(y * (1 - y), HINT_TIMES_DOUT),
                           mistake(dout * x * (1 - x), T("Use forward's OUTPUT y = sigmoid(x) in y * (1 - y), not its "
                                                         "input x.",
                                                         "y * (1 - y)의 y는 forward의 입력 x가 아니라 출력 "
                                                         "y = sigmoid(x)입니다."))],
                 hint=HINT_SIGMOID)
    probe = learner.Sigmoid()
    _gradient_check(got, _numeric_forward(probe.forward, x, scalar=lambda out: _dot(dout, out)), what="backward(dout)", inputs=inputs)


# ---------------------------------------------------------------------------- Affine
HINT_DX = T("dx = np.dot(dout, self.W.T): dx has the shape of x.", "dx = np.dot(dout, self.W.T)입니다. dx는 x와 형상이 같습니다.")
HINT_DW = T("dW = np.dot(self.x.T, dout): dW has the shape of W (D, M).",
            "dW = np.dot(self.x.T, dout)입니다. dW는 W와 형상 (D, M)이 같습니다.")
HINT_DB = T("b was added to every row of the batch, so db sums dout over the batch: np.sum(dout, axis=0), "
            "the shape of b.",
            "b는 배치의 모든 행에 더해졌으므로 db는 dout을 배치 방향으로 합합니다: np.sum(dout, axis=0) (b와 같은 형상).")


def _dW_mistakes(x2, d2):
    return [mistake(d2.T @ x2, T("dW is transposed: dW = np.dot(self.x.T, dout) has W's shape (D, M).",
                                 "dW가 전치되었습니다. dW = np.dot(self.x.T, dout)는 W의 형상 (D, M)입니다.")),
            mistake(x2.T @ d2 / len(x2), T("dW is not divided by the batch size in Affine (SoftmaxWithLoss already "
                                           "did that): dW = np.dot(self.x.T, dout).",
                                           "Affine에서는 dW를 배치 크기로 나누지 않습니다(SoftmaxWithLoss가 이미 "
                                           "나눴습니다): dW = np.dot(self.x.T, dout)."))]


def _db_mistakes(d2):
    return [mistake(d2.sum(axis=1), T("db sums over the wrong axis: use np.sum(dout, axis=0) (over the batch), "
                                      "not axis=1.",
                                      "db를 잘못된 축(axis)으로 합했습니다. axis=1이 아니라 배치 방향인 "
                                      "np.sum(dout, axis=0)을 쓰세요.")),
            mistake(d2.sum(), T("db must keep one value per output: np.sum(dout, axis=0), not the sum of all "
                                "elements.",
                                "db는 출력마다 값 하나를 가져야 합니다: 모든 원소의 합이 아니라 np.sum(dout, axis=0)입니다.")),
            mistake(d2, HINT_DB),
            mistake(d2.mean(axis=0), T("db is the SUM of dout over the batch (axis=0), not the mean.",
                                       "db는 배치(axis=0)에 대한 dout의 평균이 아니라 합입니다."))]


def _affine_expectations(layer, x, W, b, dout, ref, *, label):
    """forward, dx, dW and db of the learner's Affine against the reference, with named mistakes."""
    reference = ref.Affine(W.copy(), b.copy())
    expected_out = reference.forward(x)
    forward_hint = T("forward is np.dot(x, self.W) + self.b.", "forward는 np.dot(x, self.W) + self.b입니다.")
    got = call_or_fail(T(f"Affine(W, b).forward(x) with {label.en}", f"{label.ko}일 때 Affine(W, b).forward(x)"), layer.forward, x, hint=forward_hint)
    expect_array(got, expected_out, call="Affine(W, b).forward(x)", inputs={"x": x, "W": W, "b": b}, rtol=1e-9,
                 atol=1e-12, hint=forward_hint)
    dx = call_or_fail(T(f"layer.backward(dout) with {label.en}", f"{label.ko}일 때 layer.backward(dout)"), layer.backward, dout, hint=HINT_DX)
    expected_dx = reference.backward(dout.copy())
    x2, d2 = np.atleast_2d(x), np.atleast_2d(dout)
    expect_array(dx, expected_dx, call="dx = layer.backward(dout)", inputs={"W": W, "dout": dout}, rtol=1e-9,
                 atol=1e-12, hint=HINT_DX)
    dW = _attribute(layer, "dW", "backward(dout)")
    expect_array(dW, reference.dW, call=T("layer.dW after forward(x) and backward(dout)", "forward(x)와 backward(dout) 뒤의 layer.dW"),
                 inputs={"x": x, "dout": dout}, rtol=1e-9, atol=1e-12, mistakes=_dW_mistakes(x2, d2), hint=HINT_DW)
    db = _attribute(layer, "db", "backward(dout)")
    expect_array(db, reference.db, call=T("layer.db after backward(dout)", "backward(dout) 뒤의 layer.db"), inputs={"dout": dout}, rtol=1e-9,
                 atol=1e-12, mistakes=_db_mistakes(d2), hint=HINT_DB)
    return dx, dW, db


@check(1, T("Affine on a batch: forward x @ W + b; backward dx = dout @ W.T, dW = x.T @ dout, db = dout summed over "
            "the batch (gradient check)",
            "배치에서 Affine: forward는 x @ W + b; backward는 dx = dout @ W.T, dW = x.T @ dout, db = 배치 합 "
            "(기울기 확인)"))
def test_affine(learner, ref, rng):
    N, D, M = 4, 3, 2  # all different, so that a transposed or wrongly summed result has the wrong shape
    x, W, b, dout = (rng.normal(size=s) for s in ((N, D), (D, M), (M,), (N, M)))
    layer = learner.Affine(W.copy(), b.copy())
    dx, dW, db = _affine_expectations(layer, x, W, b, dout, ref, label=T(f"x of shape {x.shape}", f"x의 형상이 {x.shape}"))
    inputs = {"x": x, "W": W, "b": b, "dout": dout}
    probe = learner.Affine(W.copy(), b.copy())
    _gradient_check(dx, _numeric_forward(probe.forward, x, scalar=lambda out: _dot(dout, out)), what="dx", inputs=inputs)
    _gradient_check(dW, _numeric_rebuilt(learner.Affine, lambda v: (v, b.copy()), W, x, dout), what="dW",
                    inputs=inputs)
    _gradient_check(db, _numeric_rebuilt(learner.Affine, lambda v: (W.copy(), v), b, x, dout), what="db",
                    inputs=inputs)


@check(0.5, T("Affine takes a single input x of shape (D,): output (M,), dx (D,), dW (D, M), db (M,)",
              "Affine이 형상 (D,)인 입력 하나도 처리: 출력 (M,), dx (D,), dW (D, M), db (M,)"))
def test_affine_single_input(learner, ref, rng):
    x, W, b, dout = rng.normal(size=3), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=2)
    layer = learner.Affine(W.copy(), b.copy())
    hint = T("For a single input x.T is the same 1-D array, so np.dot(x.T, dout) cannot make a (D, M) matrix. "
             "Treat it as a batch of one: keep x.reshape(1, -1) in forward (and dout.reshape(1, -1) in backward), "
             "then give the output and dx the 1-D shapes back.",
             "입력이 하나면 x.T는 같은 1차원 배열이라 np.dot(x.T, dout)로 (D, M) 행렬을 만들 수 없습니다. "
             "크기 1인 배치로 다루세요: forward에서 x.reshape(1, -1)을 기억하고(backward에서는 dout.reshape(1, -1)), "
             "출력과 dx는 다시 1차원 형상으로 돌려주세요.")
    got = call_or_fail(T("Affine(W, b).forward(x) with x of shape (3,)", "x.shape = (3,)일 때 Affine(W, b).forward(x)"), layer.forward, x, hint=hint)
    expect_array(got, x @ W + b, call="Affine(W, b).forward(x)", inputs={"x": x}, rtol=1e-9, atol=1e-12, hint=hint)
    dx = call_or_fail(T("layer.backward(dout) with dout of shape (2,)", "dout.shape = (2,)일 때 layer.backward(dout)"), layer.backward, dout, hint=hint)
    expect_array(dx, W @ dout, call="dx = layer.backward(dout)", inputs={"W": W, "dout": dout}, rtol=1e-9,
                 atol=1e-12, hint=hint)
    x2, d2 = x.reshape(1, -1), dout.reshape(1, -1)
    expect_array(_attribute(layer, "dW", "backward(dout)"), np.outer(x, dout), call="layer.dW",
                 inputs={"x": x, "dout": dout}, rtol=1e-9, atol=1e-12, mistakes=_dW_mistakes(x2, d2), hint=hint)
    expect_array(_attribute(layer, "db", "backward(dout)"), dout, call="layer.db", inputs={"dout": dout},
                 rtol=1e-9, atol=1e-12, mistakes=_db_mistakes(d2), hint=hint)


@check(0.5, T("Affine matches the reference on random sizes (forward, dx, dW, db)",
              "무작위 크기에서 Affine이 참조 구현과 같음 (forward, dx, dW, db)"), hidden=True)
def test_affine_random(learner, ref, rng):
    N, D, M = (int(v) for v in rng.choice(np.arange(2, 8), size=3, replace=False))
    x, W, b, dout = (rng.normal(size=s) for s in ((N, D), (D, M), (M,), (N, M)))
    layer = learner.Affine(W.copy(), b.copy())
    dx, _, _ = _affine_expectations(layer, x, W, b, dout, ref, label=T(f"x of shape {x.shape}", f"x의 형상이 {x.shape}"))
    probe = learner.Affine(W.copy(), b.copy())
    _gradient_check(dx, _numeric_forward(probe.forward, x, scalar=lambda out: _dot(dout, out)), what="dx",
                    inputs={"x": x, "W": W, "b": b, "dout": dout})


# ---------------------------------------------------------------------------- SoftmaxWithLoss
HINT_BATCH = T("backward must divide by the batch size: dx = (self.y - self.t) / batch_size, so that the loss (a "
               "mean over the batch) and its gradient agree.",
               "backward에서 배치 크기로 나눠야 합니다: dx = (self.y - self.t) / batch_size. 손실이 배치 평균이므로 "
               "기울기도 그에 맞아야 합니다.")
HINT_SIGN = T("The sign is reversed: dx = (y - t) / batch_size, not (t - y).",
              "부호가 반대입니다: (t - y)가 아니라 dx = (y - t) / batch_size입니다.")
HINT_LABELS = T("With class labels t (integers, not one-hot) y - t does not work: copy y, subtract 1 at the "
                "correct class, dx[np.arange(batch_size), t] -= 1, then divide by batch_size.",
                "t가 원-핫이 아니라 정답 레이블(정수)이면 y - t로는 안 됩니다: y를 복사해 정답 위치에서 1을 빼고 "
                "(dx[np.arange(batch_size), t] -= 1) batch_size로 나누세요.")
HINT_SWL = T("forward: self.y = softmax(x), self.t = t, return cross_entropy_error(self.y, self.t); "
             "backward: (self.y - self.t) / batch_size.",
             "forward: self.y = softmax(x), self.t = t, cross_entropy_error(self.y, self.t)를 반환; "
             "backward: (self.y - self.t) / batch_size.")


def _swl_mistakes(ref, x, onehot):
    y = ref.softmax(x)
    n = 1 if x.ndim == 1 else len(x)
    found = [mistake((onehot - y) / n, HINT_SIGN),
             mistake((x - onehot) / n, T("y in (y - t) is the softmax output saved in forward, not the input x.",
                                         "(y - t)의 y는 입력 x가 아니라 forward에서 저장한 소프트맥스 출력입니다."))]
    if n > 1:
        found.append(mistake(y - onehot, HINT_BATCH))
    if x.ndim == 1:
        found.append(mistake((y - onehot) / len(onehot), T(
            "A single example is a batch of one: batch_size is 1, not t.shape[0] (which is the number of classes "
            "for a 1-D t).",
            "예 하나는 크기 1인 배치입니다. batch_size는 t.shape[0](1차원 t에서는 클래스 수)이 아니라 1입니다.")))
        found.append(mistake((y - onehot).reshape(1, -1), T(
            "dx must have the shape of x: for a 1-D x return a 1-D dx (e.g. dx.reshape(x.shape)).",
            "dx는 x와 형상이 같아야 합니다. 1차원 x에는 1차원 dx를 반환하세요(예: dx.reshape(x.shape)).")))
    return found


def _onehot(labels, classes):
    return np.eye(classes, dtype=int)[labels]


@check(1, T("SoftmaxWithLoss: the lecture's loss for [[0.3, 2.9, 4.0]], and backward() = (y - t) / batch_size on a "
            "batch (gradient check)",
            "SoftmaxWithLoss: [[0.3, 2.9, 4.0]]에 대한 강의의 손실, 배치에서 backward() = (y - t) / batch_size "
            "(기울기 확인)"))
def test_softmax_with_loss(learner, ref, rng):
    with relies_on(learner, ref, "SoftmaxWithLoss", GIVEN_HELPERS, given=GIVEN):
        x, t = np.array([[0.3, 2.9, 4.0]]), np.array([[0, 0, 1]])
        layer = learner.SoftmaxWithLoss()
        # The loss may be computed with or without the delta of the log: they differ by
        # ~1e-7 / p (relative), far below rtol=1e-5.
        expect_close(layer.forward(x, t), -np.log(0.7365969138 + DELTA), call="SoftmaxWithLoss().forward(x, t)",
                     inputs={"x": x, "t": t}, rtol=1e-5, hint=HINT_SWL)
        got = layer.backward()
        expect_array(got, np.array([[0.01821127, 0.24519181, -0.26340309]]), call=T("backward() after forward(x, t)", "forward(x, t) 뒤의 backward()"),
                     inputs={"x": x, "t": t}, rtol=0, atol=5e-9, mistakes=lambda: _swl_mistakes(ref, x, t), hint=HINT_SWL)

        # A batch.  Logits in [-1, 1] with 5 classes keep every probability above e**-2 / 5 > 0.027.
        x = rng.uniform(-1.0, 1.0, size=(4, 5))
        t = _onehot(rng.integers(0, 5, size=4), 5)
        inputs = {"x": x, "t": t}
        layer = learner.SoftmaxWithLoss()
        reference = ref.SoftmaxWithLoss()
        expected_loss = reference.forward(x, t)
        expect_close(layer.forward(x, t), expected_loss, call="SoftmaxWithLoss().forward(x, t)", inputs=inputs,
                     rtol=1e-5, mistakes=[mistake(expected_loss * len(x), T(
                         "The loss of a batch is the mean over the batch, not the sum.",
                         "배치의 손실은 합이 아니라 배치에 대한 평균입니다."))], hint=HINT_SWL)
        got = layer.backward()
        expect_array(got, reference.backward(), call=T("backward() after forward(x, t)", "forward(x, t) 뒤의 backward()"), inputs=inputs, rtol=1e-9,
                     atol=1e-12, mistakes=lambda: _swl_mistakes(ref, x, t), hint=HINT_SWL)
        # Gradient check.  forward takes log(p_c + 1e-7), so the exact derivative of the
        # loss is (y - t) / N * p_c / (p_c + 1e-7), not (y - t) / N: relatively smaller by
        # 1e-7 / (p_c + 1e-7) < 4e-6 here (p_c > 0.027).  rtol=1e-5 absorbs that factor
        # (and a forward without the delta) while still telling (y - t) from (y - t) / N.
        probe = learner.SoftmaxWithLoss()
        numeric = _numeric_forward(probe.forward, x, inputs=lambda v: (v, t))
        _gradient_check(got, numeric, what="backward()", inputs=inputs, rtol=1e-5, atol=1e-9)


@check(0.5, T("SoftmaxWithLoss takes t as class labels: same loss and backward as with one-hot t",
              "SoftmaxWithLoss가 t를 정답 레이블로 받아도 원-핫 t와 같은 손실과 backward"), hidden=True)
def test_softmax_with_loss_labels(learner, ref, rng):
    with relies_on(learner, ref, "SoftmaxWithLoss", GIVEN_HELPERS, given=GIVEN):
        n, classes = 4, 3  # different, so that y - labels cannot broadcast by accident
        x = rng.uniform(-1.0, 1.0, size=(n, classes))
        labels = rng.integers(0, classes, size=n)
        onehot = _onehot(labels, classes)
        reference = ref.SoftmaxWithLoss()
        expected_loss = reference.forward(x, onehot)
        expected_dx = reference.backward()
        inputs = {"x": x, "t": labels}
        layer = learner.SoftmaxWithLoss()
        got = call_or_fail(T("SoftmaxWithLoss().forward(x, t) with labels t", "t가 레이블일 때 SoftmaxWithLoss().forward(x, t)"), layer.forward, x, labels, hint=HINT_LABELS)
        expect_close(got, expected_loss, call=T("SoftmaxWithLoss().forward(x, t) with labels t", "t가 레이블일 때 SoftmaxWithLoss().forward(x, t)"), inputs=inputs, rtol=1e-5,
                     hint=HINT_LABELS)
        got = call_or_fail(T("backward() after forward(x, t) with labels t", "t가 레이블일 때 forward(x, t) 뒤의 backward()"), layer.backward, hint=HINT_LABELS)
        expect_array(got, expected_dx, call=T("backward() after forward(x, t) with labels t", "t가 레이블일 때 forward(x, t) 뒤의 backward()"), inputs=inputs, rtol=1e-9,
                     atol=1e-12, mistakes=lambda: _swl_mistakes(ref, x, onehot), hint=HINT_LABELS)
        probe = learner.SoftmaxWithLoss()  # logits in [-1, 1], 3 classes: p_c > e**-2 / 3, see test_softmax_with_loss
        _gradient_check(got, _numeric_forward(probe.forward, x, inputs=lambda v: (v, labels)), what=T("backward() with labels t", "t가 레이블일 때 backward()"),
                        inputs=inputs, rtol=1e-5, atol=1e-9)


@check(0.5, T("SoftmaxWithLoss takes a single 1-D example: a batch of one, dx of the same shape as x",
              "SoftmaxWithLoss가 1차원 예 하나도 처리: 크기 1인 배치, dx는 x와 같은 형상"))
def test_softmax_with_loss_single(learner, ref, rng):
    with relies_on(learner, ref, "SoftmaxWithLoss", GIVEN_HELPERS, given=GIVEN):
        x = rng.uniform(-1.0, 1.0, size=4)
        t = _onehot(int(rng.integers(0, 4)), 4)
        inputs = {"x": x, "t": t}
        reference = ref.SoftmaxWithLoss()
        expected_loss = reference.forward(x, t)
        layer = learner.SoftmaxWithLoss()
        expect_close(layer.forward(x, t), expected_loss, call="SoftmaxWithLoss().forward(x, t)", inputs=inputs,
                     rtol=1e-5, hint=HINT_SWL)
        got = layer.backward()
        expect_array(got, reference.backward(), call=T("backward() after forward(x, t)", "forward(x, t) 뒤의 backward()"), inputs=inputs, rtol=1e-9,
                     atol=1e-12, mistakes=lambda: _swl_mistakes(ref, x, t),
                     hint=T("For a single example (1-D x), batch_size is 1 and dx has x's shape (C,).",
                            "예 하나(1차원 x)이면 batch_size는 1이고 dx는 x와 같은 형상 (C,)입니다."))
        probe = learner.SoftmaxWithLoss()
        _gradient_check(got, _numeric_forward(probe.forward, x, inputs=lambda v: (v, t)), what="backward()", inputs=inputs,
                        rtol=1e-5, atol=1e-9)


# ---------------------------------------------------------------------------- a whole network
@check(1, T("Backpropagation through Affine -> Relu -> Affine -> Sigmoid -> Affine -> SoftmaxWithLoss matches the "
            "reference (loss, dx and every dW, db)",
            "Affine -> Relu -> Affine -> Sigmoid -> Affine -> SoftmaxWithLoss의 오차역전파가 참조 구현과 같음 "
            "(손실, dx, 모든 dW, db)"), hidden=True)
def test_network_random(learner, ref, rng):
    layers = ("Affine", "Relu", "Sigmoid", "SoftmaxWithLoss")
    with relies_on(learner, ref, T("the network", "신경망"), layer_probes(*layers), always=layers, given=GIVEN):
        n, sizes = 5, (4, 6, 5, 3)
        params = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            params.append((rng.normal(scale=0.8, size=(fan_in, fan_out)), rng.normal(scale=0.3, size=fan_out)))
        x = rng.normal(size=(n, sizes[0]))
        labels = rng.integers(0, sizes[-1], size=n)

        def build(module):
            return [module.Affine(*(p.copy() for p in params[0])), module.Relu(),
                    module.Affine(*(p.copy() for p in params[1])), module.Sigmoid(),
                    module.Affine(*(p.copy() for p in params[2]))]

        names = ["Affine 1", "Relu", "Affine 2", "Sigmoid", "Affine 3"]
        mine, theirs = build(learner), build(ref)
        last, last_ref = learner.SoftmaxWithLoss(), ref.SoftmaxWithLoss()
        hint = T("Each layer passes its output to the next one in forward and its dx to the previous one in backward; "
                 "if a layer's own check fails, fix that first.",
                 "순전파에서는 각 계층의 출력이 다음 계층으로, 역전파에서는 dx가 이전 계층으로 전달됩니다. 어떤 계층의 "
                 "개별 검사가 실패했다면 그것부터 고치세요.")
        out_ref = x
        for name, layer, layer_ref in zip(names, mine, theirs):
            out = layer.forward(out_ref)  # every layer gets the right input, so a failure names the layer
            out_ref = layer_ref.forward(out_ref)
            expect_array(out, out_ref, call=T(f"forward of {name}", f"{name}의 forward"), rtol=1e-9, atol=1e-12, hint=hint)
        expect_close(last.forward(out_ref, labels), last_ref.forward(out_ref, labels),
                     call=T("forward of SoftmaxWithLoss (labels t)", "SoftmaxWithLoss의 forward (t는 레이블)"), rtol=1e-5, hint=hint)
        dout_ref = last_ref.backward()
        dout = last.backward()
        expect_array(dout, dout_ref, call=T("backward of SoftmaxWithLoss (labels t)", "SoftmaxWithLoss의 backward (t는 레이블)"), rtol=1e-9, atol=1e-12, hint=hint)
        for name, layer, layer_ref in reversed(list(zip(names, mine, theirs))):
            dx = layer.backward(dout_ref)
            dout_ref = layer_ref.backward(dout_ref)
            expect_array(dx, dout_ref, call=T(f"backward of {name}", f"{name}의 backward"), rtol=1e-9, atol=1e-12, hint=hint)
            if name.startswith("Affine"):
                expect_array(_attribute(layer, "dW", T(f"backward of {name}", f"{name}의 backward")), layer_ref.dW, call=T(f"dW of {name}", f"{name}의 dW"),
                             rtol=1e-9, atol=1e-12, hint=hint)
                expect_array(_attribute(layer, "db", T(f"backward of {name}", f"{name}의 backward")), layer_ref.db, call=T(f"db of {name}", f"{name}의 db"),
                             rtol=1e-9, atol=1e-12, hint=hint)
