"""'Goodbye' without the hyphen."""
KIND = "mistake"
EXPECT_HINT = "Good-bye"


class Man:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "Hello " + self.name + "!"

    def goodbye(self):
        return "Goodbye " + self.name + "!"
