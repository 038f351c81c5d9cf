"""exercise-01 · arithmetic, types, variable names and bool (10 points)."""
import keyword
import string

import numpy as np

from grader.checking.check import T, check, fail, outcome, show
from grader.i18n import join, josa
from grader.sandbox.proxy import prefetch

EXERCISE = "exercise-01"

OPERATORS = ("+", "-", "*", "/", "//", "%", "**")


# ---------------------------------------------------------------------------- helpers
def python_result(a, b, op):
    """What Python itself gives for ``a op b`` (``'^'`` too, Python's bitwise XOR)."""
    if op == "^":
        return a ^ b if isinstance(a, int) and isinstance(b, int) else None
    return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
            "//": lambda: a // b, "%": lambda: a % b, "**": lambda: a ** b}[op]()


def is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def same_number(got, expected) -> bool:
    """Same value and the same kind of number (int for int, float for float) as Python gives."""
    if not is_number(got):
        return False
    if isinstance(expected, float):
        return isinstance(got, (float, np.floating)) and bool(np.isclose(float(got), expected, rtol=1e-9, atol=1e-9))
    return isinstance(got, (int, np.integer)) and int(got) == expected


def kind(value) -> str:
    return "float" if isinstance(value, (float, np.floating)) else "int"


def wrong_calculation(call: str, expected, got, hint=None):
    fail(join([T("Wrong result", "결과가 다릅니다") + f": {call}",
               T("  expected: ", "  기댓값: ") + show(expected) + f" ({type(expected).__name__})",
               T("  got:      ", "  결과:   ") + show(got) + f" ({type(got).__name__})"]), hint)


def calculation_hint(a, b, op, got):
    """Name the mistake when ``got`` is what another operator (or a float/int mix-up) gives."""
    expected = python_result(a, b, op)
    if got is None:
        return T("calculate returned None: every branch must `return` the result of a op b.",
                 "calculate가 None을 반환했습니다. 모든 분기에서 a op b의 결과를 `return` 하세요.")
    if not is_number(got):
        return T("calculate must return the number that Python's operator gives, not a string or another object.",
                 "calculate는 문자열이나 다른 객체가 아니라 파이썬 연산자가 주는 숫자를 반환해야 합니다.")
    if is_number(got) and float(got) == float(expected) and kind(got) != kind(expected):
        if op == "/":
            return T("'/' is true division: its result is always a float (6 / 3 is 2.0, not 2).",
                     "'/'는 나눗셈으로, 결과는 항상 float입니다 (6 / 3은 2가 아니라 2.0).")
        if op == "**" and kind(got) == "float":
            return T("math.pow() always gives a float; a ** b on two ints gives an int (5 ** 3 is 125).",
                     "math.pow()는 항상 float를 줍니다. 정수끼리의 a ** b는 정수입니다 (5 ** 3은 125).")
        return T(f"Python's {op!r} on {type(a).__name__} and {type(b).__name__} gives a {kind(expected)}: "
                 "apply the operator to a and b as they are, without converting them with int() or float().",
                 f"{josa(type(a).__name__, '와')} {type(b).__name__}에 대한 파이썬 {op!r} 연산의 결과는 {kind(expected)}입니다. "
                 "int()나 float()로 바꾸지 말고 a와 b에 연산자를 그대로 적용하세요.")
    if op == "//" and b and is_number(got) and float(got) == float(int(a / b)) and a // b != int(a / b):
        return T(f"'//' rounds down, towards minus infinity: {a} // {b} is {a // b}. "
                 f"int(a / b) cuts towards zero and gives {int(a / b)}.",
                 f"'//'는 음의 무한대 쪽으로 내림합니다: {a} // {josa(b, '는')} {a // b}입니다. "
                 f"int(a / b)는 0 쪽으로 잘라서 {josa(int(a / b), '이')} 됩니다.")
    if op == "%" and b and is_number(got) and np.isclose(float(got), a - b * int(a / b)) and a % b != got:
        return T(f"Python's '%' takes the sign of the divisor: {a} % {b} is {a % b}. "
                 "math.fmod() or a - b * int(a / b) give a different remainder for negative numbers.",
                 f"파이썬의 '%' 결과는 나누는 수의 부호를 따릅니다: {a} % {josa(b, '는')} {a % b}입니다. "
                 "math.fmod()나 a - b * int(a / b)는 음수에서 다른 나머지를 줍니다.")
    if op == "**" and a < 0 and is_number(got) and np.isclose(float(got), -((-a) ** b)) and a ** b != got:
        return T(f"calculate({a}, {b}, '**') must be ({a}) ** {b} = {a ** b}. Building the expression as text "
                 f"(eval(f'{{a}}{{op}}{{b}}')) gives {a}**{b}, which Python reads as -({-a} ** {b}).",
                 f"calculate({a}, {b}, '**')는 ({a}) ** {b} = {a ** b}여야 합니다. 식을 문자열로 만들어 "
                 f"eval(f'{{a}}{{op}}{{b}}')로 계산하면 {a}**{josa(b, '가')} 되어 {josa(f'-({-a} ** {b})', '로')} 계산됩니다.")
    if op == "**" and isinstance(a, int) and isinstance(b, int) and a ^ b == got and a ** b != got:
        return T("'^' is not the power operator in Python (it is bitwise XOR): use a ** b.",
                 "파이썬에서 '^'는 거듭제곱이 아니라 비트 XOR입니다. a ** b를 쓰세요.")
    for other in OPERATORS:
        if other == op:
            continue
        try:
            theirs = python_result(a, b, other)
        except (ZeroDivisionError, OverflowError):
            continue
        if same_number(got, theirs) and not same_number(got, expected):
            return T(f"calculate({a!r}, {b!r}, {op!r}) gave the result of {other!r} ({show(theirs)}): "
                     f"check that {op!r} is matched to its own operator.",
                     f"calculate({a!r}, {b!r}, {op!r})가 {other!r}의 결과({show(theirs)})를 주었습니다. "
                     f"{op!r}에 맞는 연산자를 쓰는지 확인하세요.")
    return None


