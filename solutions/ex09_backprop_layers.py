"""Reference solution for exercise-09: computational graphs and backward passes.

Every layer follows the same protocol (the textbook's ``common/layers.py``):

* ``forward(...)`` computes the output and remembers what the backward pass
  will need;
* ``backward(dout)`` receives the upstream derivative ``dout`` and returns the
  derivative with respect to the layer's inputs (chain rule: local derivative
  times ``dout``).

계산 그래프와 오차역전파법: 순전파에서 값을 기억하고 역전파에서 연쇄법칙을 적용한다.
"""

import numpy as np


# ---------------------------------------------------------------------------
# Helpers from exercise-06 and exercise-07 (used by SoftmaxWithLoss)
# ---------------------------------------------------------------------------
def softmax(a):
    """Overflow-safe softmax over the last axis (exercise-06)."""
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """Cross-entropy error, mean over a mini-batch (exercise-07)."""
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
# Simple layers: multiplication and addition nodes
# ---------------------------------------------------------------------------
class MulLayer:
    """Multiplication node: out = x * y."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        # The inputs are swapped: d(xy)/dx = y and d(xy)/dy = x.
        dx = dout * self.y
        dy = dout * self.x
        return dx, dy


class AddLayer:
    """Addition node: out = x + y."""

    def __init__(self):
        pass  # nothing to remember

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        # Addition passes the upstream derivative through unchanged.
        dx = dout * 1
        dy = dout * 1
        return dx, dy


def buy_apple():
    """The lecture's graph: 2 apples at 100 each, with a tax of 1.1."""
    apple = 100
    apple_num = 2
    tax = 1.1

    mul_apple_layer = MulLayer()
    mul_tax_layer = MulLayer()

    # forward
    apple_price = mul_apple_layer.forward(apple, apple_num)
    price = mul_tax_layer.forward(apple_price, tax)

    # backward (in the reverse order)
    dprice = 1
    dapple_price, dtax = mul_tax_layer.backward(dprice)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)

    return {"price": price, "dapple": dapple, "dapple_num": dapple_num, "dtax": dtax}


def buy_apple_orange():
    """The lecture's graph: 2 apples at 100 and 3 oranges at 150, tax 1.1."""
    apple = 100
    apple_num = 2
    orange = 150
    orange_num = 3
    tax = 1.1

    mul_apple_layer = MulLayer()
    mul_orange_layer = MulLayer()
    add_apple_orange_layer = AddLayer()
    mul_tax_layer = MulLayer()

    # forward
    apple_price = mul_apple_layer.forward(apple, apple_num)
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_apple_orange_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)

    # backward (in the reverse order)
    dprice = 1
    dall_price, dtax = mul_tax_layer.backward(dprice)
    dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)

    return {
        "price": price,
        "dapple": dapple,
        "dapple_num": dapple_num,
        "dorange": dorange,
        "dorange_num": dorange_num,
        "dtax": dtax,
    }


# ---------------------------------------------------------------------------
# Activation function layers
# ---------------------------------------------------------------------------
class Relu:
    """ReLU layer: passes positive inputs, blocks the rest (forward and backward)."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        x = np.asarray(x)
        self.mask = (x <= 0)   # True where the input was blocked
        out = x.copy()         # do not modify the caller's array
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout = np.array(dout, copy=True)  # do not modify the caller's array
        dout[self.mask] = 0
        dx = dout
        return dx


class Sigmoid:
    """Sigmoid layer: y = 1 / (1 + exp(-x)), dy/dx = y * (1 - y)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / (1 + np.exp(-np.asarray(x, dtype=float)))
        self.out = out  # the backward pass needs only the output
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.out) * self.out
        return dx


# ---------------------------------------------------------------------------
# Affine layer and Softmax-with-Loss layer
# ---------------------------------------------------------------------------
class Affine:
    """Affine (fully connected) layer: out = x @ W + b.

    ``x`` is a batch of shape (N, D) or a single input of shape (D,); the
    output and ``dx`` have the matching shapes. ``dW`` and ``db`` are set by
    ``backward``.
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b

        self.x = None
        self.original_x_shape = None
        # derivatives of the parameters
        self.dW = None
        self.db = None

    def forward(self, x):
        x = np.asarray(x)
        self.original_x_shape = x.shape
        # Work on a 2-D batch: a single input is a batch of one,
        # a higher-dimensional input (e.g. images) is flattened per example.
        if x.ndim == 1:
            x = x.reshape(1, -1)
        else:
            x = x.reshape(x.shape[0], -1)
        self.x = x

        out = np.dot(self.x, self.W) + self.b
        if len(self.original_x_shape) == 1:
            out = out[0]  # back to a single output vector
        return out

    def backward(self, dout):
        dout = np.asarray(dout).reshape(self.x.shape[0], -1)
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)  # b was added to every row
        return dx.reshape(self.original_x_shape)


class SoftmaxWithLoss:
    """Softmax output followed by the cross-entropy error.

    Its backward pass is the simple ``(y - t) / batch_size``. ``t`` may be
    one-hot or class labels; a single 1-D ``x`` is treated as a batch of one.
    """

    def __init__(self):
        self.loss = None
        self.y = None   # output of softmax
        self.t = None   # labels (one-hot or class indices)
        self.original_x_shape = None

    def forward(self, x, t):
        x = np.asarray(x, dtype=float)
        t = np.asarray(t)
        self.original_x_shape = x.shape
        if x.ndim == 1:  # a single example: make it a batch of one
            x = x.reshape(1, -1)
            t = t.reshape(1, -1) if t.size == x.size else t.reshape(1)
        if t.size != x.size:
            t = t.astype(int)  # class labels are indices

        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.y.shape[0]
        if self.t.size == self.y.size:  # one-hot labels
            dx = (self.y - self.t) / batch_size
        else:                           # class labels
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
            dx = dx / batch_size
        return (dx * dout).reshape(self.original_x_shape)
