"""Why a request got no answer: one plain sentence, whatever requests wrapped around the cause."""

from __future__ import annotations

import socket
import ssl
from http.client import BadStatusLine
from http.client import IncompleteRead
from http.client import RemoteDisconnected

import pytest
import requests
import urllib3.exceptions

from conformance_tests.grader.failures import chain
from conformance_tests.grader.failures import why_no_answer


def wrapped(cause: BaseException) -> requests.ConnectionError:
    """As requests raises it: its own error, around urllib3's, around the socket's."""
    inner = urllib3.exceptions.ProtocolError("Connection aborted.", cause)
    outer = requests.ConnectionError(inner)
    outer.__context__ = inner
    return outer


RESET = "it reset the connection without answering (did the server crash?)"
CLOSED = "it closed the connection without answering (did the server crash?)"
DNS = "its host name does not resolve"


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (wrapped(ConnectionRefusedError(111, "refused")),
         "nothing is listening there (connection refused)"),
        (wrapped(ConnectionResetError(104, "reset")), RESET),
        (wrapped(BrokenPipeError(32, "pipe")), RESET),
        (wrapped(RemoteDisconnected("closed")), CLOSED),
        (RemoteDisconnected("closed"), CLOSED),
        (wrapped(BadStatusLine("SSH-2.0")), "what answers there does not speak HTTP"),
        (wrapped(IncompleteRead(b"ab", 10)), "it cut its answer off before the end"),
        (requests.exceptions.ChunkedEncodingError(), "it cut its answer off before the end"),
        (requests.ReadTimeout(), "it accepted the connection but sent no answer within 4 s"),
        (TimeoutError(), "it accepted the connection but sent no answer within 4 s"),
        (requests.ConnectTimeout(), "no connection within 4 s"),
        (wrapped(socket.gaierror(-2, "Name or service not known")), DNS),
        (wrapped(ssl.SSLError(1, "wrong version number")),
         "the TLS handshake failed (is it http:// rather than https://?)"),
        (requests.exceptions.InvalidHeader("x"), "what answers there does not speak HTTP"),
        (wrapped(urllib3.exceptions.NameResolutionError("h", None, "x")), DNS),  # type: ignore[arg-type]
        (ValueError("odd"),
         "the connection failed in a way this checker does not know (ValueError)"),
    ],
)  # fmt: skip
def test_each_failure_is_one_plain_sentence(error: BaseException, sentence: str) -> None:
    assert why_no_answer(error, 4) == sentence


def test_the_chain_holds_every_exception_once() -> None:
    cause = ConnectionResetError(104, "reset")
    error = wrapped(cause)
    error.__cause__ = error  # a loop must not loop
    found = list(chain(error))
    assert found[0] is error and cause in found
    assert len(found) == len({id(each) for each in found})


class _Reasoned(Exception):
    """As urllib3's MaxRetryError: the real failure is its ``reason``, not a cause."""

    def __init__(self, reason: BaseException) -> None:
        super().__init__("retries exhausted")
        self.reason = reason


def test_the_chain_follows_causes_contexts_reasons_and_args_all_together() -> None:
    by_cause, by_context = TimeoutError("cause"), ValueError("context")
    by_reason, by_arg = ConnectionRefusedError("reason"), OSError("arg")
    error = RuntimeError("top", by_arg)
    error.__cause__, error.__context__ = by_cause, by_context
    outer = _Reasoned(error)
    inner = _Reasoned(by_reason)
    by_cause.__cause__ = inner
    assert list(chain(outer)) == [outer, error, by_cause, by_context, by_arg, inner, by_reason]
