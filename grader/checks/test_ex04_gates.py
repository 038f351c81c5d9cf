"""exercise-04 · perceptrons, logic gates and XOR (10 points)."""
import itertools

import numpy as np

from grader.checking import gate_probes
from grader.checking.check import T, check, fail, show, unrecorded
from grader.i18n import Text, join, josa, plain
from grader.sandbox.process import LearnerCrashed, LearnerTimeout
from grader.sandbox.proxy import is_remote, prefetch

EXERCISE = "exercise-04"

INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))
LECTURE_GATES = {  # name: (w1, w2, b), as in the lecture
    "AND": (0.5, 0.5, -0.7),
    "NAND": (-0.5, -0.5, 0.7),
    "OR": (0.5, 0.5, -0.2),
}
TRUTH = {"AND": (0, 0, 0, 1), "NAND": (1, 1, 1, 0), "OR": (0, 1, 1, 1), "XOR": (0, 1, 1, 0)}
TABLE_NAMES = {(0, 0, 0, 1): "AND", (1, 1, 1, 0): "NAND", (0, 1, 1, 1): "OR", (0, 1, 1, 0): "XOR",
               (1, 0, 0, 0): "NOR", (1, 0, 0, 1): "XNOR", (0, 0, 0, 0): "always 0", (1, 1, 1, 1): "always 1"}

XOR_RECIPE = T("Build XOR from the gates, as a two-layer perceptron: s1 = NAND(x1, x2); s2 = OR(x1, x2); "
               "return AND(s1, s2).",
               "XOR은 게이트를 조합한 2층 퍼셉트론입니다: s1 = NAND(x1, x2); s2 = OR(x1, x2); return AND(s1, s2).")
NO_GATES_HINT = T("Did you compute XOR with x1 != x2 or x1 ^ x2, or with perceptrons whose weights you copied "
                  "in? XOR must call the gates NAND, OR and AND: s1 = NAND(x1, x2); s2 = OR(x1, x2); "
                  "return AND(s1, s2).",
                  "XOR을 x1 != x2나 x1 ^ x2, 또는 가중치를 직접 써 넣은 퍼셉트론으로 계산하지 않았나요? "
                  "XOR은 게이트 NAND, OR, AND를 호출해야 합니다: s1 = NAND(x1, x2); s2 = OR(x1, x2); "
                  "return AND(s1, s2).")


# ---------------------------------------------------------------------------- helpers
def _bit(got, call: str) -> int:
    """The learner's output as 0 or 1 (any number type: the type itself is another check)."""
    if got is None:
        fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"),
             T("Your function returned None: did you forget the `return` statement?",
               "함수가 None을 반환했습니다. `return` 문을 빠뜨리지 않았나요?"))
    value = got
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]
    if isinstance(value, (bool, int, float, np.bool_, np.integer, np.floating)) and value in (0, 1):
        return int(value)
    fail(T(f"{call} returned {show(got, 160)}; expected 0 or 1", f"{josa(call, '이')} {josa(show(got, 160), '을')} 반환했습니다. "
           "기대값: 0 또는 1"),
         T("A perceptron outputs 1 if the weighted sum plus the bias is > 0, otherwise 0.",
           "퍼셉트론은 가중치를 곱한 합에 편향을 더한 값이 0보다 크면 1, 아니면 0을 출력합니다."))


def _try_table(func):
    """The outputs of ``func`` on the four inputs, or None if it fails (used only to choose a hint)."""
    try:
        return tuple(_bit(func(a, b), "") for a, b in INPUTS)
    except (LearnerTimeout, LearnerCrashed):
        raise
    except Exception:  # noqa: BLE001 - a failing diagnosis just gives no specific hint
        return None


PERCEPTRON_FIRST = T("Your perceptron is not right yet (see its check): if this function uses it, fix perceptron first.",
                     "여러분의 perceptron이 아직 맞지 않습니다 (perceptron 검사 참고). 이 함수가 perceptron을 쓴다면 "
                     "먼저 perceptron을 고치세요.")


