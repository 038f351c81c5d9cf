"""exercise-02 · lists, dicts, loops, functions and classes (10 points)."""
import string

import numpy as np

from grader.checking.check import NONE_HINT, T, check, fail, outcome, show
from grader.i18n import join, josa
from grader.sandbox.process import LearnerError
from grader.sandbox.proxy import fetch, is_remote, prefetch, put

EXERCISE = "exercise-02"

VOCABULARY = ["deep", "learning", "python", "numpy", "data", "model", "layer", "loss", "Deep", "모두의연구소"]


# ---------------------------------------------------------------------------- helpers
def wrong(call, expected, got, hint=None, what=None):
    fail(join([(what or T("Wrong result", "결과가 다릅니다")) + ": " + call,
               T("  expected: ", "  기댓값: ") + show(expected),
               T("  got:      ", "  결과:   ") + show(got)]), hint)


def _random_word(rng) -> str:
    """A drawn name or word: a check with drawn inputs as well as the lecture's, so that the examples
    written here are not all a function is ever tried on."""
    return "".join(rng.choice(list(string.ascii_letters), size=int(rng.integers(1, 9))))


def _random_seqs(rng) -> list:
    """A drawn list of ints, string and tuple, each of 0 to 9 elements."""
    sizes = rng.integers(0, 10, size=3)
    return [[int(v) for v in rng.integers(-99, 100, size=sizes[0])],
            "".join(rng.choice(list(string.ascii_lowercase), size=sizes[1])),
            tuple(int(v) for v in rng.integers(0, 10, size=sizes[2]))]


def plain_dict(got):
    """A dict subclass (Counter, defaultdict) as a plain dict; other values unchanged.

    Through the worker a dict subclass comes back as a handle: its items are read
    with popitem() (the handle is the grader's own copy of the result).
    """
    if isinstance(got, dict):
        return dict(got)
    if not is_remote(got):
        return got
    items = {}
    try:
        for _ in range(100_000):
            key, value = got.popitem()
            items[key] = value
    except LearnerError as exc:
        return dict(reversed(list(items.items()))) if exc.info.get("type") == "KeyError" else got
    except (TypeError, ValueError):
        return got
    return got


# ---------------------------------------------------------------------------- negative_index
def expect_negative_index(learner, seq, i):
    call = f"negative_index({seq!r}, {i})"
    got = learner.negative_index(seq, i)
    n = len(seq)
    expected = i - n if i >= 0 else i
    if isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_)) and got == expected:
        return
    hint = None
    if got is None:
        hint = NONE_HINT
    elif not isinstance(got, (int, np.integer)) or isinstance(got, (bool, np.bool_)):
        hint = T("Return the index as an int (for example i - len(seq)), not the element or a float.",
                 "원소나 float가 아니라 인덱스를 int로 반환하세요 (예: i - len(seq)).")
    elif i < 0 and got == i - n:
        hint = T(f"{i} is already a negative index: return it unchanged (only 0 <= i < len(seq) is converted).",
                 f"{josa(i, '은')} 이미 음수 인덱스입니다. 그대로 반환하세요 (0 <= i < len(seq)만 변환합니다).")
    elif i < 0 and got == i + n:
        hint = T("negative_index must return a negative index: a negative i is returned as it is.",
                 "negative_index는 음수 인덱스를 반환해야 합니다. 음수 i는 그대로 반환합니다.")
    elif got == expected + 1 or got == expected - 1:
        hint = T(f"Off by one: the last element is seq[-1], so index i is the same as i - len(seq) "
                 f"({i} - {n} = {expected}).",
                 f"1만큼 어긋났습니다. 마지막 원소가 seq[-1]이므로 인덱스 i는 i - len(seq)와 같습니다 "
                 f"({i} - {n} = {expected}).")
    elif got == -i:
        hint = T("-i is not the same element: 'abcde'[1] is 'b' but 'abcde'[-1] is 'e'. Use i - len(seq).",
                 "-i는 같은 원소가 아닙니다. 'abcde'[1]은 'b'이지만 'abcde'[-1]은 'e'입니다. i - len(seq)를 쓰세요.")
    elif got == -(i + 1):
        hint = T("-(i + 1) is the mirrored position (counting from the other end), not the same element: "
                 "use i - len(seq).",
                 "-(i + 1)은 반대쪽 끝에서 센 위치로 같은 원소가 아닙니다. i - len(seq)를 쓰세요.")
    wrong(call, expected, got, hint or T("For a sequence of length n, the indices i and i - n name the same element.",
                                         "길이 n인 시퀀스에서 인덱스 i와 i - n은 같은 원소를 가리킵니다."))


