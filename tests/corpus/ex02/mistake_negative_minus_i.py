"""Just flips the sign: -i is not the same element."""
KIND = "mistake"
EXPECT_HINT = "-i is not the same element"


def negative_index(seq, i):
    if not -len(seq) <= i < len(seq):
        raise IndexError(i)
    return -i if i > 0 else (i if i < 0 else -len(seq))
