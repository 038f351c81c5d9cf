"""Korean reads right: particles follow how the word before them is read, and Korean reports of
failing exercises have no English words outside code."""
import ast
import builtins
import keyword
import re

import numpy as np
import pytest

from corpus_tools import ROOT, cases, grade_case
from grader import exercises
from grader.checking.runner import grade
from grader.i18n import T, josa
from grader.render.report import render_to_text
from grader.results import GradeReport


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
    # English words and names by how they are read in Korean
    ("None", "을", "None을"), ("NoneType", "이", "NoneType이"), ("Affine", "은", "Affine은"),  # 논, 타입, 아핀
    ("AddLayer", "을", "AddLayer를"), ("SoftmaxWithLoss", "가", "SoftmaxWithLoss가"),  # 레이어, 로스
    ("XOR", "은", "XOR는"), ("string", "을", "string을"), ("bool", "로", "bool로"),  # 오어, 스트링, 불
    ("lr", "을", "lr을"), ("dx", "를", "dx를"), ("sum", "은", "sum은"), ("nan", "이", "nan이"),  # 엘알, 디엑스, 썸, 난
    ("init_network", "이", "init_network가"), ("step", "로", "step으로"), ("softmax(x)", "를", "softmax(x)를"),
    # a call without arguments is read as its function's name: 퍼셉트론, 스텝 펑션, 앤드
    ("perceptron()", "은", "perceptron()은"), ("step_function()", "이", "step_function()이"),
    ("AND()", "은", "AND()는"), ("sum()", "을", "sum()을"), ("f(1)", "로", "f(1)로"),
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


# ---------------------------------------------------------------------------- Korean reports of failing exercises

# wrong answers whose reports once had English in them (and a few more of each exercise)
WRONG = ["ex01/mistake_type_returns_class", "ex01/mistake_name_empty_index", "ex01/mistake_float_operands",
         "ex02/mistake_man_class_attribute", "ex02/mistake_middle_off_by_one",
         "ex03/plot_labels_swapped", "ex03/select_greater_mask", "ex03/broadcast_dot",
         "ex04/perceptron_bool", "ex04/and_bias_copied_from_or", "ex04/xor_bitwise",
         "ex05/mistake_w1_transposed", "ex05/mistake_sigmoid_prints", "ex05/mistake_input_left", "ex05/mistake_plot_show",
         "ex06/mistake_axis0", "ex06/mistake_no_keepdims", "ex07/mistake_batch_summed",
         "ex07/mistake_input_in_function", "ex08/mistake_1d_only_size", "ex08/mistake_diff_prints",
         "ex08/mistake_gradient_ascent", "ex09/mistake_affine_textbook_1d", "ex09/mistake_swl_labels",
         "ex09/mistake_relu_mask_from_dout", "ex09/mistake_swl_not_divided"]
# words that are code wherever they appear: library names and the lecture's gate names
CODE_WORDS = {"NumPy", "Matplotlib", "Agg", "AND", "OR", "NAND", "XOR", "FF", "FT", "TF", "TT", "nan", "inf",
              "dtype", "shape", "Figure", "Alice", "David", "World", "Modu", "Lab", "Hello", "Good", "bye", "sin",
              "cos", "grade", "NoneType", "TODO", "XNOR", "delta"}
PARTICLES = "으로|로|이|가|을|를|은|는|과|와"
# a number, a single letter (h, x, t) or a formula ending in one, and the particle after it
AFTER = re.compile(rf"((?<![\w.])-?\d+(?:\.\d+)?\)*|(?<![A-Za-z_])[A-Za-z]\)*)({PARTICLES})(?=[\s,.)]|$)")
EXCEPTION_TEXT = ("예외가 발생했습니다: ", "모듈을 불러올 수 없습니다: ")  # then the learner's exception, as Python wrote it
SECTION = ("입력 ", "여러분의 코드:", "코드의 출력:", "힌트:", "✗", "!", "·", "⏱", "✓")


