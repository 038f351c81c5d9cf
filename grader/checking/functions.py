"""Functions that checks pass into learner code.

A check cannot hand a lambda (or a function defined in a check file) to the
learner's code: the call travels to the worker process as a pickle, and a
function is pickled *by reference* (module and name), so the worker must be
able to import it.  Everything here is defined at module level and only needs
NumPy, so it pickles by reference on its own or wrapped in
``functools.partial`` with array arguments::

    from functools import partial
    from grader.checking import functions as fn
    f = partial(fn.quadratic, A=A, b=b)     # f(x) = 0.5 x.A.x + b.x
    learner.gradient_descent(f, x0, lr=0.1)

The worker imports this module (``grader.checking.functions``) but never ``grader.checks``.
"""
from __future__ import annotations

import numpy as np


# --------------------------------------------------------------------------- the lecture's functions
def function_1(x):
    """The lecture's ``0.01*x**2 + 0.1*x`` (derivative ``0.02*x + 0.1``)."""
    return 0.01 * x ** 2 + 0.1 * x


def function_2(x):
    """The lecture's ``x0**2 + x1**2``, summed over every element of ``x``."""
    return np.sum(x ** 2)


# --------------------------------------------------------------------------- one variable
def polynomial(x, coeffs):
    """``coeffs[0]*x**n + ... + coeffs[n]`` (``np.polyval`` order)."""
    return np.polyval(coeffs, x)


def scaled_exp(x, a, c=1.0):
    """``c * exp(a*x)``."""
    return c * np.exp(a * x)


def shifted_sin(x, w, p):
    """``sin(w*x + p)``."""
    return np.sin(w * x + p)


# --------------------------------------------------------------------------- several variables
def quadratic(x, A, b, c=0.0):
    """``0.5 * v.A.v + b.v + c`` with ``v = x.ravel()``: works for ``x`` of any shape.

    With ``A`` symmetric the gradient is ``A.v + b`` (reshaped like ``x``).
    """
    v = np.ravel(x)
    return 0.5 * v @ A @ v + b @ v + c


def coupled(x, C, B):
    """``sum(C * x**2) + sum(B * x)**2``: every element interacts with every other.

    ``C`` and ``B`` have the shape of ``x``, so ``f`` only works on arrays of that
    shape (as a network's loss only works on weights of the right shape).
    The exact gradient is ``2*C*x + 2*sum(B*x)*B``.
    """
    return np.sum(C * x ** 2) + np.sum(B * x) ** 2
