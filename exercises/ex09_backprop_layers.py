"""Exercise 09 - computational graphs and backpropagation.

Computational graph
-------------------
A calculation can be drawn as a graph of nodes, each doing one small *local*
computation. Buying 2 apples at 100 won each with a tax of 1.1::

    100 --\\
           (x) --200--\\
      2 --/            (x) --220--> price
                  1.1 -/

The forward pass (순전파) goes left to right and computes the price. The
backward pass (역전파) goes right to left and computes derivatives: how much
the price changes when the apple price, the number of apples or the tax changes.

Chain rule
----------
Each node receives the derivative ``dout`` from the right, multiplies it by its
own local derivative and passes the result to the left:

* addition node ``z = x + y``: local derivatives are 1, so it passes ``dout``
  unchanged to both inputs;
* multiplication node ``z = x * y``: ``dz/dx = y`` and ``dz/dy = x``, so it
  passes ``dout * y`` to ``x`` and ``dout * x`` to ``y`` (the inputs "swap").
  It must therefore remember ``x`` and ``y`` during the forward pass.

Layers
------
A network is built from layers, each with ``forward`` and ``backward`` methods
(as in the textbook's ``common/layers.py``). ``forward`` stores what the
backward pass needs; ``backward(dout)`` returns the derivative with respect to
the inputs:

* ``Relu``: passes ``dout`` where the input was positive, 0 where ``x <= 0``;
* ``Sigmoid``: ``y = 1 / (1 + exp(-x))`` and ``dy/dx = y * (1 - y)``;
* ``Affine``: ``out = x @ W + b``; ``dx = dout @ W.T``, ``dW = x.T @ dout``,
  ``db = sum of dout over the batch``;
* ``SoftmaxWithLoss``: softmax followed by the cross-entropy error; its
  backward pass is simply ``(y - t) / batch_size``.

Checking a backward pass: it must agree with a numerical gradient (exercise-08)
of the forward pass - this is called a *gradient check*.

한국어 요약: 계산 그래프에서 순전파는 값을, 역전파는 연쇄법칙으로 미분을 국소적으로 계산합니다.
덧셈 노드는 미분을 그대로, 곱셈 노드는 입력을 바꿔 곱해서 전달합니다. 각 계층은 forward와
backward를 갖습니다(오차역전파법).
"""

import numpy as np


# ---------------------------------------------------------------------------
# GIVEN helpers (not graded): softmax from exercise-06 and cross_entropy_error
# from exercise-07, already implemented so that SoftmaxWithLoss can use them.
# ---------------------------------------------------------------------------
def softmax(a):
    """GIVEN (from ex06): overflow-safe softmax over the last axis."""
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """GIVEN (from ex07): cross-entropy error, mean over a mini-batch."""
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot -> class labels
        t = t.argmax(axis=1)
    t = t.astype(int)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


# ---------------------------------------------------------------------------
# Multiplication and addition layers
# ---------------------------------------------------------------------------
class MulLayer:
    """Multiplication node ``out = x * y``.

    * ``__init__``: set ``self.x = None`` and ``self.y = None``;
    * ``forward(x, y)``: remember ``x`` and ``y``, return ``x * y``;
    * ``backward(dout)``: return ``(dout * self.y, dout * self.x)``.

    Example::

        >>> layer = MulLayer()
        >>> layer.forward(100, 2)
        200
        >>> layer.backward(1.1)        # (dx, dy)
        (2.2, 110.00000000000001)

    요약: 곱셈 계층 - 역전파에서는 순전파 입력을 서로 바꿔 상류 미분에 곱한다.
    """

    def __init__(self):
        # TODO: self.x = None; self.y = None
        raise NotImplementedError

    def forward(self, x, y):
        """Remember ``x`` and ``y``; return ``x * y``. 요약: x*y 를 계산하고 입력을 기억한다."""
        # TODO
        raise NotImplementedError

    def backward(self, dout):
        """Return ``(dx, dy) = (dout * y, dout * x)``. 요약: 입력을 바꿔 곱한 미분을 돌려준다."""
        # TODO
        raise NotImplementedError