def _perceptron_broken(learner) -> bool:
    """Does the learner's perceptron get the lecture's examples wrong? (False if it cannot be run.)

    The expected outputs are computed here, not asked of ``ref``: this runs only when a check
    fails, and a student kit's answer key holds only the calls that passing checks make.
    """
    try:
        with unrecorded(learner):  # a hint's probe, not a call the failed check grades
            return any(_bit(learner.perceptron(x, w, b), "") != int(_margin(x, w, b) > 0)
                       for x, w, b in LECTURE_CASES)
    except (LearnerTimeout, LearnerCrashed):
        raise
    except Exception:  # noqa: BLE001 - a failing diagnosis just gives no specific hint
        return False


def _expr(w1, x1, w2, x2, b) -> str:
    """``w1*x1 + w2*x2 + b`` written out with its signs, e.g. ``-0.5*0.8 - 0.5*0.55 + 0.7``."""
    def value(v):
        return f"({v})" if v < 0 else f"{v}"
    text = f"{w1}*{value(x1)}"
    text += f" {'-' if w2 < 0 else '+'} {abs(w2)}*{value(x2)}"
    return text + f" {'-' if b < 0 else '+'} {abs(b)}"


def _table_text(name: str, values) -> str:
    calls = ", ".join(f"{name}({a}, {b})" for a, b in INPUTS)
    return f"[{calls}] = {list(values)}"


def _margin(x, w, b) -> float:
    return float(np.sum(np.asarray(w) * np.asarray(x)) + b)


LECTURE_CASES = [
    (np.array([1, 1]), np.array([0.5, 0.5]), -0.7),    # the lecture: 1
    (np.array([0, 1]), np.array([0.5, 0.5]), -0.7),    # the lecture: 0
    (np.array([0, 0]), np.array([-0.5, -0.5]), 0.7),   # the bias alone decides: 1
    (np.array([1, 1]), np.array([0.5, 0.5]), -1.0),    # exactly 0: 0
    (np.array([1, 0]), np.array([0.5, 0.5]), -0.2),    # 1
    (np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.2, -0.3]), 0.5),  # three inputs: 1
    (np.array([2.0, -1.0]), np.array([-1.0, 0.5]), 1.0),            # 0
]

PERCEPTRON_MISTAKES = (  # (how the output is computed from s = w.x + b, sum_wx and b, hint)
    (lambda s, wx, b: int(s >= 0), T(
        "When np.sum(w * x) + b is exactly 0 the perceptron outputs 0: compare with > 0, not >= 0.",
        "np.sum(w * x) + b가 정확히 0이면 퍼셉트론의 출력은 0입니다. >= 0이 아니라 > 0으로 비교하세요.")),
    (lambda s, wx, b: int(wx > 0), T(
        "The bias b is missing: compare np.sum(w * x) + b with 0.",
        "편향 b가 빠졌습니다. np.sum(w * x) + b를 0과 비교하세요.")),
    (lambda s, wx, b: int(wx - b > 0), T(
        "The bias is added, not subtracted: np.sum(w * x) + b.",
        "편향은 빼는 것이 아니라 더합니다: np.sum(w * x) + b.")),
    (lambda s, wx, b: int(s < 0), T(
        "The outputs are reversed: 1 when np.sum(w * x) + b > 0, otherwise 0.",
        "출력이 반대입니다. np.sum(w * x) + b > 0이면 1, 아니면 0입니다.")),
)


