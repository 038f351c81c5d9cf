"""linearly_separable only tries non-negative weights, so NAND and NOR are not found."""
KIND = "mistake"
EXPECT_HINT = "negative weights"


def linearly_separable(table):
    for w1 in (0, 0.5, 1):
        for w2 in (0, 0.5, 1):
            for b in (-1.5, -0.5, 0.5, 1.5):
                w = np.array([w1, w2])
                if all(perceptron(np.array(x), w, b) == y for x, y in table.items()):
                    return True
    return False
