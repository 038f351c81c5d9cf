"""Exercise 10 reproduces the lecture's figure, and the kit's own weights beat it.

실습 10 충실도 테스트: 강의에서 공개한 가중치(sample_weight.pkl)로 모범 답안의
``accuracy`` 가 강의와 똑같이 0.9352 를 내는지, 키트가 직접 학습해 제공하는 가중치가
그보다 높은지 확인합니다.

The lecture's weights are not part of the kit (they are not ours to ship): they are
read from ``reference/sample_weight.pkl`` in the shared folder (``../shared`` next to
the repository, or ``$DLSCRATCH_SHARED``; see ``conftest.py``), and the test fails,
never skips, when that file is missing.  MNIST comes from ``$MNIST_DIR`` or the
shared folder's ``mnist/``, as in ``test_mnist_loader.py``.
"""
import pickle
from pathlib import Path

import numpy as np
import pytest

from dataset.mnist import load_mnist
from solutions import ex10_mnist as ref

REPO_ROOT = Path(__file__).resolve().parents[1]
LECTURE_ACCURACY = 0.9352
SHAPES = {"W1": (784, 50), "b1": (50,), "W2": (50, 100), "b2": (100,), "W3": (100, 10), "b3": (10,)}


@pytest.fixture(scope="module")
def test_set(shared):
    mnist_dir = shared.mnist_dir()
    (_, _), (x_test, t_test) = load_mnist(normalize=True, flatten=True, one_hot_label=False, data_dir=mnist_dir)
    return x_test, t_test


def test_lecture_weights_give_exactly_0_9352(test_set, shared):
    x_test, t_test = test_set
    network = ref.init_network(shared.lecture_weights())
    assert ref.accuracy(network, x_test, t_test) == LECTURE_ACCURACY
    assert ref.accuracy(network, x_test, t_test, batch_size=10000) == LECTURE_ACCURACY
    assert ref.accuracy(network, x_test, t_test, batch_size=1) == LECTURE_ACCURACY


def test_shipped_weights_are_the_lectures_network_of_float32(test_set):
    network = ref.init_network()
    assert set(network) == set(SHAPES)
    for key, shape in SHAPES.items():
        assert network[key].shape == shape, key
        assert network[key].dtype == np.float32, key
    assert ref.DEFAULT_WEIGHTS == REPO_ROOT / "dataset" / "weights" / "ex10_weights.pkl"


def test_shipped_weights_beat_the_lecture(test_set):
    x_test, t_test = test_set
    accuracy = ref.accuracy(ref.init_network(), x_test, t_test)
    print(f"\nshipped weights: test accuracy {accuracy:.4f} (the lecture's weights: {LECTURE_ACCURACY})")
    assert accuracy > LECTURE_ACCURACY


def test_shipped_weights_are_not_the_lectures(shared):
    shipped = (REPO_ROOT / "dataset" / "weights" / "ex10_weights.pkl").read_bytes()
    lecture_weights = shared.lecture_weights()
    lecture = ref.init_network(lecture_weights)
    assert shipped != lecture_weights.read_bytes()
    ours = pickle.loads(shipped)
    for key in SHAPES:
        assert not np.allclose(ours[key], lecture[key]), key
