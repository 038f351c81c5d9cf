"""Reference solution for exercise-04: perceptrons, logic gates and XOR.

연습 04 참고 답안: 퍼셉트론으로 만든 AND, NAND, OR 게이트와
다층 퍼셉트론으로 만든 XOR 게이트, 그리고 선형 분리 가능성 판정.
"""

import itertools

import numpy as np


def perceptron(x, w, b):
    """Return 1 if ``np.sum(w * x) + b > 0`` else 0 (a Python int).

    >>> perceptron(np.array([1, 1]), np.array([0.5, 0.5]), -0.7)
    1
    """
    tmp = np.sum(np.asarray(w) * np.asarray(x)) + b
    return 1 if tmp > 0 else 0


def AND(x1, x2):
    """AND gate: weights (0.5, 0.5), bias -0.7. Returns 0 or 1."""
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    return perceptron(x, w, b)


def NAND(x1, x2):
    """NAND gate: weights (-0.5, -0.5), bias 0.7 (AND with every sign flipped)."""
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    return perceptron(x, w, b)


def OR(x1, x2):
    """OR gate: weights (0.5, 0.5), bias -0.2. Returns 0 or 1."""
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    return perceptron(x, w, b)


def XOR(x1, x2):
    """XOR gate as a two-layer perceptron: ``AND(NAND(x1, x2), OR(x1, x2))``.

    A single perceptron cannot do this (XOR is not linearly separable), but
    stacking a layer of NAND and OR in front of an AND gate can.

    >>> [XOR(0, 0), XOR(0, 1), XOR(1, 0), XOR(1, 1)]
    [0, 1, 1, 0]
    """
    s1 = NAND(x1, x2)  # layer 1
    s2 = OR(x1, x2)    # layer 1
    return AND(s1, s2)  # layer 2


# Candidate parameters for a single 2-input perceptron. On inputs in {0, 1},
# weights in {-1, 0, 1} with a bias half-way between the attainable sums
# already realise every one of the 14 linearly separable boolean functions,
# so a search over this small grid is exhaustive.
_WEIGHTS = (-1, 0, 1)
_BIASES = (-1.5, -0.5, 0.5, 1.5)


def linearly_separable(table):
    """Return True iff a single perceptron reproduces ``table``.

    ``table`` maps each input ``(x1, x2)`` to its output 0 or 1, e.g. AND is
    ``{(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}``. AND, OR and NAND are
    separable by one straight line; XOR is not.

    >>> linearly_separable({(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0})
    False
    """
    for w1, w2, b in itertools.product(_WEIGHTS, _WEIGHTS, _BIASES):
        w = np.array([w1, w2])
        if all(perceptron(np.array(x), w, b) == int(y) for x, y in table.items()):
            return True
    return False
