"""Only i >= len(seq) is rejected: a negative index below -len(seq) slips through."""
KIND = "mistake"
EXPECT_HINT = "cover negative indices"


def negative_index(seq, i):
    n = len(seq)
    if i >= n:
        raise IndexError(i)
    return i - n if i >= 0 else i
