"""Where every random input of a check comes from.

Public checks draw from :data:`PUBLIC_SEED`, so they see the same inputs on every run
(and a student kit's answer key can hold the reference's answers).  Hidden checks draw
from the run's seed: ``--seed``, ``GRADER_SEED`` in a notebook kernel, or a fresh one.
Each check gets its own seed from the run's, so adding a check changes no other's inputs.

Official grading (``grade batch``, Gradescope, nbgrader autograde: the reference
solutions are present and the grade counts) runs each public check that draws random
inputs twice: with :data:`PUBLIC_SEED`, as in the kit, and with a fresh seed from the
run's (:func:`fresh_public_seed`).  It is on with the pytest option ``--official`` or
:data:`OFFICIAL_VARIABLE` ``=1`` (see :mod:`grader.checking.plugin`).
"""
from __future__ import annotations

import os
import random
import zlib

PUBLIC_SEED = 20240901
SEED_VARIABLE = "GRADER_SEED"  # fixes the hidden checks' inputs where no --seed can be given
OFFICIAL_VARIABLE = "GRADER_OFFICIAL"  # "1": official grading, public checks get fresh inputs too


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


def official_from_environment(environ=os.environ) -> bool:
    """Does the environment ask for official grading (:data:`OFFICIAL_VARIABLE`)?"""
    return environ.get(OFFICIAL_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def fresh_public_seed(name: str, run: int) -> int:
    """The seed of a public check's second, official run: from the run's seed, never the kit's."""
    return check_seed(f"official:{name}", True, run)