def expect_calculation(learner, a, b, op):
    got = learner.calculate(a, b, op)
    expected = python_result(a, b, op)
    if not same_number(got, expected):
        wrong_calculation(f"calculate({a!r}, {b!r}, {op!r})", expected, got, calculation_hint(a, b, op, got))


def expect_bool_answers(learner, cases, func_name="is_valid_name"):
    """Call ``is_valid_name`` on every case; fail listing every wrong answer, hint for the first."""
    func = getattr(learner, func_name)
    prefetch(func, [(name,) for name, _, _ in cases])
    wrong, first_hint = [], None
    for name, expected, hint in cases:
        error, got = outcome(func, name)
        if error is not None:
            wrong.append(T(f"  {func_name}({name!r}) raised {error}; expected {expected}",
                           f"  {func_name}({name!r})에서 {error} 예외 발생; 기댓값 {expected}"))
            if first_hint is None:
                first_hint = hint
            continue
        if got is None or not isinstance(got, (bool, np.bool_)):
            fail(join([T(f"{func_name}({name!r}) returned {show(got)} ({type(got).__name__}), not True or False",
                         f"{josa(f'{func_name}({name!r})', '이')} True나 False가 아니라 {show(got)} "
                         f"{josa(f'({type(got).__name__})', '을')} 반환했습니다")]),
                 T("Return a bool: True or False in every case (an `if` without `else` returns None; "
                   "re.match returns a match object or None).",
                   "모든 경우에 bool(True 또는 False)을 반환하세요. `else` 없는 `if`는 None을 반환하고, "
                   "re.match는 match 객체나 None을 반환합니다."))
        if bool(got) != expected:
            wrong.append(T(f"  {func_name}({name!r}) returned {bool(got)}; expected {expected}",
                           f"  {josa(f'{func_name}({name!r})', '이')} {josa(bool(got), '을')} 반환; 기댓값 {expected}"))
            if first_hint is None:
                first_hint = hint
    if wrong:
        fail(join([T(f"{func_name} gave {len(wrong)} wrong answer(s):",
                     f"{josa(func_name, '이')} {len(wrong)}개의 틀린 답을 냈습니다:"), *wrong]), first_hint)


