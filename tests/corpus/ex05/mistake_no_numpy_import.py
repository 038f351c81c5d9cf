"""`import numpy as np` missing: every function that uses np raises NameError."""
KIND = "mistake"
EXPECT_HINT = "needs `import numpy as np`"

del np  # as if the module never imported it