def _check_perceptron_cases(learner, ref, cases) -> None:
    prefetch(learner.perceptron, cases)
    got = [_bit(learner.perceptron(x, w, b), "perceptron(x, w, b)") for x, w, b in cases]
    expected = [int(ref.perceptron(x, w, b)) for x, w, b in cases]
    if got == expected:
        return
    hint = T("perceptron(x, w, b) is 1 if np.sum(w * x) + b > 0, else 0.",
             "perceptron(x, w, b)는 np.sum(w * x) + b > 0이면 1, 아니면 0입니다.")
    for rule, text in PERCEPTRON_MISTAKES:
        candidate = [rule(_margin(x, w, b), float(np.sum(np.asarray(w) * np.asarray(x))), b) for x, w, b in cases]
        if candidate == got and candidate != expected:
            hint = text
            break
    i = next(k for k in range(len(cases)) if got[k] != expected[k])
    x, w, b = cases[i]
    s = _margin(x, w, b)
    fail(join([T("Wrong output", "출력이 다릅니다"),
               T(f"perceptron(x, w, b) with x = {show(x)}, w = {show(w)}, b = {b!r}",
                 f"perceptron(x, w, b), 입력 x = {show(x)}, w = {show(w)}, b = {b!r}"),
               T(f"  np.sum(w * x) + b = {s:.6g}, so the expected output is {expected[i]}; got {got[i]}",
                 f"  np.sum(w * x) + b = {s:.6g}이므로 기대 출력은 {expected[i]}, 결과는 {got[i]}")]), hint)


# ---------------------------------------------------------------------------- perceptron
@check(1, T("perceptron(x, w, b) is 1 if np.sum(w * x) + b > 0 else 0 (lecture examples; exactly 0 gives 0)",
            "perceptron(x, w, b)는 np.sum(w * x) + b > 0이면 1, 아니면 0 (강의 예제, 정확히 0이면 0)"))
def test_perceptron(learner, ref):
    _check_perceptron_cases(learner, ref, LECTURE_CASES)


@check(1, T("perceptron matches np.sum(w * x) + b > 0 on random weights, biases and inputs of any length",
            "무작위 가중치, 편향, 여러 길이의 입력에서 perceptron이 np.sum(w * x) + b > 0과 같음"), hidden=True)
def test_perceptron_random(learner, ref, rng):
    cases = []
    while len(cases) < 16:
        n = int(rng.integers(1, 6))
        x = rng.integers(0, 2, size=n) if rng.random() < 0.5 else np.round(rng.normal(size=n), 3)
        w = np.round(rng.normal(size=n), 3)
        b = round(float(rng.normal()), 3)
        if abs(_margin(x, w, b)) > 1e-6:
            cases.append((x, w, b))
    _check_perceptron_cases(learner, ref, cases)


# ---------------------------------------------------------------------------- output type
def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


@check(1, T("perceptron, AND, NAND, OR and XOR return the integer 0 or 1 (not True/False, not 1.0)",
            "perceptron, AND, NAND, OR, XOR은 정수 0 또는 1을 반환 (True/False나 1.0이 아님)"))
