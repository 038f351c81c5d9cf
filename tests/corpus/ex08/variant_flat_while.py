"""Correct, written differently: a flat view of x and a += / -= restore, a while loop for
gradient descent, SimpleNet as a separate class with simpleNet as its subclass, and quiver
with 1-D axes vectors and the exact gradient at half scale."""
KIND = "variant"


def numerical_diff(f, x):
    h = 1e-4
    forward = f(x + h)
    backward = f(x - h)
    return (forward - backward) / (h + h)


def tangent_line(f, x):
    d = numerical_diff(f, x)
    return lambda t: d * t + (f(x) - d * x)


def numerical_gradient(f, x):
    h = 1e-4
    flat = x.reshape(-1)                     # a view: writing to it changes x
    grad = np.empty(x.shape)
    gflat = grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        a = f(x)
        flat[i] = keep - h
        b = f(x)
        flat[i] = keep
        gflat[i] = (a - b) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=np.float64)
    step = 0
    while step < step_num:
        g = numerical_gradient(f, x)
        x -= lr * g
        step += 1
    return x


class SimpleNet:
    def __init__(self):
        self.W = np.random.normal(0.0, 1.0, (2, 3))

    def predict(self, x):
        return np.matmul(x, self.W)

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)


class simpleNet(SimpleNet):
    pass


def plot_gradient_field():
    from matplotlib.figure import Figure
    axis = np.arange(-2.0, 2.01, 0.5)
    X, Y = np.meshgrid(axis, axis)
    fig = Figure()
    ax = fig.add_subplot(1, 1, 1)
    ax.quiver(axis, axis, -X, -Y)            # 0.5 * (-grad): same directions
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    return fig
