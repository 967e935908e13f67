"""Implementations of the contract written the way learners write them, for grading the grader."""