# ---------------------------------------------------------------------------- calculate
@check(1, T("calculate(5, 3, op) gives the lecture's results for + - * / // % ** (8 2 15 1.666... 1 2 125), "
            "and Python's for other positive integers",
            "calculate(5, 3, op)가 + - * / // % **에 대해 강의의 결과(8 2 15 1.666... 1 2 125)를 주고, "
            "다른 양의 정수에서도 파이썬과 같음"))
def test_calculate_lecture(learner, rng):
    # the lecture's operands, then one pair like them per operator (drawn from too many to list: in official
    # grading a second run draws others, so that the lecture's answers alone earn nothing)
    cases = [(5, 3, op) for op in OPERATORS] + [
        (int(rng.integers(2, 1000)), int(rng.integers(1, 6 if op == "**" else 100)), op) for op in OPERATORS]
    prefetch(learner.calculate, cases)
    for a, b, op in cases:
        expect_calculation(learner, a, b, op)


@check(1, T("calculate follows Python with negative and float operands (-7 // 2 is -4, -7 % 2 is 1, 6 / 3 is 2.0)",
            "calculate가 음수와 실수에서도 파이썬과 같음 (-7 // 2는 -4, -7 % 2는 1, 6 / 3은 2.0)"))
def test_calculate_python_rules(learner):
    cases = [(6, 3, "/"), (-7, 2, "/"), (-7, 2, "//"), (7, -2, "//"), (-7, 2, "%"), (7, -2, "%"),
             (7.5, 2, "//"), (7.5, 2, "%"), (2, -1, "**"), (-2, 2, "**"), (-3, 3, "**"), (2.5, 2, "*"),
             (-4, 9, "+"), (3, 10, "-")]
    prefetch(learner.calculate, cases)
    for a, b, op in cases:
        expect_calculation(learner, a, b, op)


@check(1, T("an unknown operator raises ValueError (calculate(5, 3, '^'), truth_table('xor'))",
            "모르는 연산자는 ValueError 발생 (calculate(5, 3, '^'), truth_table('xor'))"))
def test_unknown_operator(learner):
    prefetch(learner.calculate, [(5, 3, op) for op in ("^", "plus", "", "+ ", "=")])
    for op in ("^", "plus", "", "+ ", "="):
        error, got = outcome(learner.calculate, 5, 3, op)
        if error == "ValueError":
            continue
        call = f"calculate(5, 3, {op!r})"
        if error is None:
            message = T(f"{call} returned {show(got)} instead of raising ValueError",
                        f"{josa(call, '이')} ValueError를 발생시키지 않고 {josa(show(got), '을')} 반환했습니다")
            if got is None:
                hint = T("After handling the seven operators, `raise ValueError(...)` for any other op; "
                         "falling off the end of the function returns None.",
                         "일곱 연산자를 처리한 뒤 다른 op에는 `raise ValueError(...)`를 하세요. "
                         "함수 끝까지 가면 None이 반환됩니다.")
            else:
                hint = T(f"{op!r} is not one of the seven operators + - * / // % **: compare op with those "
                         "strings (an if/elif chain or a dict) instead of evaluating it as Python code (eval), "
                         "and raise ValueError for anything else.",
                         f"{josa(repr(op), '은')} 일곱 연산자 + - * / // % ** 중 하나가 아닙니다. op를 파이썬 코드로 "
                         "실행(eval)하지 말고 그 문자열들과 비교(if/elif 또는 dict)한 뒤, 나머지에는 ValueError를 "
                         "발생시키세요.")
        else:
            message = T(f"{call} raised {error}, not ValueError", f"{call}에서 ValueError가 아니라 {error} 발생")
            if error == "KeyError":
                hint = T("Looking up an unknown key in a dict raises KeyError: check `op in operators` first "
                         "(or catch the KeyError) and raise ValueError instead.",
                         "dict에 없는 키를 찾으면 KeyError가 납니다. 먼저 `op in operators`를 확인하거나 "
                         "KeyError를 잡아서 ValueError를 발생시키세요.")
            else:
                hint = T("Raise the error yourself for an unknown op: `raise ValueError(f'unknown operator: {op}')`.",
                         "모르는 op에는 직접 오류를 발생시키세요: `raise ValueError(f'unknown operator: {op}')`.")
        fail(message, hint)
    for op in ("xor", "nand", "AND"):
        error, got = outcome(learner.truth_table, op)
        if error == "ValueError":
            continue
        call = f"truth_table({op!r})"
        if error is None:
            fail(T(f"{call} returned {show(got)} instead of raising ValueError",
                   f"{josa(call, '이')} ValueError를 발생시키지 않고 {josa(show(got), '을')} 반환했습니다"),
                 T("truth_table knows only 'and', 'or' and 'not': `raise ValueError(...)` for any other op.",
                   "truth_table은 'and', 'or', 'not'만 압니다. 다른 op에는 `raise ValueError(...)`를 하세요."))
        fail(T(f"{call} raised {error}, not ValueError", f"{call}에서 ValueError가 아니라 {error} 발생"),
             T("Raise ValueError yourself for an op other than 'and', 'or', 'not'.",
               "'and', 'or', 'not'이 아닌 op에는 직접 ValueError를 발생시키세요."))


