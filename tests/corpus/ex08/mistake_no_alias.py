"""The textbook name simpleNet is missing (only SimpleNet is defined)."""
KIND = "mistake"
EXPECT_HINT = "simpleNet is missing"

del simpleNet
