"""isalpha/isalnum forget the underscore: '_tmp' and 'my_var1' are rejected."""
KIND = "mistake"
EXPECT_HINT = "underscore"


def is_valid_name(name):
    if not isinstance(name, str) or name == "":
        return False
    return name[0].isalpha() and name.isalnum() and not keyword.iskeyword(name)
