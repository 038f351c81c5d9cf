"""Instructors' tools: the student kit (``release``), a whole class (``batch``), nbgrader
courses and answer keys. Nothing on a student's ``grade exercise-05`` imports this package."""
