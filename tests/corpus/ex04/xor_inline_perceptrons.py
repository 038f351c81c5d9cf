"""XOR as two layers of perceptrons with the weights copied in, not calling NAND, OR and AND."""
KIND = "mistake"
EXPECT_HINT = "XOR must call"


def XOR(x1, x2):
    x = np.array([x1, x2])
    s1 = perceptron(x, np.array([-0.5, -0.5]), 0.7)
    s2 = perceptron(x, np.array([0.5, 0.5]), -0.2)
    return perceptron(np.array([s1, s2]), np.array([0.5, 0.5]), -0.7)
