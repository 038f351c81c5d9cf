"""Relu whose mask is x < 0: at x == 0 the derivative leaks through."""
KIND = "mistake"
EXPECT_HINT = "x <= 0, not x < 0"


def _forward(self, x):
    self.mask = (x < 0)
    out = x.copy()
    out[self.mask] = 0
    return out


Relu.forward = _forward
