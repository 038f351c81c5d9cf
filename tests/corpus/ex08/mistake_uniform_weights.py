"""SimpleNet with np.random.rand (uniform on [0, 1)) instead of np.random.randn."""
KIND = "mistake"
EXPECT_HINT = "randn"


def _init(self):
    self.W = np.random.rand(2, 3)


SimpleNet.__init__ = _init