def test_return_types(learner):
    half = np.array([0.5, 0.5])
    calls = [("perceptron(np.array([1, 1]), np.array([0.5, 0.5]), -0.7)",
              lambda: learner.perceptron(np.array([1, 1]), half, -0.7)),
             ("perceptron(np.array([0, 1]), np.array([0.5, 0.5]), -0.7)",
              lambda: learner.perceptron(np.array([0, 1]), half, -0.7))]
    for name in ("AND", "NAND", "OR", "XOR"):
        for a, b in ((0, 0), (1, 1), (0, 1)):
            calls.append((f"{name}({a}, {b})", lambda name=name, a=a, b=b: getattr(learner, name)(a, b)))
    for call, run in calls:
        got = run()
        if _is_int(got):
            continue
        if got is None:
            fail(T(f"{call} returned None", f"{call}의 반환값이 None입니다"),
                 T("Your function returned None: did you forget the `return` statement?",
                   "함수가 None을 반환했습니다. `return` 문을 빠뜨리지 않았나요?"))
        if isinstance(got, (bool, np.bool_)):
            hint = T("The comparison tmp > 0 gives a bool (True/False): return the integers 1 and 0, e.g. "
                     "`return 1 if tmp > 0 else 0` or `int(tmp > 0)`, as in the lecture.",
                     "비교 tmp > 0의 결과는 bool(True/False)입니다. 강의처럼 정수 1과 0을 반환하세요. "
                     "예: `return 1 if tmp > 0 else 0` 또는 `int(tmp > 0)`.")
        elif isinstance(got, (float, np.floating)):
            hint = T("Return the integers 1 and 0, not the floats 1.0 and 0.0 (e.g. `return 1 if tmp > 0 else 0`).",
                     "실수 1.0, 0.0이 아니라 정수 1, 0을 반환하세요 (예: `return 1 if tmp > 0 else 0`).")
        elif isinstance(got, np.ndarray):
            hint = T("Return a single integer, not an array: np.sum(w * x) + b is one number; "
                     "`return 1 if tmp > 0 else 0`.",
                     "배열이 아니라 정수 하나를 반환하세요. np.sum(w * x) + b는 숫자 하나입니다: "
                     "`return 1 if tmp > 0 else 0`.")
        else:
            hint = T("Return the integer 1 or 0.", "정수 1 또는 0을 반환하세요.")
        fail(T(f"{call} returned {str(got)[:120]} of type {type(got).__name__}; expected the integer 0 or 1",
               f"{josa(call, '이')} {type(got).__name__} 형식의 {josa(str(got)[:120], '을')} 반환했습니다. 기대값: 정수 0 또는 1"),
             hint)


# ---------------------------------------------------------------------------- the gates
def _gate_hint(name: str, got: tuple) -> Text:
    other = TABLE_NAMES.get(got)
    w1, w2, b = LECTURE_GATES[name]
    params = T(f"{name} uses the lecture's weights w = ({w1}, {w2}) and bias b = {b}.",
               f"{josa(name, '은')} 강의의 가중치 w = {josa(f'({w1}, {w2})', '와')} 편향 b = {josa(b, '를')} 씁니다.")
    if other in LECTURE_GATES and other != name:
        ow1, ow2, ob = LECTURE_GATES[other]
        return T(f"Your {name} computes {other}'s table (w = ({ow1}, {ow2}), b = {ob}?). ",
                 f"여러분의 {josa(name, '이')} {other}의 진리표를 계산합니다 (w = ({ow1}, {ow2}), b = {ob}?). ") + params
    if other in ("always 0", "always 1"):
        return T(f"Your {name} gives {other[-1]} for every input: check the sign of the bias and the "
                 "comparison > 0. ",
                 f"여러분의 {josa(name, '은')} 모든 입력에 {josa(other[-1], '을')} 출력합니다. 편향의 부호와 "
                 "비교 > 0을 확인하세요. ") + params
    return params


@check(1, T("AND, NAND and OR give the lecture's truth tables on the four inputs (0, 0), (0, 1), (1, 0), (1, 1)",
            "AND, NAND, OR이 네 입력 (0, 0), (0, 1), (1, 0), (1, 1)에서 강의의 진리표와 같음"))
def test_gate_truth_tables(learner):
    for name in ("AND", "NAND", "OR"):
        gate = getattr(learner, name)
        got = tuple(_bit(gate(a, b), f"{name}({a}, {b})") for a, b in INPUTS)
        if got != TRUTH[name]:
            w1, w2, bias = LECTURE_GATES[name]
            hint = _gate_hint(name, got)
            via_perceptron = _try_table(
                lambda a, b: learner.perceptron(np.array([a, b]), np.array([w1, w2]), bias))
            if via_perceptron == got:
                hint = T(f"Your perceptron gives this same wrong table with {name}'s weights ({w1}, {w2}) and "
                         f"bias {bias}: fix perceptron first (see its check).",
                         f"여러분의 perceptron이 {name}의 가중치 {josa(f'({w1}, {w2})', '와')} 편향 {josa(bias, '로')} 같은 잘못된 진리표를 "
                         "냅니다. 먼저 perceptron을 고치세요 (perceptron 검사 참고).")
            fail(join([T(f"{name} gives the wrong truth table", f"{name}의 진리표가 다릅니다"),
                       T("  expected: ", "  기댓값: ") + _table_text(name, TRUTH[name]),
                       T("  got:      ", "  결과:   ") + _table_text(name, got)]), hint)


