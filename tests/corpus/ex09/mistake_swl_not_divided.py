"""SoftmaxWithLoss.backward that forgets to divide by the batch size."""
KIND = "mistake"
EXPECT_HINT = "batch size"


def _backward(self, dout=1):
    t = self.t
    if t.size != self.y.size:
        t = np.eye(self.y.shape[1])[t]
    return ((self.y - t) * dout).reshape(self.original_x_shape)


SoftmaxWithLoss.backward = _backward
