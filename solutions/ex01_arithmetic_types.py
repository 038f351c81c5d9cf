"""Reference solution for exercise-01: arithmetic, types, variables and bool.

Python as a calculator: the seven arithmetic operators, the type of a value,
which names can be variables, and the truth tables of ``and``, ``or``, ``not``.

연습 01 참고 답안: 산술 연산, 자료형, 변수 이름, bool 연산(진리표).
"""

import keyword
import operator

# The seven arithmetic operators, mapped to the functions that implement them.
# A dict lookup is clearer (and easier to extend) than a long if/elif chain.
_OPERATORS = {
    "+": operator.add,        # 5 + 3  -> 8
    "-": operator.sub,        # 5 - 3  -> 2
    "*": operator.mul,        # 5 * 3  -> 15
    "/": operator.truediv,    # 5 / 3  -> 1.666...  (always a float)
    "//": operator.floordiv,  # 5 // 3 -> 1          (floor division)
    "%": operator.mod,        # 5 % 3  -> 2          (remainder)
    "**": operator.pow,       # 5 ** 3 -> 125        (power)
}


def calculate(a, b, op):
    """Return ``a op b`` for one of ``+ - * / // % **``.

    An unknown operator raises ``ValueError``. Division by zero is not
    special-cased: Python's own ``ZeroDivisionError`` propagates.

    >>> calculate(5, 3, '/')
    1.6666666666666667
    >>> calculate(5, 3, '**')
    125
    """
    try:
        func = _OPERATORS[op]
    except (KeyError, TypeError):  # TypeError: op is unhashable, e.g. a list
        raise ValueError(f"unknown operator: {op!r}") from None
    return func(a, b)


def type_name(value):
    """Return the name of the type of ``value``: ``'int'``, ``'float'``, ``'str'`` ...

    >>> type_name(True), type_name(3), type_name(None)
    ('bool', 'int', 'NoneType')
    """
    # type(value) is the class object (e.g. <class 'int'>); __name__ is its name.
    return type(value).__name__


def is_valid_name(name):
    """Return True if ``name`` can be used as a Python variable name.

    It must be an identifier (a letter or ``_`` first, then letters, digits
    or ``_``) and must not be a reserved word such as ``for``, ``True``, ``None``.

    >>> is_valid_name('my_var1'), is_valid_name('1st'), is_valid_name('for')
    (True, False, False)
    """
    if not isinstance(name, str):
        return False
    return name.isidentifier() and not keyword.iskeyword(name)


def truth_table(op):
    """Return the truth table of ``'and'``, ``'or'`` or ``'not'`` as a list of tuples.

    Binary operators give rows ``(a, b, a op b)`` in the order
    (False, False), (False, True), (True, False), (True, True);
    ``'not'`` gives ``[(False, True), (True, False)]``.

    >>> truth_table('and')[-1]
    (True, True, True)
    """
    values = (False, True)
    if op == "and":
        return [(a, b, a and b) for a in values for b in values]
    if op == "or":
        return [(a, b, a or b) for a in values for b in values]
    if op == "not":
        return [(a, not a) for a in values]
    raise ValueError(f"unknown boolean operator: {op!r}")