@check(1, T("AND, NAND and OR are single perceptrons with the lecture's weights and biases "
            "(also tried on inputs between 0 and 1)",
            "AND, NAND, OR은 강의의 가중치와 편향을 쓰는 단층 퍼셉트론 (0과 1 사이의 입력으로도 확인)"), hidden=True)
def test_gate_weights(learner, ref, rng):
    for name, (w1, w2, b) in LECTURE_GATES.items():
        boundary = -b / w1  # x1 + x2 at which w1*x1 + w2*x2 + b = 0 (w1 == w2)
        pairs = []
        while len(pairs) < 20:
            x1 = float(rng.uniform(-0.5, 1.5))
            if len(pairs) < 16:  # close to the gate's line, on either side (log-uniform distance)
                total = boundary + float(rng.choice([-1, 1]) * np.exp(rng.uniform(np.log(0.002), np.log(0.3))))
                x2 = total - x1
            else:
                x2 = float(rng.uniform(-0.5, 1.5))
            x1, x2 = round(x1, 3), round(x2, 3)
            if abs(w1 * x1 + w2 * x2 + b) > 1e-6:
                pairs.append((x1, x2))
        gate, ref_gate = getattr(learner, name), getattr(ref, name)
        prefetch(gate, pairs)
        for x1, x2 in pairs:
            got = _bit(gate(x1, x2), f"{name}({x1}, {x2})")
            expected = int(ref_gate(x1, x2))
            if got != expected:
                s = w1 * x1 + w2 * x2 + b
                fail(join([T(f"{name}({x1}, {x2}) returned {got}; the lecture's {name} perceptron gives {expected}",
                             f"{name}({x1}, {x2})가 {josa(got, '을')} 반환했습니다. 강의의 {name} 퍼셉트론은 {expected}"),
                           plain(f"  np.sum(w * x) + b = {_expr(w1, x1, w2, x2, b)} = {s:.4g}")]),
                     PERCEPTRON_FIRST if _perceptron_broken(learner) else
                     T(f"{name} must be one perceptron with the lecture's weights w = ({w1}, {w2}) and bias "
                       f"b = {b}: return 1 if np.sum(w * x) + b > 0 else 0. Conditions such as `x1 == 1 and "
                       "x2 == 1`, or other weights that happen to work on 0 and 1, give different answers "
                       "for other inputs.",
                       f"{josa(name, '은')} 강의의 가중치 w = {josa(f'({w1}, {w2})', '와')} 편향 b = {josa(b, '를')} 쓰는 퍼셉트론 하나입니다: "
                       "np.sum(w * x) + b > 0이면 1, 아니면 0. `x1 == 1 and x2 == 1` 같은 조건이나 0과 1에서만 "
                       "우연히 맞는 다른 가중치는 다른 입력에서 답이 달라집니다."))


# ---------------------------------------------------------------------------- XOR
@check(1, T("XOR gives 0, 1, 1, 0 for (0, 0), (0, 1), (1, 0), (1, 1)",
            "XOR은 (0, 0), (0, 1), (1, 0), (1, 1)에 대해 0, 1, 1, 0"))
