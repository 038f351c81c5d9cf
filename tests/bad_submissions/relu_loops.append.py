def relu(x):
    while True:  # forgot to change the loop condition
        pass
