"""np.where for step and relu, sigmoid through tanh, a loop over the layers of forward."""
KIND = "variant"


def step_function(x):
    return np.where(np.asarray(x) > 0, 1, 0)


def sigmoid(x):
    return 0.5 * (1 + np.tanh(np.asarray(x, dtype=float) / 2))


def relu(x):
    return np.where(x > 0, x, 0.0)


def forward(network, x):
    a = np.asarray(x, dtype=float)
    for k in (1, 2, 3):
        a = np.dot(a, network[f"W{k}"]) + network[f"b{k}"]
        if k < 3:
            a = sigmoid(a)
    return identity_function(a)