def test_xor_truth_table(learner):
    got = tuple(_bit(learner.XOR(a, b), f"XOR({a}, {b})") for a, b in INPUTS)
    if got == TRUTH["XOR"]:
        return
    other = TABLE_NAMES.get(got)
    broken = [(name, table) for name in ("NAND", "OR", "AND")
              for table in [_try_table(getattr(learner, name))] if table is not None and table != TRUTH[name]]
    if broken:
        name, table = broken[0]
        hint = T(f"XOR is only as right as its gates: your {name} gives {list(table)} instead of "
                 f"{list(TRUTH[name])}. Fix {name} first (see the check on AND, NAND and OR).",
                 f"XOR은 게이트가 맞아야 맞습니다. 여러분의 {josa(name, '이')} {list(TRUTH[name])} 대신 {josa(list(table), '을')} "
                 f"냅니다. 먼저 {josa(name, '을')} 고치세요 (AND, NAND, OR 검사 참고).")
    elif other == "XNOR":
        hint = T("Every output is flipped (this is XNOR): layer 2 is AND(s1, s2), with s1 = NAND(x1, x2) "
                 "and s2 = OR(x1, x2).",
                 "모든 출력이 반대입니다(XNOR). 2층은 AND(s1, s2)이고, s1 = NAND(x1, x2), s2 = OR(x1, x2)입니다.")
    elif other in ("always 0", "always 1"):
        hint = T(f"Your XOR outputs {other[-1]} for every input (OR(s1, s2) in layer 2 is always 1; "
                 "layer 2 is AND). ",
                 f"여러분의 XOR은 모든 입력에 {josa(other[-1], '을')} 출력합니다 (2층의 OR(s1, s2)는 항상 1입니다. "
                 "2층은 AND입니다). ") + XOR_RECIPE
    elif other in TRUTH:
        hint = T(f"Your XOR gives {other}'s table. ", f"여러분의 XOR은 {other}의 진리표를 냅니다. ") + XOR_RECIPE
    else:
        hint = XOR_RECIPE
    fail(join([T("XOR gives the wrong truth table", "XOR의 진리표가 다릅니다"),
               T("  expected: ", "  기댓값: ") + _table_text("XOR", TRUTH["XOR"]),
               T("  got:      ", "  결과:   ") + _table_text("XOR", got)]), hint)


def _hold(learner, name):
    """The learner's own object called ``name`` (to put it back later)."""
    return learner.keep(name) if is_remote(learner) else getattr(learner, name)


PROBES = (  # (which gate is tested, replacements, expected XOR table, description)
    (None, {"NAND": gate_probes.lecture_nand, "OR": gate_probes.lecture_or, "AND": gate_probes.lecture_and},
     (0, 1, 1, 0), T("NAND, OR and AND replaced by the lecture's gates", "NAND, OR, AND를 강의의 게이트로 바꿈")),
    ("AND", {"NAND": gate_probes.lecture_nand, "OR": gate_probes.lecture_or, "AND": gate_probes.always_one},
     (1, 1, 1, 1), T("AND replaced by a gate that always outputs 1", "AND를 항상 1을 출력하는 게이트로 바꿈")),
    ("NAND", {"NAND": gate_probes.always_one, "OR": gate_probes.lecture_or, "AND": gate_probes.lecture_and},
     (0, 1, 1, 1), T("NAND replaced by a gate that always outputs 1", "NAND를 항상 1을 출력하는 게이트로 바꿈")),
    ("OR", {"NAND": gate_probes.lecture_nand, "OR": gate_probes.always_one, "AND": gate_probes.lecture_and},
     (1, 1, 1, 0), T("OR replaced by a gate that always outputs 1", "OR을 항상 1을 출력하는 게이트로 바꿈")),
)


@check(2, T("XOR is built from your NAND, OR and AND: AND(NAND(x1, x2), OR(x1, x2)), not x1 != x2 or x1 ^ x2",
            "XOR은 여러분의 NAND, OR, AND로 만든 AND(NAND(x1, x2), OR(x1, x2)) (x1 != x2나 x1 ^ x2가 아님)"))
