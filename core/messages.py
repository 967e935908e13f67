"""Every error message of the contract, in one place (the OpenAPI document lists the same)."""

from __future__ import annotations

from enum import StrEnum


class Message(StrEnum):
    """Error messages; each value is the exact ``message`` text in the JSON body."""

    INVALID_ENDPOINT = "Invalid endpoint"
    INVALID_ADDEND = "Invalid number as addend"
    MISSING_ADDEND = "Missing addend: number1 and number2 are both required"
    REPEATED_ADDEND = "Repeated addend: give number1 and number2 once each"
    SUM_OVERFLOW = "Sum is too large: it overflows to infinity"
    METHOD_NOT_ALLOWED = "Method not allowed"
    INTERNAL_ERROR = "Internal server error"


STATUS_OF: dict[Message, int] = {
    Message.INVALID_ENDPOINT: 404,
    Message.INVALID_ADDEND: 400,
    Message.MISSING_ADDEND: 400,
    Message.REPEATED_ADDEND: 400,
    Message.SUM_OVERFLOW: 400,
    Message.METHOD_NOT_ALLOWED: 405,
    Message.INTERNAL_ERROR: 500,
}