def expect_index_error(learner, seq, i):
    call = f"negative_index({seq!r}, {i})"
    error, got = outcome(learner.negative_index, seq, i)
    if error == "IndexError":
        return
    n = len(seq)
    if error is None:
        side = T(f"{i} is below -len(seq) = {-n}: the range check must also cover negative indices.",
                 f"{josa(i, '은')} -len(seq) = {-n}보다 작습니다. 범위 검사는 음수 인덱스도 다뤄야 합니다.") if i < 0 else \
            T(f"{i} is not smaller than len(seq) = {n} (the last index is {n - 1}).",
              f"{josa(i, '은')} len(seq) = {n}보다 작지 않습니다 (마지막 인덱스는 {n - 1}).")
        fail(T(f"{call} returned {show(got)} instead of raising IndexError",
               f"{josa(call, '이')} IndexError를 발생시키지 않고 {josa(show(got), '을')} 반환했습니다"),
             T("Check the range first: only -len(seq) <= i < len(seq) are valid; otherwise "
               "`raise IndexError(...)` (seq[i] would raise it too). ",
               "먼저 범위를 검사하세요. -len(seq) <= i < len(seq)만 유효하고, 나머지는 "
               "`raise IndexError(...)` 하세요 (seq[i]도 같은 오류를 냅니다). ") + side)
    fail(T(f"{call} raised {error}, not IndexError", f"{call}에서 IndexError가 아니라 {error} 발생"),
         T("An index out of range raises IndexError, the same error as seq[i]: `raise IndexError(...)`, "
           "not ValueError.",
           "범위를 벗어난 인덱스는 seq[i]와 같은 IndexError를 발생시킵니다. ValueError가 아니라 "
           "`raise IndexError(...)`를 쓰세요."))


@check(1, T("negative_index gives i - len(seq) ('abcde', 1 -> -4) and keeps an already negative index",
            "negative_index는 i - len(seq)를 반환 ('abcde', 1 -> -4)하고 이미 음수인 인덱스는 그대로"))
def test_negative_index(learner):
    for seq, i in [("abcde", 1), ([10, 20, 30], 2), ([10, 20, 30], 0), ((1.5, 2.5), 1), ("x", 0),
                   ("abcde", -1), ("abcde", -5), ([10, 20, 30], -2)]:
        expect_negative_index(learner, seq, i)


@check(1, T("negative_index raises IndexError outside -len(seq) <= i < len(seq)",
            "negative_index는 -len(seq) <= i < len(seq) 밖에서 IndexError 발생"))
def test_negative_index_out_of_range(learner):
    for seq, i in [("abcde", 5), ("abcde", 100), ("abcde", -6), ([1], 1), ([1], -2), ("", 0), ((), -1)]:
        expect_index_error(learner, seq, i)


@check(1, T("negative_index is right on random lists, strings and tuples (and IndexError outside them)",
            "무작위 리스트, 문자열, 튜플에서 negative_index가 맞음 (범위 밖은 IndexError)"), hidden=True)
