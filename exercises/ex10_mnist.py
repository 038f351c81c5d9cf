"""Exercise 10 - MNIST: inference with trained weights, then training a network.

The MNIST data set
------------------
70,000 handwritten digits (0-9) of 28x28 gray pixels: 60,000 for training and
10,000 for testing. The kit's loader works exactly like the lecture's (run your
code from the project root)::

    from dataset.mnist import load_mnist
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True,
                                                      one_hot_label=False)
    x_train.shape   # (60000, 784): one image per row, pixels scaled to 0.0 ... 1.0
    t_train.shape   # (60000,): the labels 0 ... 9 (one_hot_label=True: (60000, 10))

Part 1: inference (추론)
------------------------
A network that has already been trained only needs a forward pass (순전파).
The kit ships trained weights for the lecture's network: 784 inputs, hidden
layers of 50 and 100 neurons with the sigmoid function, 10 outputs with the
softmax function. ``init_network`` loads them, ``predict`` runs the forward
pass and ``accuracy`` counts how many test images are classified correctly.

Batch processing (배치 처리): instead of one image at a time, feed 100 images as
one array of shape (100, 784). The shapes still fit - (100, 784) x (784, 50)
... -> (100, 10), one row of 10 class scores per image - and one large matrix
product is much faster than 100 small ones.

Part 2: training (학습)
-----------------------
``TwoLayerNet`` (784 -> 50 sigmoid -> 10 softmax) learns its own weights.
Mini-batch learning (미니배치 학습) repeats four steps:

1. mini-batch: draw ``batch_size`` random training images;
2. gradient (기울기): the gradient of the loss function for every parameter -
   by numerical differentiation (slow, but simple) or by backpropagation (fast);
3. update: move each parameter a little against its gradient,
   ``params[key] -= learning_rate * grad[key]`` (gradient descent, 경사 하강법);
4. repeat. One *epoch* (에폭) is as many iterations as it takes to see as many
   images as there are in the training set: ``60000 / 100 = 600`` iterations.

Measure the accuracy on the training and the test data once per epoch: if both
rise together the network generalises; if only the training accuracy rises, it
overfits.

한국어 요약: 학습된 가중치로 MNIST를 추론(배치 처리)하고 정확도를 구한 뒤, 2층 신경망을
미니배치 학습(수치 미분/오차역전파로 기울기 계산, 경사 하강법으로 갱신)으로 학습시킵니다.
"""

import pickle
from pathlib import Path

import numpy as np

import dataset
from dataset.mnist import load_mnist  # as in the lecture (used in the demo at the end)

#: GIVEN: the trained weights that the kit ships (found next to the kit's ``dataset`` package).
DEFAULT_WEIGHTS = Path(dataset.__file__).resolve().parent / "weights" / "ex10_weights.pkl"


# ---------------------------------------------------------------------------
# GIVEN helpers (not graded), from exercises 05-09. Use them.
# ---------------------------------------------------------------------------
def _as_float(a):
    """GIVEN: ``a`` as a float array; float32 stays float32 (MNIST images are float32)."""
    a = np.asarray(a)
    return a if a.dtype.kind == "f" else a.astype(np.float64)


def sigmoid(x):
    """GIVEN (from ex05): the sigmoid function ``1 / (1 + exp(-x))``."""
    x = _as_float(x)
    with np.errstate(over="ignore"):  # exp(-x) -> inf gives the correct limit 0
        return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    """GIVEN: the derivative of the sigmoid function, ``sigmoid(x) * (1 - sigmoid(x))``."""
    y = sigmoid(x)
    return (1.0 - y) * y


def softmax(a):
    """GIVEN (from ex06): overflow-safe softmax over the last axis.

    For a batch of shape (N, 10) every *row* is normalised, so each row sums to 1.
    """
    a = _as_float(a)
    exp_a = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """GIVEN (from ex07): cross-entropy error, mean over a mini-batch; ``t`` one-hot or labels."""
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
    """GIVEN (from ex08): central-difference gradient of ``f`` at the float array ``x``.

    ``x`` is changed in place (one element at a time) and restored, so ``f`` may
    ignore its argument and read the network's weights instead.
    """
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
    """Load the trained weights from a pickle file and return them as a dict.

    ``path`` is the file to read; with ``path=None`` read the weights the kit ships,
    ``DEFAULT_WEIGHTS``. The file holds a dict with the keys ``W1 b1 W2 b2 W3 b3``
    (as the lecture's ``sample_weight.pkl``)::

        with open(path, 'rb') as f:
            network = pickle.load(f)

    Example::

        >>> network = init_network()
        >>> network['W1'].shape, network['W2'].shape, network['W3'].shape
        ((784, 50), (50, 100), (100, 10))

    요약: pickle 파일에서 가중치 dict(W1 b1 W2 b2 W3 b3)를 읽어 돌려준다. path가 없으면
    키트가 제공하는 DEFAULT_WEIGHTS를 읽는다.
    """
    # TODO: use DEFAULT_WEIGHTS when path is None; open the file in 'rb' mode,
    #       pickle.load it and return the dict.
    raise NotImplementedError


