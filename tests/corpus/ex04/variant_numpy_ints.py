"""NumPy integers from astype, np.dot for the weighted sum, and a finer search grid."""
KIND = "variant"


def perceptron(x, w, b):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    return (np.dot(w, x) + b > 0).astype(np.int64)


def _gate(w1, w2, b):
    def gate(x1, x2):
        return perceptron(np.array([x1, x2]), np.array([w1, w2]), b)
    return gate


AND = _gate(0.5, 0.5, -0.7)
NAND = _gate(-0.5, -0.5, 0.7)
OR = _gate(0.5, 0.5, -0.2)


def XOR(x1, x2):
    layer1 = np.array([NAND(x1, x2), OR(x1, x2)])
    return AND(layer1[0], layer1[1])


def linearly_separable(table):
    weights = np.linspace(-1.0, 1.0, 5)
    biases = np.linspace(-2.0, 2.0, 17)
    for w1 in weights:
        for w2 in weights:
            for b in biases:
                outputs = {x: perceptron(np.array(x), np.array([w1, w2]), b) for x in table}
                if all(outputs[x] == y for x, y in table.items()):
                    return True
    return False
