"""buy_apple_orange that unpacks the orange layer's (dx, dy) the wrong way round."""
KIND = "mistake"
EXPECT_HINT = "order of forward's arguments"

_reference_buy_apple_orange = buy_apple_orange


def buy_apple_orange():
    result = _reference_buy_apple_orange()
    result["dorange"], result["dorange_num"] = result["dorange_num"], result["dorange"]
    return result
