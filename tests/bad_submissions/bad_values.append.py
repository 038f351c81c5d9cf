def step_function(x):
    return [1 if v > 0 else 0 for v in np.ravel(x)]  # a list, and flattened


def sigmoid(x):
    return None  # forgot to return


def relu(x):
    return np.array([object()] * np.size(x), dtype=object)  # cannot be sent back


def forward(network, x):
    return (v for v in [1, 2])  # a generator


def init_network():
    return {"W1": float("nan")}


def plot_activations():
    return "a figure"
