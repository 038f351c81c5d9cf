"""init_network's W1 written column by column: shape (3, 2) instead of (2, 3)."""
KIND = "mistake"
EXPECT_HINT = "W1 is transposed"


def init_network():
    network = {}
    network["W1"] = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    network["b1"] = np.array([0.1, 0.2, 0.3])
    network["W2"] = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    network["b2"] = np.array([0.1, 0.2])
    network["W3"] = np.array([[0.1, 0.3], [0.2, 0.4]])
    network["b3"] = np.array([0.1, 0.2])
    return network