def test_xor_built_from_gates(learner):
    originals = {name: _hold(learner, name) for name in ("NAND", "OR", "AND")}
    results = []
    try:
        for gate, replacements, expected, what in PROBES:
            for name, probe in replacements.items():
                setattr(learner, name, probe)
            got = tuple(_bit(learner.XOR(a, b), f"XOR({a}, {b})") for a, b in INPUTS)
            results.append((gate, expected, what, got))
    finally:
        for name, original in originals.items():
            setattr(learner, name, original)
    if all(got == TRUTH["XOR"] for *_, got in results):
        fail(T("XOR's outputs stayed 0, 1, 1, 0 even when the grader replaced NAND, OR and AND by other gates: "
               "your XOR does not use the gates.",
               "채점기가 NAND, OR, AND를 다른 게이트로 바꿔도 XOR의 출력이 0, 1, 1, 0 그대로였습니다. "
               "여러분의 XOR은 게이트를 사용하지 않습니다."), NO_GATES_HINT)
    for gate, expected, what, got in results:
        if got == expected:
            continue
        if gate is None:
            message = T("With the lecture's NAND, OR and AND in place of yours, XOR should still give "
                        "0, 1, 1, 0.", "여러분의 게이트 대신 강의의 NAND, OR, AND를 넣어도 XOR은 0, 1, 1, 0이어야 합니다.")
            hint = XOR_RECIPE
        else:
            message = T(f"With {what.en}, XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)) should change as shown; "
                        f"yours did not, so it does not use {gate} the way the lecture's XOR does.",
                        f"{what.ko} 상태에서 XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))는 아래처럼 바뀌어야 "
                        f"하지만 여러분의 XOR은 그렇지 않았습니다. {josa(gate, '을')} 강의의 XOR처럼 쓰지 않습니다.")
            hint = T(f"XOR must call {gate}. ", f"XOR은 {josa(gate, '을')} 호출해야 합니다. ") + XOR_RECIPE
        fail(join([message,
                   T("  expected: ", "  기댓값: ") + _table_text("XOR", expected),
                   T("  got:      ", "  결과:   ") + _table_text("XOR", got)]), hint)


# ---------------------------------------------------------------------------- linear separability
ANY_HINT = T("linearly_separable must find ONE candidate (w1, w2, b) that reproduces EVERY entry of the table "
             "(all(...)), not one that matches some entries (any(...)). XOR is not linearly separable.",
             "linearly_separable은 진리표의 모든 항목을 재현하는(all(...)) 후보 (w1, w2, b) 하나를 찾아야 합니다. "
             "일부 항목만 맞는(any(...)) 후보가 아닙니다. XOR은 선형 분리가 불가능합니다.")
GRID_HINT = T("No candidate was found for a gate that one perceptron can compute: try every w1 and w2 in "
              "{-1, 0, 1} (negative weights too) and every b in {-1.5, -0.5, 0.5, 1.5}, and compare "
              "perceptron(np.array([x1, x2]), w, b) with table[(x1, x2)] for each entry.",
              "퍼셉트론 하나로 만들 수 있는 게이트인데 후보를 찾지 못했습니다. w1, w2는 {-1, 0, 1}(음의 가중치 포함), "
              "b는 {-1.5, -0.5, 0.5, 1.5}를 모두 시도하고, 각 항목마다 perceptron(np.array([x1, x2]), w, b)를 "
              "table[(x1, x2)]와 비교하세요.")
ORDER_HINT = T("Look the outputs up by their input: table[(x1, x2)] (or loop over table.items()). "
               "Do not rely on the order of the dict's entries.",
               "출력은 입력으로 찾으세요: table[(x1, x2)] (또는 table.items()로 반복). "
               "딕셔너리 항목의 순서에 의존하지 마세요.")
BOOL_RESULT_HINT = T("Return True or False (a bool), e.g. `return True` inside the search and `return False` after it.",
                     "True 또는 False(bool)를 반환하세요. 예: 탐색 안에서 `return True`, 탐색 뒤에 `return False`.")