def test_negative_index_random(learner, rng):
    cases = []  # (seq, i, whether i is in range)
    for _ in range(8):
        n = int(rng.integers(1, 25))
        form = int(rng.integers(0, 3))
        if form == 0:
            seq = [int(v) for v in rng.integers(-99, 100, size=n)]
        elif form == 1:
            seq = "".join(str(c) for c in rng.choice(list(string.ascii_lowercase), size=n))
        else:
            seq = tuple(float(np.round(v, 2)) for v in rng.normal(size=n))
        cases += [(seq, int(rng.integers(0, n)), True), (seq, int(rng.integers(-n, 0)), True),
                  (seq, int(rng.choice([n + int(rng.integers(0, 5)), -n - 1 - int(rng.integers(0, 5))])), False)]
    prefetch(learner.negative_index, [(seq, i) for seq, i, _ in cases])
    for seq, i, inside in cases:
        (expect_negative_index if inside else expect_index_error)(learner, seq, i)


# ---------------------------------------------------------------------------- middle
@check(1, T("middle(seq) is seq[1:-1] with the type of seq (list, str, tuple), input unchanged",
            "middle(seq)는 seq와 같은 자료형(list, str, tuple)의 seq[1:-1] (입력은 바뀌지 않음)"))
def test_middle(learner, rng):
    for seq in ([1, 2, 3, 4, 5], "hello", (1, 2, 3), [7, 8], "ab", "a", [], ["x", "y", "z"], *_random_seqs(rng)):
        handle = put(learner, seq)
        got = learner.middle(handle)
        expected = seq[1:-1]
        call = f"middle({seq!r})"
        if got == expected and type(got) is type(expected):
            if isinstance(seq, list) and fetch(handle) != seq:
                fail(T(f"{call} changed the list passed in: it is now {show(fetch(handle))}",
                       f"{josa(call, '이')} 넘겨받은 리스트를 바꿨습니다. 지금은 {show(fetch(handle))}입니다"),
                     T("Return a slice seq[1:-1] (a new list) instead of removing elements with pop/del.",
                       "pop/del로 원소를 지우지 말고 슬라이스 seq[1:-1](새 리스트)을 반환하세요."))
            continue
        hint = None
        if got is None:
            hint = NONE_HINT
        elif got == list(expected) and type(got) is not type(expected):
            hint = T(f"The result must have the type of seq: slicing a {type(seq).__name__} gives a "
                     f"{type(seq).__name__}; don't build a list (no list(...) or loop).",
                     f"결과는 seq와 같은 자료형이어야 합니다. {josa(type(seq).__name__, '을')} 슬라이싱하면 "
                     f"{josa(type(seq).__name__, '이')} 됩니다. list(...)나 반복문으로 리스트를 만들지 마세요.")
        elif got == seq[1:]:
            hint = T("seq[1:] drops only the first element; seq[1:-1] also drops the last one.",
                     "seq[1:]은 첫 원소만 뺍니다. seq[1:-1]은 마지막 원소도 뺍니다.")
        elif got == seq[:-1]:
            hint = T("seq[:-1] drops only the last element; seq[1:-1] also drops the first one (index 0).",
                     "seq[:-1]은 마지막 원소만 뺍니다. seq[1:-1]은 첫 원소(인덱스 0)도 뺍니다.")
        elif got in (seq[1:-2], seq[2:-1], seq[2:]):
            hint = T("Off by one: a slice a[start:end] stops before end, so seq[1:-1] starts at the second "
                     "element and stops before the last one.",
                     "1만큼 어긋났습니다. 슬라이스 a[start:end]는 end 바로 앞에서 멈추므로, seq[1:-1]은 두 번째 "
                     "원소부터 마지막 원소 바로 앞까지입니다.")
        wrong(call, expected, got, hint)


# ---------------------------------------------------------------------------- columns
@check(1, T("columns(num, strs) returns the lecture's dict {'Num': num, 'Str': strs}",
            "columns(num, strs)가 강의의 딕셔너리 {'Num': num, 'Str': strs}를 반환"))