class AddLayer:
    """Addition node ``out = x + y``.

    * ``__init__``: nothing to remember (``pass``);
    * ``forward(x, y)``: return ``x + y``;
    * ``backward(dout)``: return ``(dout * 1, dout * 1)``.

    Example::

        >>> layer = AddLayer()
        >>> layer.forward(200, 450)
        650
        >>> layer.backward(1.1)
        (1.1, 1.1)

    요약: 덧셈 계층 - 역전파에서 상류 미분을 그대로 양쪽으로 흘려보낸다.
    """

    def __init__(self):
        # TODO: nothing to initialise - replace this line with `pass`
        raise NotImplementedError

    def forward(self, x, y):
        """Return ``x + y``. 요약: x+y 를 돌려준다."""
        # TODO
        raise NotImplementedError

    def backward(self, dout):
        """Return ``(dout, dout)``. 요약: 상류 미분을 그대로 돌려준다."""
        # TODO
        raise NotImplementedError


def buy_apple():
    """Build the lecture's apple graph from two ``MulLayer`` s and run it both ways.

    ``apple = 100``, ``apple_num = 2``, ``tax = 1.1``:

    1. forward: ``apple_price = mul_apple_layer.forward(apple, apple_num)``,
       ``price = mul_tax_layer.forward(apple_price, tax)``;
    2. backward, in the reverse order, starting from ``dprice = 1``:
       ``dapple_price, dtax = mul_tax_layer.backward(dprice)``, then
       ``dapple, dapple_num = mul_apple_layer.backward(dapple_price)``.

    Return ``{'price': ..., 'dapple': ..., 'dapple_num': ..., 'dtax': ...}``.
    Lecture: price 220, dapple 2.2, dapple_num 110, dtax 200 (tiny float
    rounding such as 220.00000000000003 is fine).

    요약: 곱셈 계층으로 사과 쇼핑 계산 그래프를 만들어 순전파/역전파 결과를 dict로 돌려준다.
    """
    # TODO: create the layers, run forward then backward, return the dict.
    raise NotImplementedError


def buy_apple_orange():
    """Build the lecture's apple-and-orange graph from ``MulLayer`` and ``AddLayer``.

    ``apple = 100``, ``apple_num = 2``, ``orange = 150``, ``orange_num = 3``,
    ``tax = 1.1``. Forward: apple price (x), orange price (x), their sum (+),
    times tax (x). Backward from ``dprice = 1`` in the reverse order.

    Return a dict with keys ``price``, ``dapple``, ``dapple_num``, ``dorange``,
    ``dorange_num``, ``dtax``. Lecture: 715, 2.2, 110, 3.3, 165, 650.

    요약: 곱셈/덧셈 계층으로 사과와 귤 쇼핑 계산 그래프를 만들어 결과를 dict로 돌려준다.
    """
    # TODO: four layers (three MulLayer, one AddLayer); forward, backward, dict.
    raise NotImplementedError


# ---------------------------------------------------------------------------
# Activation function layers
# ---------------------------------------------------------------------------
class Relu:
    """ReLU layer.

    * ``forward(x)``: remember ``self.mask = (x <= 0)`` (a boolean array), return a
      *copy* of ``x`` with the masked elements set to 0 (do not change ``x``);
    * ``backward(dout)``: return a copy of ``dout`` with the masked elements set
      to 0 - where the input was blocked, no derivative flows back.

    Example::

        >>> relu = Relu()
        >>> relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
        array([[1., 0.],
               [0., 3.]])
        >>> relu.backward(np.array([[5.0, 5.0], [5.0, 5.0]]))
        array([[5., 0.],
               [0., 5.]])

    요약: ReLU 계층 - 순전파에서 x <= 0 인 위치(mask)를 기억하고 역전파에서 그 위치의 미분을 0으로 만든다.
    """

    def __init__(self):
        # TODO: self.mask = None
        raise NotImplementedError

    def forward(self, x):
        """Keep the mask ``x <= 0``; return ``x`` with those elements set to 0. 요약: 음수와 0을 0으로."""
        # TODO
        raise NotImplementedError

    def backward(self, dout):
        """Return ``dout`` with the masked elements set to 0. 요약: mask 위치의 미분을 0으로."""
        # TODO
        raise NotImplementedError


class Sigmoid:
    """Sigmoid layer.

    * ``forward(x)``: ``out = 1 / (1 + np.exp(-x))``; keep ``self.out = out``;
    * ``backward(dout)``: ``dout * (1.0 - self.out) * self.out`` - the derivative
      of the sigmoid needs only its output ``y``: ``dy/dx = y (1 - y)``.

    Example::

        >>> s = Sigmoid()
        >>> s.forward(np.array([0.0, 2.0]))
        array([0.5       , 0.88079708])
        >>> s.backward(np.array([1.0, 1.0]))
        array([0.25      , 0.10499359])

    요약: Sigmoid 계층 - 순전파 출력 y를 기억하고 역전파에서 dout * y * (1 - y) 를 돌려준다.
    """

    def __init__(self):
        # TODO: self.out = None
        raise NotImplementedError

    def forward(self, x):
        """Return ``1 / (1 + exp(-x))`` and keep it in ``self.out``. 요약: 시그모이드 출력을 기억한다."""
        # TODO
        raise NotImplementedError

    def backward(self, dout):
        """Return ``dout * (1 - out) * out``. 요약: dout * (1 - y) * y."""
        # TODO
        raise NotImplementedError


