"""Exercise 07 - loss functions.

A neural network learns by making a *loss function* small. The loss measures
how far the network's output ``y`` (e.g. softmax probabilities) is from the
correct answer ``t``. In the lecture ``t`` is usually *one-hot*: 1 for the
correct class and 0 elsewhere, e.g. class 2 of 10 is
``[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]``.

Mean squared error (MSE)::

    E = 1/2 * sum_k (y_k - t_k)**2

Cross-entropy error (CEE)::

    E = -sum_k t_k * log(y_k)

With a one-hot ``t`` only the correct class counts, so ``E = -log(y_correct)``:
0 when the network is sure and right, large when the correct class gets a small
probability. ``log(0)`` is ``-inf``, so a tiny ``delta = 1e-7`` is added inside
the log: ``-log(y_correct + delta)``.

Mini-batches
------------
Training uses a *mini-batch* of N examples at once (``y`` and ``t`` with one
row per example). The loss of the batch is the *mean* over its examples::

    E = -1/N * sum_n sum_k t_nk * log(y_nk + delta)

Labels are often given as class numbers (e.g. ``t = [2, 7, 0]``) instead of
one-hot rows. Then the probability of the correct class of example ``n`` is
simply ``y[n, t[n]]``, i.e. ``y[np.arange(N), t]`` for the whole batch.

한국어 요약: 손실 함수로 평균 제곱 오차와 교차 엔트로피 오차를 구현합니다. 미니배치에서는
배치 크기로 나눈 평균을 쓰고, 정답 레이블이 원-핫이든 숫자 레이블이든 같은 값을 냅니다.
"""

import numpy as np


def mean_squared_error(y, t):
    """Return the mean squared error ``0.5 * sum((y - t)**2)``.

    ``y`` and ``t`` are lists or arrays of the same shape (convert them with
    ``np.asarray(..., dtype=float)``).

    Example (the lecture's, correct class 2)::

        >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
        >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
        >>> mean_squared_error(y, t)         # 0.0975 (up to rounding)
        0.09750000000000003
        >>> y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
        >>> mean_squared_error(y, t)         # wrong guess: larger loss
        0.5975

    요약: 평균 제곱 오차 0.5 * sum((y - t)**2) 를 계산한다.
    """
    # TODO: convert y and t to float arrays and return 0.5 * np.sum((y - t)**2).
    raise NotImplementedError


def cross_entropy_error(y, t):
    """Return the cross-entropy error, averaged over a mini-batch.

    Use ``delta = 1e-7`` inside the log. All of these must work:

    * ``y`` 1-D (one example) with ``t`` one-hot 1-D, or ``t`` a single integer;
    * ``y`` 2-D (N rows) with ``t`` one-hot 2-D, or ``t`` a 1-D array of N
      integer labels. The result is the mean over the N examples.

    Suggested steps (the textbook's batch version):

    1. ``y = np.asarray(y, dtype=float)``, ``t = np.asarray(t)``;
    2. if ``y.ndim == 1``: reshape both ``y`` and ``t`` to ``(1, size)``;
    3. if ``t.size == y.size`` (one-hot): ``t = t.argmax(axis=1)``;
    4. ``batch_size = y.shape[0]`` and return
       ``-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size``.

    Example::

        >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
        >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
        >>> cross_entropy_error(y, t)
        0.510825457099338
        >>> cross_entropy_error(y, 2)        # the same, with a class label
        0.510825457099338
        >>> cross_entropy_error([y, y], [2, 2])    # mean over a batch of 2
        0.510825457099338

    요약: delta=1e-7 을 더한 교차 엔트로피 오차를 계산한다 (미니배치는 평균, 원-핫/숫자 레이블 모두 지원).
    """
    # TODO: follow the four steps above; remember the + 1e-7 inside np.log
    #       and the division by the batch size.
    raise NotImplementedError