@check(1, T("calculate matches Python on random ints and floats for all seven operators",
            "무작위 정수와 실수에서 일곱 연산자 모두 calculate가 파이썬과 같음"), hidden=True)
def test_calculate_random(learner, rng):
    cases = []
    for _ in range(4):
        for op in OPERATORS:
            a = int(rng.integers(-30, 31))
            b = int(rng.choice([n for n in range(-9, 10) if n != 0]))
            if op == "**":
                a = a or 2
                b = int(rng.integers(-2, 6))
            cases.append((a, b, op))
        for op in OPERATORS:
            a = float(np.round(rng.normal(scale=10), 3))
            b = float(np.round(rng.uniform(0.5, 5) * rng.choice([-1, 1]), 3))
            if op == "**":
                a, b = abs(a) + 0.5, float(np.round(rng.uniform(-2, 3), 2))
            cases.append((a, b, op))
    prefetch(learner.calculate, cases)
    for a, b, op in cases:
        expect_calculation(learner, a, b, op)


# ---------------------------------------------------------------------------- type_name
def expect_type_names(learner, values):
    prefetch(learner.type_name, [(value,) for value in values])
    for value in values:
        expected = type(value).__name__
        got = learner.type_name(value)
        call = f"type_name({show(value, 60)})"
        if isinstance(got, str) and got == expected:
            continue
        hint = None
        if not isinstance(got, str):
            hint = T("Return the name as a str: type(value) is the class itself, type(value).__name__ its name.",
                     "이름을 str로 반환하세요. type(value)는 클래스 자체이고, type(value).__name__이 그 이름입니다.")
        elif got == str(type(value)):
            hint = T(f"str(type(value)) is {got!r}; the name alone is type(value).__name__.",
                     f"str(type(value))는 {got!r}입니다. 이름만 얻으려면 type(value).__name__을 쓰세요.")
        elif isinstance(value, bool):
            hint = T("True and False are also instances of int (isinstance(True, int) is True): "
                     "type(True).__name__ is 'bool'. Use type(value).__name__ instead of an isinstance chain.",
                     "True와 False는 int의 인스턴스이기도 합니다 (isinstance(True, int)는 True). "
                     "type(True).__name__은 'bool'입니다. isinstance 연쇄 대신 type(value).__name__을 쓰세요.")
        elif got.lower() == expected.lower():
            hint = T(f"Python's name for this type is exactly {expected!r}.",
                     f"이 자료형의 파이썬 이름은 정확히 {expected!r}입니다.")
        fail(join([T("Wrong result", "결과가 다릅니다") + f": {call}",
                   T("  expected: ", "  기댓값: ") + repr(expected),
                   T("  got:      ", "  결과:   ") + show(got)]),
             hint or T("type(value) gives the class of any value and type(value).__name__ its name, "
                       "for every type, not only the ones in the examples.",
                       "type(value)는 어떤 값이든 그 클래스를, type(value).__name__은 그 이름을 줍니다. "
                       "예시에 나온 자료형만이 아니라 모든 자료형에 대해서요."))