def _separable(learner, table) -> bool:
    got = learner.linearly_separable(table)
    if got is None:
        fail(T(f"linearly_separable(table) returned None for table = {table}",
               f"linearly_separable(table)가 None을 반환했습니다 (table = {table})"),
             T("Your function returned None: did you forget `return False` after the search?",
               "함수가 None을 반환했습니다. 탐색 뒤에 `return False`를 빠뜨리지 않았나요?"))
    if not isinstance(got, (bool, np.bool_)):
        fail(T(f"linearly_separable(table) returned {show(got, 120)} of type {type(got).__name__}, not True or False",
               f"linearly_separable(table)가 True/False가 아니라 {type(got).__name__} 형식의 {josa(show(got, 120), '을')} "
               "반환했습니다"), BOOL_RESULT_HINT)
    return bool(got)


def _wrong_table(table, got, expected, hint, extra=None):
    lines = [T("Wrong answer", "답이 다릅니다"),
             T(f"linearly_separable(table) with table = {table}", f"linearly_separable(table), 입력 table = {table}"),
             T(f"  expected: {expected}", f"  기댓값: {expected}"),
             T(f"  got:      {got}", f"  결과:   {got}")]
    if extra is not None:
        lines.append(extra)
    fail(join(lines), hint)


@check(1, T("linearly_separable is True for the lecture's AND, OR and NAND tables and False for XOR",
            "linearly_separable은 강의의 AND, OR, NAND 진리표에서 True, XOR에서 False"))
def test_linearly_separable_lecture(learner):
    tables = {name: dict(zip(INPUTS, TRUTH[name])) for name in ("AND", "OR", "NAND", "XOR")}
    got = {name: _separable(learner, table) for name, table in tables.items()}
    for name, table in tables.items():
        expected = name != "XOR"
        if got[name] != expected:
            hint = ANY_HINT if name == "XOR" else GRID_HINT
            if _perceptron_broken(learner):
                hint = PERCEPTRON_FIRST
            _wrong_table(table, got[name], expected, hint,
                         T(f"  (this is the {name} table)", f"  ({name}의 진리표)"))


def _shuffled_tables(ref, rng):
    """The 16 tables in a random order, each dict's entries in a random order, drawn until some
    separable table's entries read in dict order spell XOR or XNOR: only then does pairing the
    inputs with table.values() give a different answer from any(...) (which says True for all)."""
    outputs = list(itertools.product((0, 1), repeat=4))
    while True:
        tables = []
        for k in rng.permutation(len(outputs)):
            order = rng.permutation(4)
            tables.append({INPUTS[i]: outputs[k][i] for i in order})
        expected = [bool(ref.linearly_separable(table)) for table in tables]
        by_position = [bool(ref.linearly_separable(dict(zip(INPUTS, table.values())))) for table in tables]
        if any(e and not p for e, p in zip(expected, by_position)):
            return tables, expected, by_position


@check(1, T("linearly_separable is right for all 16 tables, whatever the order of the dict's entries "
            "(14 are separable; XOR and XNOR are not)",
            "linearly_separable이 딕셔너리 항목 순서와 관계없이 16개 진리표 모두에서 맞음 "
            "(14개는 분리 가능, XOR과 XNOR은 불가능)"), hidden=True)
def test_linearly_separable_all_tables(learner, ref, rng):
    tables, expected, by_position = _shuffled_tables(ref, rng)
    prefetch(learner.linearly_separable, [(table,) for table in tables])
    got = [_separable(learner, table) for table in tables]
    if got == expected:
        return
    wrong = [i for i in range(len(tables)) if got[i] != expected[i]]
    i = wrong[0]
    if all(got):
        hint = ANY_HINT
    elif got == by_position:
        hint = ORDER_HINT
    elif got[i] is False:
        hint = GRID_HINT
    else:
        hint = ANY_HINT
    if _perceptron_broken(learner):
        hint = PERCEPTRON_FIRST
    name = TABLE_NAMES.get(tuple(tables[i][x] for x in INPUTS))
    extra = T(f"  ({len(wrong)} of the 16 tables are wrong" + (f"; this one is {name})" if name else ")"),
              f"  (16개 진리표 중 {len(wrong)}개가 틀림" + (f", 이것은 {name})" if name else ")"))
    _wrong_table(tables[i], got[i], expected[i], hint, extra)