def predict(network, x):
    """Forward pass of the three-layer network; return the class probabilities.

    ``x`` is one image of shape (784,) or a batch of shape (N, 784)::

        a1 = np.dot(x, W1) + b1;  z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2; z2 = sigmoid(a2)
        a3 = np.dot(z2, W3) + b3; y = softmax(a3)

    The hidden layers use the sigmoid function, the output layer the softmax
    function (use the given ``softmax``: for a batch every row must sum to 1).
    The result has shape (10,) for one image and (N, 10) for a batch.

    Example::

        >>> (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True)
        >>> y = predict(init_network(), x_test[0])
        >>> print(y.shape, np.argmax(y), t_test[0])   # the first test image is a 7
        (10,) 7 7

    요약: 은닉층 두 개는 시그모이드 함수, 출력층은 소프트맥스 함수인 순전파로 각 클래스의
    확률을 돌려준다. 이미지 한 장 (784,) 과 배치 (N, 784) 모두 처리한다.
    """
    # TODO: take W1 W2 W3 and b1 b2 b3 from network; compute a1 z1 a2 z2 a3 y.
    raise NotImplementedError


def accuracy(network, x, t, batch_size=100):
    """Fraction of the images in ``x`` whose predicted class equals the label in ``t``.

    Predict ``batch_size`` images at a time (batch processing), as in the lecture::

        accuracy_cnt = 0
        for i in range(0, len(x), batch_size):
            x_batch = x[i:i+batch_size]
            y_batch = predict(network, x_batch)
            p = np.argmax(y_batch, axis=1)     # the most probable class of each row
            accuracy_cnt += np.sum(p == t[i:i+batch_size])
        return accuracy_cnt / len(x)

    ``t`` holds the labels (``one_hot_label=False``). Every image counts: with 250
    images and ``batch_size=100`` the batches have 100, 100 and 50 images. Return a
    number between 0 and 1 (the lecture's weights give ``Accuracy: 0.9352``).

    요약: batch_size장씩 배치 처리로 예측해 맞힌 비율(정확도)을 돌려준다. 마지막의
    작은 배치까지 모든 이미지를 센다.
    """
    # TODO: loop over the batches as above and return the accuracy.
    raise NotImplementedError


