"""The sum and echo service: plain strings in, a Reply out.

Adapters call one method per route and one per error hook. It is a class so
tests can hand an adapter a service that misbehaves (see ``create_app(service)``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from core.addends import InvalidAddend
from core.addends import parse_addend
from core.messages import STATUS_OF
from core.messages import Message
from core.reply import Reply
from core.reply import empty_reply
from core.reply import json_reply
from core.routes import find

log = logging.getLogger(__name__)


def error(message: Message, *extra: tuple[str, str]) -> Reply:
    """The contract's error body: the same two keys for every error."""
    status = STATUS_OF[message]
    return json_reply(status, {"message": message.value, "status": status}, *extra)


class Service:
    """One method per thing an adapter can be asked."""

    def sum_path(self, number1: str, number2: str) -> Reply:
        """``/sum/<number1>/<number2>``."""
        try:
            first, second = parse_addend(number1), parse_addend(number2)
        except InvalidAddend:
            return error(Message.INVALID_ADDEND)
        total = first + second
        if not math.isfinite(total):
            return error(Message.SUM_OVERFLOW)
        payload = {"number1": first, "number2": second, "total_sum": total, "status": 200}
        return json_reply(200, payload)

    def sum_query(self, number1: Sequence[str], number2: Sequence[str]) -> Reply:
        """``/sum?number1=…&number2=…``; each argument is every value the query gave."""
        given = (number1, number2)
        if any(len(values) == 0 for values in given):
            return error(Message.MISSING_ADDEND)
        if any(len(values) > 1 for values in given):
            return error(Message.REPEATED_ADDEND)
        return self.sum_path(number1[0], number2[0])

    def echo(self, text: str) -> Reply:
        """``/echo/<text>``: the decoded segment, twice."""
        return json_reply(200, {"echo": f"{text} {text}"})

    def not_found(self) -> Reply:
        """Any path outside the routes, whatever the method."""
        return error(Message.INVALID_ENDPOINT)

    def other_method(self, method: str, path: str) -> Reply:
        """A known route asked with a method it does not route: OPTIONS lists the route's
        methods (core/routes.py), others fail with them. ``path`` is the decoded path."""
        found = find(path)
        if found is None:  # the framework knows a path the contract does not
            return self.not_found()
        allow = ("Allow", found.allow)
        if method == "OPTIONS":
            return empty_reply(204, allow)
        return error(Message.METHOD_NOT_ALLOWED, allow)

    def server_error(self, exception: BaseException | None = None) -> Reply:
        """Anything unexpected: never a traceback to the client, whatever the debug setting.

        The traceback goes to the server's log instead; adapters whose framework logs it
        already (Flask, Bottle) pass nothing.
        """
        if exception is not None:
            log.error("unexpected exception, answered the JSON 500", exc_info=exception)
        return error(Message.INTERNAL_ERROR)


SERVICE = Service()
