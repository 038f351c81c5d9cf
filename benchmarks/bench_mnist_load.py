"""Benchmark of ``load_mnist``: cached loads versus loads that parse the files.

요약: 캐시에서 읽을 때와 MNIST_DIR 의 원본 파일을 읽어 캐시를 만들 때의
``load_mnist`` 소요 시간(중앙값)을 측정합니다.

Usage (from the project root)::

    MNIST_DIR=/path/to/mnist python benchmarks/bench_mnist_load.py [--runs 7]

All caches are written to a temporary folder; ``dataset/mnist.npz`` is not touched.

* cached: ``load_mnist()`` (and ``normalize=False``) with a valid cache, after a
  warm-up call;
* uncached: ``load_mnist()`` with no cache, i.e. decompress, verify and parse the
  four files from ``MNIST_DIR`` and write a new cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dataset.mnist as mnist  # noqa: E402


def _time(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _report(label: str, times: list[float]) -> None:
    print(
        f"{label:<38} median {statistics.median(times):7.3f} s"
        f"   (min {min(times):.3f}, max {max(times):.3f}, n={len(times)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case (default 7)")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get(mnist.ENV_VAR),
        help=f"folder with the four MNIST files (default: ${mnist.ENV_VAR})",
    )
    args = parser.parse_args(argv)
    if not args.data_dir:
        parser.error(f"set {mnist.ENV_VAR} or pass --data-dir")

    with tempfile.TemporaryDirectory(prefix="bench-mnist-") as tmp:
        tmp = Path(tmp)
        mnist.USER_CACHE_DIR = tmp / "user-cache"  # never pick up a cache from elsewhere

        # Cached: build the cache once (warm-up), then time loads from it.
        mnist.CACHE_PATH = tmp / "cached" / "mnist.npz"
        mnist.load_mnist(data_dir=args.data_dir)
        cached = [_time(lambda: mnist.load_mnist(data_dir=args.data_dir)) for _ in range(args.runs)]
        cached_u8 = [
            _time(lambda: mnist.load_mnist(normalize=False, data_dir=args.data_dir))
            for _ in range(args.runs)
        ]

        # Uncached: a fresh cache path for every run, so each run parses the files
        # and writes the cache, as the very first call on a new machine does.
        uncached = []
        for run in range(args.runs):
            mnist.CACHE_PATH = tmp / f"uncached-{run}" / "mnist.npz"
            uncached.append(_time(lambda: mnist.load_mnist(data_dir=args.data_dir)))
            mnist.CACHE_PATH.unlink()

    print(f"MNIST from {args.data_dir}, {args.runs} runs each")
    _report("cached load_mnist()", cached)
    _report("cached load_mnist(normalize=False)", cached_u8)
    _report("uncached load_mnist() (+ cache write)", uncached)
    return 0


if __name__ == "__main__":
    sys.exit(main())
