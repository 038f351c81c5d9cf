"""Out of range raises ValueError instead of IndexError."""
KIND = "mistake"
EXPECT_HINT = "not ValueError"


def negative_index(seq, i):
    n = len(seq)
    if not -n <= i < n:
        raise ValueError(f"index {i} out of range")
    return i - n if i >= 0 else i
