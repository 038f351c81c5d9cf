"""Exercise 03 - NumPy arrays, broadcasting, slicing and Matplotlib.

NumPy's ``ndarray`` is the array type used throughout the course
(``import numpy as np``; ``x = np.array([1.0, 2.0, 3.0])``).

*Element-wise operations.* Arithmetic between two arrays of the same shape is
done element by element: ``np.array([1.0, 2.0, 3.0]) + np.array([2.0, 4.0, 6.0])``
is ``array([3., 6., 9.])``. ``np.asarray(x)`` turns a list into an array (and
leaves an array as it is).

*Broadcasting.* Arrays of different shapes can be combined when NumPy can
stretch the smaller one to the shape of the larger one:
``np.array([[1, 2], [3, 4]]) * 10`` multiplies every element by 10, and
``np.array([[1, 2], [3, 4]]) * np.array([10, 20])`` multiplies every *row* by
``[10, 20]``, giving ``[[10, 40], [30, 80]]``. A column of shape ``(n, 1)``
is stretched across the columns instead: ``X.sum(axis=1, keepdims=True)``
gives such a column.

*Indexing and slicing.* ``a[0, 1]`` is row 0, column 1; ``a[:2, 1:3]`` is
rows 0-1 and columns 1-2. A slice is a *view*: it shares memory with ``a``, so
writing into the slice changes ``a``.

*Boolean indexing.* ``X > 15`` is an array of ``True``/``False`` of the same
shape as ``X``; ``X[X > 15]`` picks out the elements where it is ``True``, as a
1-D array.

*Matplotlib.* The lecture draws with ``matplotlib.pyplot`` and ``plt.show()``.
Here, build the figure object directly, which needs no window and no global
state::

        fig = Figure()
    ax = fig.subplots()
    ax.plot(x, y, label="sin")
    ax.set_xlabel("x"); ax.set_title("..."); ax.legend()
    return fig

(``ax.set_xlabel`` corresponds to ``plt.xlabel``, ``ax.set_title`` to
``plt.title``.) Never call ``plt.show()``: the grader runs without a screen.

Fill in every function below: replace ``raise NotImplementedError`` by your code.

한국어 요약: NumPy 배열의 원소별 연산, 브로드캐스트(형상이 다른 배열끼리의 연산),
슬라이싱(뷰), 불리언 인덱싱, 그리고 Matplotlib의 Figure 객체로 그래프 그리기를
연습합니다. plt.show()는 호출하지 않습니다.
"""

import numpy as np
from matplotlib.figure import Figure


def elementwise(x, y):
    """Return the tuple ``(x + y, x - y, x * y, x / y)`` of NumPy arrays.

    ``x`` and ``y`` may be lists: convert them with ``np.asarray`` first.

    Example::

        >>> s, d, p, q = elementwise([1.0, 2.0, 3.0], [2.0, 4.0, 6.0])
        >>> s, d
        (array([3., 6., 9.]), array([-1., -2., -3.]))
        >>> p, q
        (array([ 2.,  8., 18.]), array([0.5, 0.5, 0.5]))

    한국어 요약: 두 배열의 원소별 덧셈, 뺄셈, 곱셈, 나눗셈 결과를 튜플로 반환합니다.
    """
    # TODO: convert with np.asarray, then return the four element-wise results.
    raise NotImplementedError


def broadcast_mul(A, B):
    """Return ``A * B`` as a NumPy array, using broadcasting.

    Example::

        >>> broadcast_mul([[1, 2], [3, 4]], [10, 20])
        array([[10, 40],
               [30, 80]])
        >>> broadcast_mul([[1, 2], [3, 4]], 10)
        array([[10, 20],
               [30, 40]])

    한국어 요약: 브로드캐스트를 이용해 형상이 다른 두 배열을 곱합니다.
    """
    # TODO: convert both operands to arrays and multiply.
    raise NotImplementedError


def sub_block(a):
    """Return ``a[:2, 1:3]`` (rows 0-1, columns 1-2) as a view of ``a``.

    Do not copy: writing into the returned block must change ``a``.

    Example::

        >>> a = np.arange(12).reshape(3, 4)
        >>> sub_block(a)
        array([[1, 2],
               [5, 6]])
        >>> sub_block(a)[0, 0] = 99
        >>> print(a[0, 1])
        99

    한국어 요약: 슬라이싱으로 a의 일부(앞의 두 행, 1~2열)를 복사 없이(뷰로) 반환합니다.
    """
    # TODO: one slice of a.
    raise NotImplementedError


def select_greater(X, threshold):
    """Return the elements of ``X`` greater than ``threshold``, as a 1-D array.

    Use a boolean mask (``X > threshold``).

    Example::

        >>> X = np.array([[51, 55], [14, 19], [0, 4]])
        >>> select_greater(X, 15)
        array([51, 55, 19])

    한국어 요약: 불리언 인덱싱으로 threshold보다 큰 원소만 1차원 배열로 꺼냅니다.
    """
    # TODO: build the mask and index X with it.
    raise NotImplementedError


def center_columns(X):
    """Return ``X`` minus the mean of each column, as a float array.

    ``X.mean(axis=0)`` is one row of column means; subtracting it from ``X``
    broadcasts it over every row. Afterwards each column has mean 0.

    Example::

        >>> center_columns([[1, 2], [3, 6]])
        array([[-1., -2.],
               [ 1.,  2.]])

    한국어 요약: 각 열의 평균을 빼서(행 방향 브로드캐스트) 열 평균이 0이 되게 합니다.
    """
    # TODO: convert to float, subtract the column means.
    raise NotImplementedError


def normalize_rows(X):
    """Divide each row of ``X`` by its sum, so that every row sums to 1.

    Use ``X.sum(axis=1, keepdims=True)``: with ``keepdims`` the sums form a
    column of shape ``(n, 1)``, which broadcasts across each row.

    Example::

        >>> normalize_rows([[1, 3], [2, 2]])
        array([[0.25, 0.75],
               [0.5 , 0.5 ]])

    한국어 요약: 각 행을 그 행의 합으로 나누어 행의 합이 1이 되게 합니다(keepdims 사용).
    """
    # TODO: convert to an array, divide by the row sums (keepdims=True).
    raise NotImplementedError


def plot_sin_cos():
    """Return a ``Figure`` with the lecture's sin and cos plot.

    As in the lecture::

        x = np.arange(0, 6, 0.1)     # 0 to 6 in steps of 0.1
        y1 = np.sin(x)
        y2 = np.cos(x)
        # plot y1 with label "sin", y2 with linestyle "--" and label "cos"
        # x-axis label "x", y-axis label "y", title "sin & cos", a legend

    Build it with ``fig = Figure(); ax = fig.subplots()`` and return ``fig``.
    Do not use ``pyplot`` and never call ``show()``.

    한국어 요약: sin과 cos(점선) 그래프를 그린 Figure 객체를 반환합니다(축 이름, 제목, 범례 포함).
    """
    from matplotlib.figure import Figure  # imported here: only plotting needs Matplotlib (slow to import)

    # TODO: compute x, y1, y2 and draw them on ax; return the Figure.
    raise NotImplementedError
