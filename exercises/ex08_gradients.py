"""Exercise 08 - numerical differentiation and gradients.

Numerical differentiation
-------------------------
The derivative is the slope of ``f`` at a point: ``lim_{h->0} (f(x+h) - f(x)) / h``.
A computer cannot take the limit, so we use a small ``h``. Two pitfalls:

* ``h`` too small (e.g. ``1e-50``) is rounded to 0 in float arithmetic, so use
  ``h = 1e-4``;
* the *forward* difference ``(f(x+h) - f(x)) / h`` is the slope between x and
  x+h, not at x. The *central difference* is more accurate::

      f'(x) ~ (f(x + h) - f(x - h)) / (2h)

For ``f(x) = 0.01*x**2 + 0.1*x`` the exact derivative is ``0.02*x + 0.1``
(0.2 at x=5, 0.3 at x=10); the central difference gives 0.1999999999990898 and
0.2999999999986347.

Gradient
--------
For a function of several variables, e.g. ``f(x0, x1) = x0**2 + x1**2``, the
*partial derivative* with respect to one variable treats the others as
constants. The vector of all partial derivatives is the *gradient*; compute
each one with the central difference, changing one element of ``x`` at a time.
At ``(3, 4)`` the gradient of ``x0**2 + x1**2`` is ``(6, 8)``.
The negative gradient points in the direction in which ``f`` decreases most.

Gradient descent
----------------
Starting from ``init_x``, repeat ``x <- x - lr * grad f(x)``. The learning rate
``lr`` (a hyperparameter) sets the step size: too large and ``x`` diverges,
too small and it barely moves. A neural network learns this way: ``f`` is the
loss and ``x`` are the weights (see ``SimpleNet``).

한국어 요약: 수치 미분은 중심 차분 (f(x+h) - f(x-h)) / 2h, h = 1e-4로 계산합니다. 모든 변수의
편미분을 모은 벡터가 기울기이고, 경사 하강법은 학습률만큼 기울기의 반대 방향으로 이동하기를
반복합니다.
"""

import numpy as np


# ---------------------------------------------------------------------------
# GIVEN helpers (not graded): softmax from exercise-06 and cross_entropy_error
# from exercise-07, already implemented so that SimpleNet.loss can use them.
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
# Exercises
# ---------------------------------------------------------------------------
def numerical_diff(f, x):
    """Return the derivative of ``f`` at ``x`` by the central difference, h = 1e-4.

    ``f`` is a function of one number.

    Example::

        >>> def function_1(x):
        ...     return 0.01 * x**2 + 0.1 * x
        >>> numerical_diff(function_1, 5)
        0.1999999999990898
        >>> numerical_diff(function_1, 10)
        0.2999999999986347

    요약: 중심 차분 (f(x+h) - f(x-h)) / (2*h), h = 1e-4 로 수치 미분한다.
    """
    # TODO: h = 1e-4; return (f(x + h) - f(x - h)) / (2 * h)
    raise NotImplementedError


def tangent_line(f, x):
    """Return the tangent line of ``f`` at ``x`` as a function ``t -> d*t + n``.

    The slope is ``d = numerical_diff(f, x)``; the line passes through the
    point ``(x, f(x))``, so its intercept is ``n = f(x) - d*x``.

    Example::

        >>> line = tangent_line(lambda x: 0.01 * x**2 + 0.1 * x, 5)
        >>> line(5)             # touches the curve at x = 5: f(5) = 0.75
        0.75
        >>> line(6) - line(5)   # the slope, about 0.2
        0.1999999999990898

    요약: x에서의 접선 t -> d*t + n (d는 수치 미분, n = f(x) - d*x) 을 함수로 돌려준다.
    """
    # TODO: compute d and n, then return lambda t: d * t + n
    raise NotImplementedError


