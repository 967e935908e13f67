// A careful beginner's Express app: every route the course asks for, its own errors as JSON,
// and Express's defaults kept (its "Cannot GET" page, routing that ignores letter case and a
// trailing slash, Number() trusted, req.query read as it comes, Node's 16 KB limit on a
// request's head).
//
// tests/test_fixes.py grades it, applies the fixes its card names, and grades it again.
// Run: npm install, then node app.js [PORT]   (PORT defaults to 3000)
const express = require("express");

const app = express();
const port = Number(process.argv[2]) || 3000;

function error(res, message, status) {
  res.status(status).json({ message: message, status: status });
}

function add(res, first, second) {
  const number1 = Number(first);
  const number2 = Number(second);
  if (!Number.isFinite(number1) || !Number.isFinite(number2)) {
    return error(res, "Invalid number as addend", 400);
  }
  const total = number1 + number2;
  if (!Number.isFinite(total)) {
    return error(res, "Sum is too large: it overflows to infinity", 400);
  }
  res.json({ number1: number1, number2: number2, total_sum: total, status: 200 });
}

app.get("/sum", (req, res) => {
  if (req.query.number1 === undefined || req.query.number2 === undefined) {
    return error(res, "Missing addend: number1 and number2 are both required", 400);
  }
  add(res, req.query.number1, req.query.number2);
});

app.get("/sum/:number1/:number2", (req, res) => {
  add(res, req.params.number1, req.params.number2);
});

app.get("/echo/:text", (req, res) => {
  res.json({ echo: req.params.text + " " + req.params.text });
});

app.listen(port, "127.0.0.1", () => {
  console.log(`Listening on http://127.0.0.1:${port}`);
});
