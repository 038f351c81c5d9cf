"""sub_block returns a copy of the slice, so writing into it does not change a."""
KIND = "mistake"
EXPECT_HINT = "copy"


def sub_block(a):
    return a[:2, 1:3].copy()
