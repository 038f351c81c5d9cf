"""Affine.backward that sums dout over axis=1 for db."""
KIND = "mistake"
EXPECT_HINT = "axis"


def _backward(self, dout):
    dout = np.asarray(dout).reshape(self.x.shape[0], -1)
    dx = np.dot(dout, self.W.T)
    self.dW = np.dot(self.x.T, dout)
    self.db = np.sum(dout, axis=1)
    return dx.reshape(self.original_x_shape)


Affine.backward = _backward
