"""linearly_separable accepts a candidate that matches some entry (any) instead of every entry (all)."""
KIND = "mistake"
EXPECT_HINT = "EVERY entry"


def linearly_separable(table):
    for w1, w2, b in itertools.product(_WEIGHTS, _WEIGHTS, _BIASES):
        w = np.array([w1, w2])
        if any(perceptron(np.array(x), w, b) == y for x, y in table.items()):
            return True
    return False
