"""Korean particles follow how the word before them is read."""
import pytest

from grader.i18n import josa


@pytest.mark.parametrize("word, particle, expected", [
    (405756, "로", "405756으로"),  # 육
    (942930, "로", "942930으로"),  # 구십사만 이천구백삼십: 십
    (21, "으로", "21로"),  # 일: ㄹ takes 로
    (3, "가", "3이"), (5, "이", "5가"),  # 삼, 오
    (120000, "로", "120000으로"),  # 십이만
    (10**12, "으로", "1000000000000로"),  # 조
    ("h", "으로", "h로"), ("m", "로", "m으로"), ("l", "으로", "l로"),  # 에이치, 엠, 엘
    ("sigmoid", "을", "sigmoid를"), ("W1", "가", "W1이"), ("np.dot(x, W)", "을", "np.dot(x, W)를"),
    ("시드", "이", "시드가"), ("값", "는", "값은"), ("함수", "과", "함수와"), ("출력", "로", "출력으로"),
])
def test_particles_fit_the_reading(word, particle, expected):
    assert josa(word, particle) == expected


@pytest.mark.parametrize("command", ["grade", "batch", "release", "nbgrader"])
def test_help_fits_80_columns_by_display_width(command, monkeypatch):
    import importlib

    from grader.options import display_width
    monkeypatch.setenv("COLUMNS", "80")
    module = {"grade": "grader.cli", "batch": "grader.instructor.batch.command",
              "release": "grader.instructor.release", "nbgrader": "grader.instructor.nbgrader.cli"}[command]
    build = getattr(importlib.import_module(module), "build_parser", None) or \
        getattr(importlib.import_module(module), "_parser")
    text = build("ko").format_help()
    assert "사용법" in text and "usage" not in text
    too_wide = [line for line in text.splitlines() if display_width(line) > 80]
    assert too_wide == []
