"""broadcast_mul uses the matrix product np.dot instead of element-wise *."""
KIND = "mistake"
EXPECT_HINT = "np.dot is the matrix product"


def broadcast_mul(A, B):
    return np.dot(np.asarray(A), np.asarray(B))
