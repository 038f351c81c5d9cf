"""astype(int) for step, the exp(x) / (1 + exp(x)) form of sigmoid, relu as x * mask, a pyplot figure."""
KIND = "variant"
import matplotlib.pyplot as plt


def step_function(x):
    y = np.asarray(x) > 0
    return y.astype(int)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.exp(np.minimum(x, 0)) / (np.exp(np.minimum(x, 0)) + np.exp(np.minimum(-x, 0)))


def relu(x):
    x = np.asarray(x)
    return x * (x > 0)


def plot_activations():
    x = np.arange(-5.0, 5.0, 0.1)
    fig = plt.figure()
    plt.plot(x, step_function(x), label="step")
    plt.plot(x, sigmoid(x), label="sigmoid")
    plt.plot(x, relu(x), label="relu")
    plt.ylim(-0.1, 1.1)
    plt.legend()
    return fig


def forward(network, x):
    a1 = x @ network["W1"] + network["b1"]
    z1 = sigmoid(a1)
    a2 = z1 @ network["W2"] + network["b2"]
    z2 = sigmoid(a2)
    return z2 @ network["W3"] + network["b3"]
