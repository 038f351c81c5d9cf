"""input() left at the top of the module, from trying the code by hand."""
KIND = "mistake"
EXPECT_HINT = "standard input is closed"

n = int(input("How many points? "))
