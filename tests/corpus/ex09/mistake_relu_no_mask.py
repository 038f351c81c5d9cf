"""Relu.backward that returns dout unchanged (the mask is never applied)."""
KIND = "mistake"
EXPECT_HINT = "mask"


def _backward(self, dout):
    return dout


Relu.backward = _backward
