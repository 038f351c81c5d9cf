"""The lecture's own style: each gate inlines its perceptron with if/else; nested loops for the search."""
KIND = "variant"


def perceptron(x, w, b):
    tmp = 0.0
    for xi, wi in zip(x, w):
        tmp += xi * wi
    tmp += b
    if tmp <= 0:
        return 0
    else:
        return 1


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def XOR(x1, x2):
    s2 = OR(x2, x1)
    s1 = NAND(x2, x1)
    y = AND(s2, s1)
    return y


def linearly_separable(table):
    for w1 in [-1, 0, 1]:
        for w2 in [-1, 0, 1]:
            for b in [-1.5, -0.5, 0.5, 1.5]:
                ok = True
                for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
                    if perceptron(np.array([x1, x2]), np.array([w1, w2]), b) != table[(x1, x2)]:
                        ok = False
                        break
                if ok:
                    return True
    return False
