"""An `if` without `else`: invalid names give None instead of False."""
KIND = "mistake"
EXPECT_HINT = "return a bool"


def is_valid_name(name):
    if isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name):
        return True
