"""An if/elif chain, value.__class__.__name__, a regex with a hand-written keyword list, literal tables."""
KIND = "variant"
import re

RESERVED = ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
            "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield"]


def calculate(a, b, op):
    if op == "+":
        result = a + b
    elif op == "-":
        result = a - b
    elif op == "*":
        result = a * b
    elif op == "/":
        result = a / b
    elif op == "//":
        result = a // b
    elif op == "%":
        result = a % b
    elif op == "**":
        result = a ** b
    else:
        raise ValueError("unknown operator " + str(op))
    return result


def type_name(value):
    return value.__class__.__name__


def is_valid_name(name):
    if type(name) is not str:
        return False
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) is None:
        return False
    return name not in RESERVED


def truth_table(op):
    if op == "and":
        return [(False, False, False), (False, True, False), (True, False, False), (True, True, True)]
    elif op == "or":
        return [(False, False, False), (False, True, True), (True, False, True), (True, True, True)]
    elif op == "not":
        return [(False, True), (True, False)]
    else:
        raise ValueError(op)