@check(1, T("type_name names bool, int, float, str, list, dict, NoneType and tuple",
            "type_name이 bool, int, float, str, list, dict, NoneType, tuple의 이름을 줌"))
def test_type_name_basic(learner):
    expect_type_names(learner, [True, 10, 2.718, "hello", [1, 2], {}, None, False, -3, 0.0, "", {"a": 1},
                                (1, 2)])


@check(1, T("type_name names the type of random values of many types (set, complex, bytes, range, ...)",
            "type_name이 여러 자료형(set, complex, bytes, range 등)의 무작위 값에서 자료형 이름을 줌"), hidden=True)
def test_type_name_random(learner, rng):
    makers = [
        lambda: int(rng.integers(-1000, 1000)),
        lambda: float(rng.normal(scale=100)),
        lambda: "".join(rng.choice(list(string.ascii_letters), size=int(rng.integers(0, 8)))),
        lambda: bool(rng.integers(0, 2)),
        lambda: [int(v) for v in rng.integers(0, 9, size=int(rng.integers(0, 4)))],
        lambda: {str(k): int(k) for k in rng.integers(0, 9, size=int(rng.integers(0, 3)))},
        lambda: tuple(float(v) for v in rng.normal(size=int(rng.integers(0, 3)))),
        lambda: {int(v) for v in rng.integers(0, 9, size=int(rng.integers(1, 4)))},
        lambda: complex(float(rng.normal()), float(rng.normal())),
        lambda: bytes(int(v) for v in rng.integers(0, 256, size=int(rng.integers(0, 4)))),
        lambda: range(int(rng.integers(0, 10))),
        lambda: frozenset(int(v) for v in rng.integers(0, 9, size=2)),
        lambda: None,
    ]
    order = rng.permutation(len(makers))
    expect_type_names(learner, [makers[i]() for i in order])


# ---------------------------------------------------------------------------- is_valid_name
UNDERSCORE_HINT = T("The underscore _ is allowed anywhere in a name, also first ('_tmp', 'my_var1'); "
                    "isalnum() is False for '_'. str.isidentifier() applies the rule exactly.",
                    "밑줄 _은 이름의 어디에나 올 수 있습니다 (첫 글자도: '_tmp', 'my_var1'). '_'에 대해 isalnum()은 "
                    "False입니다. str.isidentifier()가 이 규칙을 그대로 검사합니다.")
DIGIT_HINT = T("A name cannot start with a digit ('1st' is not a name): check the first character, "
               "or use str.isidentifier().",
               "이름은 숫자로 시작할 수 없습니다 ('1st'는 이름이 아님). 첫 글자를 검사하거나 str.isidentifier()를 쓰세요.")
CHARS_HINT = T("Only letters, digits and _ may appear in a name: '-', ' ', '.', '$' may not. "
               "str.isidentifier() checks every character.",
               "이름에는 글자, 숫자, _만 올 수 있고 '-', ' ', '.', '$'는 안 됩니다. "
               "str.isidentifier()가 모든 글자를 검사합니다.")
EMPTY_HINT = T("The empty string '' is not a name: return False for it (name[0] raises IndexError on '').",
               "빈 문자열 ''은 이름이 아닙니다. False를 반환하세요 (''에서는 name[0]이 IndexError를 냅니다).")
NOT_STR_HINT = T("Anything that is not a str (123, None, a list) gives False: check isinstance(name, str) first.",
                 "str이 아닌 값(123, None, 리스트)은 False입니다. 먼저 isinstance(name, str)을 확인하세요.")
RESERVED_HINT = T("Reserved words such as for, if, class, True, False and None cannot be variable names: "
                  "add `not keyword.iskeyword(name)` (import keyword).",
                  "for, if, class, True, False, None 같은 예약어는 변수 이름이 될 수 없습니다. "
                  "`not keyword.iskeyword(name)`을 추가하세요 (import keyword).")
