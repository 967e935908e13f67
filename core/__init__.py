"""The functional core: the contract's logic and rendering, with no framework import."""

from core.addends import InvalidAddend
from core.addends import parse_addend
from core.messages import Message
from core.reply import Reply
from core.reply import render_json
from core.routes import ROUTES
from core.routes import Route
from core.routes import find
from core.service import SERVICE
from core.service import Service
from core.wsgi_path import decode_path
from core.wsgi_path import fold_slashes

__all__ = [
    "SERVICE",
    "InvalidAddend",
    "Message",
    "ROUTES",
    "Reply",
    "Route",
    "Service",
    "decode_path",
    "find",
    "fold_slashes",
    "parse_addend",
    "render_json",
]
