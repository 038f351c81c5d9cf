"""exercise-10's fresh task: a classification problem drawn for one grading run.

The training check measures, on the grader's side, the MNIST test accuracy of the
network that the learner's ``train`` returns.  Weights trained beforehand (or copied)
and set by a ``train`` that ignores its data pass that measure.  So ``train`` also
learns a task that nobody could have trained for in advance: ten random patterns
in [0, 1]^784, one per class, and noisy copies of them (:func:`draw_task`).  Its seed
comes in official grading from the check's fresh seed (:func:`grader.seeds.fresh_public_seed`,
as for the second run of every other public check) and the bytes of the learner's module
(:func:`task_seed`), and from the run's seed otherwise; the learner's ``train`` gets a seed
of its own drawn after the data, from which the task cannot be drawn again.  The network
is then measured on images of the task that never leave the grader.

With the labels independent of the patterns, any weights fixed before the task is
drawn classify about one image in ten (a reference network trained on MNIST: median 0.085,
at most 0.21 over 50 tasks); the reference's ``train`` reaches 1.0 on every one of 50 tasks
with the iterations given here, and well above the threshold with half of them
(see ``tests/test_ex10_fresh_task.py``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader.checking.plugin import OFFICIAL, SEED
from grader.i18n import T
from grader.seeds import check_seed, fresh_public_seed

CLASSES = 10
PIXELS = 784  # the shape of the flattened MNIST images, so that TwoLayerNet(784, 50, 10) fits
TRAIN_SIZE = 2000
TEST_SIZE = 500  # handed to train as x_test, t_test (its history's test accuracy)
HELD_OUT_SIZE = 2000  # kept in the grader: the network is measured on these
NOISE = 0.3  # standard deviation of the noise added to a pattern (then clipped to [0, 1])
ITERS_NUM = 500  # the reference reaches 1.0 after 200-300 iterations
BATCH_SIZE = 100
MIN_ACCURACY = 0.8  # the reference: 1.0 on every task measured; weights fixed in advance: about 0.1


@dataclass(frozen=True)
class FreshTask:
    seed: int
    x_train: np.ndarray  # float32 images in [0, 1], like load_mnist(normalize=True)
    t_train: np.ndarray  # one-hot float32 labels, like load_mnist(one_hot_label=True)
    x_test: np.ndarray
    t_test: np.ndarray
    x_held_out: np.ndarray
    t_held_out: np.ndarray  # class labels
    train_seed: int  # the seed handed to train


def task_seed(config, name: str, source: bytes | None = None) -> int:
    """The seed of the fresh task of check ``name``: in official grading, from its fresh seed and the learner's
    module ``source``, else from the run's seed.

    The run's seed of a batch is kept from one run to the next, and the message of a failed task names
    the task's seed: from the seed alone, weights could be trained for the next run's task and set by
    a ``train`` that ignores its data again.  With the module's bytes in the seed, embedding those
    weights changes the task they were meant for."""
    run = config.stash[SEED]
    if not config.stash[OFFICIAL]:
        return check_seed(f"fresh task:{name}", True, run)
    seed = fresh_public_seed(name, run)
    if source is None:
        return seed
    digest = hashlib.sha256(f"{seed}:".encode() + source).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def module_source(path) -> bytes | None:
    """The bytes of the learner's module at ``path``, read by the grader (None if it cannot be read)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def draw_task(seed: int) -> FreshTask:
    rng = np.random.default_rng(seed)
    patterns = rng.random((CLASSES, PIXELS))
    one_hot = np.eye(CLASSES, dtype=np.float32)

    def images(n):
        labels = rng.integers(CLASSES, size=n)
        x = np.clip(patterns[labels] + rng.normal(0.0, NOISE, (n, PIXELS)), 0.0, 1.0).astype(np.float32)
        return x, labels

    (x_train, t_train), (x_test, t_test), (x_held, t_held) = (images(n) for n in (TRAIN_SIZE, TEST_SIZE,
                                                                                   HELD_OUT_SIZE))
    return FreshTask(seed, x_train, one_hot[t_train], x_test, one_hot[t_test], x_held, t_held,
                     train_seed=int(rng.integers(2**31)))


