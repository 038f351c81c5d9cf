"""plot_sin_cos labels the lines but never calls ax.legend()."""
KIND = "mistake"
EXPECT_HINT = "legend"

from matplotlib.figure import Figure


def plot_sin_cos():
    x = np.arange(0, 6, 0.1)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(x, np.sin(x), label="sin")
    ax.plot(x, np.cos(x), linestyle="--", label="cos")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("sin & cos")
    return fig
