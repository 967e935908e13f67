"""The falcon_asgi adapter of the sum/echo contract; ``app`` is its ASGI callable."""

from impl_falcon_asgi.app import app
from impl_falcon_asgi.app import create_app

__all__ = ["app", "create_app"]
