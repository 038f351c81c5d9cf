"""Counts from the end starting at 0: i - len(seq) + 1, one too far to the right."""
KIND = "mistake"
EXPECT_HINT = "off by one"


def negative_index(seq, i):
    n = len(seq)
    if not -n <= i < n:
        raise IndexError(i)
    if i < 0:
        return i
    return i - n + 1
