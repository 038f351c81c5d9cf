"""seq[i] raises the IndexError by itself; a defaultdict in a for loop; copy.copy; format()."""
KIND = "variant"
import copy
from collections import defaultdict


def negative_index(seq, i):
    seq[i]  # raises IndexError when i is out of range
    if i < 0:
        return i
    return -(len(seq) - i)


def middle(seq):
    if len(seq) <= 2:
        return seq[:0]
    return seq[1:len(seq) - 1]


def columns(num, strs):
    result = {}
    result["Num"] = num
    result["Str"] = strs
    return result


def with_update(profile, key, value):
    result = copy.copy(profile)
    result[key] = value
    return result


def count_words(words):
    counts = defaultdict(int)
    for word in words:
        counts[word] += 1
    return counts


def hello(name=None):
    if not name and name is None:
        return "Hello World!"
    return "Hello {}!".format(name)


class Man:
    def __init__(self, name):
        self.name = name
        self.greeting = "Hello " + name + "!"

    def hello(self):
        return self.greeting

    def goodbye(self):
        return "Good-bye {}!".format(self.name)
