"""The request path as the contract routes it, for adapters whose framework differs."""

from __future__ import annotations


def decode_path(path_info: str) -> str:
    """PATH_INFO as Werkzeug and Falcon route it.

    PEP 3333 tunnels the path's bytes as latin-1: invalid UTF-8 becomes U+FFFD
    (as ``urllib.parse.unquote`` does), and leading slashes fold into one.
    """
    return fold_slashes(path_info.encode("latin-1").decode("utf-8", "replace"))


def fold_slashes(path: str) -> str:
    """An already decoded path (ASGI's ``path``), its leading slashes folded into one."""
    return "/" + path.lstrip("/")
