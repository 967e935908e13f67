"""What each server does in each row of the servers page, as the tests measured it.

Prose for docs/servers.md and the README's table (docgen/pages.py); the registry attaches each
server's dict to it.
"""

from __future__ import annotations

NOT_APPLICABLE = "n/a: "
"""How a server's behaviour in a row begins when the row's test does not apply to it."""

ROWS = {
    "request-line": "request line + headers",
    "body": "request body (no route reads one)",
    "stalled": "a client that stalls mid-request",
    "slow": "120 clients sending a header byte a second",
    "script_name": "`SCRIPT_NAME` or forwarding headers",
    "framing": "ambiguous framing: `Content-Length` with `chunked`, or `chunked` in HTTP/1.0",
    "tab": "a raw TAB in the request target",
    "upgrade": "`Upgrade: websocket` on a plain route (the contract: a plain GET)",
    "slow-readers": "200 clients that ask for a 48 KB echo and never read it",
    "idle": "1,100 keep-alive connections, each idle after one request",
    "lingering": "a client that keeps its socket open after a whole answer",
    "storm": "3,000 connects in a burst, every other one reset at once",
    "pipelining": "500 requests pipelined on one connection",
    "half-close": "a whole request, then the client half-closes (`shutdown(SHUT_WR)`)",
    "sigterm": "SIGTERM with 8 requests in flight (`kill`, `docker stop`, systemd)",
    "ctrl-c": "Ctrl-C (SIGINT to the process group) with 8 requests in flight",
    "killed-worker": "one of two workers killed (SIGKILL) under load",
    "soak": "12,000 requests: memory growth per 10,000 after the first 2,000 (one run; the "
    "test allows 2 MiB)",
}
"""The servers page's rows: each a limit, or a hostile client or a fault a test plays
(tests/servers/)."""
SHORT = {
    "request-line": "long request line", "body": "huge body", "stalled": "stalled client",
    "slow": "slow senders", "script_name": "`SCRIPT_NAME`",
    "framing": "ambiguous framing (smuggling)", "tab": "raw TAB", "upgrade": "`Upgrade`",
    "slow-readers": "slow readers", "idle": "1,100 idle connections",
    "lingering": "lingering clients", "storm": "connect storm", "pipelining": "pipelining",
    "half-close": "half-close", "sigterm": "SIGTERM", "ctrl-c": "Ctrl-C",
    "killed-worker": "killed worker", "soak": "soak",
}  # fmt: skip
"""Each row's name in the README's table."""


GUNICORN = {
    "request-line": "request line 8,190 bytes, its largest bound",
    "body": "the 405 comes within the first MB sent",
    "stalled": "blocks the only worker until `--timeout 10` aborts it",
    "slow": "",
    "script_name": 'trusted from no one (`--forwarded-allow-ips ""`; by default 127.0.0.1 '
    "could re-route any request)",
    "framing": "refused or closed",
    "tab": "400",
    "upgrade": "a plain GET",
    "storm": "others are served",
    "pipelining": "answers the first, with `Connection: close` (one request per connection)",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (`--graceful-timeout 3`)",
    "ctrl-c": "answers them, exits 0 (its quick stop, which sends its own HTML 500, made "
    "graceful by harness/servers/gunicorn_settings.py)",
    "killed-worker": "respawned at once; only that worker's requests lost",
    "soak": "+0 KiB per 10,000 requests",
}
WAITRESS = {
    "request-line": "64 KiB (`--max-request-header-size`): 4,000 emoji fit in `/echo`",
    "body": "413 as soon as more than 1 MiB is announced (`--max-request-body-size`; its "
    "default spools up to 1 GiB to disk first)",
    "stalled": "dropped after 10 s (`--channel-timeout`, checked every 2 s)",
    "slow": "others are served (`--connection-limit 1000`: 120 such clients fill the default 100)",
    "script_name": "ignored",
    "framing": "",
    "tab": "",
    "upgrade": "a plain GET",
    "slow-readers": "others are served (200 fill the default `--connection-limit` of 100: a "
    "fresh client waited 19 s)",
    "idle": "",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (harness/servers/waitress_serve.py; waitress alone dies of "
    "it and drops them)",
    "ctrl-c": "answers them, exits 0",
    "killed-worker": "n/a: one process, no worker to lose",
    "soak": "+0 KiB per 10,000 requests",
}
GRANIAN = {
    "request-line": "about 64 KiB: a 65,500-byte target passes, 66,000 gets 414 (its own limit)",
    "body": "the 405 comes within the first MB sent",
    "stalled": "dropped after 10 s (`--http1-header-read-timeout`)",
    "slow": "others are served",
    "script_name": "ignored",
    "framing": "refused or closed",
    "tab": "400",
    "upgrade": "a plain GET",
    "slow-readers": "others are served",
    "idle": "others are served (`--backpressure 8192`: beyond its default 1,024 a fresh "
    "client waited 9 s)",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "",
    "sigterm": "answers them, exits 0",
    "ctrl-c": "answers them, exits 0 (`--workers-kill-timeout 3`: without it, half the stops "
    "under load never ended)",
    "killed-worker": "respawned (`--respawn-failed-workers`: by default the whole server stops)",
    "soak": "+164 KiB per 10,000 requests",
}

UVICORN = {
    "request-line": "64 KiB (`--h11-max-incomplete-event-size`): 4,000 emoji fit in `/echo`",
    "body": "the 405 comes within the first MB sent",
    "stalled": "",
    "slow": "others are served (one event loop holds every connection)",
    "script_name": "ignored",
    "framing": "`chunked` in HTTP/1.0: closed",
    "tab": "refused",
    "upgrade": "a plain GET (`--ws none`: no websockets)",
    "slow-readers": "others are served",
    "idle": "others are served",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "answered",
    "sigterm": "answers them, exits 0 (`--timeout-graceful-shutdown 3`)",
    "ctrl-c": "answers them, exits 0",
    "killed-worker": "respawned; only that worker's requests lost",
    "soak": "+4 KiB per 10,000 requests",
}
HYPERCORN = {
    **UVICORN,
    "request-line": "64 KiB (`h11_max_incomplete_size`, set in "
    "harness/servers/hypercorn_settings.py)",
    "stalled": "dropped after 10 s (`--read-timeout`)",
    "upgrade": "",
    "storm": "others are served (`--backlog 1024`: with its default 100, 3,000 connects took 11 s)",
    "sigterm": "answers them, exits 0 (`--graceful-timeout 3`)",
    "killed-worker": "",
    "soak": "+92 KiB per 10,000 requests",
}
GRANIAN_ASGI = {**GRANIAN, "upgrade": "", "soak": "+120 KiB per 10,000 requests"}
NGINX_WAITRESS = {
    **{row: "n/a: as waitress" for row in ("sigterm", "ctrl-c", "killed-worker", "soak")},
    "request-line": "64 KiB (`large_client_header_buffers`)",
    "body": "413 from nginx beyond 1 MiB (`client_max_body_size`), its own HTML page",
    "stalled": "dropped after 10 s (`client_header_timeout`)",
    "slow": "others are served",
    "script_name": "ignored",
    "framing": "400 from nginx",
    "tab": "400 from nginx",
    "upgrade": "a plain GET (nginx passes no `Upgrade`)",
    "slow-readers": "others are served (nginx holds the answer)",
    "idle": "others are served",
    "lingering": "others are served",
    "storm": "others are served",
    "pipelining": "all 500 answered, in order",
    "half-close": "answered",
}
