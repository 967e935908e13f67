"""The wsgi adapter of the sum/echo contract; ``app`` is its WSGI callable."""

from impl_wsgi.app import app
from impl_wsgi.app import create_app

__all__ = ["app", "create_app"]
