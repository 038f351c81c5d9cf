"""linearly_separable pairs the fixed inputs with table.values(), relying on the dict's order."""
KIND = "mistake"
EXPECT_HINT = "table[(x1, x2)]"


def linearly_separable(table):
    inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    outputs = list(table.values())
    for w1, w2, b in itertools.product(_WEIGHTS, _WEIGHTS, _BIASES):
        w = np.array([w1, w2])
        if all(perceptron(np.array(x), w, b) == y for x, y in zip(inputs, outputs)):
            return True
    return False
