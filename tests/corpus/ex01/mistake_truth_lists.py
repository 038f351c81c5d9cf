"""Rows appended as lists [a, b, result] instead of tuples."""
KIND = "mistake"
EXPECT_HINT = "is a tuple"


def truth_table(op):
    rows = []
    for a in (False, True):
        if op == "not":
            rows.append([a, not a])
            continue
        for b in (False, True):
            if op == "and":
                rows.append([a, b, a and b])
            elif op == "or":
                rows.append([a, b, a or b])
            else:
                raise ValueError(op)
    return rows
