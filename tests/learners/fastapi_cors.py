"""A careful learner's FastAPI app: the contract's keys and error bodies, CORS by middleware.

Starlette's CORSMiddleware sends Access-Control-Allow-Origin only to requests
that carry Origin, as browsers' cross-origin requests do. FastAPI still answers
HEAD and OPTIONS with 405, lets ``nan`` through as a float, and calls a missing
addend invalid. Run: ``uvicorn fastapi_cors:app``.
"""

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])

MESSAGES = {404: "Invalid endpoint", 405: "Method not allowed"}


@app.exception_handler(HTTPException)
def http_error(request, error):
    message = MESSAGES.get(error.status_code, "Error")
    return JSONResponse({"message": message, "status": error.status_code}, error.status_code)


@app.exception_handler(RequestValidationError)
def invalid(request, error):
    return JSONResponse({"message": "Invalid number as addend", "status": 400}, 400)


def total(number1: float, number2: float) -> dict[str, float]:
    return {"number1": number1, "number2": number2, "total_sum": number1 + number2, "status": 200}


@app.get("/sum")
def sum_query(number1: float, number2: float):
    return total(number1, number2)


@app.get("/sum/{number1}/{number2}")
def sum_path(number1: float, number2: float):
    return total(number1, number2)


@app.get("/echo/{text}")
def echo(text: str):
    return {"echo": f"{text} {text}"}
