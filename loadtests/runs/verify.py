"""Before any load: the server must answer a few contract requests exactly."""

from __future__ import annotations

import urllib.error
import urllib.request

from loadtests.sent.mix import MIX


class ContractMismatch(RuntimeError):
    """The adapter answered wrongly: benchmarking it would measure the wrong thing."""


def check_contract(url: str) -> None:
    """One request of each kind the load mix sends."""
    for kind, requests in MIX.items():
        expected = requests[0]
        try:
            with urllib.request.urlopen(url + expected.path, timeout=5) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        if (status, body) != (expected.status, expected.body):
            raise ContractMismatch(
                f"{url}{expected.path} ({kind}): got {status} {body[:200]!r}, "
                f"expected {expected.status} {expected.body[:200]!r}"
            )
