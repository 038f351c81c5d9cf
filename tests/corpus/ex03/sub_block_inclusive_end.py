"""Slice ends taken as inclusive: rows 0-1 written as 0:1 and columns 1-2 as 1:2."""
KIND = "mistake"
EXPECT_HINT = "excluded"


def sub_block(a):
    return a[0:1, 1:2]
