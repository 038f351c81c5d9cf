"""Exercise 10: a train that replays weights prepared beforehand earns nothing for training.

The training check measures the MNIST test accuracy of the learner's trained network on
the grader's side; a ``train`` that ignores its data and sets ``network.params`` to
embedded weights passes that.  So ``train`` also learns a task drawn for the grading run
(grader/checks/ex10_fresh_task.py), measured on images that never leave the grader.

MNIST comes from ``$MNIST_DIR`` or the shared folder (see ``conftest.py``); without it
these tests fail, never skip.
"""
from __future__ import annotations

import base64
import pickle
import time

import numpy as np
import pytest

from dataset.mnist import load_mnist
from grader import exercises
from grader.checking.runner import grade
from grader.checks import ex10_fresh_task as fresh
from grader.seeds import fresh_public_seed
from solutions import ex10_mnist as ref

ROOT = exercises.ROOT
EX10 = exercises.find("exercise-10")
SEED = 4242
# the notebook tests import the check file outside grade's session, which registers its marker
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")

REPLAY = '''

# ---- train replays weights trained beforehand and ignores its data
import base64 as _base64
_WEIGHTS = pickle.loads(_base64.b64decode(%r))


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    for key, value in _WEIGHTS.items():
        network.params[key][...] = value
    epochs = len(range(0, iters_num, max(int(x_train.shape[0] / batch_size), 1)))
    accuracies = list(np.linspace(0.1, 0.95, epochs))
    return {"train_loss": list(np.linspace(2.3, 0.2, iters_num)), "train_acc": accuracies,
            "test_acc": accuracies}
'''

LOOP = '''

# ---- train written with plain loops, the accuracies recorded at the end of each epoch
def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    np.random.seed(seed)
    history = {"train_loss": [], "train_acc": [], "test_acc": []}
    n = len(x_train)
    per_epoch = max(n // batch_size, 1)
    for i in range(iters_num):
        picked = [np.random.randint(n) for _ in range(batch_size)]
        x_batch, t_batch = x_train[picked], t_train[picked]
        grads = network.gradient(x_batch, t_batch)
        for key in grads:
            network.params[key] -= learning_rate * grads[key]
        history["train_loss"].append(network.loss(x_batch, t_batch))
        if (i + 1) % per_epoch == 0:
            history["train_acc"].append(network.accuracy(x_train, t_train))
            history["test_acc"].append(network.accuracy(x_test, t_test))
    return history
'''


def _module(tmp_path, name: str, tail: str):
    folder = tmp_path / name
    folder.mkdir()
    source = (ROOT / "solutions" / EX10.filename).read_text(encoding="utf-8")
    (folder / EX10.filename).write_text(source + tail, encoding="utf-8")
    return folder


def _official(target, *extra):
    return grade([EX10], target, seed=SEED, extra_args=("--official", *extra)).exercises[0]


def _check(result, name="train"):
    (found,) = [c for c in result.checks if c.name == name]
    return found


@pytest.fixture(scope="module")
def mnist_weights(shared):
    """The reference's params after its default training on the real MNIST (test accuracy above 0.94)."""
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True,
                                                      data_dir=shared.mnist_dir())
    np.random.seed(0)
    net = ref.TwoLayerNet(784, 50, 10)
    ref.train(net, x_train, t_train, x_test, t_test, seed=0)
    assert net.accuracy(x_test, t_test) >= 0.94
    return {key: value.copy() for key, value in net.params.items()}


def test_official_grading_gives_the_reference_full_marks(shared, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(shared.mnist_dir()))
    result = _official(ROOT / "solutions")
    assert result.score == result.max_score, [(c.name, c.message) for c in result.checks if c.status != "passed"]


def test_a_train_that_replays_weights_loses_the_training_check(shared, monkeypatch, mnist_weights, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(shared.mnist_dir()))
    tail = REPLAY % base64.b64encode(pickle.dumps(mnist_weights)).decode()
    result = _official(_module(tmp_path, "replay", tail), "-k", "test_train")
    check = _check(result)
    assert check.score == 0 and check.status == "failed"
    assert "did not learn the data given to train" in check.message.en
    assert "train에 전달된 데이터를 학습하지 않았습니다" in check.message.ko
    assert "must learn from the x_train, t_train it is given" in check.hint.en
    assert "전달받은 x_train, t_train으로 학습해야" in check.hint.ko


def test_a_differently_written_train_passes(shared, monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(shared.mnist_dir()))
    result = _official(_module(tmp_path, "loops", LOOP), "-k", "test_train")
    check = _check(result)
    assert check.status == "passed", (check.message, check.hint)


def test_the_fresh_task_is_learned_by_the_reference_and_not_by_weights_fixed_beforehand(mnist_weights):
    """A few tasks (the measurements in grader/checks/ex10_fresh_task.py cover 50): the reference's train
    reaches the threshold with a wide margin, the MNIST weights stay near chance."""
    for run in (1, 2, 3):
        task = fresh.draw_task(fresh_public_seed("test_train", run))
        assert task.x_train.shape == (fresh.TRAIN_SIZE, 784) and task.x_train.dtype == np.float32
        np.random.seed(run)
        net = ref.TwoLayerNet(784, 50, 10)
        started = time.perf_counter()
        ref.train(net, task.x_train, task.t_train, task.x_test, task.t_test, iters_num=fresh.ITERS_NUM // 2,
                  batch_size=fresh.BATCH_SIZE, seed=task.train_seed)
        print(f"\nfresh task {run}: half the budget in {time.perf_counter() - started:.1f} s")
        assert fresh.held_out_accuracy(net.params, task) >= 0.99
        assert fresh.held_out_accuracy(mnist_weights, task) < 0.3


