"""Reference solution for exercise-07: loss functions.

A loss function measures how bad the network's output ``y`` is compared with
the correct answer ``t``; training tries to make it small.

* Mean squared error:       E = 1/2 * sum_k (y_k - t_k)**2
* Cross-entropy error:      E = -sum_k t_k * log(y_k + delta),  delta = 1e-7
  For a mini-batch of N examples, the mean over the batch is used.

손실 함수: 평균 제곱 오차와 교차 엔트로피 오차 (미니배치는 평균).
"""

import numpy as np


def mean_squared_error(y, t):
    """Mean squared error ``0.5 * sum((y - t)**2)``.

    >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> round(float(mean_squared_error(y, t)), 10)
    0.0975
    """
    y = np.asarray(y, dtype=float)
    t = np.asarray(t, dtype=float)
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    """Cross-entropy error for one example or a mini-batch (mean over the batch).

    ``t`` may be one-hot (same shape as ``y``) or class labels (one integer per
    example; a single integer when ``y`` is 1-D).

    >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    >>> float(cross_entropy_error(y, t))
    0.510825457099338
    """
    y = np.asarray(y, dtype=float)
    t = np.asarray(t)

    # A single example is treated as a batch of one.
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)

    # One-hot labels -> index of the correct class for each example.
    if t.size == y.size:
        t = t.argmax(axis=1)
    t = t.astype(int)

    batch_size = y.shape[0]
    # Only the probability of the correct class contributes to the sum;
    # delta = 1e-7 keeps log(0) = -inf out of the result.
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
