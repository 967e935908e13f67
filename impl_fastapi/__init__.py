"""The fastapi adapter of the sum/echo contract; ``app`` is its ASGI callable."""

from impl_fastapi.app import app
from impl_fastapi.app import create_app

__all__ = ["app", "create_app"]
