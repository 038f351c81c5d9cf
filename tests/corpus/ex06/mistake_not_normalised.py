"""exp_a is returned without dividing by its sum."""
KIND = "mistake"
EXPECT_HINT = "without dividing"


def softmax(a):
    a = np.asarray(a, dtype=float)
    return np.exp(a - np.max(a, axis=-1, keepdims=True))
