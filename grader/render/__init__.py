"""Showing results: one failure description (``failure``) laid out for a terminal, text,
Gradescope and notebooks. Nothing here runs learner code or grades."""
