"""sigmoid prints its result instead of returning it."""
KIND = "mistake"
EXPECT_HINT = "printed 1 / (1 + np.exp(-x))"


def sigmoid(x):
    print(1 / (1 + np.exp(-x)))
