"""A lookup table of the examples written in test_ex01_arithmetic_types.py that fails one example of
each function on purpose (calculate(5, 3, '^') returns 0 instead of raising ValueError; 'Lambda' is
called no name), so that the functions look as if they had been written and got something wrong.
Any other input gets a constant answer, or for calculate its first operand (right whenever b is 1,
or a % b is a): an answer that follows the input. truth_table is written out: its three tables are its
whole domain, so its check keeps its point."""
_CALC = {(5, 3, '+'): 8, (5, 3, '-'): 2, (5, 3, '*'): 15, (5, 3, '/'): 1.6666666666666667, (5, 3, '//'): 1,
         (5, 3, '%'): 2, (5, 3, '**'): 125, (6, 3, '/'): 2.0, (-7, 2, '/'): -3.5, (-7, 2, '//'): -4,
         (7, -2, '//'): -4, (-7, 2, '%'): 1, (7, -2, '%'): -1, (7.5, 2, '//'): 3.0, (7.5, 2, '%'): 1.5,
         (2, -1, '**'): 0.5, (-2, 2, '**'): 4, (-3, 3, '**'): -27, (2.5, 2, '*'): 5.0, (-4, 9, '+'): 5,
         (3, 10, '-'): -7}
_UNKNOWN = ("plus", "", "+ ", "=")  # '^' sacrificed
_TYPES = {'True': 'bool', '10': 'int', '2.718': 'float', "'hello'": 'str', '[1, 2]': 'list', '{}': 'dict',
          'None': 'NoneType', 'False': 'bool', '-3': 'int', '0.0': 'float', "''": 'str', "{'a': 1}": 'dict',
          '(1, 2)': 'tuple'}
_NAMES = {"'my_var1'": True, "'_tmp'": True, "'x'": True, "'_'": True, "'camelCase2'": True, "'__init__'": True,
          "'A1_b2'": True, "'1st'": False, "'2'": False, "'9_lives'": False, "'my-var'": False, "'my var'": False,
          "'a.b'": False, "'$x'": False, "'x!'": False, "''": False, '123': False, 'None': False, "['x']": False,
          "'for'": False, "'True'": False, "'None'": False, "'False'": False, "'class'": False, "'if'": False,
          "'import'": False, "'lambda'": False, "'while'": False, "'def'": False, "'return'": False,
          "'For'": True, "'true'": True, "'none'": True, "'NONE'": True, "'class_'": True, "'if1'": True,
          "'_for'": True, "'print'": True, "'list'": True, "'Lambda'": False}  # 'Lambda' sacrificed


def calculate(a, b, op):
    if op in _UNKNOWN:
        raise ValueError(op)
    return _CALC.get((a, b, op), a)


def type_name(value):
    return _TYPES.get(repr(value), "int")


def is_valid_name(name):
    return _NAMES.get(repr(name), False)


def truth_table(op):
    tables = {"and": [(False, False, False), (False, True, False), (True, False, False), (True, True, True)],
              "or": [(False, False, False), (False, True, True), (True, False, True), (True, True, True)],
              "not": [(False, True), (True, False)]}
    if op not in tables:
        raise ValueError(op)
    return tables[op]
