"""buy_apple whose backward pass feeds dprice (not dapple_price) to the apple layer."""
KIND = "mistake"
EXPECT_HINT = "reverse order"


def buy_apple():
    apple, apple_num, tax = 100, 2, 1.1
    mul_apple_layer = MulLayer()
    mul_tax_layer = MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)
    price = mul_tax_layer.forward(apple_price, tax)
    dprice = 1
    dapple, dapple_num = mul_apple_layer.backward(dprice)
    dapple_price, dtax = mul_tax_layer.backward(dprice)
    return {"price": price, "dapple": dapple, "dapple_num": dapple_num, "dtax": dtax}
