"""Keys written in lower case: 'num' and 'str' instead of 'Num' and 'Str'."""
KIND = "mistake"
EXPECT_HINT = "capital letters"


def columns(num, strs):
    return {"num": num, "str": strs}
