"""naive_softmax returns the exponentials without dividing by their sum."""
KIND = "mistake"
EXPECT_HINT = "without dividing"


def naive_softmax(a):
    return np.exp(a)
