"""Reference solution for exercise-10: MNIST inference and training.

Part 1 (inference, the lecture's ``neuralnet_mnist.py``): load trained weights,
predict with sigmoid, sigmoid, softmax, and measure the accuracy in batches.
Part 2 (training, the lecture's ``two_layer_net.py`` and ``train_neuralnet.py``):
a two-layer network trained by mini-batch gradient descent, with gradients by
numerical differentiation and by backpropagation.

연습 10 참고 답안: MNIST 추론(배치 처리)과 2층 신경망의 미니배치 학습.
"""

import copy
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

import dataset
from dataset.mnist import load_mnist  # as in the lecture (used in the demo at the end)

#: The weights the kit ships (a 784-50-100-10 sigmoid network, trained by the kit).
DEFAULT_WEIGHTS = Path(dataset.__file__).resolve().parent / "weights" / "ex10_weights.pkl"


# ---------------------------------------------------------------------------
# Helpers from earlier exercises (activation, softmax, loss, numerical gradient)
# ---------------------------------------------------------------------------
def _as_float(a):
    """``a`` as a float array; float32 stays float32 (MNIST images are float32)."""
    a = np.asarray(a)
    return a if a.dtype.kind == "f" else a.astype(np.float64)


def sigmoid(x):
    """Sigmoid function ``1 / (1 + exp(-x))``."""
    x = _as_float(x)
    with np.errstate(over="ignore"):  # exp(-x) -> inf gives the correct limit 0
        return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    """Derivative of the sigmoid function: ``sigmoid(x) * (1 - sigmoid(x))``."""
    y = sigmoid(x)
    return (1.0 - y) * y


def softmax(a):
    """Overflow-safe softmax over the last axis (each row of a batch sums to 1)."""
    a = _as_float(a)
    exp_a = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """Cross-entropy error, mean over a mini-batch; ``t`` one-hot or class labels."""
    y = _as_float(y)
    t = np.asarray(t)
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:  # one-hot -> class labels
        t = t.argmax(axis=1)
    t = t.astype(np.int64).ravel()
    batch_size = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size)


def numerical_gradient(f, x):
    """Central-difference gradient of ``f`` at the float array ``x`` (changed in place, then restored)."""
    h = 1e-4
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad


# ---------------------------------------------------------------------------
# Part 1: inference with trained weights
# ---------------------------------------------------------------------------
def init_network(path=None):
    """Load the weights ``W1 b1 W2 b2 W3 b3`` from a pickle (default: the kit's weights)."""
    path = DEFAULT_WEIGHTS if path is None else Path(path)
    with open(path, "rb") as f:
        network = pickle.load(f)
    return network


def predict(network, x):
    """Forward pass: sigmoid, sigmoid, softmax. One image (784,) or a batch (N, 784)."""
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    y = softmax(a3)
    return y


def accuracy(network, x, t, batch_size=100):
    """Fraction of correctly classified images, predicted ``batch_size`` images at a time."""
    t = np.asarray(t)
    if t.ndim == 2:  # one-hot labels
        t = np.argmax(t, axis=1)
    accuracy_cnt = 0
    # range(0, len(x), batch_size) also visits the last, shorter batch.
    for i in range(0, len(x), batch_size):
        x_batch = x[i:i + batch_size]
        y_batch = predict(network, x_batch)
        p = np.argmax(y_batch, axis=1)
        accuracy_cnt += int(np.sum(p == t[i:i + batch_size]))
    return accuracy_cnt / len(x)


