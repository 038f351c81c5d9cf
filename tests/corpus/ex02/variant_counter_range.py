"""range() does the index arithmetic and the range check; Counter counts; {**d} copies."""
KIND = "variant"
from collections import Counter


def negative_index(seq, i):
    return range(-len(seq), 0)[i]


def middle(seq):
    return seq[1:len(seq) - 1]


def columns(num, strs):
    return dict(Num=num, Str=strs)


def with_update(profile, key, value):
    return {**profile, key: value}


def count_words(words):
    return Counter(words)


def hello(name=None):
    return "Hello " + ("World" if name is None else name) + "!"


class Man:
    def __init__(self, name):
        self._name = name

    def _say(self, word):
        return "%s %s!" % (word, self._name)

    def hello(self):
        return self._say("Hello")

    def goodbye(self):
        return self._say("Good-bye")
