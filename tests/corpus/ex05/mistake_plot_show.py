"""plot_activations draws with pyplot and calls plt.show() instead of returning the figure."""
KIND = "mistake"
EXPECT_HINT = "plt.show() is not needed"


def plot_activations():
    import matplotlib.pyplot as plt
    x = np.arange(-5.0, 5.0, 0.1)
    plt.plot(x, step_function(x), linestyle="--", label="step")
    plt.plot(x, sigmoid(x), label="sigmoid")
    plt.plot(x, relu(x), label="relu")
    plt.legend()
    plt.show()
