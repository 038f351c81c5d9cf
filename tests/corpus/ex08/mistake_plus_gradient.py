"""plot_gradient_field that draws +grad: the arrows point away from the minimum."""
KIND = "mistake"
EXPECT_HINT = "+grad"


def plot_gradient_field():
    from matplotlib.figure import Figure
    x0 = np.arange(-2, 2.5, 0.25)
    x1 = np.arange(-2, 2.5, 0.25)
    X, Y = np.meshgrid(x0, x1)
    X = X.flatten()
    Y = Y.flatten()
    grad = numerical_gradient(_function_2, np.array([X, Y]))
    fig = Figure()
    ax = fig.subplots()
    ax.quiver(X, Y, grad[0], grad[1], angles="xy")
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    return fig
