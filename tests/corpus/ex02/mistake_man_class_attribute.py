"""Stores the name on the class: every Man says the name of the last one created."""
KIND = "mistake"
EXPECT_HINT = "not on the class"


class Man:
    name = None

    def __init__(self, name):
        Man.name = name

    def hello(self):
        return "Hello " + Man.name + "!"

    def goodbye(self):
        return "Good-bye " + Man.name + "!"
