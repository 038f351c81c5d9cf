"""The table is built from 0 and 1 instead of False and True."""
KIND = "mistake"
EXPECT_HINT = "not 1 and 0"


def truth_table(op):
    values = (0, 1)
    if op == "and":
        return [(a, b, a * b) for a in values for b in values]
    if op == "or":
        return [(a, b, max(a, b)) for a in values for b in values]
    if op == "not":
        return [(a, 1 - a) for a in values]
    raise ValueError(op)
