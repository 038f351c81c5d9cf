"""AND and OR written with Python's logic instead of a perceptron."""
KIND = "mistake"
EXPECT_HINT = "x1 == 1 and"


def AND(x1, x2):
    if x1 == 1 and x2 == 1:
        return 1
    return 0


def OR(x1, x2):
    if x1 == 1 or x2 == 1:
        return 1
    return 0
