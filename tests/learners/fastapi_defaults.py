"""A careful beginner's FastAPI app: every route, its own errors as JSON, and FastAPI's
defaults kept (its {"detail": …} 404 and 405, trailing slashes redirected, /docs served,
leading slashes not folded, float() trusted).

tests/test_fixes.py grades it, applies the fixes its card names, and grades it again.
Run: ``uvicorn fastapi_defaults:app``.
"""

import math

from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


def error(message, status):
    return JSONResponse({"message": message, "status": status}, status_code=status)


def add(first, second):
    try:
        number1 = float(first)
        number2 = float(second)
    except ValueError:
        return error("Invalid number as addend", 400)
    if not math.isfinite(number1) or not math.isfinite(number2):
        return error("Invalid number as addend", 400)
    total = number1 + number2
    if math.isinf(total):
        return error("Sum is too large: it overflows to infinity", 400)
    return {"number1": number1, "number2": number2, "total_sum": total, "status": 200}


@app.get("/sum")
def sum_query(number1: str | None = None, number2: str | None = None):
    if number1 is None or number2 is None:
        return error("Missing addend: number1 and number2 are both required", 400)
    return add(number1, number2)


@app.get("/sum/{number1}/{number2}")
def sum_path(number1: str, number2: str):
    return add(number1, number2)


@app.get("/echo/{text}")
def echo(text: str):
    return {"echo": text + " " + text}
