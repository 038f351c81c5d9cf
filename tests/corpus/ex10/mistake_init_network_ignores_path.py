"""init_network always opens DEFAULT_WEIGHTS, whatever path it is given.

A learner who has finished part 1 (inference) and not started part 2 yet.
"""
KIND = "mistake"
EXPECT_HINT = "read the file given by path"


def init_network(path=None):
    with open(DEFAULT_WEIGHTS, "rb") as f:
        return pickle.load(f)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        raise NotImplementedError


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    raise NotImplementedError


def plot_history(history):
    raise NotImplementedError
