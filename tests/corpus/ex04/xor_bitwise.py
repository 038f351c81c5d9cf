"""XOR computed with the bitwise operator ^ instead of the gates."""
KIND = "mistake"
EXPECT_HINT = "x1 ^ x2"


def XOR(x1, x2):
    return x1 ^ x2