def test_columns(learner, rng):
    n = int(rng.integers(1, 7))
    drawn = ([int(v) for v in rng.integers(-99, 100, size=n)], [_random_word(rng) for _ in range(n)])
    for num, strs in (([1, 2, 3], ["a", "b", "c"]), ([10, 20], ["x", "y"]), ([], []), drawn):
        got = learner.columns(num, strs)
        expected = {"Num": num, "Str": strs}
        call = f"columns({num!r}, {strs!r})"
        if isinstance(got, dict) and type(got) is dict and got == expected:
            continue
        hint = None
        if got is None:
            hint = NONE_HINT
        elif not isinstance(got, dict):
            hint = T("Return a dict: {'Num': num, 'Str': strs}.", "딕셔너리 {'Num': num, 'Str': strs}를 반환하세요.")
        elif {str(k).lower() for k in got} == {"num", "str"} and set(got) != {"Num", "Str"}:
            hint = T("The keys are exactly 'Num' and 'Str', with capital letters (dict keys are case-sensitive).",
                     "키는 대문자로 시작하는 정확히 'Num'과 'Str'입니다 (딕셔너리 키는 대소문자를 구별합니다).")
        elif got == {"Num": strs, "Str": num}:
            hint = T("The values are swapped: 'Num' maps to num and 'Str' to strs.",
                     "값이 바뀌었습니다. 'Num'에는 num, 'Str'에는 strs가 들어갑니다.")
        wrong(call, expected, got, hint)


# ---------------------------------------------------------------------------- with_update
@check(1, T("with_update returns a new dict with the key set and leaves the dict passed in unchanged",
            "with_update는 키를 설정한 새 딕셔너리를 반환하고 넘겨받은 딕셔너리는 바꾸지 않음"))
def test_with_update(learner, rng):
    drawn = {_random_word(rng): int(v) for v in rng.integers(0, 200, size=int(rng.integers(1, 5)))}
    for profile, key, value in (({"height": 180}, "weight", 70), ({"height": 180, "weight": 70}, "height", 175),
                                ({}, "name", "David"), ({"a": [1, 2]}, "b", None),
                                (drawn, _random_word(rng), int(rng.integers(0, 200))),
                                (drawn, next(iter(drawn)), _random_word(rng))):
        handle = put(learner, profile)
        got = learner.with_update(handle, key, value)
        after = fetch(handle)
        expected = {**profile, key: value}
        call = f"with_update({profile!r}, {key!r}, {value!r})"
        if after != profile:
            fail(join([T(f"{call} changed the dict passed in", f"{josa(call, '이')} 넘겨받은 딕셔너리를 바꿨습니다"),
                       T("  before: ", "  호출 전: ") + show(profile),
                       T("  after:  ", "  호출 후: ") + show(after)]),
                 T("Copy the dict first (new = dict(profile) or profile.copy()) and set the key on the copy. "
                   "`new = profile` does not copy: both names refer to the same dict.",
                   "먼저 딕셔너리를 복사하고(new = dict(profile) 또는 profile.copy()) 복사본에 키를 설정하세요. "
                   "`new = profile`은 복사가 아닙니다. 두 이름이 같은 딕셔너리를 가리킵니다."))
        got = plain_dict(got)
        if got == expected and type(got) is dict:
            continue
        hint = None
        if got is None:
            hint = T("with_update returned None: return the new dict (dict.update() changes a dict and "
                     "returns None).",
                     "with_update가 None을 반환했습니다. 새 딕셔너리를 반환하세요 (dict.update()는 딕셔너리를 "
                     "바꾸고 None을 반환합니다).")
        elif got == profile:
            hint = T(f"The key {key!r} was not set: new[key] = value on the copy.",
                     f"키 {josa(repr(key), '이')} 설정되지 않았습니다. 복사본에 new[key] = value를 하세요.")
        wrong(call, expected, got, hint)


