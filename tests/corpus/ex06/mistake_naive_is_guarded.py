"""naive_softmax subtracts the maximum as well, so it never shows the overflow."""
KIND = "mistake"
EXPECT_HINT = "must NOT subtract the maximum"


def naive_softmax(a):
    return softmax(a)
