"""Relu.backward that builds its mask from dout instead of from forward's x."""
KIND = "mistake"
EXPECT_HINT = "forward's input x"


def _backward(self, dout):
    dx = dout.copy()
    dx[dout <= 0] = 0
    return dx


Relu.backward = _backward
