"""Chained indexing a[:2][1:3] slices the rows twice instead of rows and columns."""
KIND = "mistake"
EXPECT_HINT = "a[:2][1:3]"


def sub_block(a):
    return a[:2][1:3]
