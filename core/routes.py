"""The contract's routes, each with the methods it answers: the one table an Allow comes from.

The frameworks route by their own patterns (each adapter's route lines); this
table says which methods each route answers, so that a 405 or an OPTIONS names
them whatever the framework. A new route is a new row.
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

    def matches(self, path: str) -> bool:
        """Whether the decoded path is this route's: each ``{name}`` a non-empty segment."""
        expected = self.pattern.strip("/").split("/")
        given = path.lstrip("/").split("/")
        return len(given) == len(expected) and all(
            bool(got) if want.startswith("{") else got == want
            for want, got in zip(expected, given, strict=True)
        )

    @property
    def allow(self) -> str:
        return ", ".join(self.methods)


ROUTES = (
    Route("sum_query", "/sum"),
    Route("sum_path", "/sum/{number1}/{number2}"),
    Route("echo", "/echo/{text}"),
)


def find(path: str) -> Route | None:
    """The route a decoded path is; None for a path the contract lacks."""
    return next((route for route in ROUTES if route.matches(path)), None)
