"""The bottle adapter of the sum/echo contract; ``app`` is its WSGI callable."""

from impl_bottle.app import app
from impl_bottle.app import create_app

__all__ = ["app", "create_app"]
