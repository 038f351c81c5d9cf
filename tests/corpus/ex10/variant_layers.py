"""Part 2 built from layers as in the lecture's chapter 5: Affine, Sigmoid and SoftmaxWithLoss layers
in an OrderedDict, the Affine layers holding the very arrays of params; the gradient by the layers'
backward passes. accuracy splits the images with np.array_split; train draws mini-batches with
np.random.choice and records the accuracies at the end of each epoch (16 records);
plot_history numbers the epochs from 1.
"""
KIND = "variant"

from collections import OrderedDict


def init_network(path=None):
    return pickle.loads(Path(DEFAULT_WEIGHTS if path is None else path).read_bytes())


def accuracy(network, x, t, batch_size=100):
    count = 0
    n_batches = -(-len(x) // batch_size)
    for x_batch, t_batch in zip(np.array_split(x, n_batches), np.array_split(t, n_batches)):
        count += np.count_nonzero(predict(network, x_batch).argmax(axis=-1) == t_batch)
    return count / len(x)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class SigmoidLayer:
    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        return (self.y - self.t) / self.t.shape[0] * dout


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Sigmoid1"] = SigmoidLayer()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def _scores(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def predict(self, x):
        return softmax(self._scores(x))

    def loss(self, x, t):
        return self.last_layer.forward(self._scores(x), t)

    def accuracy(self, x, t):
        return float(np.mean(self._scores(x).argmax(axis=1) == t.argmax(axis=1)))

    def numerical_gradient(self, x, t):
        return {key: numerical_gradient(lambda W: self.loss(x, t), self.params[key]) for key in self.params}

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        a1, a2 = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": a1.dW, "b1": a1.db, "W2": a2.dW, "b2": a2.db}


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    if seed is not None:
        np.random.seed(seed)
    history = {"train_loss": [], "train_acc": [], "test_acc": []}
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size // batch_size, 1)
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grads = network.gradient(x_batch, t_batch)
        for key, grad in grads.items():
            network.params[key] -= learning_rate * grad
        history["train_loss"].append(network.loss(x_batch, t_batch))
        if (i + 1) % iter_per_epoch == 0:
            history["train_acc"].append(network.accuracy(x_train, t_train))
            history["test_acc"].append(network.accuracy(x_test, t_test))
    return history


from matplotlib.figure import Figure


def plot_history(history):
    fig = Figure(figsize=(6, 4))
    ax = fig.subplots()
    epochs = np.arange(1, len(history["train_acc"]) + 1)
    for key, style in (("train_acc", "-"), ("test_acc", ":")):
        ax.plot(epochs, history[key], style, label=key.replace("_", " "))
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy")
    ax.legend()
    return fig
