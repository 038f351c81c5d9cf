"""The learner "simplified" the given softmax: a batch is normalised as a whole, so SimpleNet.loss is off."""
KIND = "mistake"
EXPECT_HINT = "put the given softmax back"


def softmax(a):
    a = np.asarray(a, dtype=float)
    exp_a = np.exp(a - np.max(a))
    return exp_a / np.sum(exp_a)
