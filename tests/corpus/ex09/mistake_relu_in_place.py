"""Relu.forward that writes the zeros into the caller's x."""
KIND = "mistake"
EXPECT_HINT = "x.copy()"


def _forward(self, x):
    self.mask = (x <= 0)
    x[self.mask] = 0
    return x


Relu.forward = _forward
