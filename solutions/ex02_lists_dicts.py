"""Reference solution for exercise-02: lists, dicts, loops, functions and classes.

연습 02 참고 답안: 리스트 인덱싱과 슬라이싱, 딕셔너리, for 문, 함수, 클래스.
"""


def negative_index(seq, i):
    """Return the negative index that names the same element as ``i``.

    A non-negative index ``i`` and ``i - len(seq)`` point at the same element;
    an index that is already negative is returned unchanged. An index outside
    ``-len(seq) <= i < len(seq)`` raises ``IndexError``, just like ``seq[i]``.

    >>> negative_index('abcde', 1)
    -4
    """
    n = len(seq)
    if 0 <= i < n:
        return i - n
    if -n <= i < 0:
        return i
    raise IndexError(f"index {i} out of range for a sequence of length {n}")


def middle(seq):
    """Return everything but the first and last element, with the type of ``seq``.

    >>> middle([1, 2, 3, 4, 5]), middle('hello')
    ([2, 3, 4], 'ell')
    """
    # Slicing a list gives a list, a string a string, a tuple a tuple.
    return seq[1:-1]


def columns(num, strs):
    """Return the lecture's dict ``{'Num': num, 'Str': strs}``.

    >>> columns([1, 2], ['a', 'b'])
    {'Num': [1, 2], 'Str': ['a', 'b']}
    """
    return {"Num": num, "Str": strs}


def with_update(profile, key, value):
    """Return a new dict equal to ``profile`` with ``key`` set to ``value``.

    ``profile`` itself is not modified.

    >>> me = {'height': 180}
    >>> with_update(me, 'weight', 70), me
    ({'height': 180, 'weight': 70}, {'height': 180})
    """
    updated = dict(profile)  # a (shallow) copy, so the original stays unchanged
    updated[key] = value
    return updated


def count_words(words):
    """Count how often each word occurs, with a ``for`` loop.

    >>> count_words(['a', 'b', 'a'])
    {'a': 2, 'b': 1}
    """
    counts = {}
    for word in words:
        # dict.get returns 0 the first time a word is seen.
        counts[word] = counts.get(word, 0) + 1
    return counts


def hello(name=None):
    """Return ``'Hello World!'``, or ``'Hello <name>!'`` when a name is given.

    >>> hello(), hello('Modu_Lab')
    ('Hello World!', 'Hello Modu_Lab!')
    """
    if name is None:
        return "Hello World!"
    return f"Hello {name}!"


class Man:
    """The lecture's class: a person with a name who can greet and say good-bye.

    >>> m = Man('David')
    >>> m.hello(), m.goodbye()
    ('Hello David!', 'Good-bye David!')
    """

    def __init__(self, name):
        # The constructor stores the argument in an instance variable.
        self.name = name

    def hello(self):
        """Return ``'Hello <name>!'``."""
        return f"Hello {self.name}!"

    def goodbye(self):
        """Return ``'Good-bye <name>!'``."""
        return f"Good-bye {self.name}!"
