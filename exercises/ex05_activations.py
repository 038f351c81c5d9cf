"""Exercise 05 - activation functions and the forward pass of a 3-layer network.

An *activation function* turns the weighted sum ``a`` of a neuron into its
output ``h(a)``. The perceptron uses the *step function*; neural networks use
smooth or piecewise-linear functions instead:

    step function     h(x) = 1 if x > 0 else 0
    sigmoid function  h(x) = 1 / (1 + exp(-x))
    ReLU function     h(x) = x if x > 0 else 0     (np.maximum(0, x))
    identity function h(x) = x                     (output layer, regression)

All of them work element by element on NumPy arrays (thanks to broadcasting,
``1 / (1 + np.exp(-x))`` works for a scalar and for an array alike).

A *neural network* stacks layers. Each layer computes a weighted sum with a
matrix product and a bias, ``A = np.dot(X, W) + B``, and then applies an
activation function. The lecture's 3-layer network has 2 inputs, a first
hidden layer of 3 sigmoid neurons, a second hidden layer of 2 sigmoid neurons
and 2 outputs with the identity function. Computing the output from the input
layer by layer is the *forward pass* (forward propagation). Because
``np.dot`` multiplies each row by ``W``, the same code handles a *batch*
(one input per row, shape ``(N, 2)``) as well as one input (shape ``(2,)``).

Fill in every function below: replace ``raise NotImplementedError`` by your code.

한국어 요약: 활성화 함수(계단 함수, 시그모이드 함수, 렐루 함수, 항등 함수)를
NumPy로 구현하고 그래프로 그려 봅니다. 그리고 강의의 가중치를 사용하는 3층
신경망의 순전파(forward)를 구현합니다. 입력 하나와 배치(여러 입력) 모두 처리해야
합니다.
"""

import numpy as np


def step_function(x):
    """Step function: 1 where ``x > 0``, else 0, as an integer array of the same shape.

    The lecture writes ``np.array(x > 0, dtype=np.int)``. ``np.int`` no longer
    exists in NumPy (deprecated in 1.20, removed in 1.24): write
    ``dtype=np.int64`` (or ``dtype=int``) instead. ``x > 0`` gives a boolean
    array; converting it to an integer dtype turns True/False into 1/0.
    A scalar works too (the result is then a 0-d array).

    Example::

        >>> step_function(np.array([-1.0, 1.0, 2.0]))
        array([0, 1, 1])
        >>> step_function(3.0)
        array(1)

    한국어 요약: 계단 함수. 0보다 크면 1, 아니면 0인 정수 배열을 반환합니다(np.int 대신 np.int64 사용).
    """
    # TODO: compare with 0 and convert to an integer dtype.
    raise NotImplementedError


def sigmoid(x):
    """Sigmoid function ``1 / (1 + exp(-x))``, element by element; float output.

    Example::

        >>> sigmoid(np.array([-1.0, 1.0, 2.0]))
        array([0.26894142, 0.73105858, 0.88079708])
        >>> float(sigmoid(0.0))
        0.5

    한국어 요약: 시그모이드 함수 1 / (1 + exp(-x))를 원소별로 계산합니다.
    """
    # TODO: use np.exp.
    raise NotImplementedError


def relu(x):
    """ReLU function: ``x`` where ``x > 0``, else 0, element by element.

    Example::

        >>> relu(np.array([-1.0, 0.0, 2.0]))
        array([0., 0., 2.])

    Hint: ``np.maximum`` compares element by element.

    한국어 요약: 렐루 함수. 입력이 0보다 크면 그대로, 아니면 0을 출력합니다.
    """
    # TODO: one call to np.maximum.
    raise NotImplementedError


def plot_activations():
    """Return a ``Figure`` with the three activation functions on one axes.

    Use ``x = np.arange(-5.0, 5.0, 0.1)`` and plot ``step_function(x)``,
    ``sigmoid(x)`` and ``relu(x)`` with the labels ``"step"``, ``"sigmoid"``
    and ``"relu"``, then add a legend. Build it with
    ``fig = Figure(); ax = fig.subplots()`` and return ``fig``; do not use
    ``pyplot`` and never call ``show()``.

    한국어 요약: 계단 함수, 시그모이드 함수, 렐루 함수를 한 그래프에 그린 Figure를 반환합니다(범례 포함).
    """
    from matplotlib.figure import Figure  # imported here: only plotting needs Matplotlib (slow to import)

    # TODO: x, three ax.plot calls with labels, ax.legend(); return the Figure.
    raise NotImplementedError


def identity_function(x):
    """Identity function: return ``x`` unchanged (the output layer's activation).

    Example::

        >>> identity_function(np.array([0.3, 0.7]))
        array([0.3, 0.7])

    한국어 요약: 항등 함수. 입력을 그대로 반환합니다.
    """
    # TODO: return the input.
    raise NotImplementedError


def init_network():
    """Return a dict with the lecture's weights and biases as float NumPy arrays.

    Keys and values (as in the lecture)::

        W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]    # shape (2, 3)
        b1 = [0.1, 0.2, 0.3]                       # shape (3,)
        W2 = [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]  # shape (3, 2)
        b2 = [0.1, 0.2]                            # shape (2,)
        W3 = [[0.1, 0.3], [0.2, 0.4]]              # shape (2, 2)
        b3 = [0.1, 0.2]                            # shape (2,)

    Example::

        >>> network = init_network()
        >>> network['W1'].shape
        (2, 3)

    한국어 요약: 강의의 가중치 W1, W2, W3와 편향 b1, b2, b3를 NumPy 배열로 담은 딕셔너리를 반환합니다.
    """
    # TODO: network = {}; network['W1'] = np.array(...); ...; return network
    raise NotImplementedError


def forward(network, x):
    """Forward pass of the 3-layer network; returns the output ``y``.

    ``x`` is one input (a list or an array of shape ``(2,)``) or a batch of
    shape ``(N, 2)``; convert it with ``np.asarray``. Then::

        a1 = np.dot(x, W1) + b1;  z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2; z2 = sigmoid(a2)
        a3 = np.dot(z2, W3) + b3; y = identity_function(a3)

    Example::

        >>> network = init_network()
        >>> y = forward(network, [1.0, 0.5])
        >>> print(y)
        [0.31682708 0.69627909]
        >>> forward(network, [[1.0, 0.5], [1.0, 0.5]]).shape
        (2, 2)

    한국어 요약: 입력 신호를 출력으로 전달하는 순전파를 구현합니다(은닉층은 시그모이드, 출력층은 항등 함수).
    """
    # TODO: three layers: weighted sum (np.dot) + bias, then the activation.
    raise NotImplementedError
