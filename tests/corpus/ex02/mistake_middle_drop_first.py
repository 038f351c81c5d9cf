"""seq[1:] drops only the first element."""
KIND = "mistake"
EXPECT_HINT = "drops only the first"


def middle(seq):
    return seq[1:]
