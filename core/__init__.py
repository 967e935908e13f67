"""The functional core: the contract's logic and rendering, with no framework import."""

from core.addends import InvalidAddend
from core.addends import parse_addend
from core.messages import Message
from core.reply import ALLOWED_METHODS
from core.reply import Reply
from core.reply import render_json
from core.service import SERVICE
from core.service import Service
from core.wsgi_path import decode_path

__all__ = [
    "ALLOWED_METHODS",
    "SERVICE",
    "InvalidAddend",
    "Message",
    "Reply",
    "Service",
    "decode_path",
    "parse_addend",
    "render_json",
]