def numerical_gradient(f, x):
    """Return the gradient of ``f`` at ``x``: an array of the same shape as ``x``.

    ``x`` is a float NumPy array of any shape (1-D, 2-D, ...). For every element
    ``x[idx]`` in turn:

    1. remember ``tmp_val = x[idx]``;
    2. set ``x[idx] = tmp_val + h`` and evaluate ``fxh1 = f(x)``;
    3. set ``x[idx] = tmp_val - h`` and evaluate ``fxh2 = f(x)``;
    4. ``grad[idx] = (fxh1 - fxh2) / (2*h)`` and restore ``x[idx] = tmp_val``.

    Change ``x`` *in place* (SimpleNet relies on it: its loss reads ``net.W``
    directly) but leave it exactly as it was at the end. Start from
    ``grad = np.zeros_like(x)`` and visit every index with
    ``it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])``,
    ``idx = it.multi_index``, ``it.iternext()`` until ``it.finished``.

    Example::

        >>> def function_2(x):
        ...     return np.sum(x**2)
        >>> numerical_gradient(function_2, np.array([3.0, 4.0]))
        array([6., 8.])
        >>> numerical_gradient(function_2, np.array([[1.0, 2.0], [0.0, -1.0]]))
        array([[ 2.,  4.],
               [ 0., -2.]])

    요약: 각 원소마다 중심 차분으로 편미분해 x와 같은 형상의 기울기 배열을 돌려준다 (x는 원래대로 복원).
    """
    # TODO: h = 1e-4; grad = np.zeros_like(x); loop over np.nditer(...)
    #       as described above; return grad.
    raise NotImplementedError


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """Minimise ``f`` by gradient descent and return the ``x`` reached.

    Start from a float *copy* of ``init_x`` (``np.array(init_x, dtype=float)``;
    ``init_x`` itself must not change) and repeat ``step_num`` times::

        x -= lr * numerical_gradient(f, x)

    Example::

        >>> def function_2(x):
        ...     return np.sum(x**2)
        >>> gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)
        array([-6.11110793e-10,  8.14814391e-10])      # practically (0, 0)
        >>> gradient_descent(function_2, np.array([-3.0, 4.0]), lr=1e-10)
        array([-2.99999994,  3.99999992])              # lr too small: hardly moves

    요약: 학습률 lr로 x -= lr * 기울기 를 step_num번 반복하는 경사 하강법 (init_x는 바꾸지 않는다).
    """
    # TODO: copy init_x as a float array, loop step_num times updating x,
    #       return x.
    raise NotImplementedError


class SimpleNet:
    """A one-layer network: 2 inputs, 3 outputs, softmax + cross-entropy loss.

    * ``__init__``: ``self.W = np.random.randn(2, 3)`` (standard normal weights);
    * ``predict(x)``: ``np.dot(x, self.W)``;
    * ``loss(x, t)``: ``cross_entropy_error(softmax(self.predict(x)), t)``
      (use the given helpers at the top of this file).

    The gradient of the loss with respect to the weights is then::

        >>> net = SimpleNet()
        >>> x = np.array([0.6, 0.9]); t = np.array([0, 0, 1])
        >>> f = lambda w: net.loss(x, t)      # w is ignored: loss reads net.W
        >>> dW = numerical_gradient(f, net.W)  # shape (2, 3), like net.W

    요약: 가중치 W(2x3)를 갖는 간단한 신경망; 손실 함수의 W에 대한 기울기를 수치 미분으로 구한다.
    """

    def __init__(self):
        # TODO: self.W = np.random.randn(2, 3)
        raise NotImplementedError

    def predict(self, x):
        """Return ``x @ W`` (``np.dot(x, self.W)``).

        요약: 입력과 가중치의 행렬 곱을 돌려준다.
        """
        # TODO: return np.dot(x, self.W)
        raise NotImplementedError

    def loss(self, x, t):
        """Return the cross-entropy error of ``softmax(self.predict(x))`` against ``t``.

        요약: 예측에 소프트맥스를 적용한 뒤 교차 엔트로피 오차를 돌려준다.
        """
        # TODO: z = self.predict(x); y = softmax(z); return cross_entropy_error(y, t)
        raise NotImplementedError


simpleNet = SimpleNet  # the textbook's name for the same class


def plot_gradient_field():
    """Return a Matplotlib ``Figure`` showing ``-grad f`` for ``f = x0**2 + x1**2``.

    As in the lecture: make a grid with ``x0 = x1 = np.arange(-2, 2.5, 0.25)``
    and ``np.meshgrid``, flatten both grids to ``X`` and ``Y``, compute
    ``grad = numerical_gradient(lambda x: np.sum(x**2), np.array([X, Y]))``
    (row 0 is df/dx0 at every point, row 1 is df/dx1), and draw arrows with
    ``ax.quiver(X, Y, -grad[0], -grad[1], angles="xy", color="#666666")``.
    Label the axes ``x0`` and ``x1``, limit both to ``[-2, 2]`` and add a grid.

    Build the figure without pyplot and never call ``show()``::

        from matplotlib.figure import Figure
        fig = Figure()
        ax = fig.subplots()
        ...
        return fig

    The arrows all point towards the minimum at the origin, longer further away.

    요약: f(x0, x1) = x0**2 + x1**2 의 기울기에 음수를 붙인 벡터를 화살표(quiver)로 그린 Figure를 돌려준다.
    """
    from matplotlib.figure import Figure  # imported here: only plotting needs Matplotlib (slow to import)

    # TODO: build the grid, compute the gradient, draw ax.quiver(...), set the
    #       labels x0 / x1, limits [-2, 2] and a grid; return the Figure.
    raise NotImplementedError
