"""Loops and NumPy functions instead of operators; pyplot's figure with a linspace x."""
KIND = "variant"

import matplotlib.pyplot as plt


def elementwise(x, y):
    x = np.array(x)
    y = np.array(y)
    return (np.add(x, y), np.subtract(x, y), np.multiply(x, y), np.divide(x, y))


def broadcast_mul(A, B):
    return np.multiply(A, B)


def sub_block(a):
    return a[0:2, 1:3]


def select_greater(X, threshold):
    X = np.asarray(X)
    picked = [v for v in X.flatten() if v > threshold]
    return np.array(picked)


def center_columns(X):
    X = np.array(X, dtype=float)
    out = np.empty_like(X)
    for j in range(X.shape[1]):
        column = X[:, j]
        out[:, j] = column - sum(column) / len(column)
    return out


def normalize_rows(X):
    X = np.array(X, dtype=float)
    out = np.zeros_like(X)
    for i, row in enumerate(X):
        out[i] = row / row.sum()
    return out


def plot_sin_cos():
    x = np.linspace(0, 5.9, 60)
    fig = plt.figure()
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(x, np.sin(x), label="sin")
    ax.plot(x, np.cos(x), "--", label="cos")
    ax.set(xlabel="x", ylabel="y", title="sin and cos")
    ax.legend(loc="upper right")
    plt.close(fig)
    return fig
