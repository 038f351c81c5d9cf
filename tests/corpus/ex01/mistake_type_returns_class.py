"""The class itself is returned instead of its name."""
KIND = "mistake"
EXPECT_HINT = "return the name as a str"


def type_name(value):
    return type(value)
