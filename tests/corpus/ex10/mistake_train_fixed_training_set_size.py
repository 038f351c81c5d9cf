"""train takes the size of MNIST's training set as a constant: right on MNIST, an IndexError on any
smaller training set (the fresh task that the training check also hands to train)."""
KIND = "mistake"
EXPECT_HINT = "np.random.choice(x_train.shape[0], batch_size)"


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, seed=None):
    np.random.seed(seed)
    train_loss_list, train_acc_list, test_acc_list = [], [], []
    train_size = 60000
    iter_per_epoch = max(train_size / batch_size, 1)
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        train_loss_list.append(network.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            train_acc_list.append(network.accuracy(x_train, t_train))
            test_acc_list.append(network.accuracy(x_test, t_test))
    return {"train_loss": train_loss_list, "train_acc": train_acc_list, "test_acc": test_acc_list}
