"""The learner retyped the given sigmoid without its parentheses: predict and the network go wrong."""
KIND = "mistake"
EXPECT_HINT = "put the given sigmoid back"


def sigmoid(x):
    x = _as_float(x)
    return 1 / 1 + np.exp(-x)
