"""Reference solution for exercise-05: activation functions and a 3-layer network.

연습 05 참고 답안: 계단 함수, 시그모이드 함수, 렐루 함수, 항등 함수와
3층 신경망의 순전파.
"""

import numpy as np


def step_function(x):
    """Step function: 1 where ``x > 0``, else 0, as an integer array of the same shape.

    The lecture writes ``np.array(x > 0, dtype=np.int)``; ``np.int`` was removed
    from NumPy (1.24), so an explicit integer dtype is used instead.

    >>> step_function(np.array([-1.0, 1.0, 2.0]))
    array([0, 1, 1])
    """
    # The comparison gives a boolean array; casting turns True/False into 1/0.
    # np.asarray first so that plain lists and scalars work as well.
    return np.array(np.asarray(x) > 0, dtype=np.int64)


def sigmoid(x):
    """Sigmoid function ``1 / (1 + exp(-x))``, element by element.

    >>> sigmoid(np.array([-1.0, 1.0, 2.0]))
    array([0.26894142, 0.73105858, 0.88079708])
    """
    x = np.asarray(x, dtype=float)
    # For very negative x, exp(-x) overflows to inf and 1 / (1 + inf) is 0.0,
    # which is the correct limit, so the overflow warning is silenced.
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def relu(x):
    """ReLU function: ``x`` where ``x > 0``, else 0 (``np.maximum(0, x)``).

    >>> relu(np.array([-1.0, 0.0, 2.0]))
    array([0., 0., 2.])
    """
    return np.maximum(0, x)


def plot_activations():
    """Return a Figure with the step, sigmoid and ReLU functions over [-5, 5)."""
    x = np.arange(-5.0, 5.0, 0.1)

    from matplotlib.figure import Figure  # only plotting needs Matplotlib


    fig = Figure()
    ax = fig.subplots()
    ax.plot(x, step_function(x), linestyle="--", label="step")
    ax.plot(x, sigmoid(x), label="sigmoid")
    ax.plot(x, relu(x), linestyle=":", label="relu")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Activation functions")
    ax.legend()
    return fig


def identity_function(x):
    """Identity function: the output layer of a regression network returns its input."""
    return x


def init_network():
    """Return the lecture's weights and biases for a 2-3-2-2 network.

    >>> network = init_network()
    >>> network['W1'].shape, network['W2'].shape, network['W3'].shape
    ((2, 3), (3, 2), (2, 2))
    """
    network = {}
    network["W1"] = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    network["b1"] = np.array([0.1, 0.2, 0.3])
    network["W2"] = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    network["b2"] = np.array([0.1, 0.2])
    network["W3"] = np.array([[0.1, 0.3], [0.2, 0.4]])
    network["b3"] = np.array([0.1, 0.2])
    return network


def forward(network, x):
    """Forward pass: two sigmoid layers, then an identity output layer.

    ``x`` is one input (shape ``(2,)``) or a batch with one input per row
    (shape ``(N, 2)``); the output has shape ``(2,)`` or ``(N, 2)``.

    >>> forward(init_network(), [1.0, 0.5])
    array([0.31682708, 0.69627909])
    """
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]

    x = np.asarray(x, dtype=float)
    a1 = np.dot(x, W1) + b1   # layer 1: weighted sum ...
    z1 = sigmoid(a1)          # ... and activation
    a2 = np.dot(z1, W2) + b2  # layer 2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3  # output layer
    y = identity_function(a3)
    return y
