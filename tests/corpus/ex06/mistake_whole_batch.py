"""The lecture's 1-D softmax used for a mini-batch: max and sum over the whole batch."""
KIND = "mistake"
EXPECT_HINT = "whole batch"


def softmax(a):
    a = np.asarray(a, dtype=float)
    c = np.max(a)
    exp_a = np.exp(a - c)
    sum_exp_a = np.sum(exp_a)
    return exp_a / sum_exp_a
