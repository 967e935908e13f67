"""A Flask app that fails every request, as an unfinished one does: Flask's HTML 500."""

from flask import Flask

app = Flask(__name__)


@app.before_request
def broken() -> None:
    raise RuntimeError("not written yet")
