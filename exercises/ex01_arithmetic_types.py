"""Exercise 01 - arithmetic, types, variables and bool.

Python can be used as a calculator. It has seven arithmetic operators:

    +   addition          5 + 3   -> 8
    -   subtraction       5 - 3   -> 2
    *   multiplication    5 * 3   -> 15
    /   division          5 / 3   -> 1.6666666666666667  (always a float)
    //  floor division    5 // 3  -> 1                   (rounds down)
    %   remainder         5 % 3   -> 2
    **  power             5 ** 3  -> 125

Every value has a *type*: ``type(10)`` is ``<class 'int'>``, ``type(2.718)`` is
``<class 'float'>``, ``type("hello")`` is ``<class 'str'>``. A class object knows
its own name through the attribute ``__name__``.

A *variable* is a name that refers to a value (``x = 10``). A name may start with
a letter or an underscore ``_`` and continue with letters, digits and
underscores; reserved words (``for``, ``if``, ``True``, ``None``, ...) cannot be
used. The ``str`` method ``isidentifier()`` and the standard module ``keyword``
(``keyword.iskeyword``) answer exactly these two questions.

The ``bool`` type has two values, ``True`` and ``False``, combined with the
operators ``and``, ``or`` and ``not``. A truth table lists the result for every
combination of inputs.

Fill in every function below: replace ``raise NotImplementedError`` by your code.

한국어 요약: 파이썬의 산술 연산(+, -, *, /, //, %, **), 자료형(type), 변수 이름
규칙, 그리고 bool 연산(and, or, not)의 진리표를 직접 구현해 봅니다.
"""


def calculate(a, b, op):
    """Return the result of ``a op b``, where ``op`` is one of ``+ - * / // % **``.

    If ``op`` is not one of these seven strings, raise ``ValueError``.
    Division by zero needs no special care: Python raises ``ZeroDivisionError``
    by itself.

    Example::

        >>> calculate(5, 3, '/')
        1.6666666666666667
        >>> calculate(5, 3, '//'), calculate(5, 3, '%'), calculate(5, 3, '**')
        (1, 2, 125)
        >>> calculate(5, 3, '^')
        Traceback (most recent call last):
        ValueError: ...

    Hint: an ``if``/``elif`` chain works; so does a dict from operator
    strings to functions (``operator.add``, ...).

    한국어 요약: 두 수 a, b에 연산자 op를 적용한 결과를 반환하고, 모르는 연산자는 ValueError를 발생시킵니다.
    """
    # TODO: compute a op b for the seven operators; raise ValueError otherwise.
    raise NotImplementedError


def type_name(value):
    """Return the name of the type of ``value`` as a string.

    Example::

        >>> type_name(True), type_name(10), type_name(2.718)
        ('bool', 'int', 'float')
        >>> type_name("hello"), type_name([1, 2]), type_name({}), type_name(None)
        ('str', 'list', 'dict', 'NoneType')

    Hint: ``type(value)`` gives the class; every class has a ``__name__``.

    한국어 요약: 값의 자료형 이름('int', 'float', 'str' 등)을 문자열로 반환합니다.
    """
    # TODO: return the name of type(value).
    raise NotImplementedError


def is_valid_name(name):
    """Return True if ``name`` can be a Python variable name, else False.

    Rules: the first character is a letter or ``_``, the rest are letters,
    digits or ``_``, and the name is not a reserved word (``for``, ``True``,
    ``None``, ``class``, ...). Anything that is not a ``str`` gives False.

    Example::

        >>> is_valid_name('my_var1'), is_valid_name('_tmp')
        (True, True)
        >>> is_valid_name('1st'), is_valid_name('my-var'), is_valid_name('for')
        (False, False, False)

    Hint: ``str.isidentifier()`` checks the characters; ``import keyword``
    and ``keyword.iskeyword(name)`` checks the reserved words.

    한국어 요약: 주어진 문자열이 변수 이름으로 쓸 수 있는지(예약어 제외) True/False로 반환합니다.
    """
    # TODO: check that name is a str, an identifier, and not a keyword.
    raise NotImplementedError


def truth_table(op):
    """Return the truth table of ``'and'``, ``'or'`` or ``'not'`` as a list of tuples.

    For ``'and'`` and ``'or'`` return four rows ``(a, b, result)`` in the order
    (False, False), (False, True), (True, False), (True, True).
    For ``'not'`` return two rows ``(a, result)``: ``[(False, True), (True, False)]``.
    Any other ``op`` raises ``ValueError``. Use the Python values ``True`` and
    ``False`` (not 0 and 1).

    Example::

        >>> truth_table('and')
        [(False, False, False), (False, True, False), (True, False, False), (True, True, True)]
        >>> truth_table('not')
        [(False, True), (True, False)]

    한국어 요약: and, or, not 연산의 진리표를 (입력..., 결과) 튜플의 리스트로 반환합니다.
    """
    # TODO: loop over a, b in (False, True) and build the rows.
    raise NotImplementedError
