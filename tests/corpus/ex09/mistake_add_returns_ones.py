"""AddLayer.backward that returns the local derivatives (1, 1) and forgets dout."""
KIND = "mistake"
EXPECT_HINT = "multiply the local derivative by the upstream derivative dout"


def _backward(self, dout):
    return 1, 1


AddLayer.backward = _backward
