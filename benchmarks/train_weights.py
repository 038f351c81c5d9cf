"""Train the weights that exercise-10's ``init_network()`` loads by default.

요약: 실습 10 의 ``init_network()`` 가 기본으로 불러오는 가중치를 학습합니다.
강의의 784-50-100-10 시그모이드 신경망(은닉층 2개, 출력층 소프트맥스)을 시드를
고정한 미니배치 경사 하강법(모멘텀)으로 학습하고, ``W1 b1 W2 b2 W3 b3`` 를
float32 배열의 dict 로 ``dataset/weights/ex10_weights.pkl`` 에 저장합니다.

Usage (from the project root; ``MNIST_DIR`` as for ``load_mnist``)::

    MNIST_DIR=/path/to/mnist python benchmarks/train_weights.py [--out PATH] [--seed 0]

The network is the one of the lecture's ``sample_weight.pkl``: 784 inputs, hidden
layers of 50 and 100 sigmoid units, 10 softmax outputs, used with ``predict`` =
sigmoid, sigmoid, softmax on images loaded with ``normalize=True``.  Training:

* weights drawn from a seeded ``numpy.random.default_rng`` with the "Xavier" scale
  ``1 / sqrt(n_in)`` (suited to sigmoid), biases 0;
* mini-batches of 100 from a fresh random permutation of the 60,000 training
  images every epoch; cross-entropy loss; backpropagation; SGD with momentum
  0.9 and a learning rate of 0.1, lowered to 0.01 for the last epochs;
* arithmetic in float32, like the weights that are saved.

The script prints the test accuracy (the lecture's batched ``accuracy``) and
refuses to write weights that do not beat the lecture's 0.9352.  The same seed
gives the same weights on the same machine (BLAS libraries may differ in the last
bits elsewhere, which does not change the accuracy noticeably).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataset.mnist import load_mnist  # noqa: E402

OUT = ROOT / "dataset" / "weights" / "ex10_weights.pkl"
SIZES = (784, 50, 100, 10)
LECTURE_ACCURACY = 0.9352


def sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def softmax(a):
    exp_a = np.exp(a - a.max(axis=1, keepdims=True))
    return exp_a / exp_a.sum(axis=1, keepdims=True)


def predict(net, x):
    """The lecture's forward pass: sigmoid, sigmoid, softmax."""
    z1 = sigmoid(x @ net["W1"] + net["b1"])
    z2 = sigmoid(z1 @ net["W2"] + net["b2"])
    return softmax(z2 @ net["W3"] + net["b3"])


def accuracy(net, x, t, batch_size=100):
    """The lecture's batched accuracy (labels, not one-hot)."""
    hits = 0
    for i in range(0, len(x), batch_size):
        hits += int(np.sum(np.argmax(predict(net, x[i:i + batch_size]), axis=1) == t[i:i + batch_size]))
    return hits / len(x)


def init_params(rng):
    net = {}
    for i, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:]), start=1):
        net[f"W{i}"] = (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(np.float32)
        net[f"b{i}"] = np.zeros(n_out, dtype=np.float32)
    return net


def gradients(net, x, t_onehot):
    """Backpropagation through affine-sigmoid-affine-sigmoid-affine-softmax-with-loss."""
    z1 = sigmoid(x @ net["W1"] + net["b1"])
    z2 = sigmoid(z1 @ net["W2"] + net["b2"])
    y = softmax(z2 @ net["W3"] + net["b3"])
    dy = (y - t_onehot) / np.float32(len(x))
    grads = {"W3": z2.T @ dy, "b3": dy.sum(axis=0)}
    da2 = (dy @ net["W3"].T) * (1 - z2) * z2
    grads["W2"], grads["b2"] = z1.T @ da2, da2.sum(axis=0)
    da1 = (da2 @ net["W2"].T) * (1 - z1) * z1
    grads["W1"], grads["b1"] = x.T @ da1, da1.sum(axis=0)
    return grads


def train(seed=0, epochs=30, batch_size=100, lr=0.1, momentum=0.9, lr_drop_epoch=24, log=print):
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=False)
    eye = np.eye(10, dtype=np.float32)
    rng = np.random.default_rng(seed)
    net = init_params(rng)
    velocity = {key: np.zeros_like(value) for key, value in net.items()}
    n = len(x_train)
    for epoch in range(1, epochs + 1):
        step = np.float32(lr if epoch <= lr_drop_epoch else lr / 10)
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            grads = gradients(net, x_train[idx], eye[t_train[idx]])
            for key in net:
                velocity[key] *= np.float32(momentum)
                velocity[key] -= step * grads[key]
                net[key] += velocity[key]
        if epoch % 5 == 0 or epoch == epochs:
            log(f"epoch {epoch:2d}: train acc {accuracy(net, x_train, t_train):.4f}, "
                f"test acc {accuracy(net, x_test, t_test):.4f}")
    return net, accuracy(net, x_test, t_test)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the weights (default {OUT})")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--epochs", type=int, default=30, help="epochs (default 30)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    net, test_acc = train(seed=args.seed, epochs=args.epochs, lr_drop_epoch=max(args.epochs - 6, 1))
    print(f"trained in {time.perf_counter() - start:.1f} s; test accuracy {test_acc:.4f}")
    if test_acc <= LECTURE_ACCURACY:
        print(f"not written: {test_acc:.4f} does not beat the lecture's {LECTURE_ACCURACY}", file=sys.stderr)
        return 1
    net = {key: np.ascontiguousarray(net[key], dtype=np.float32)
           for key in ("W1", "b1", "W2", "b2", "W3", "b3")}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        pickle.dump(net, f, protocol=4)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
