"""MulLayer.backward that does not swap the inputs: dx = dout * x, dy = dout * y."""
KIND = "mistake"
EXPECT_HINT = "swaps its inputs"


def _backward(self, dout):
    dx = dout * self.x
    dy = dout * self.y
    return dx, dy


MulLayer.backward = _backward
