"""Exercise 02 - lists, dicts, loops, functions and classes.

A *list* holds values in order: ``a = [1, 2, 3, 4, 5]``. ``a[0]`` is the first
element, and a negative index counts from the end: ``a[-1]`` is the last one,
``a[-2]`` the one before it. For a sequence of length ``n`` the indices ``i``
and ``i - n`` name the same element. A *slice* ``a[start:end]`` takes the
elements from ``start`` up to (not including) ``end``: ``a[0:2]`` is
``[1, 2]``, ``a[1:]`` drops the first element, ``a[:-1]`` drops the last one.
Strings and tuples are sequences too and can be indexed and sliced the same way.

A *dict* maps keys to values: ``me = {'height': 180}``; ``me['weight'] = 70``
adds a new key. A ``for`` loop visits the elements of a list one by one::

    for i in [1, 2, 3]:
        print(i)

A *function* is defined with ``def``; arguments may have default values
(``def hello(name=None):``). A *class* bundles data and the methods that use it.
The constructor ``__init__`` runs when an object is created, and ``self`` is
the object itself::

    class Man:
        def __init__(self, name):
            self.name = name
        def hello(self):
            ...

Fill in every function and method below: replace ``raise NotImplementedError``
by your code.

한국어 요약: 리스트 인덱싱(음수 인덱스)과 슬라이싱, 딕셔너리 만들기와 갱신,
for 문으로 개수 세기, 기본값이 있는 함수, 그리고 생성자(__init__)와 메서드를
가진 클래스를 직접 만들어 봅니다.
"""


def negative_index(seq, i):
    """Return the negative index that names the same element of ``seq`` as ``i``.

    For ``0 <= i < len(seq)`` that is ``i - len(seq)``; an index that is
    already negative (``-len(seq) <= i < 0``) is returned as it is. Any other
    ``i`` is out of range: raise ``IndexError`` (as ``seq[i]`` would).

    Example::

        >>> negative_index('abcde', 1)      # 'b' is also 'abcde'[-4]
        -4
        >>> negative_index([10, 20, 30], 2), negative_index([10, 20, 30], -1)
        (-1, -1)
        >>> negative_index('abc', 3)
        Traceback (most recent call last):
        IndexError: ...

    한국어 요약: 같은 원소를 가리키는 음수 인덱스를 반환하고, 범위를 벗어나면 IndexError를 발생시킵니다.
    """
    # TODO: check the range, then convert i to a negative index.
    raise NotImplementedError


def middle(seq):
    """Return everything but the first and the last element of ``seq``.

    The result has the same type as ``seq`` (list -> list, str -> str).

    Example::

        >>> middle([1, 2, 3, 4, 5])
        [2, 3, 4]
        >>> middle('hello')
        'ell'

    Hint: one slice is enough.

    한국어 요약: 슬라이싱으로 첫 원소와 마지막 원소를 뺀 나머지를 반환합니다.
    """
    # TODO: return a slice of seq.
    raise NotImplementedError


def columns(num, strs):
    """Return the lecture's dict ``{'Num': num, 'Str': strs}``.

    Example::

        >>> columns([1, 2, 3], ['a', 'b', 'c'])
        {'Num': [1, 2, 3], 'Str': ['a', 'b', 'c']}

    한국어 요약: 'Num'과 'Str'을 키로 하는 딕셔너리를 만들어 반환합니다.
    """
    # TODO: build and return the dict.
    raise NotImplementedError


def with_update(profile, key, value):
    """Return a new dict: ``profile`` with ``key`` set to ``value``.

    The dict passed in must not change: copy it first (``dict(profile)`` or
    ``profile.copy()``), then set the key on the copy.

    Example::

        >>> me = {'height': 180}
        >>> with_update(me, 'weight', 70)
        {'height': 180, 'weight': 70}
        >>> me
        {'height': 180}

    한국어 요약: 원래 딕셔너리는 그대로 두고, key 값을 설정한 새 딕셔너리를 반환합니다.
    """
    # TODO: copy profile, set key on the copy, return the copy.
    raise NotImplementedError


def count_words(words):
    """Return a dict that maps each word to the number of times it occurs.

    Use a ``for`` loop over ``words``.

    Example::

        >>> count_words(['deep', 'learning', 'deep'])
        {'deep': 2, 'learning': 1}
        >>> count_words([])
        {}

    Hint: ``counts.get(word, 0)`` is 0 for a word not seen yet.

    한국어 요약: for 문으로 각 단어가 몇 번 나오는지 세어 딕셔너리로 반환합니다.
    """
    # TODO: start with an empty dict and count in a for loop.
    raise NotImplementedError


def hello(name=None):
    """Return ``'Hello World!'``, or ``'Hello <name>!'`` when a name is given.

    Example::

        >>> hello()
        'Hello World!'
        >>> hello('Modu_Lab')
        'Hello Modu_Lab!'

    한국어 요약: 이름이 없으면 'Hello World!', 있으면 'Hello 이름!'을 반환합니다.
    """
    # TODO: handle name is None, otherwise build the greeting.
    raise NotImplementedError


class Man:
    """The lecture's class ``Man``: a person who greets and says good-bye.

    Example::

        >>> m = Man('David')
        >>> m.hello()
        'Hello David!'
        >>> m.goodbye()
        'Good-bye David!'

    한국어 요약: 이름을 저장하는 생성자와 hello, goodbye 메서드를 가진 클래스를 만듭니다.
    """

    def __init__(self, name):
        """Store ``name`` in the instance (``self.name = name``).

        한국어 요약: 생성자에서 이름을 인스턴스 변수에 저장합니다.
        """
        # TODO: store the name on self (and delete the raise below).
        raise NotImplementedError

    def hello(self):
        """Return ``'Hello <name>!'``, e.g. ``'Hello David!'``.

        한국어 요약: 'Hello 이름!'을 반환합니다.
        """
        # TODO: build the greeting from self.name.
        raise NotImplementedError

    def goodbye(self):
        """Return ``'Good-bye <name>!'``, e.g. ``'Good-bye David!'``.

        한국어 요약: 'Good-bye 이름!'을 반환합니다.
        """
        # TODO: build the farewell from self.name.
        raise NotImplementedError