# ---------------------------------------------------------------------------- count_words
def expect_counts(learner, words):
    handle = put(learner, words)
    got = plain_dict(learner.count_words(handle))
    expected = {}
    for word in words:
        expected[word] = expected.get(word, 0) + 1
    call = f"count_words({show(words, 120)})"
    if fetch(handle) != words:
        fail(T(f"{call} changed the list passed in", f"{josa(call, '이')} 넘겨받은 리스트를 바꿨습니다"),
             T("Only read the words in the for loop; don't remove or sort them in place.",
               "for 문에서 단어를 읽기만 하세요. 제자리에서 지우거나 정렬하지 마세요."))
    counts_are_ints = isinstance(got, dict) and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in got.values())
    if type(got) is dict and got == expected and counts_are_ints:
        return
    hint = None
    if got is None:
        hint = NONE_HINT
    elif not isinstance(got, dict):
        hint = T("Return a dict that maps each word to its count.", "각 단어를 그 개수에 대응시키는 딕셔너리를 반환하세요.")
    elif expected and got == {w: 1 for w in expected} and got != expected:
        hint = T("Every word counts 1: add 1 each time a word appears again, "
                 "counts[word] = counts.get(word, 0) + 1, instead of setting it to 1.",
                 "모든 단어가 1로 세어졌습니다. 단어가 다시 나올 때마다 1을 더하세요: "
                 "counts[word] = counts.get(word, 0) + 1 (1로 다시 설정하지 말고).")
    elif set(got) == set(expected) and all(got[w] == expected[w] + 1 for w in expected):
        hint = T("Each count is 1 too many: a word seen once has count 1, so start from 0 "
                 "(counts.get(word, 0) + 1).",
                 "모든 개수가 1씩 많습니다. 한 번 나온 단어의 개수는 1이므로 0에서 시작하세요 "
                 "(counts.get(word, 0) + 1).")
    elif set(got) == set(expected) and all(got[w] == expected[w] - 1 for w in expected):
        hint = T("Each count is 1 too few: the first time a word is seen its count becomes 1 "
                 "(counts.get(word, 0) + 1).",
                 "모든 개수가 1씩 적습니다. 단어를 처음 보면 개수가 1이 됩니다 (counts.get(word, 0) + 1).")
    elif set(got) != set(expected):
        hint = T("The keys must be exactly the words in the list, as they are (no lower-casing, "
                 "no words that are not there).",
                 "키는 리스트에 있는 단어 그대로여야 합니다 (소문자로 바꾸지 말고, 없는 단어도 넣지 마세요).")
    elif got == expected and not counts_are_ints:
        hint = T("Counts are ints (0, 1, 2, ...), not floats.", "개수는 float가 아니라 정수(0, 1, 2, ...)입니다.")
    wrong(call, expected, got, hint)


@check(1, T("count_words counts each word (['deep', 'learning', 'deep'] -> {'deep': 2, 'learning': 1}; [] -> {})",
            "count_words가 단어마다 개수를 셈 (['deep', 'learning', 'deep'] -> {'deep': 2, 'learning': 1}; [] -> {})"))
def test_count_words(learner):
    for words in (["deep", "learning", "deep"], [], ["a"], ["b", "a", "b", "b", "c", "a"],
                  ["Deep", "deep", "DEEP", "deep"]):
        expect_counts(learner, words)


@check(1, T("count_words is right on random word lists", "무작위 단어 목록에서 count_words가 맞음"), hidden=True)
def test_count_words_random(learner, rng):
    for _ in range(5):
        size = int(rng.integers(0, 40))
        expect_counts(learner, [str(w) for w in rng.choice(VOCABULARY, size=size)])