def held_out_accuracy(params: dict, task: FreshTask) -> float:
    """The accuracy of the lecture's sigmoid network with ``params`` on the task's held-out images."""
    p = {key: np.asarray(params[key], dtype=np.float64) for key in ("W1", "b1", "W2", "b2")}
    with np.errstate(over="ignore"):
        z1 = 1 / (1 + np.exp(-(task.x_held_out.astype(np.float64) @ p["W1"] + p["b1"])))
    scores = z1 @ p["W2"] + p["b2"]
    return float(np.mean(np.argmax(scores, axis=1) == task.t_held_out))


CALL = f"train(network, x_train, t_train, x_test, t_test, iters_num={ITERS_NUM}, batch_size={BATCH_SIZE})"

ON_TASK = T(f"{CALL} on a fresh task of {TRAIN_SIZE:,} images (x_train.shape == ({TRAIN_SIZE}, {PIXELS}), "
            f"x_test.shape == ({TEST_SIZE}, {PIXELS})), after the training on MNIST went well,",
            f"MNIST 학습은 잘 끝났지만, 이미지 {TRAIN_SIZE:,}장의 새 과제(x_train.shape == ({TRAIN_SIZE}, {PIXELS}), "
            f"x_test.shape == ({TEST_SIZE}, {PIXELS}))로 실행한 {CALL}")

WORKING = T(f"exercise-10: training your network on a fresh task ({ITERS_NUM} iterations)",
            f"exercise-10: 새로 만든 과제로 신경망 학습 중 ({ITERS_NUM}회 반복)")

HINT = T("train must learn from the x_train, t_train it is given: draw each mini-batch from those arrays "
         "(batch_mask = np.random.choice(x_train.shape[0], batch_size)), compute "
         "network.gradient(x_batch, t_batch) and update network.params. Do not load MNIST inside train, and "
         "do not set the parameters to weights prepared beforehand.",
         "train은 전달받은 x_train, t_train으로 학습해야 합니다: 미니배치를 그 배열에서 뽑고"
         "(batch_mask = np.random.choice(x_train.shape[0], batch_size)), network.gradient(x_batch, t_batch)를 "
         "구해 network.params를 갱신하세요. train 안에서 MNIST를 불러오거나 미리 준비한 가중치로 파라미터를 "
         "바꾸지 마세요.")


def what_happened(accuracy: float, task: FreshTask):
    """The message of a network that did not learn the fresh task."""
    return T(f"train must also learn a task drawn for this grading run (seed {task.seed}): {TRAIN_SIZE:,} images "
             f"of {PIXELS} pixels in {CLASSES} classes, noisy copies of {CLASSES} random patterns, which no "
             f"network can have learned beforehand. After {CALL} on that task, the network classifies "
             f"{accuracy:.4f} of new images of the task correctly; at least {MIN_ACCURACY} is expected (the "
             f"lecture's training reaches 1.0, guessing about {1 / CLASSES:.1f}). Your network did well on MNIST "
             "but did not learn the data given to train.",
             f"train은 이번 채점을 위해 새로 만든 과제(시드 {task.seed})도 학습해야 합니다: {CLASSES}개의 무작위 "
             f"패턴에 잡음을 더한 {PIXELS}픽셀 이미지 {TRAIN_SIZE:,}장, {CLASSES}개 클래스로, 어떤 신경망도 미리 학습할 "
             f"수 없는 과제입니다. 그 과제로 {CALL}을 실행한 뒤 신경망이 이 과제의 새 이미지를 맞힌 비율은 "
             f"{accuracy:.4f}입니다. {MIN_ACCURACY} 이상이어야 합니다(강의의 학습은 1.0, 무작위로 고르면 약 "
             f"{1 / CLASSES:.1f}). 신경망은 MNIST에서는 잘했지만 train에 전달된 데이터를 학습하지 않았습니다.")


def timed_out(seconds: float):
    return T(f"{CALL} on a fresh task of {TRAIN_SIZE:,} images did not finish within {seconds:g} s (the reference "
             "needs a few seconds)",
             f"이미지 {TRAIN_SIZE:,}장의 새 과제로 {CALL}을 실행했더니 {seconds:g}초 안에 끝나지 않았습니다"
             "(참조 구현은 몇 초면 됩니다)")
