"""Where every random input of a check comes from.

Public checks draw from :data:`PUBLIC_SEED`, so they see the same inputs on every run
(and a student kit's answer key can hold the reference's answers).  Hidden checks draw
from the run's seed: ``--seed``, ``GRADER_SEED`` in a notebook kernel, or a fresh one.
Each check gets its own seed from the run's, so adding a check changes no other's inputs.
"""
from __future__ import annotations

import os
import random
import zlib

PUBLIC_SEED = 20240901
SEED_VARIABLE = "GRADER_SEED"  # fixes the hidden checks' inputs where no --seed can be given


def fresh_seed() -> int:
    """A new run seed, short enough to type after ``--seed``."""
    return random.SystemRandom().randrange(10**6)


def run_seed(given: int | None = None) -> int:
    """``given`` if there is one, else :data:`SEED_VARIABLE`, else a fresh seed."""
    if given is not None:
        return int(given)
    value = os.environ.get(SEED_VARIABLE, "").strip()
    return int(value) if value else fresh_seed()


def check_seed(name: str, hidden: bool, run: int) -> int:
    """The seed of one check's inputs: fixed for public checks, from the run's seed for hidden ones."""
    base = run if hidden else PUBLIC_SEED
    return (base * 1_000_003 + zlib.crc32(name.encode())) % 2**32
