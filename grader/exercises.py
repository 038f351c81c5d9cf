"""The catalogue of exercises: ids, module file names, titles and where their checks live."""
from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.i18n import T, Text

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = Path(__file__).resolve().parent / "checks"
SOLUTIONS_DIR = ROOT / "solutions"  # only in the instructor's checkout: never installed, never in a kit


@dataclass(frozen=True)
class Exercise:
    number: int
    module: str
    title: Text

    @property
    def id(self) -> str:
        return f"exercise-{self.number:02d}"

    @property
    def filename(self) -> str:
        return f"{self.module}.py"

    @property
    def check_file(self) -> Path:
        return CHECKS_DIR / f"test_{self.module}.py"


CATALOGUE = (
    Exercise(1, "ex01_arithmetic_types", T("Arithmetic, types, variables, bool", "산술 연산, 자료형, 변수, bool")),
    Exercise(2, "ex02_lists_dicts", T("Lists, dicts, loops, functions, classes", "리스트, 딕셔너리, 반복문, 함수, 클래스")),
    Exercise(3, "ex03_numpy_basics", T("NumPy arrays, broadcasting, slicing, Matplotlib", "NumPy 배열, 브로드캐스트, 슬라이싱, Matplotlib")),
    Exercise(4, "ex04_gates", T("Perceptrons, logic gates, XOR", "퍼셉트론, 논리 게이트, XOR")),
    Exercise(5, "ex05_activations", T("Activation functions and a 3-layer network", "활성화 함수와 3층 신경망")),
    Exercise(6, "ex06_softmax", T("Softmax and overflow", "소프트맥스 함수와 오버플로")),
    Exercise(7, "ex07_losses", T("Loss functions", "손실 함수")),
    Exercise(8, "ex08_gradients", T("Numerical differentiation and gradients", "수치 미분과 기울기")),
    Exercise(9, "ex09_backprop_layers", T("Computational graphs and backward passes", "계산 그래프와 역전파")),
    Exercise(10, "ex10_mnist", T("MNIST inference and training", "MNIST 추론과 학습")),
)


def available() -> list[Exercise]:
    """The exercises whose checks exist in this installation."""
    return [ex for ex in CATALOGUE if ex.check_file.exists()]


def find(token: str) -> Exercise | None:
    """``exercise-05``, ``5``, ``05``, ``ex05`` or ``ex05_activations`` -> exercise 5."""
    token = token.strip().lower()
    match = re.fullmatch(r"(?:exercise-?|ex)?0*(\d{1,2})(?:_[a-z0-9_]*)?(?:\.py)?", token)
    if not match:
        return None
    number = int(match.group(1))
    for ex in available():
        if ex.number == number and (token.count("_") == 0 or token.removesuffix(".py") == ex.module):
            return ex
    return None


def by_module(module_name: str) -> Exercise:
    for ex in CATALOGUE:
        if ex.module == module_name.rsplit(".", 1)[-1].removeprefix("test_"):
            return ex
    raise KeyError(module_name)


def import_solution(module: str):
    """The reference solution ``solutions.<module>`` of this checkout.

    ``solutions`` is not an installed package (a wheel ships no reference code), so it is
    found here, beside ``grader/``; where it is missing this raises ModuleNotFoundError.
    """
    name = f"solutions.{module}"
    if "solutions" not in sys.modules:
        init = SOLUTIONS_DIR / "__init__.py"
        if not init.is_file():
            raise ModuleNotFoundError(f"No module named {name!r} (no reference solutions here)", name=name)
        spec = importlib.util.spec_from_file_location("solutions", init,
                                                      submodule_search_locations=[str(SOLUTIONS_DIR)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["solutions"] = package
        spec.loader.exec_module(package)
    return importlib.import_module(name)