# ---------------------------------------------------------------------------
# Affine and Softmax-with-Loss layers
# ---------------------------------------------------------------------------
class Affine:
    """Affine (fully connected) layer ``out = x @ W + b``.

    * ``__init__(W, b)``: keep ``self.W``, ``self.b``; set ``self.x``,
      ``self.dW``, ``self.db`` to ``None``;
    * ``forward(x)``: keep ``self.x``; return ``np.dot(x, self.W) + self.b``;
    * ``backward(dout)``: set ``self.dW = np.dot(x.T, dout)`` and
      ``self.db = np.sum(dout, axis=0)`` (``b`` was added to every row of the
      batch, so its derivative is summed over the batch); return
      ``dx = np.dot(dout, self.W.T)``.

    Shapes match: ``dx`` like ``x`` (N, D), ``dW`` like ``W`` (D, M), ``db``
    like ``b`` (M,). A single input ``x`` of shape (D,) must also work: treat it
    as a batch of one (e.g. ``x.reshape(1, -1)``) and give ``forward`` an
    output of shape (M,) and ``backward`` a ``dx`` of shape (D,).

    Example::

        >>> W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]); b = np.array([0.1, 0.2, 0.3])
        >>> layer = Affine(W, b)
        >>> layer.forward(np.array([[1.0, 1.0]]))
        array([[5.1, 7.2, 9.3]])
        >>> layer.backward(np.array([[1.0, 0.0, 0.0]]))
        array([[1., 4.]])
        >>> layer.dW, layer.db
        (array([[1., 0., 0.],
               [1., 0., 0.]]), array([1., 0., 0.]))

    요약: Affine 계층 - 순전파는 행렬 곱 x·W + b, 역전파는 dx = dout·W^T, dW = x^T·dout, db = dout의 배치 합.
    """

    def __init__(self, W, b):
        # TODO: keep W and b; x, dW and db start as None
        raise NotImplementedError

    def forward(self, x):
        """Keep ``x``; return ``x @ W + b``. 요약: 입력을 기억하고 x·W + b 를 돌려준다."""
        # TODO
        raise NotImplementedError

    def backward(self, dout):
        """Set ``self.dW``, ``self.db``; return ``dx = dout @ W.T``. 요약: dW, db를 저장하고 dx를 돌려준다."""
        # TODO
        raise NotImplementedError


class SoftmaxWithLoss:
    """Softmax layer followed by the cross-entropy error (the output layer).

    * ``forward(x, t)``: keep ``self.t = t`` and ``self.y = softmax(x)``; return
      ``self.loss = cross_entropy_error(self.y, self.t)`` (use the given helpers).
    * ``backward(dout=1)``: with ``batch_size = number of rows of y``:

      - ``t`` one-hot (``t.size == y.size``): ``dx = (y - t) / batch_size``;
      - ``t`` class labels: ``dx = y.copy()``,
        ``dx[np.arange(batch_size), t] -= 1``, ``dx /= batch_size``;

      return ``dx * dout``.

    A single 1-D ``x`` (one example) must also work: treat it as a batch of one
    and return ``dx`` of the same shape as ``x``.

    Example::

        >>> layer = SoftmaxWithLoss()
        >>> layer.forward(np.array([[0.3, 2.9, 4.0]]), np.array([[0, 0, 1]]))
        0.30570...          # = -log(0.73659691 + 1e-7)
        >>> layer.backward()
        array([[ 0.01821127,  0.24519181, -0.26340309]])

    요약: Softmax-with-Loss 계층 - 순전파는 소프트맥스 + 교차 엔트로피 오차, 역전파는 (y - t) / 배치 크기.
    """

    def __init__(self):
        # TODO: self.loss = None; self.y = None; self.t = None
        raise NotImplementedError

    def forward(self, x, t):
        """Return the loss of ``softmax(x)`` against ``t``. 요약: 손실을 계산해 돌려준다."""
        # TODO
        raise NotImplementedError

    def backward(self, dout=1):
        """Return ``(y - t) / batch_size * dout``. 요약: (y - t) / 배치 크기 를 돌려준다."""
        # TODO
        raise NotImplementedError
