"""No range check: an index past the end gives a number instead of IndexError."""
KIND = "mistake"
EXPECT_HINT = "raise IndexError"


def negative_index(seq, i):
    if i < 0:
        return i
    return i - len(seq)
