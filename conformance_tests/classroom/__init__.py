"""A whole class graded at once: each submission started, graded and stopped in turn."""
