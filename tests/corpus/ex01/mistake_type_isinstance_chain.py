"""An isinstance chain that tests int before bool (True is an int too) and knows only the examples."""
KIND = "mistake"
EXPECT_HINT = "isinstance(True, int)"


def type_name(value):
    if isinstance(value, int):
        return "int"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "dict"
    if value is None:
        return "NoneType"
    return "tuple"
