"""match/case, a character loop and explicit loops with operator functions."""
KIND = "variant"
import itertools


def calculate(a, b, op):
    match op:
        case "+":
            return a + b
        case "-":
            return a - b
        case "*":
            return a * b
        case "/":
            return a / b
        case "//":
            return a // b
        case "%":
            return a % b
        case "**":
            return a ** b
        case _:
            raise ValueError(f"unknown operator {op!r}")


def type_name(value):
    cls = type(value)
    return cls.__qualname__


def is_valid_name(name):
    if not isinstance(name, str) or len(name) == 0:
        return False
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    if name[0] not in letters:
        return False
    for ch in name[1:]:
        if ch not in letters and ch not in "0123456789":
            return False
    if keyword.iskeyword(name):
        return False
    return True


def truth_table(op):
    if op == "not":
        table = []
        for a in [False, True]:
            table.append((a, not a))
        return table
    if op not in ("and", "or"):
        raise ValueError(op)
    func = operator.and_ if op == "and" else operator.or_
    return [(a, b, func(a, b)) for a, b in itertools.product([False, True], repeat=2)]
