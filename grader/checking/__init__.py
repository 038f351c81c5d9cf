"""What checks are made of: their API (``check``), the pytest plugin, the runner, verdicts.

Kept empty of imports: workers import ``grader.checking.functions`` (functions that checks
pass into learner code), and must not pay for pytest.
"""
