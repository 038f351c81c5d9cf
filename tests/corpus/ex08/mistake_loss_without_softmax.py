"""SimpleNet.loss that feeds the raw scores to the cross entropy error (no softmax)."""
KIND = "mistake"
EXPECT_HINT = "softmax"


def _loss(self, x, t):
    z = self.predict(x)
    return cross_entropy_error(z, t)


SimpleNet.loss = _loss
