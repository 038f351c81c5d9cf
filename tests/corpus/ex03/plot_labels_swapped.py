"""plot_sin_cos puts the label 'cos' on the sine curve and 'sin' on the cosine curve."""
KIND = "mistake"
EXPECT_HINT = "labels are swapped"

from matplotlib.figure import Figure


def plot_sin_cos():
    x = np.arange(0, 6, 0.1)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(x, np.sin(x), label="cos")
    ax.plot(x, np.cos(x), linestyle="--", label="sin")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("sin & cos")
    ax.legend()
    return fig
