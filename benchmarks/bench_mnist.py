"""Benchmark of exercise-10's reference: loading, batched inference and training.

요약: 실습 10 참고 답안의 소요 시간(중앙값)을 측정합니다. 캐시된 ``load_mnist``,
시험 이미지 10,000장 추론(한 번에 / 100장씩 / 한 장씩: 배치 처리의 효과),
기본 설정(10,000회 반복)의 학습과 그 시험 정확도.

Usage (from the project root)::

    MNIST_DIR=/path/to/mnist python benchmarks/bench_mnist.py [--runs 5] [--train-runs 3] [--threads 1]

``--threads`` sets ``OPENBLAS_NUM_THREADS`` (and the OpenMP/MKL equivalents) before
NumPy is imported; the grader's worker uses 1.  Wall-clock and CPU times are both
printed: on a busy machine the wall-clock time grows, the CPU time much less.

* load: ``load_mnist(normalize=True)`` with a valid cache (after a warm-up call);
* inference: the reference ``predict``/``accuracy`` with the kit's weights on the
  10,000 test images, as one batch of 10,000, in batches of 100 (the lecture's
  ``accuracy``) and one image at a time;
* training: ``TwoLayerNet(784, 50, 10)`` trained by the reference ``train`` with the
  defaults (10,000 iterations, batch 100, learning rate 0.1, accuracies once per
  epoch), then its accuracy on the test images (the graded check wants >= 0.94).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _measure(call, runs: int):
    """Wall-clock and CPU seconds of ``runs`` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def _report(label: str, walls, cpus, extra: str = "") -> None:
    print(f"{label:<44} median {statistics.median(walls):8.4f} s wall, "
          f"{statistics.median(cpus):8.4f} s CPU   (min {min(walls):.4f}, n={len(walls)}){extra}",
          flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the fast cases (default 5)")
    parser.add_argument("--train-runs", type=int, default=3, help="timed training runs (default 3)")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1, as the grader)")
    parser.add_argument("--skip-train", action="store_true", help="skip the training runs")
    args = parser.parse_args(argv)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)  # before NumPy (and its BLAS) is imported

    sys.path.insert(0, str(ROOT))
    import numpy as np

    from dataset.mnist import load_mnist
    from solutions import ex10_mnist as ref

    print(f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, NumPy {np.__version__}, "
          f"{os.cpu_count()} CPUs", flush=True)

    load_mnist(normalize=True)  # warm-up (builds the cache if needed)
    walls, cpus, data = _measure(lambda: load_mnist(normalize=True, flatten=True, one_hot_label=False), args.runs)
    _report("load_mnist (cached)", walls, cpus)
    (_, _), (x_test, t_test) = data

    network = ref.init_network()
    walls, cpus, acc = _measure(lambda: ref.accuracy(network, x_test, t_test, batch_size=len(x_test)), args.runs)
    _report("inference, one batch of 10,000", walls, cpus, f"   accuracy {acc:.4f}")
    walls, cpus, acc = _measure(lambda: ref.accuracy(network, x_test, t_test, batch_size=100), args.runs)
    _report("inference, batches of 100 (the lecture's)", walls, cpus, f"   accuracy {acc:.4f}")
    walls, cpus, acc = _measure(lambda: ref.accuracy(network, x_test, t_test, batch_size=1),
                                max(1, min(args.runs, 3)))
    _report("inference, one image at a time", walls, cpus, f"   accuracy {acc:.4f}")

    if args.skip_train:
        return 0
    (x_train, t_train), (x_test1, t_test1) = load_mnist(normalize=True, one_hot_label=True)
    accuracies = []

    def train_once(seed=[0]):  # noqa: B006 - a counter across runs
        np.random.seed(seed[0])
        net = ref.TwoLayerNet(784, 50, 10)
        history = ref.train(net, x_train, t_train, x_test1, t_test1, seed=seed[0])
        seed[0] += 1
        accuracies.append(net.accuracy(x_test1, t_test1))
        return history

    walls, cpus, history = _measure(train_once, args.train_runs)
    _report("training, default budget (10,000 iterations)", walls, cpus,
            f"   test accuracy median {statistics.median(accuracies):.4f} "
            f"(min {min(accuracies):.4f}); {len(history['test_acc'])} epochs recorded")
    return 0 if min(accuracies) >= 0.94 else 1


if __name__ == "__main__":
    sys.exit(main())
