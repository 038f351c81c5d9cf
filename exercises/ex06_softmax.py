"""Exercise 06 - the softmax function and overflow.

The output layer of a classifier uses the softmax function. For scores
(inputs) ``a_1 ... a_n`` it returns

    y_k = exp(a_k) / sum_i exp(a_i)

Every ``y_k`` is between 0 and 1 and they sum to 1, so the output can be read
as the probability of each class. Softmax keeps the order of its inputs: the
largest input gets the largest probability.

The problem: overflow
---------------------
``np.exp(1010)`` is too large for a float and becomes ``inf``; then
``inf / inf`` is ``nan``. Try it::

    >>> np.exp(np.array([1010, 1000, 990])) / np.sum(np.exp(np.array([1010, 1000, 990])))
    array([nan, nan, nan])          # plus "RuntimeWarning: overflow"

The fix
-------
Multiplying numerator and denominator by the same constant ``C`` changes
nothing::

    exp(a_k) / sum exp(a_i) = exp(a_k + log C) / sum exp(a_i + log C)

so we may add (or subtract) any constant to all inputs. Subtracting the
largest input ``c = max(a)`` makes every exponent ``<= 0``, so every
``exp`` lies in ``(0, 1]``: no overflow is possible.

For a mini-batch (a 2-D array, one example per row) apply softmax to each row:
take the maximum and the sum along the last axis with ``keepdims=True`` so
that they broadcast back over the row.

한국어 요약: 소프트맥스 함수는 출력의 합이 1이 되어 확률로 해석할 수 있습니다. exp 계산은
오버플로가 일어나기 쉬우므로 입력의 최댓값을 빼고 계산합니다(결과는 같습니다).
"""

import numpy as np


def softmax(a):
    """Return the softmax of ``a``, computed without overflow.

    ``a`` may be a list or an array, 1-D (one example) or 2-D (a mini-batch:
    apply softmax to each row). Convert it with ``np.asarray(a, dtype=float)``,
    subtract the maximum along the last axis (``axis=-1, keepdims=True``), then
    divide ``exp`` by its sum along the same axis. Do not modify the input.

    Example::

        >>> softmax([0.3, 2.9, 4.0])
        array([0.01821127, 0.24519181, 0.73659691])
        >>> softmax([1010, 1000, 990])          # no nan, no warning
        array([9.99954600e-01, 4.53978686e-05, 2.06106005e-09])
        >>> softmax([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]]).sum(axis=1)
        array([1., 1.])

    요약: 최댓값을 빼서 오버플로 없이 소프트맥스 함수를 계산한다 (2차원이면 행마다).
    """
    # TODO: a = np.asarray(a, dtype=float); c = max along the last axis
    #       (keepdims=True); exp_a = np.exp(a - c); return exp_a / its sum
    #       along the last axis (keepdims=True).
    raise NotImplementedError


def naive_softmax(a):
    """Return the softmax of ``a`` exactly as the formula says, with no guard.

    Compute ``np.exp(a) / np.sum(np.exp(a), axis=-1, keepdims=True)`` directly
    (after ``np.asarray(a, dtype=float)``). It agrees with ``softmax`` on small
    inputs but overflows on large ones - that is the point: run it on
    ``[1010, 1000, 990]`` and see the ``nan`` and the overflow warning.

    Example::

        >>> naive_softmax([0.3, 2.9, 4.0])
        array([0.01821127, 0.24519181, 0.73659691])
        >>> naive_softmax([1010, 1000, 990])
        array([nan, nan, nan])                 # RuntimeWarning: overflow

    요약: 최댓값을 빼지 않은 소프트맥스 함수 (큰 입력에서 오버플로가 일어난다).
    """
    # TODO: return np.exp(a) / np.sum(np.exp(a), axis=-1, keepdims=True)
    #       - without subtracting the maximum.
    raise NotImplementedError
