"""Reference solution for exercise-03: NumPy arrays, broadcasting, slicing, Matplotlib.

연습 03 참고 답안: NumPy 배열의 원소별 연산, 브로드캐스트, 슬라이싱(뷰),
불리언 인덱싱, 그리고 Matplotlib 그래프(Figure 객체).
"""

import numpy as np


def elementwise(x, y):
    """Return ``(x + y, x - y, x * y, x / y)`` computed element by element.

    >>> s, d, p, q = elementwise([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
    >>> q
    array([0.5, 0.5, 0.5])
    """
    x = np.asarray(x)
    y = np.asarray(y)
    # Arithmetic between arrays of the same shape works element by element.
    return x + y, x - y, x * y, x / y


def broadcast_mul(A, B):
    """Return ``A * B``, letting NumPy broadcast the smaller operand.

    >>> broadcast_mul([[1, 2], [3, 4]], [10, 20])
    array([[10, 40],
           [30, 80]])
    """
    # B of shape (2,) is stretched to (2, 2): every row of A is multiplied by B.
    return np.asarray(A) * np.asarray(B)


def sub_block(a):
    """Return ``a[:2, 1:3]``: rows 0-1, columns 1-2, as a view of ``a``.

    Basic slicing never copies, so writing to the result changes ``a``.

    >>> a = np.arange(12).reshape(3, 4)
    >>> b = sub_block(a); b[0, 0] = 99; print(a[0, 1])
    99
    """
    return a[:2, 1:3]


def select_greater(X, threshold):
    """Return the elements of ``X`` greater than ``threshold`` as a 1-D array.

    >>> select_greater(np.array([[51, 55], [14, 19], [0, 4]]), 15)
    array([51, 55, 19])
    """
    X = np.asarray(X)
    mask = X > threshold  # a boolean array of the same shape as X
    return X[mask]        # boolean indexing flattens to 1-D


def center_columns(X):
    """Return ``X`` minus its column means, as floats (every column then has mean 0).

    >>> center_columns([[1, 2], [3, 6]])
    array([[-1., -2.],
           [ 1.,  2.]])
    """
    X = np.asarray(X, dtype=float)
    # X.mean(axis=0) has shape (n_cols,); it is broadcast over every row.
    return X - X.mean(axis=0)


def normalize_rows(X):
    """Divide each row of ``X`` by its sum, so every row sums to 1.

    >>> normalize_rows([[1, 3], [2, 2]])
    array([[0.25, 0.75],
           [0.5 , 0.5 ]])
    """
    X = np.asarray(X, dtype=float)
    # keepdims=True keeps the sums as a column of shape (n_rows, 1), which
    # broadcasts across the columns. Without it the shape would be (n_rows,)
    # and would be matched against the columns instead.
    return X / X.sum(axis=1, keepdims=True)


def plot_sin_cos():
    """Return a Figure with sin (solid) and cos (dashed) over ``np.arange(0, 6, 0.1)``."""
    x = np.arange(0, 6, 0.1)  # 0.0, 0.1, ..., 5.9
    y1 = np.sin(x)
    y2 = np.cos(x)

    # Object-oriented Matplotlib: no global pyplot state, no window, no show().
    from matplotlib.figure import Figure  # only plotting needs Matplotlib

    fig = Figure()
    ax = fig.subplots()
    ax.plot(x, y1, label="sin")
    ax.plot(x, y2, linestyle="--", label="cos")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("sin & cos")
    ax.legend()
    return fig
