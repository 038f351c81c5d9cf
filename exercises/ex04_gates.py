"""Exercise 04 - perceptrons, logic gates and XOR.

A *perceptron* takes inputs ``x1, x2``, multiplies each by a *weight*
``w1, w2``, adds a *bias* ``b`` and outputs 1 if the result is positive,
otherwise 0:

    y = 1  if  w1*x1 + w2*x2 + b > 0
    y = 0  otherwise

With NumPy the weighted sum is ``np.sum(w * x) + b`` for arrays
``x = np.array([x1, x2])`` and ``w = np.array([w1, w2])``.

Logic gates are perceptrons with suitable parameters. The lecture uses:

    gate   w1     w2     b
    AND    0.5    0.5   -0.7
    NAND  -0.5   -0.5    0.7
    OR     0.5    0.5   -0.2

A single perceptron draws one straight line through the input plane and can
only separate outputs that lie on opposite sides of that line (*linearly
separable*). XOR (1 exactly when the inputs differ) is not linearly separable,
but a *multi-layer perceptron* can compute it: first ``s1 = NAND(x1, x2)``
and ``s2 = OR(x1, x2)``, then ``y = AND(s1, s2)``.

Fill in every function below: replace ``raise NotImplementedError`` by your code.

한국어 요약: 퍼셉트론(가중치와 편향)으로 AND, NAND, OR 게이트를 만들고,
단층 퍼셉트론으로는 만들 수 없는 XOR 게이트를 다층 퍼셉트론(NAND, OR, AND의
조합)으로 구현합니다. 또한 진리표가 선형 분리 가능한지 판정합니다.
"""

import numpy as np


def perceptron(x, w, b):
    """Return 1 if ``np.sum(w * x) + b > 0`` else 0, as a Python ``int``.

    Example::

        >>> perceptron(np.array([1, 1]), np.array([0.5, 0.5]), -0.7)
        1
        >>> perceptron(np.array([0, 1]), np.array([0.5, 0.5]), -0.7)
        0

    한국어 요약: 입력과 가중치의 곱의 합에 편향을 더해 0보다 크면 1, 아니면 0을 반환합니다.
    """
    # TODO: weighted sum plus bias, then compare with 0.
    raise NotImplementedError


def AND(x1, x2):
    """AND gate with weights ``(0.5, 0.5)`` and bias ``-0.7``; returns 0 or 1.

    Build ``x = np.array([x1, x2])`` and ``w = np.array([0.5, 0.5])``.

    Example::

        >>> [AND(0, 0), AND(0, 1), AND(1, 0), AND(1, 1)]
        [0, 0, 0, 1]

    한국어 요약: 가중치 (0.5, 0.5), 편향 -0.7인 퍼셉트론으로 AND 게이트를 만듭니다.
    """
    # TODO: NumPy input, weights and bias; return 0 or 1.
    raise NotImplementedError


def NAND(x1, x2):
    """NAND gate with weights ``(-0.5, -0.5)`` and bias ``0.7``; returns 0 or 1.

    Example::

        >>> [NAND(0, 0), NAND(0, 1), NAND(1, 0), NAND(1, 1)]
        [1, 1, 1, 0]

    한국어 요약: 가중치 (-0.5, -0.5), 편향 0.7인 퍼셉트론으로 NAND 게이트를 만듭니다.
    """
    # TODO: NumPy input, weights and bias; return 0 or 1.
    raise NotImplementedError


def OR(x1, x2):
    """OR gate with weights ``(0.5, 0.5)`` and bias ``-0.2``; returns 0 or 1.

    Example::

        >>> [OR(0, 0), OR(0, 1), OR(1, 0), OR(1, 1)]
        [0, 1, 1, 1]

    한국어 요약: 가중치 (0.5, 0.5), 편향 -0.2인 퍼셉트론으로 OR 게이트를 만듭니다.
    """
    # TODO: NumPy input, weights and bias; return 0 or 1.
    raise NotImplementedError


def XOR(x1, x2):
    """XOR gate as a two-layer perceptron; returns 0 or 1.

    Layer 1: ``s1 = NAND(x1, x2)``, ``s2 = OR(x1, x2)``; layer 2: ``AND(s1, s2)``.
    Do not use ``!=`` or ``^``: the point is to build it from the gates.

    Example::

        >>> [XOR(0, 0), XOR(0, 1), XOR(1, 0), XOR(1, 1)]
        [0, 1, 1, 0]

    한국어 요약: NAND, OR, AND 게이트를 조합한 2층 퍼셉트론으로 XOR 게이트를 만듭니다.
    """
    # TODO: combine NAND, OR and AND.
    raise NotImplementedError


def linearly_separable(table):
    """Return True if a single perceptron reproduces ``table``, else False.

    ``table`` is a dict mapping each of the four inputs ``(x1, x2)`` to the
    output 0 or 1, for example AND::

        {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}

    Search over candidate perceptrons: weights ``w1, w2`` in ``{-1, 0, 1}`` and
    bias ``b`` in ``{-1.5, -0.5, 0.5, 1.5}`` are enough to find every gate that
    one perceptron can compute. Return True as soon as one candidate gives the
    right output for every entry of the table.

    Example::

        >>> linearly_separable({(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1})  # AND
        True
        >>> linearly_separable({(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0})  # XOR
        False

    Hint: three nested ``for`` loops (or ``itertools.product``) and your
    ``perceptron`` function.

    한국어 요약: 진리표를 단층 퍼셉트론 하나로 만들 수 있는지(선형 분리 가능한지) 판정합니다.
    """
    # TODO: try every (w1, w2, b) candidate and compare with the table.
    raise NotImplementedError