def test_the_fresh_task_follows_the_seed_and_hides_it_from_train():
    a, b = fresh.draw_task(1), fresh.draw_task(2)
    assert not np.array_equal(a.x_train, b.x_train)
    assert np.array_equal(a.x_train, fresh.draw_task(1).x_train)
    assert a.train_seed != a.seed


def test_a_notebook_draws_the_task_from_its_own_seed():
    """A notebook's check has a stand-in for pytest's request (grader.checking.notebook_fixtures): its
    run is the learner's own, never official, so the task comes from the kernel's seed."""
    from grader.checking.notebook import find_check
    from grader.checking.notebook_fixtures import fake_request
    from grader.seeds import check_seed

    request = fake_request(find_check(EX10.id, "train"), SEED)
    assert fresh.task_seed(request.config, request.node.name) == check_seed("fresh task:test_train", True, SEED)


def test_a_notebook_gives_the_reference_the_training_check(shared, monkeypatch):
    from grader.checking.notebook import find_check, grade_check

    monkeypatch.setenv("MNIST_DIR", str(shared.mnist_dir()))
    namespace = {"__name__": "notebook", "__builtins__": __builtins__}
    source = (ROOT / "solutions" / EX10.filename).read_text(encoding="utf-8")
    exec(compile(source, "<notebook>", "exec"), namespace)
    result = grade_check(find_check(EX10.id, "train"), namespace, SEED)
    assert result.status == "passed", (result.message, result.hint)


def test_editing_the_fresh_task_makes_exercise_10s_batch_grades_stale(tmp_path, monkeypatch):
    """grade batch grades a student again when a file that decides the verdict changed: the fresh task's
    module, imported by exercise-10's check file, is one (and no other exercise's)."""
    import shutil

    from grader.instructor.batch.state import grader_fingerprint

    for folder in ("grader", "solutions"):  # a copy of the checkout's, to edit
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    checks = tmp_path / "grader" / "checks"
    monkeypatch.setattr(exercises, "ROOT", tmp_path)
    monkeypatch.setattr(exercises, "CHECKS_DIR", checks)
    other = exercises.find("exercise-05")
    before = {ex.id: grader_fingerprint(ex) for ex in (EX10, other)}
    with open(checks / "ex10_fresh_task.py", "a", encoding="utf-8") as module:
        module.write("\nMIN_ACCURACY = 0.5\n")
    after = {ex.id: grader_fingerprint(ex) for ex in (EX10, other)}
    assert after[EX10.id] != before[EX10.id]
    assert after[other.id] == before[other.id]


def test_in_official_grading_the_task_follows_the_learners_module_too(tmp_path):
    from types import SimpleNamespace

    from grader.checking.plugin import OFFICIAL, SEED as RUN

    official = SimpleNamespace(stash={RUN: 7, OFFICIAL: True})
    seeds = {source: fresh.task_seed(official, "test_train", source) for source in (b"a = 1\n", b"a = 2\n")}
    assert len(set(seeds.values())) == 2
    assert fresh.task_seed(official, "test_train", b"a = 1\n") == seeds[b"a = 1\n"]
    assert fresh_public_seed("test_train", 7) not in seeds.values()
    student = SimpleNamespace(stash={RUN: 7, OFFICIAL: False})
    assert fresh.task_seed(student, "test_train", b"a = 1\n") == fresh.task_seed(student, "test_train", b"a = 2\n")
    assert fresh.module_source(tmp_path / "missing.py") is None  # the seed then comes from the fresh seed alone
    assert fresh.task_seed(official, "test_train", None) == fresh_public_seed("test_train", 7)


PREPARED = '''

# ---- and replays weights trained beforehand for the task that the last grading named
_TASK_WEIGHTS = pickle.loads(_base64.b64decode(%r))
_replay = train


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    history = _replay(network, x_train, t_train, x_test, t_test, iters_num, batch_size, learning_rate, seed)
    if x_train.shape[0] == %d:
        for key, value in _TASK_WEIGHTS.items():
            network.params[key][...] = value
    return history
'''


def test_weights_trained_for_the_task_a_failure_named_fail_the_next_run(shared, monkeypatch, mnist_weights,
                                                                       tmp_path):
    """A failed task names its seed, and a batch keeps its run's seed: weights trained for that task and
    replayed by the next submission meet another task, drawn from that submission."""
    import re

    monkeypatch.setenv("MNIST_DIR", str(shared.mnist_dir()))
    replay = REPLAY % base64.b64encode(pickle.dumps(mnist_weights)).decode()
    named = _check(_official(_module(tmp_path, "first", replay), "-k", "test_train"))
    assert named.status == "failed"
    task = fresh.draw_task(int(re.search(r"\(seed (\d+)\)", named.message.en).group(1)))
    np.random.seed(1)
    net = ref.TwoLayerNet(784, 50, 10)
    ref.train(net, task.x_train, task.t_train, task.x_test, task.t_test, iters_num=fresh.ITERS_NUM,
              batch_size=fresh.BATCH_SIZE, seed=1)
    assert fresh.held_out_accuracy(net.params, task) >= 0.99  # the weights that the next run would need
    prepared = PREPARED % (base64.b64encode(pickle.dumps(net.params)).decode(), fresh.TRAIN_SIZE)
    check = _check(_official(_module(tmp_path, "second", replay + prepared), "-k", "test_train"))
    assert check.status == "failed" and "did not learn the data given to train" in check.message.en
