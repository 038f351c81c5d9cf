"""Reference solution for exercise-06: the softmax function and overflow.

The softmax function turns a vector of scores ``a`` into probabilities::

    y_k = exp(a_k) / sum_i exp(a_i)

Computed literally, ``exp(1010)`` overflows to ``inf`` and ``inf / inf`` is
``nan``. Because softmax does not change when the same constant is subtracted
from every input, subtracting the largest input first keeps every exponent
``<= 0`` and so every ``exp`` in ``(0, 1]``.

소프트맥스 함수는 입력의 최댓값을 빼고 계산해 오버플로를 막는다.
"""

import numpy as np


def softmax(a):
    """Overflow-safe softmax over the last axis (a vector, or each row of a batch).

    >>> softmax([0.3, 2.9, 4.0])
    array([0.01821127, 0.24519181, 0.73659691])
    """
    a = np.asarray(a, dtype=float)
    # Subtract the largest score of each row (keepdims so it broadcasts for
    # 1-D and 2-D input alike). Creates a new array: the input is untouched.
    c = np.max(a, axis=-1, keepdims=True)
    exp_a = np.exp(a - c)  # every exponent is <= 0, so no overflow
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def naive_softmax(a):
    """Softmax exactly as written in the formula, with no overflow guard.

    Correct for small inputs, but ``naive_softmax([1010, 1000, 990])`` overflows
    (``inf / inf``) and returns ``nan`` with a RuntimeWarning.
    """
    a = np.asarray(a, dtype=float)
    return np.exp(a) / np.sum(np.exp(a), axis=-1, keepdims=True)
