"""plot_history labels its lines 'train' and 'test' instead of 'train acc' and 'test acc'."""
KIND = "mistake"
EXPECT_HINT = "label='train acc'"


from matplotlib.figure import Figure


def plot_history(history):
    fig = Figure()
    ax = fig.add_subplot()
    x = np.arange(len(history["train_acc"]))
    ax.plot(x, history["train_acc"], label="train")
    ax.plot(x, history["test_acc"], label="test", linestyle="--")
    ax.legend()
    return fig
