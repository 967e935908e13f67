"""The contract's routes, each with the methods it answers: the one table an Allow comes from.

The frameworks route by their own patterns (each adapter's route lines); this
table says which methods each route answers, so that a 405 or an OPTIONS names
them, and raw WSGI, which has no router, routes by it. A new route is a new row.
"""

from __future__ import annotations

from dataclasses import dataclass

READING = ("GET", "HEAD", "OPTIONS")
"""What a route that only reads answers."""


@dataclass(frozen=True)
class Route:
    """A path pattern (``{name}`` is a non-empty segment) and the methods it answers."""

    name: str
    pattern: str
    methods: tuple[str, ...] = READING

    def match(self, path: str) -> dict[str, str] | None:
        """The segments the pattern names, if the decoded path is this route's."""
        expected = self.pattern.strip("/").split("/")
        given = path.lstrip("/").split("/")
        if len(given) != len(expected):
            return None
        found = {}
        for want, got in zip(expected, given, strict=True):
            if want.startswith("{"):
                if not got:
                    return None
                found[want.strip("{}")] = got
            elif want != got:
                return None
        return found

    @property
    def allow(self) -> str:
        return ", ".join(self.methods)


ROUTES = (
    Route("sum_query", "/sum"),
    Route("sum_path", "/sum/{number1}/{number2}"),
    Route("echo", "/echo/{text}"),
)


def find(path: str) -> tuple[Route, dict[str, str]] | None:
    """The route a decoded path is, with its segments; None for a path the contract lacks."""
    for route in ROUTES:
        found = route.match(path)
        if found is not None:
            return route, found
    return None
