"""Sigmoid.backward without the factor (1 - y)."""
KIND = "mistake"
EXPECT_HINT = "(1 - y)"


def _backward(self, dout):
    return dout * self.out


Sigmoid.backward = _backward
