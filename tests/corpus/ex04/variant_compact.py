"""One-line perceptron with np.dot and int(), one-line XOR, and a search with any/all over a table.get lookup."""
KIND = "variant"


def perceptron(x, w, b):
    return int(np.dot(np.asarray(w, dtype=float), np.asarray(x, dtype=float)) + b > 0)


def XOR(x1, x2):
    return AND(NAND(x1, x2), OR(x1, x2))


def linearly_separable(table):
    candidates = itertools.product([-1, 0, 1], [-1, 0, 1], [-1.5, -0.5, 0.5, 1.5])
    return any(all(perceptron([x1, x2], [w1, w2], b) == table.get((x1, x2))
                   for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)])
               for w1, w2, b in candidates)
