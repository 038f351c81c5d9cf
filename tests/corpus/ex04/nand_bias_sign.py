"""NAND flips the signs of the weights but not of the bias, so it never fires."""
KIND = "mistake"
EXPECT_HINT = "sign of the bias"


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = -0.7
    return perceptron(x, w, b)
