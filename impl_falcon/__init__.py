"""The falcon adapter of the sum/echo contract; ``app`` is its WSGI callable."""

from impl_falcon.app import app
from impl_falcon.app import create_app

__all__ = ["app", "create_app"]
