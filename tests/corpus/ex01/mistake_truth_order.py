"""The loops start from True: rows come out TT, TF, FT, FF."""
KIND = "mistake"
EXPECT_HINT = "in the order (False, False)"


def truth_table(op):
    values = (True, False)
    if op == "and":
        return [(a, b, a and b) for a in values for b in values]
    if op == "or":
        return [(a, b, a or b) for a in values for b in values]
    if op == "not":
        return [(a, not a) for a in values]
    raise ValueError(op)