def _misfits(text: str) -> list[str]:
    """Every particle after a number, a letter or a formula ending in one that does not fit how it is read
    (a call, or a gloss in parentheses after a word, "최댓값(np.max(a))을", goes by the word before it)."""
    found = []
    for match in AFTER.finditer(text):
        word, particle = match.groups()
        if word.endswith(")"):
            depth, at = 0, match.start(2) - 1
            while at >= 0:
                depth += {")": 1, "(": -1}.get(text[at], 0)
                if depth == 0:
                    break
                at -= 1
            before = text[:max(at, 0)].rstrip()[-1:]
            if at < 0 or (before and before not in "/*+-=<>:"):
                continue  # a call, or a gloss after a word: "최댓값(np.max(a))을", "mask (x <= 0)가"
            word = text[at:match.start(2)]  # a formula in parentheses: "/ (2*h)를"
        if josa(word, particle) != word + particle:
            found.append(f"{word}{particle} (not {josa(word, particle)})")
    return found


def _identifiers(exercise) -> set:
    names = set(dir(builtins)) | set(keyword.kwlist) | set(dir(np)) | CODE_WORDS
    for folder in ("solutions", "exercises"):
        tree = ast.parse((ROOT / folder / exercise.filename).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for attr in ("id", "name", "arg", "attr"):
                if isinstance(getattr(node, attr, None), str):
                    names.update(getattr(node, attr).split("."))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 40:
                names.update(re.findall(r"[A-Za-z]+", node.value))  # labels and dictionary keys: the learner's data
    return names


def _words(text: str) -> list[str]:
    """The English-looking words of a Korean report's own text: not the learner's code, output or exception
    messages, and not code (`spans`, quoted strings, calls, assignments, names used in code elsewhere in it)."""
    kept, skip, exception = [], False, False
    for raw in text.splitlines():
        inner = raw[2:] if raw.startswith("│ ") else raw
        line = inner.strip("│╭╮╰╯─ ")
        if line.startswith(SECTION) or not line:
            exception = False
        if line.startswith(("여러분의 코드:", "코드의 출력:")):
            skip = True
            continue
        if skip and (inner.startswith("    ") or not line):
            continue  # a frame, a source line, printed output
        skip = False
        if exception:
            continue
        for marker in EXCEPTION_TEXT:
            if marker in line:
                line, exception = line.split(marker)[0], True
        kept.append(line)
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^>]*>", " ", "\n".join(kept))
    tokens = re.findall(r"[^\s,;:()]+", text)
    in_code = {name for t in tokens if not re.fullmatch(r"[A-Za-z]+[가-힣]*", t)
               for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", t)}  # a[start:end], x.shape, dout*y
    in_code |= set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\(", text))  # isalnum(), a call
    text = re.sub(r"[A-Za-z_]\w*\s*(==|!=|<=|>=|=|<|>|->)", " ", text)  # delta = 1e-7, x > 0
    words = [re.match(r"[A-Za-z]+", t).group() for t in re.findall(r"[^\s,;:()]+", text)
             if re.fullmatch(r"[A-Za-z]+[가-힣]*[.]?", t)]
    return [w for w in words if len(w) >= 2 and w not in in_code and not w.endswith(("Error", "Warning"))]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Korean reports of the untouched stubs of exercises 01-09 and of wrong answers from tests/corpus."""
    found = []
    stubs = grade([e for e in exercises.available() if e.number <= 9], ROOT / "exercises", seed=1)
    names = set().union(*(_identifiers(e) for e in exercises.available() if e.number <= 9))
    found.append(("stubs", render_to_text(stubs, "ko", width=400), names))
    chosen = {c.id: c for c in cases() if c.id in WRONG}
    assert sorted(chosen) == sorted(WRONG), set(WRONG) - set(chosen)
    work = tmp_path_factory.mktemp("korean")
    for case in chosen.values():
        result = grade_case(case, work, seed=1)
        assert result.score < result.max_score, case.id
        text = render_to_text(GradeReport([result], seed=1, target=str(work)), "ko", width=400)
        found.append((case.id, text.replace(str(work), "<kit>"), _identifiers(case.exercise)))
    return found


def test_korean_reports_have_no_english_words(reports):
    english = {}
    for name, text, identifiers in reports:
        words = [w for w in _words(text) if w not in identifiers and w.lower() not in identifiers]
        if words:
            english[name] = sorted(set(words))
    assert english == {}, english


def test_korean_reports_pick_the_particle(reports):
    wrong = {}
    for name, text, _ in reports:
        assert not re.search(r"이\(가\)|을\(를\)|은\(는\)|\(으\)로|과\(와\)|와\(과\)", text), name
        if _misfits(text):
            wrong[name] = _misfits(text)
    assert wrong == {}, wrong


def test_the_texts_pick_the_particle():
    """The constant parts of every Korean text of the checks and reports (those no corpus case shows too)."""
    from test_language import CALLS
    wrong = [(where, _misfits(ko)) for where, _, ko in CALLS if _misfits(ko)]
    assert wrong == []


@pytest.mark.parametrize("text, misfits", [
    ("(f(x+h) - f(x)) / h으로 계산했습니다", ["h으로 (not h로)"]),
    ("중심 차분 (f(x+h) - f(x-h)) / (2*h)을 쓰세요", ["(2*h)을 (not (2*h)를)"]),
    ("최댓값(np.max(a))을 뺐습니다", []), ("mask (x <= 0)가 True인 곳", []), ("(x + 3)를", ["(x + 3)를 (not (x + 3)을)"]),
    ("시드 405756로 반복", ["405756로 (not 405756으로)"]),
    ("b = -0.7를 씁니다", ["-0.7를 (not -0.7을)"]), ("x가 0이면", []),
])
def test_misfits_are_found(text, misfits):
    assert _misfits(text) == misfits


@pytest.mark.parametrize("line, english", [
    ("│   numerical_gradient(function_2, x) with x of shape (2, 2)에서 IndexError 예외가 발생했습니다: index 2",
     ["with", "of", "shape"]),  # shape: a NumPy word, allowed where the words are judged
    ("│   the y data of the 'sin' line", ["the", "data", "of", "the", "line"]),
    ("│   importing ex05.py이(가) 제한 시간 안에 끝나지 않았습니다", ["importing"]),
    ("│   결과:   <type type in your code>", []), ("│   delta = 1e-7을 더하세요, `plt.show()`를 지우세요", []),
    ("│   코드에서 NameError 예외가 발생했습니다: name 'np' is not defined", []),
])
def test_english_words_are_found(line, english):
    assert _words(line) == english


def _verdict(exc):
    from grader.checking.verdict import classify
    from grader.results import CheckResult
    result = CheckResult("exercise-05", "test_sigmoid_values", T("sigmoid", "sigmoid"), 1.0, "failed")
    classify(result, exc)
    return result


def test_a_timed_out_import_reads_in_korean():
    from grader.sandbox.process import LearnerTimeout
    result = _verdict(LearnerTimeout(10, "importing ex05_activations.py"))
    assert result.message.ko == "ex05_activations.py 불러오기가 제한 시간 10초 안에 끝나지 않았습니다"
    assert result.message.en == "Importing ex05_activations.py did not finish within the 10 s limit"
    assert _verdict(LearnerTimeout(5, "sigmoid(x)")).message.ko.startswith("sigmoid(x)가 제한 시간 5초")


def test_the_grader_side_error_reads_in_korean():
    result = _verdict(ValueError("the grader cannot send this argument to your code: cannot pickle 'generator'"))
    assert "채점기가 이 인수를 여러분의 코드로 보낼 수 없습니다: cannot pickle" in result.message.ko
    assert "the grader cannot" not in result.message.ko


def test_mnist_causes_pick_the_particle():
    from grader.checking.verdict import setup_text
    assert "/data/mnist는 폴더가 아닙니다" in setup_text({"message": "/data/mnist is not a folder"})[1].ko
    assert "MNIST 파일 t10k.gz가 손상되었거나" in setup_text({"message": "MNIST file t10k.gz is not valid"})[1].ko
    assert "MNIST 파일 x3이 손상되었거나" in setup_text({"message": "MNIST file x3 is not valid"})[1].ko


@pytest.mark.parametrize("source, korean", [
    ("def sigmoid(x)\n    return x\n", "':' 기호가 있어야 합니다"),
    ("def sigmoid(x):\nreturn x\n", "번째 줄 뒤에 들여쓴 블록이 있어야 합니다"),
    ("x = [1 2]\n", "잘못된 문법입니다. 쉼표를 빠뜨리지 않았나요?"),
])
def test_a_syntax_error_reads_in_korean(source, korean, tmp_path):
    (tmp_path / "ex05_activations.py").write_text(source, encoding="utf-8")
    report = grade([exercises.find("5")], tmp_path, seed=1)
    text = render_to_text(report, "ko", width=400).replace(str(tmp_path), "<kit>")
    assert "문법 오류 (ex05_activations.py, " in text and korean in text
    assert [w for w in _words(text) if w not in _identifiers(exercises.find("5"))] == []
    assert korean not in render_to_text(report, "en", width=400)
