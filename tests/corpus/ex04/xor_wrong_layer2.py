"""XOR uses OR in the second layer: OR(NAND(x1, x2), OR(x1, x2)) is always 1."""
KIND = "mistake"
EXPECT_HINT = "always 1"


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return OR(s1, s2)
