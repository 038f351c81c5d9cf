"""seq[1:len(seq) - 2] stops one element too early."""
KIND = "mistake"
EXPECT_HINT = "off by one"


def middle(seq):
    return seq[1:len(seq) - 2]
