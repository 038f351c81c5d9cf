"""An unknown operator gives an empty table instead of ValueError."""
KIND = "mistake"
EXPECT_HINT = "truth_table knows only"


def truth_table(op):
    values = (False, True)
    if op == "and":
        return [(a, b, a and b) for a in values for b in values]
    if op == "or":
        return [(a, b, a or b) for a in values for b in values]
    if op == "not":
        return [(a, not a) for a in values]
    return []
