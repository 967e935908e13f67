"""The flask adapter of the sum/echo contract; ``app`` is its WSGI callable."""

from impl_flask.app import app
from impl_flask.app import create_app

__all__ = ["app", "create_app"]
