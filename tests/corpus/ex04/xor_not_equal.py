"""XOR computed with != instead of the gates."""
KIND = "mistake"
EXPECT_HINT = "x1 != x2"


def XOR(x1, x2):
    return int(x1 != x2)
