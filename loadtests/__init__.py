"""Locust load tests and the side-by-side benchmark."""
