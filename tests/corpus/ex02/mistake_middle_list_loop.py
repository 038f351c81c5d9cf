"""Builds a list in a loop, so middle('hello') is ['e', 'l', 'l'] instead of 'ell'."""
KIND = "mistake"
EXPECT_HINT = "the type of seq"


def middle(seq):
    out = []
    for k in range(1, len(seq) - 1):
        out.append(seq[k])
    return out
