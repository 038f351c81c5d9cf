"""Correct, written differently: np.ndindex over a copy of x, `/ 2 / h`, a nested def for the
tangent, x = x - lr * grad, labels in SimpleNet.loss, pyplot and normalised arrows on a 2-D grid."""
KIND = "variant"


def numerical_diff(f, x):
    h = 0.0001
    return (f(x + h) - f(x - h)) / 2 / h


def tangent_line(f, x):
    slope = numerical_diff(f, x)
    y0 = f(x)

    def line(t):
        return slope * (t - x) + y0
    return line


def numerical_gradient(f, x):
    h = 1e-4
    work = np.array(x, dtype=float)          # nudge a copy: x itself is never touched
    grad = np.zeros(work.shape)
    for idx in np.ndindex(work.shape):
        original = work[idx]
        work[idx] = original + h
        plus = f(work)
        work[idx] = original - h
        minus = f(work)
        work[idx] = original
        grad[idx] = (plus - minus) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.copy().astype(float)
    for _ in range(step_num):
        x = x - lr * numerical_gradient(f, x)
    return x


class SimpleNet:
    def __init__(self):
        self.W = np.random.standard_normal(size=(2, 3))

    def predict(self, x):
        return x @ self.W

    def loss(self, x, t):
        y = softmax(self.predict(x))
        t = np.asarray(t)
        if y.ndim == 1:
            y = y[np.newaxis, :]
            t = t.reshape(1, -1)
        if t.ndim == 2:
            t = np.argmax(t, axis=1)
        return float(-np.mean(np.log(y[np.arange(len(y)), t] + 1e-7)))


simpleNet = SimpleNet


def plot_gradient_field():
    import matplotlib.pyplot as plt
    grid = np.linspace(-2, 2, 17)
    X, Y = np.meshgrid(grid, grid)
    U, V = -2 * X, -2 * Y
    length = np.hypot(U, V)
    length[length == 0] = 1.0
    fig, ax = plt.subplots()
    ax.quiver(X, Y, U / length, V / length, angles="xy")
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    return fig
