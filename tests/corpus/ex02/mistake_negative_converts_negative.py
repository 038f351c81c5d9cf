"""Subtracts len(seq) from every index, also from one that is already negative."""
KIND = "mistake"
EXPECT_HINT = "already a negative index"


def negative_index(seq, i):
    n = len(seq)
    if not -n <= i < n:
        raise IndexError(i)
    return i - n
