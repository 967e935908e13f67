"""What each server is known to fail, once: why, and what to do about it.

The tests mark each gap as a strict expected failure; the servers page (docs/servers.md) lists
them with their mitigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace

PROXY = (
    "put a buffering reverse proxy in front, which reads whole requests first: nginx as "
    "harness/servers/nginx.conf configures it (tested in front of waitress: the nginx+waitress "
    "column)"
)


@dataclass(frozen=True)
class Gap:
    """A test a server fails that no setting here fixes: why, and what to do about it."""

    test: str
    """What the tests call it: a case name, or a hostile client's name."""
    reason: str
    mitigation: str = PROXY
    row: str = ""
    """The row of the servers page it belongs to, when not its test's own."""
    head_too: bool = True
    """Whether the case's HEAD twin (``<case>-as-head``) fails the same way."""

    @property
    def shown_in(self) -> str:
        return self.row or self.test


LONG_LINE = Gap(
    "long-request-line",
    "gunicorn bounds the request line at 8,190 bytes at most: 4,000 non-ASCII characters in "
    "/echo do not fit",
    "none in gunicorn (0 lifts the bound entirely, which lets a client make it echo megabytes)",
    row="request-line",
)
LINGER = Gap(
    "lingering",
    "after each answer the sync worker waits up to 2 s for the client to close "
    "first (`gunicorn.util.close_graceful`, not a setting), serving no one meanwhile",
    PROXY + " and closes its own connections to gunicorn at once",
)
GUNICORN_GAPS = (
    replace(LONG_LINE, test="echo-long-unicode"),
    replace(LONG_LINE, test="echo-long-emoji"),
    Gap("stalled", "the sync worker blocks on a stalled client until the arbiter aborts it "
        "after --timeout; gunicorn then sends its own HTML 500"),
    Gap("slow", "the sync worker serves one connection at a time: a client that sends a byte "
        "now and then holds it until --timeout"),
    Gap("slow-readers", "the sync worker blocks writing to a client that does not read until "
        "--timeout aborts it, then meets the next one: everyone else waits"),
    LINGER,
    replace(LINGER, test="idle", row="idle", reason=LINGER.reason + ": 1,100 idle clients "
            "hold it for about 2,200 s"),
)  # fmt: skip
WAITRESS_FRAMING = Gap(
    "framing", "waitress 3 keeps the connection open after a request with both Content-Length "
    "and chunked, or chunked in HTTP/1.0, and answers the rest as a new request (RFC 9112 6.1 "
    "says close it; fixed upstream, not yet released)")  # fmt: skip
WAITRESS_GAPS = (
    WAITRESS_FRAMING,
    replace(WAITRESS_FRAMING, test="framing-http10", row="framing"),
    Gap("tab", "waitress drops a raw TAB from the request target instead of refusing it"),
    Gap("idle", "beyond `--connection-limit` (1,000 here) waitress accepts no one until "
        "`--channel-timeout` (10 s) drops idle connections"),
)  # fmt: skip

H11_FRAMING = Gap(
    "framing", "h11, the parser of uvicorn and hypercorn, keeps the connection open after a "
    "request with both Content-Length and chunked, and answers the rest as a new request "
    "(RFC 9112 6.1 says close it)")  # fmt: skip
UPGRADE = "a request asking to Upgrade to a websocket reaches the app as a websocket, not as the "
WEBSOCKET_GAPS = tuple(
    Gap(case, UPGRADE + "plain GET it also is (the app, with no websocket route, refuses it)",
        "a proxy that drops Upgrade on these routes; or uvicorn, whose `--ws none` keeps them "
        "plain GETs", row="upgrade")
    for case in ("headers-websocket-upgrade", "headers-unknown-path-with-upgrade")
)  # fmt: skip
UVICORN_GAPS = (
    H11_FRAMING,
    Gap("stalled", "uvicorn has no header-read timeout (`--timeout-keep-alive` ends only idle "
        "connections): a client that stalls mid-request keeps its connection, though the "
        "event loop goes on serving everyone else"),
)  # fmt: skip
HYPERCORN_GAPS = (
    H11_FRAMING,
    *(replace(gap, head_too=False) for gap in WEBSOCKET_GAPS),
    Gap("killed-worker", "when one worker dies, hypercorn stops the others and exits with status "
        "0: every later client is refused", "a supervisor that restarts it whatever its exit "
        "status (systemd's `Restart=always`); or uvicorn, which respawns the worker"),
)  # fmt: skip
"""hypercorn takes only a GET as a handshake: its HEAD twins stay plain requests."""

HALF_CLOSE = Gap(
    "half-close",
    "granian answers nothing (0 bytes, then EOF) to a request whose client then "
    "half-closed its side, as `nc -N` and some HTTP/1.0 clients do: its HTTP core, hyper, takes "
    "that EOF for a closed connection unless `http1_half_close` is set (hyper PR 1981), and "
    "granian has no option for it",
    PROXY + " and keeps its side open until the answer is in",
)
