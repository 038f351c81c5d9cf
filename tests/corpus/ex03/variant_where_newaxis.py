"""np.where for the selection, [:, np.newaxis] instead of keepdims, np.mean with keepdims."""
KIND = "variant"

from matplotlib.figure import Figure


def elementwise(x, y):
    x, y = np.asarray(x), np.asarray(y)
    results = [x + y, x - y, x * y, x / y]
    return tuple(results)


def broadcast_mul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    return A * B


def sub_block(a):
    rows = slice(0, 2)
    cols = slice(1, 3)
    return a[rows, cols]


def select_greater(X, threshold):
    X = np.asarray(X)
    return X[np.where(X > threshold)]


def center_columns(X):
    X = np.asarray(X).astype(np.float64)
    return X - np.mean(X, axis=0, keepdims=True)


def normalize_rows(X):
    X = np.asarray(X, dtype=np.float64)
    sums = np.sum(X, axis=1)
    return X / sums[:, np.newaxis]


def plot_sin_cos():
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    x = np.arange(0, 6, 0.1)
    ax.plot(x, np.cos(x), linestyle="--", label="cos")
    ax.plot(x, np.sin(x), label="sin")
    ax.set_title("sin & cos")
    ax.set_ylabel("y")
    ax.set_xlabel("x")
    ax.legend()
    return fig
