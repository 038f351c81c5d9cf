"""Sigmoid.forward without the parentheses: 1 / 1 + np.exp(-x) is (1 / 1) + np.exp(-x)."""
KIND = "mistake"
EXPECT_HINT = "Operator precedence"


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / 1 + np.exp(-x)
        self.out = out
        return out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out