# ---------------------------------------------------------------------------
# Part 2: a two-layer network and its training
# ---------------------------------------------------------------------------
class TwoLayerNet:
    """Affine - sigmoid - affine - softmax, with ``params`` ``W1 b1 W2 b2``."""

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)
        self.last_loss = None  # the loss of the latest gradient() call (see train)

    def _weights(self, x):
        # Compute in the precision of the input: float32 images give float32
        # arithmetic (about three times faster than mixing in float64, and plenty for
        # training); float64 input (as in a gradient check) gives float64.
        dtype = x.dtype if x.dtype.kind == "f" else np.float64
        return [self.params[key].astype(dtype, copy=False) for key in ("W1", "b1", "W2", "b2")]

    def _forward(self, x):
        """Forward pass; returns the input as a float array, the hidden output z1 and y."""
        x = _as_float(x)
        W1, b1, W2, b2 = self._weights(x)
        z1 = sigmoid(np.dot(x, W1) + b1)
        y = softmax(np.dot(z1, W2) + b2)
        return x, z1, y

    def predict(self, x):
        return self._forward(x)[2]

    def loss(self, x, t):
        """Cross-entropy error of the prediction; ``t`` one-hot (or class labels)."""
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        t = np.asarray(t)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.sum(y == t) / float(x.shape[0]))

    def numerical_gradient(self, x, t):
        """Gradients of the loss by numerical differentiation (slow: for checking only)."""
        def loss_W(W):
            return self.loss(x, t)

        grads = {}
        for key in ("W1", "b1", "W2", "b2"):
            grads[key] = numerical_gradient(loss_W, self.params[key])
        return grads

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation."""
        x, z1, y = self._forward(x)
        W2 = self.params["W2"].astype(x.dtype, copy=False)
        batch_num = x.shape[0]
        t = np.asarray(t)
        if t.ndim == 1:  # class labels -> one-hot
            t = np.eye(y.shape[1], dtype=y.dtype)[t]

        dy = (y - t) / batch_num                 # softmax with cross-entropy
        grads = {}
        grads["W2"] = np.dot(z1.T, dy)
        grads["b2"] = np.sum(dy, axis=0)
        da1 = np.dot(dy, W2.T)
        da1 *= (1.0 - z1) * z1                   # sigmoid: dout * (1 - y) * y
        grads["W1"] = np.dot(x.T, da1)
        grads["b1"] = np.sum(da1, axis=0)
        # The loss of this very forward pass: train records it instead of running a
        # second forward pass over the mini-batch (a good part of the training time).
        self.last_loss = cross_entropy_error(y, t)
        return grads


def _snapshot(network):
    """A copy of ``network`` with its own copy of the parameters."""
    clone = copy.copy(network)
    clone.params = {key: value.copy() for key, value in network.params.items()}
    return clone


def _accuracies(network, x_train, t_train, x_test, t_test):
    return network.accuracy(x_train, t_train), network.accuracy(x_test, t_test)


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    """Mini-batch gradient descent as in the lecture's ``train_neuralnet.py``.

    Returns ``{'train_loss': [...], 'train_acc': [...], 'test_acc': [...]}``:
    the loss of every mini-batch, and both accuracies once per epoch.
    """
    rng = np.random.default_rng(seed)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / batch_size, 1)
    history = {"train_loss": [], "train_acc": [], "test_acc": []}
    # Each epoch's accuracies are measured on a snapshot of the parameters, in a second
    # thread (NumPy releases the GIL), so that the next mini-batches need not wait.
    with ThreadPoolExecutor(max_workers=1) as pool:
        epochs = []
        for i in range(iters_num):
            batch_mask = rng.integers(train_size, size=batch_size)  # = rng.choice(train_size, batch_size)
            x_batch = x_train[batch_mask]
            t_batch = t_train[batch_mask]

            grad = network.gradient(x_batch, t_batch)              # backpropagation
            for key in ("W1", "b1", "W2", "b2"):
                network.params[key] -= learning_rate * grad[key]

            # The lecture records network.loss(x_batch, t_batch) after the update; the loss
            # that gradient() computed just before it is practically the same and costs no
            # extra forward pass. Other networks (without last_loss) are asked for it.
            loss = getattr(network, "last_loss", None)
            history["train_loss"].append(network.loss(x_batch, t_batch) if loss is None else loss)

            if i % iter_per_epoch == 0:
                epochs.append(pool.submit(_accuracies, _snapshot(network), x_train, t_train, x_test, t_test))
        for epoch in epochs:
            train_acc, test_acc = epoch.result()
            history["train_acc"].append(train_acc)
            history["test_acc"].append(test_acc)
    return history


def plot_history(history):
    """A Figure of the train and test accuracy per epoch (lines 'train acc' and 'test acc')."""
    from matplotlib.figure import Figure  # imported here: only plotting needs Matplotlib (slow to import)

    fig = Figure()
    ax = fig.add_subplot()
    x = np.arange(len(history["train_acc"]))
    ax.plot(x, history["train_acc"], label="train acc")
    ax.plot(x, history["test_acc"], label="test acc", linestyle="--")
    ax.set_xlabel("epochs")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1.0)
    ax.legend(loc="lower right")
    return fig


if __name__ == "__main__":
    # From the project root: python solutions/ex10_mnist.py  (the lecture's two scripts in one)
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True, one_hot_label=False)
    print("Accuracy:" + str(accuracy(init_network(), x_test, t_test)))

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
    net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    history = train(net, x_train, t_train, x_test, t_test)
    print("train acc, test acc | " + str(history["train_acc"][-1]) + ", " + str(history["test_acc"][-1]))
    plot_history(history).savefig("ex10_learning_curve.png")
    print("saved ex10_learning_curve.png")
