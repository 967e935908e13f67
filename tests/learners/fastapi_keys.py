"""A FastAPI app as a learner writes it: typed parameters, dicts returned, FastAPI's defaults.

Its own key names (``sum``, ``result``), FastAPI's 422 for a bad number and its
``{"detail":"Not Found"}`` 404. Run: ``uvicorn fastapi_keys:app``.
"""

from fastapi import FastAPI

app = FastAPI()


@app.get("/sum")
def sum_query(number1: float, number2: float):
    return {"number1": number1, "number2": number2, "sum": number1 + number2}


@app.get("/sum/{number1}/{number2}")
def sum_path(number1: float, number2: float):
    return {"result": number1 + number2}


@app.get("/echo/{text}")
def echo(text: str):
    return {"echo": text + " " + text}