LOOKALIKE_HINT = T("Only the exact reserved words are excluded, and case matters: 'For', 'true', 'class_' "
                   "and 'print' are valid names. Compare with keyword.iskeyword(name), not a lower-cased "
                   "name or a list of built-in functions.",
                   "정확히 예약어인 것만 제외되고 대소문자를 구별합니다. 'For', 'true', 'class_', 'print'는 올바른 "
                   "이름입니다. 소문자로 바꾼 이름이나 내장 함수 목록이 아니라 keyword.iskeyword(name)으로 비교하세요.")


@check(1, T("is_valid_name applies the character rules (letter or _ first, then letters, digits, _); "
            "'' and non-strings give False",
            "is_valid_name이 글자 규칙(첫 글자는 글자나 _, 이후 글자, 숫자, _)을 따르고 ''와 문자열이 아닌 값은 False"))
def test_is_valid_name_characters(learner):
    expect_bool_answers(learner, [
        ("my_var1", True, UNDERSCORE_HINT), ("_tmp", True, UNDERSCORE_HINT), ("x", True, None),
        ("_", True, UNDERSCORE_HINT), ("camelCase2", True, None), ("__init__", True, UNDERSCORE_HINT),
        ("A1_b2", True, UNDERSCORE_HINT),
        ("1st", False, DIGIT_HINT), ("2", False, DIGIT_HINT), ("9_lives", False, DIGIT_HINT),
        ("my-var", False, CHARS_HINT), ("my var", False, CHARS_HINT), ("a.b", False, CHARS_HINT),
        ("$x", False, CHARS_HINT), ("x!", False, CHARS_HINT),
        ("", False, EMPTY_HINT), (123, False, NOT_STR_HINT), (None, False, NOT_STR_HINT),
        (["x"], False, NOT_STR_HINT),
    ])


@check(1, T("is_valid_name rejects reserved words (for, class, True, None, ...) but accepts look-alikes (For, class_)",
            "is_valid_name이 예약어(for, class, True, None 등)는 거부하고 비슷한 이름(For, class_)은 허용"))
def test_is_valid_name_reserved(learner):
    cases = [(word, False, RESERVED_HINT) for word in
             ("for", "True", "None", "False", "class", "if", "import", "lambda", "while", "def", "return")]
    cases += [(word, True, LOOKALIKE_HINT) for word in
              ("For", "true", "none", "NONE", "class_", "if1", "_for", "print", "list", "Lambda")]
    expect_bool_answers(learner, cases)


@check(1, T("is_valid_name agrees with Python's own rules on random names and every reserved word",
            "무작위 이름과 모든 예약어에서 is_valid_name이 파이썬 규칙과 같음"), hidden=True)
def test_is_valid_name_random(learner, ref, rng):
    first = list(string.ascii_letters + "_" + string.digits)
    rest = list(string.ascii_letters + string.digits + "_" * 4)
    bad = list("- .$!@#+*/()[]")
    names = []
    for _ in range(25):
        name = str(rng.choice(first)) + "".join(rng.choice(rest, size=int(rng.integers(0, 8))))
        if rng.random() < 0.3:
            pos = int(rng.integers(0, len(name) + 1))
            name = name[:pos] + str(rng.choice(bad)) + name[pos:]
        names.append(name)
    names += list(keyword.kwlist)
    names += [w.capitalize() if w.islower() else w.lower() for w in map(str, rng.choice(keyword.kwlist, size=6))]
    names += [str(w) + str(rng.choice(rest)) for w in rng.choice(keyword.kwlist, size=4)]
    names = [str(names[i]) for i in rng.permutation(len(names))]

    def hint_for(name):
        if keyword.iskeyword(name):
            return RESERVED_HINT
        if name and name[0].isdigit() and ref.is_valid_name("a" + name[1:]):
            return DIGIT_HINT
        if not ref.is_valid_name(name):
            return CHARS_HINT
        if "_" in name:
            return UNDERSCORE_HINT
        return LOOKALIKE_HINT if any(name.lower().startswith(w.lower()) for w in keyword.kwlist) else None

    expect_bool_answers(learner, [(name, ref.is_valid_name(name), hint_for(name)) for name in names])


