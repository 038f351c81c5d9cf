"""Removes the ends with pop(): the caller's list loses its first and last elements."""
KIND = "mistake"
EXPECT_HINT = "instead of removing elements"


def middle(seq):
    if isinstance(seq, list):
        if seq:
            seq.pop(0)
        if seq:
            seq.pop()
        return seq
    return seq[1:-1]
