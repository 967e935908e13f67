"""Why a request got no answer, as one plain sentence: never an exception's own text.

requests wraps urllib3, which wraps the socket's error, so the cause is found by
walking the whole chain of exceptions, not by reading their messages.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from http.client import BadStatusLine
from http.client import HTTPException
from http.client import IncompleteRead
from http.client import RemoteDisconnected

import requests

CLOSED = "it closed the connection without answering (did the server crash?)"
SENTENCES: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((requests.ConnectTimeout,), "no connection within {timeout:g} s"),
    ((ConnectionRefusedError,), "nothing is listening there (connection refused)"),
    ((socket.gaierror,), "its host name does not resolve"),
    ((ssl.SSLError,), "the TLS handshake failed (is it http:// rather than https://?)"),
    ((RemoteDisconnected, ConnectionAbortedError), CLOSED),  # a RemoteDisconnected is a reset too
    ((ConnectionResetError, BrokenPipeError), "it reset the connection without answering "
                                              "(did the server crash?)"),
    ((requests.ReadTimeout, TimeoutError),
     "it accepted the connection but sent no answer within {timeout:g} s"),
    ((IncompleteRead, requests.exceptions.ChunkedEncodingError),
     "it cut its answer off before the end"),
    ((BadStatusLine, requests.exceptions.InvalidHeader, HTTPException),
     "what answers there does not speak HTTP"),
]  # fmt: skip
"""The first kind found anywhere in the chain decides; the order puts causes before effects."""


def chain(error: BaseException) -> Iterator[BaseException]:
    """The error and every exception it carries: causes, contexts, urllib3's reason, args."""
    seen: list[BaseException] = []
    waiting: list[BaseException | None] = [error]
    while waiting:
        current = waiting.pop(0)
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        yield current
        waiting += [current.__cause__, current.__context__, getattr(current, "reason", None)]
        waiting += [arg for arg in current.args if isinstance(arg, BaseException)]


def closed_unanswered(error: BaseException) -> bool:
    """Whether the server closed or reset the connection rather than refuse or stay silent."""
    closing = (RemoteDisconnected, ConnectionAbortedError, ConnectionResetError, BrokenPipeError)
    return any(isinstance(each, closing) for each in chain(error))


def why_no_answer(error: BaseException, timeout: float) -> str:
    """One sentence a learner understands: refused, closed, reset, timed out, not HTTP."""
    found = list(chain(error))
    for kinds, sentence in SENTENCES:
        if any(isinstance(each, kinds) for each in found):
            return sentence.format(timeout=timeout)
    if any("NameResolution" in type(each).__name__ for each in found):
        return "its host name does not resolve"
    return f"the connection failed in a way this checker does not know ({type(error).__name__})"
