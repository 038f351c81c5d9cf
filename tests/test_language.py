"""Every learner-facing text exists in English and Korean, and Korean screens are Korean."""
import ast
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from grader import exercises
from grader.i18n import detect_language
from grader.render.report import render_exercise, render_to_text
from grader.checking.runner import grade

GRADER = Path(exercises.__file__).resolve().parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _literal_text(node) -> str | None:
    """The constant parts of a string literal or f-string, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def bilingual_calls():
    for path in sorted(GRADER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("T", "Text") \
                    and len(node.args) == 2:
                en, ko = (_literal_text(a) for a in node.args)
                if en is not None and ko is not None:
                    yield f"{path.relative_to(GRADER)}:{node.lineno}", en, ko


CALLS = list(bilingual_calls())


def test_there_are_many_texts():
    assert len(CALLS) > 200


@pytest.mark.parametrize("where,en,ko", CALLS, ids=[c[0] for c in CALLS])
def test_every_text_has_both_languages(where, en, ko):
    letters = re.sub(r"[^A-Za-z]", "", re.sub(r"\{[^}]*\}|`[^`]*`|'[^']*'", "", en))
    if en != ko and len(letters) >= 4:  # words, not a value or a name that reads the same in both
        assert HANGUL.search(ko), f"{where}: the Korean text has no Korean: {ko!r}"
        assert not HANGUL.search(en), f"{where}: the English text has Korean: {en!r}"


def test_every_check_description_is_bilingual():
    report = grade(exercises.available(), exercises.ROOT / "exercises", seed=1)
    for ex in report.exercises:
        for check in ex.checks:
            assert check.description.en and HANGUL.search(check.description.ko), (ex.id, check.name)


@pytest.mark.parametrize("environ,lang", [
    ({"LANG": "ko_KR.UTF-8"}, "ko"), ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
    ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en")])
def test_language_follows_the_locale(environ, lang, monkeypatch):
    for var in ("GRADER_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    assert detect_language(environ) == lang


def test_a_korean_report_has_no_english_words():
    report = grade([exercises.find("5"), exercises.find("9")], exercises.ROOT / "exercises", seed=1)
    # Wide enough that no file path wraps; the paths are the machine's, not the report's words.
    text = render_to_text(report, "ko", width=400).replace(str(exercises.ROOT), "<kit>")
    assert "<kit>" in text
    for word in ("passed", "failed", "error", "Total", "Hint", "not started", "check", "points", "status"):
        assert word not in text, word
    assert "총점" in text and "시작 전" in text


def test_korean_tables_line_up():
    report = grade([exercises.find("5")], exercises.ROOT / "solutions", seed=1)
    console = Console(width=90, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(render_exercise(report.exercises[0], "ko"))
    lines = console.export_text().splitlines()
    assert lines and {cell_len(line) for line in lines} == {90}, "wide Korean characters broke the layout"
