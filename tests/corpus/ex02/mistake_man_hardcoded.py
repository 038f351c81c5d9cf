"""The greeting is written out for David only."""
KIND = "mistake"
EXPECT_HINT = "self.name"


class Man:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "Hello David!"

    def goodbye(self):
        return "Good-bye David!"
