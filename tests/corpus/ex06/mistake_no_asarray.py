"""Array methods on the input: a Python list has no .max()."""
KIND = "mistake"
EXPECT_HINT = "np.asarray"


def softmax(a):
    exp_a = np.exp(a - a.max(axis=-1, keepdims=True))
    return exp_a / exp_a.sum(axis=-1, keepdims=True)