# ---------------------------------------------------------------------------- truth_table
TRUTH_TABLES = {
    "and": [(False, False, False), (False, True, False), (True, False, False), (True, True, True)],
    "or": [(False, False, False), (False, True, True), (True, False, True), (True, True, True)],
    "not": [(False, True), (True, False)],
}


@check(1, T("truth_table('and'/'or'/'not') gives the rows (a, b, result) as tuples of True/False in the "
            "order FF, FT, TF, TT",
            "truth_table('and'/'or'/'not')이 (a, b, 결과) 행을 True/False 튜플로, FF, FT, TF, TT 순서로 줌"))
def test_truth_table(learner):
    for op, expected in TRUTH_TABLES.items():
        got = learner.truth_table(op)
        call = f"truth_table({op!r})"

        def wrong(message, hint=None):
            fail(join([message, T("  expected: ", "  기댓값: ") + repr(expected),
                       T("  got:      ", "  결과:   ") + show(got, 400)]), hint)

        if got is None:
            wrong(T(f"{call} returned None", f"{call}의 반환값이 None입니다"),
                  T("Build the list of rows and `return` it.", "행들의 리스트를 만들어 `return` 하세요."))
        if not isinstance(got, list):
            wrong(T(f"{call} returned a {type(got).__name__}, not a list",
                    f"{josa(call, '이')} 리스트가 아니라 {josa(type(got).__name__, '을')} 반환했습니다"),
                  T("Return a list of tuples: [(False, False, False), ...].",
                    "튜플의 리스트를 반환하세요: [(False, False, False), ...]."))
        if len(got) != len(expected):
            wrong(T(f"{call} has {len(got)} rows; expected {len(expected)}",
                    f"{call}의 행이 {len(got)}개입니다. 기댓값 {len(expected)}개"),
                  T("Binary operators have 4 rows (every a, b in False, True); 'not' has 2 rows (a, not a).",
                    "이항 연산자는 4행(a, b가 각각 False, True), 'not'은 2행 (a, not a)입니다."))
        if not all(isinstance(row, tuple) for row in got):
            wrong(T(f"The rows of {call} are not all tuples", f"{call}의 행이 모두 튜플은 아닙니다"),
                  T("Each row is a tuple such as (a, b, a and b), not a list [a, b, ...].",
                    "각 행은 리스트 [a, b, ...]가 아니라 (a, b, a and b) 같은 튜플입니다."))
        if not all(isinstance(v, (bool, np.bool_)) for row in got for v in row):
            wrong(T(f"{call} contains values that are not True/False", f"{call}에 True/False가 아닌 값이 있습니다"),
                  T("Use the bool values True and False, not 1 and 0: a and b on two bools is a bool, "
                    "while a * b, a & 1 or int(...) give ints.",
                    "1과 0이 아니라 bool 값 True와 False를 쓰세요. bool끼리의 a and b는 bool이지만, "
                    "a * b, a & 1, int(...)는 정수를 줍니다."))
        got_rows = [tuple(bool(v) for v in row) for row in got]
        if got_rows == expected:
            continue
        inputs = [row[:-1] for row in got_rows]
        if sorted(inputs) == [row[:-1] for row in expected] and inputs != [row[:-1] for row in expected]:
            wrong(T(f"The rows of {call} are in the wrong order", f"{call}의 행 순서가 다릅니다"),
                  T("Rows go in the order (False, False), (False, True), (True, False), (True, True): "
                    "`for a in (False, True):` outside and `for b in (False, True):` inside.",
                    "행 순서는 (False, False), (False, True), (True, False), (True, True)입니다. "
                    "바깥에 `for a in (False, True):`, 안쪽에 `for b in (False, True):`를 두세요."))
        wrong(T(f"Wrong rows in {call}", f"{call}의 행이 다릅니다"),
              T(f"Each row is (inputs..., result) with result = the inputs combined by {op!r}; "
                "check that you use the right operator and put the result last.",
                f"각 행은 (입력..., 결과)이고 결과는 입력을 {op!r}로 계산한 값입니다. 올바른 연산자를 썼는지, "
                "결과를 마지막에 두었는지 확인하세요."))