# ---------------------------------------------------------------------------- hello and Man
def greeting_hint(got, expected):
    if got is None:
        return T("The function returned None: `return` the greeting (print() only shows it).",
                 "함수가 None을 반환했습니다. 인사말을 `return` 하세요 (print()는 화면에 보여 주기만 합니다).")
    if not isinstance(got, str):
        return T("Return the greeting as a str.", "인사말을 str로 반환하세요.")
    if "None" in got:
        return T("When no name is given (name is None), the greeting is 'Hello World!'.",
                 "이름이 주어지지 않으면 (name is None) 인사말은 'Hello World!'입니다.")
    if got.replace(",", "") == expected:
        return T("No comma: the greeting is exactly 'Hello <name>!'.", "쉼표 없이 정확히 'Hello <이름>!'입니다.")
    if got.rstrip("!. ") == expected.rstrip("!"):
        return T("End the greeting with '!' and nothing after it.", "인사말은 '!'로 끝나고 그 뒤에는 아무것도 없습니다.")
    if got.strip() == expected or " ".join(got.split()) == expected:
        return T("Check the spaces: exactly one space between the words, none at the ends.",
                 "공백을 확인하세요: 단어 사이에 정확히 한 칸, 양 끝에는 없습니다.")
    if got.lower() == expected.lower():
        return T("Check upper and lower case: the text must be exactly as shown.",
                 "대소문자를 확인하세요: 보이는 그대로여야 합니다.")
    if "goodbye" in got.lower().replace("-", "") and "Good-bye" not in got:
        return T("The farewell is spelled 'Good-bye' (with a hyphen): 'Good-bye David!'.",
                 "작별 인사는 하이픈이 있는 'Good-bye'입니다: 'Good-bye David!'.")
    return None


@check(1, T("hello() is 'Hello World!' and hello('Modu_Lab') is 'Hello Modu_Lab!'",
            "hello()는 'Hello World!', hello('Modu_Lab')은 'Hello Modu_Lab!'"))
def test_hello(learner, rng):
    name = _random_word(rng)
    for args, kwargs, expected in (((), {}, "Hello World!"), (("Modu_Lab",), {}, "Hello Modu_Lab!"),
                                   ((), {"name": "David"}, "Hello David!"), ((None,), {}, "Hello World!"),
                                   (("딥러닝",), {}, "Hello 딥러닝!"), ((name,), {}, f"Hello {name}!")):
        got = learner.hello(*args, **kwargs)
        shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        if got != expected or type(got) is not str:
            wrong(f"hello({shown})", expected, got, greeting_hint(got, expected))


@check(1, T("Man('David').hello() is 'Hello David!' and .goodbye() is 'Good-bye David!' (each object keeps its name)",
            "Man('David').hello()는 'Hello David!', .goodbye()는 'Good-bye David!' (객체마다 자기 이름을 기억)"))
def test_man(learner, rng):
    david = learner.Man("David")
    for method, expected in (("hello", "Hello David!"), ("goodbye", "Good-bye David!")):
        got = getattr(david, method)()
        if got != expected or type(got) is not str:
            wrong(f"Man('David').{method}()", expected, got, greeting_hint(got, expected))
    other = _random_word(rng)
    for name in ("Alice", other):
        person = learner.Man(name)
        for method, expected in (("hello", f"Hello {name}!"), ("goodbye", f"Good-bye {name}!")):
            got = getattr(person, method)()
            if got != expected or type(got) is not str:
                hint = greeting_hint(got, expected)
                if isinstance(got, str) and "David" in got:
                    hint = T("The name is fixed: build the text from self.name, which __init__ stores "
                             "(self.name = name).",
                             "이름이 고정되어 있습니다. __init__에서 저장한 self.name(self.name = name)으로 문장을 만드세요.")
                wrong(f"Man({name!r}).{method}()", expected, got, hint)
    got = david.hello()
    if got != "Hello David!":
        wrong(T("Man('David').hello() after other Man objects were created",
                "다른 Man 객체를 만든 뒤의 Man('David').hello()"),
              "Hello David!", got,
              T("Creating Man('Alice') changed what Man('David') says: store the name on the object "
                "(self.name = name), not on the class (Man.name = name) or in a global variable.",
                "Man('Alice')를 만들자 Man('David')의 인사가 바뀌었습니다. 이름을 클래스(Man.name = name)나 "
                "전역 변수가 아니라 객체에 저장하세요 (self.name = name)."))
