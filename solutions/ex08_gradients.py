"""Reference solution for exercise-08: numerical differentiation and gradients.

* Numerical differentiation by the central difference:
      f'(x) ~ (f(x + h) - f(x - h)) / (2h),   h = 1e-4
* The gradient of f(x0, x1, ...) is the vector of all partial derivatives;
  -gradient points in the direction in which f decreases fastest.
* Gradient descent repeats  x <- x - lr * gradient(f, x).

수치 미분(중심 차분), 기울기, 경사 하강법.
"""

import numpy as np


# ---------------------------------------------------------------------------
# Helpers from exercise-06 and exercise-07 (used by SimpleNet.loss)
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
# Numerical differentiation
# ---------------------------------------------------------------------------
def numerical_diff(f, x):
    """Derivative of the one-variable function ``f`` at ``x`` (central difference).

    >>> numerical_diff(lambda x: 0.01 * x**2 + 0.1 * x, 5)
    0.1999999999990898
    """
    h = 1e-4  # 0.0001: small, but not so small that rounding error dominates
    return (f(x + h) - f(x - h)) / (2 * h)


def tangent_line(f, x):
    """The tangent line of ``f`` at ``x``, as a function ``t -> d*t + n``."""
    d = numerical_diff(f, x)  # slope
    n = f(x) - d * x          # intercept: the line passes through (x, f(x))
    return lambda t: d * t + n


def numerical_gradient(f, x):
    """Gradient of ``f`` at ``x`` for a float array ``x`` of any shape.

    Each element of ``x`` is nudged by +h and -h in turn (in place, so that
    ``f`` may also read ``x`` indirectly, e.g. a network's weights) and then
    restored. Returns an array of the same shape as ``x``.

    >>> numerical_gradient(lambda x: np.sum(x**2), np.array([3.0, 4.0]))
    array([6., 8.])
    """
    h = 1e-4
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(float)  # integer input: work on a float copy
    grad = np.zeros_like(x)

    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]

        x[idx] = tmp_val + h   # f(x + h)
        fxh1 = f(x)
        x[idx] = tmp_val - h   # f(x - h)
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)

        x[idx] = tmp_val       # restore the original value
        it.iternext()

    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """Minimise ``f`` by gradient descent from ``init_x``; returns the final ``x``.

    ``init_x`` itself is not modified.

    >>> x = gradient_descent(lambda x: np.sum(x**2), np.array([-3.0, 4.0]), lr=0.1)
    >>> bool(np.all(np.abs(x) < 1e-8))
    True
    """
    x = np.array(init_x, dtype=float)  # a copy
    for _ in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x


# ---------------------------------------------------------------------------
# A tiny network: gradient of the loss with respect to the weights
# ---------------------------------------------------------------------------
class SimpleNet:
    """A one-layer network with a 2x3 weight matrix and a softmax output."""

    def __init__(self):
        self.W = np.random.randn(2, 3)  # initialise from a standard normal

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        z = self.predict(x)
        y = softmax(z)
        return cross_entropy_error(y, t)


simpleNet = SimpleNet  # the textbook's name


# ---------------------------------------------------------------------------
# Picture of the gradient
# ---------------------------------------------------------------------------
def _function_2(x):
    """f(x0, x1) = x0**2 + x1**2 (summed over all elements)."""
    return np.sum(x ** 2)


def plot_gradient_field():
    """Quiver plot of -grad f for f(x0, x1) = x0**2 + x1**2 on [-2, 2] x [-2, 2]."""
    x0 = np.arange(-2, 2.5, 0.25)
    x1 = np.arange(-2, 2.5, 0.25)
    X, Y = np.meshgrid(x0, x1)
    X = X.flatten()
    Y = Y.flatten()

    # Because f is a sum of squares, the gradient of the whole 2 x N array is
    # the gradient at every grid point at once: grad[0] = df/dx0, grad[1] = df/dx1.
    grad = numerical_gradient(_function_2, np.array([X, Y]))

    from matplotlib.figure import Figure  # only plotting needs Matplotlib


    fig = Figure()
    ax = fig.subplots()
    ax.quiver(X, Y, -grad[0], -grad[1], angles="xy", color="#666666")
    ax.set_xlim([-2, 2])
    ax.set_ylim([-2, 2])
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    ax.set_title("-grad f(x0, x1),  f = x0^2 + x1^2")
    ax.grid()
    return fig