# ---------------------------------------------------------------------------
# Part 2: a two-layer network and its training
# ---------------------------------------------------------------------------
class TwoLayerNet:
    """A two-layer network: affine -> sigmoid -> affine -> softmax.

    * ``__init__(input_size, hidden_size, output_size, weight_init_std=0.01)``:
      store the parameters in the dict ``self.params``::

          self.params = {}
          self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
          self.params['b1'] = np.zeros(hidden_size)
          self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
          self.params['b2'] = np.zeros(output_size)

    * ``predict(x)``: ``softmax(np.dot(sigmoid(np.dot(x, W1) + b1), W2) + b2)``;
    * ``loss(x, t)``: ``cross_entropy_error(self.predict(x), t)``;
    * ``accuracy(x, t)``: the fraction of rows whose ``np.argmax`` equals the label;
      ``t`` is one-hot (``load_mnist(one_hot_label=True)``) as in the lecture, so
      compare with ``np.argmax(t, axis=1)``;
    * ``numerical_gradient(x, t)`` and ``gradient(x, t)``: the gradient of the loss
      for every parameter, a dict with the same keys as ``params``
      (``grads['W1']`` has the shape of ``params['W1']``, and so on).

    Always read the weights from ``self.params``: training changes them there.
    ``x`` is a mini-batch of shape (N, input_size), ``t`` one-hot of shape
    (N, output_size).

    Example::

        >>> net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
        >>> net.params['W1'].shape, net.params['b2'].shape
        ((784, 50), (10,))

    요약: 파라미터(W1 b1 W2 b2)를 dict params에 갖는 2층 신경망. 은닉층은 시그모이드 함수,
    출력층은 소프트맥스 함수이고, 기울기를 수치 미분과 오차역전파로 구한다.
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        # TODO: self.params = {...} with W1 b1 W2 b2 as shown above.
        raise NotImplementedError

    def predict(self, x):
        """Class probabilities for the rows of ``x`` (sigmoid hidden layer, softmax output).

        요약: 은닉층 시그모이드, 출력층 소프트맥스로 순전파한 결과를 돌려준다.
        """
        # TODO
        raise NotImplementedError

    def loss(self, x, t):
        """The cross-entropy error of ``self.predict(x)`` against the one-hot labels ``t``.

        요약: 예측과 정답 레이블 t의 교차 엔트로피 오차(손실 함수)를 돌려준다.
        """
        # TODO
        raise NotImplementedError

    def accuracy(self, x, t):
        """The fraction of rows of ``x`` classified correctly (``t`` one-hot).

        요약: 예측 클래스(np.argmax)가 정답과 같은 비율을 돌려준다.
        """
        # TODO: y = np.argmax(self.predict(x), axis=1); t = np.argmax(t, axis=1); ...
        raise NotImplementedError

    def numerical_gradient(self, x, t):
        """Gradients of the loss by numerical differentiation: a dict like ``params``.

        Use the given ``numerical_gradient(f, x)``: it changes one element of the
        weight array at a time, so the function may ignore its argument and just
        compute the loss with the (changed) ``self.params``::

            loss_W = lambda W: self.loss(x, t)
            grads['W1'] = numerical_gradient(loss_W, self.params['W1'])
            ... (the same for b1, W2, b2)

        Slow (two forward passes per parameter): use it only to check ``gradient``.

        요약: 주어진 numerical_gradient로 각 파라미터에 대한 손실 함수의 기울기를 구해
        params와 같은 키의 dict로 돌려준다.
        """
        # TODO
        raise NotImplementedError

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation (오차역전파): a dict like ``params``.

        Forward pass, keeping the intermediate values::

            a1 = np.dot(x, W1) + b1;  z1 = sigmoid(a1)
            a2 = np.dot(z1, W2) + b2; y = softmax(a2)

        Backward pass (softmax with cross-entropy first, as in exercise-09)::

            batch_num = x.shape[0]
            dy = (y - t) / batch_num              # divided by the batch size
            grads['W2'] = np.dot(z1.T, dy)
            grads['b2'] = np.sum(dy, axis=0)      # sum over the batch (axis 0)
            dz1 = np.dot(dy, W2.T)
            da1 = sigmoid_grad(a1) * dz1          # back through the sigmoid
            grads['W1'] = np.dot(x.T, da1)
            grads['b1'] = np.sum(da1, axis=0)

        It must agree with ``numerical_gradient`` (a gradient check), and it is
        thousands of times faster.

        요약: 오차역전파로 각 파라미터의 기울기를 구한다 (dy는 배치 크기로 나누고,
        편향의 기울기는 axis=0으로 합한다). 수치 미분 결과와 일치해야 한다.
        """
        # TODO
        raise NotImplementedError


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    """Train ``network`` by mini-batch gradient descent and return its history.

    As in the lecture's ``train_neuralnet.py`` (labels one-hot)::

        rng = np.random.default_rng(seed)      # seed=None: a different run every time
        train_size = x_train.shape[0]
        iter_per_epoch = max(train_size / batch_size, 1)
        for i in range(iters_num):
            batch_mask = rng.choice(train_size, batch_size)   # a new random mini-batch
            x_batch = x_train[batch_mask]
            t_batch = t_train[batch_mask]
            grad = network.gradient(x_batch, t_batch)        # backpropagation
            for key in ('W1', 'b1', 'W2', 'b2'):
                network.params[key] -= learning_rate * grad[key]
            train_loss_list.append(network.loss(x_batch, t_batch))
            if i % iter_per_epoch == 0:                      # once per epoch
                train_acc_list.append(network.accuracy(x_train, t_train))
                test_acc_list.append(network.accuracy(x_test, t_test))

    Update ``network.params`` in place (the network passed in is the one that
    learns). Return ``{'train_loss': [...], 'train_acc': [...], 'test_acc': [...]}``:
    one loss per iteration, the two accuracies once per epoch. With the defaults
    (10,000 iterations) the test accuracy reaches about 0.945.

    요약: 미니배치 학습(무작위 미니배치, 오차역전파로 기울기, 학습률만큼 경사 하강법 갱신)을
    iters_num번 반복하고, 손실은 매번, 정확도는 에폭마다 기록한 dict를 돌려준다.
    """
    # TODO: follow the loop above and return the three lists in a dict.
    raise NotImplementedError


def plot_history(history):
    """A Figure of the train and test accuracy per epoch; return the Figure.

    One line per list, x = the epoch (``np.arange(len(history['train_acc']))``)::

        fig = Figure()
        ax = fig.add_subplot()
        ax.plot(x, history['train_acc'], label='train acc')
        ax.plot(x, history['test_acc'], label='test acc', linestyle='--')
        ax.set_xlabel('epochs'); ax.set_ylabel('accuracy'); ax.legend()
        return fig

    Never call ``plt.show()`` here.

    요약: 에폭별 훈련/시험 정확도를 'train acc', 'test acc' 레이블의 선으로 그린 Figure를
    돌려준다.
    """
    from matplotlib.figure import Figure  # imported here: only plotting needs Matplotlib (slow to import)

    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    # From the project root: python exercises/ex10_mnist.py  (the lecture's two scripts in one)
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True, one_hot_label=False)
    print("Accuracy:" + str(accuracy(init_network(), x_test, t_test)))

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
    net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    history = train(net, x_train, t_train, x_test, t_test)
    print("train acc, test acc | " + str(history["train_acc"][-1]) + ", " + str(history["test_acc"][-1]))
    plot_history(history).savefig("ex10_learning_curve.png")
    print("saved ex10_learning_curve.png")
