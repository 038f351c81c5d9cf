"""The fixtures of a check run inside a notebook kernel, built as the pytest plugin builds them.

``ref`` and ``rng`` are the plugin's own fixture functions; ``seed`` is the plugin's
per-check seed (:func:`grader.seeds.check_seed`) from this kernel's run seed;
``learner`` is the notebook's namespace behind an in-process transport
(:class:`grader.sandbox.inprocess.InProcessTransport`); ``request`` is a stand-in with
what checks read of pytest's (``node``, ``config``, ``module``).
"""
from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING

from grader import seeds
from grader.checking import plugin
from grader.checking.spec import MARKER
from grader.sandbox.inprocess import InProcessTransport

if TYPE_CHECKING:
    from grader.checking.notebook import CheckInfo

FIXTURES = ("learner", "ref", "rng", "seed", "exercise", "tmp_path", "request")  # what a notebook provides


class ReferenceMissing(Exception):
    """Neither the reference solution nor an answer key is installed here (a learner's own machine)."""


# ---------------------------------------------------------------------------- seeds
_fresh_seed: int | None = None


def run_seed() -> int:
    """The seed of this kernel's hidden checks (``GRADER_SEED`` or one fresh seed per kernel)."""
    global _fresh_seed
    if os.environ.get(seeds.SEED_VARIABLE, "").strip():
        return seeds.run_seed()
    if _fresh_seed is None:
        _fresh_seed = seeds.fresh_seed()
    return _fresh_seed


def check_seed(info: CheckInfo, base: int) -> int:
    """The ``seed`` fixture's value for this check, as the plugin computes it."""
    return seeds.check_seed(info.item_name, info.hidden, base)


# ---------------------------------------------------------------------------- pytest's request
class _Config:
    """The bits of pytest's ``config`` that checks and fixtures read: options and the stash (a notebook's
    own run is never official grading, which goes through ``grade``'s workers)."""

    def __init__(self, base: int, target: Path):
        self.stash = {plugin.SEED: base, plugin.OFFICIAL: False}
        self.options = {"--seed": base, "--target": str(target)}

    def getoption(self, name: str, default=None):
        return self.options.get(name, default)


class _Marker:
    """The check's marker, as pytest's node would give it."""

    def __init__(self, info: CheckInfo):
        self.args = (info.points,)
        self.kwargs = {"points": info.points, "description": info.description, "hidden": info.hidden,
                       "timeout": info.call_timeout}


def fake_request(info: CheckInfo, base: int, target: Path | None = None):
    """A stand-in for pytest's ``request`` with what checks use: ``node`` and ``config``.

    ``--target`` (where ``grade`` saves files such as exercise-10's learning curve) is the
    notebook's folder; ``node.user_properties`` collects the files a check saves.
    """
    marker = _Marker(info)
    node = types.SimpleNamespace(name=info.item_name, user_properties=[],
                                 get_closest_marker=lambda name: marker if name == MARKER else None)
    module = importlib.import_module(f"grader.checks.{info.exercise.check_file.stem}")
    return types.SimpleNamespace(node=node, config=_Config(base, target or Path.cwd()), module=module)


# ---------------------------------------------------------------------------- the fixtures
def _fixture_function(fixture):
    """The plain function behind a pytest fixture of :mod:`grader.checking.plugin`."""
    getter = getattr(fixture, "_get_wrapped_function", None)
    if getter is not None:
        return getter()
    wrapped = getattr(fixture, "__pytest_wrapped__", None)
    return wrapped.obj if wrapped is not None else fixture


def _call_fixture(fixture, stack: contextlib.ExitStack, *args):
    """A fixture's value; a fixture that yields is finished when ``stack`` closes, as pytest does."""
    func = _fixture_function(fixture)
    if not inspect.isgeneratorfunction(func):
        return func(*args)
    generator = func(*args)
    value = next(generator)
    stack.callback(next, generator, None)
    return value


def fixtures_for(info: CheckInfo, namespace: dict, base: int, stack: contextlib.ExitStack,
                 request=None) -> dict:
    """The check's arguments, built in-process the way :mod:`grader.checking.plugin` builds them."""
    values = {}
    for name in info.fixtures:
        if name == "request":
            values[name] = request or fake_request(info, base)
        elif name == "tmp_path":
            values[name] = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="grader-")))
        elif name == "learner":
            values[name] = InProcessTransport(namespace, info.call_timeout).module()
        elif name == "exercise":
            values[name] = info.exercise
        elif name == "ref":
            try:
                values[name] = _call_fixture(plugin.ref, stack, info.exercise)
            except ImportError as exc:
                raise ReferenceMissing(str(exc)) from None
        elif name in ("seed", "rng"):
            seed = check_seed(info, base)
            values[name] = seed if name == "seed" else _call_fixture(plugin.rng, stack, seed)
    return values
