"""str(type(value)) gives "<class 'int'>", not the bare name."""
KIND = "mistake"
EXPECT_HINT = "__name__"


def type_name(value):
    return str(type(value))
