"""A sum/echo server on Python's own http.server, as a beginner writes it: a JSON sum by
path (no sum by query yet), an echo, JSON 404s; but only ``do_GET``, so any other method
gets the library's own 501 page ("Unsupported method"). Run: ``python http_server.py PORT``.
"""

import json
import sys
from http.server import BaseHTTPRequestHandler
from http.server import HTTPServer
from urllib.parse import urlparse


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        parts = url.path.split("/")
        if len(parts) == 4 and parts[1] == "sum":
            return self.sum(parts[2], parts[3])
        if len(parts) == 3 and parts[1] == "echo":
            return self.send_json(200, {"echo": parts[2] + " " + parts[2]})
        self.send_json(404, {"message": "Invalid endpoint", "status": 404})

    def sum(self, first, second):
        try:
            a, b = float(first), float(second)
        except ValueError:
            return self.send_json(400, {"message": "Invalid number as addend", "status": 400})
        self.send_json(200, {"number1": a, "number2": b, "total_sum": a + b, "status": 200})

    def send_json(self, status, data):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    print(f"Serving on http://127.0.0.1:{port}")
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
