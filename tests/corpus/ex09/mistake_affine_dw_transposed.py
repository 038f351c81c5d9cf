"""Affine.backward with dW = dout.T @ x (the transpose of the right answer)."""
KIND = "mistake"
EXPECT_HINT = "transposed"


def _backward(self, dout):
    dout = np.asarray(dout).reshape(self.x.shape[0], -1)
    dx = np.dot(dout, self.W.T)
    self.dW = np.dot(dout.T, self.x)
    self.db = np.sum(dout, axis=0)
    return dx.reshape(self.original_x_shape)


Affine.backward = _backward
