"""The three curves are plotted without labels."""
KIND = "mistake"
EXPECT_HINT = "label='step'"


def plot_activations():
    from matplotlib.figure import Figure

    x = np.arange(-5.0, 5.0, 0.1)
    fig = Figure()
    ax = fig.subplots()
    ax.plot(x, step_function(x))
    ax.plot(x, sigmoid(x))
    ax.plot(x, relu(x))
    return fig
