"""SoftmaxWithLoss.backward that always computes y - t, even when t holds class labels."""
KIND = "mistake"
EXPECT_HINT = "class labels"


def _backward(self, dout=1):
    batch_size = self.y.shape[0]
    dx = (self.y - self.t) / batch_size
    return (dx * dout).reshape(self.original_x_shape)


SoftmaxWithLoss.backward = _backward
