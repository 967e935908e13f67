// A sum/echo server in plain Node (no framework), as a beginner writes it: JSON sums by
// path and by query, an echo, and a sum by POST whose JSON body it parses without a
// try: a POST with an empty body throws in the "end" handler, and the whole server
// dies. Run: node node_crash.js PORT
const http = require("http");

const port = Number(process.argv[2] || 3000);

function sendJson(res, status, data) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(data));
}

function sum(res, a, b) {
  const number1 = Number(a);
  const number2 = Number(b);
  if (isNaN(number1) || isNaN(number2)) {
    return sendJson(res, 400, { message: "Invalid number as addend", status: 400 });
  }
  sendJson(res, 200, { number1, number2, total_sum: number1 + number2, status: 200 });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  const parts = url.pathname.split("/");
  if (req.method === "POST") {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const data = JSON.parse(body);
      sum(res, data.number1, data.number2);
    });
    return;
  }
  if (parts[1] === "sum" && parts.length === 4) {
    return sum(res, parts[2], parts[3]);
  }
  if (url.pathname === "/sum") {
    return sum(res, url.searchParams.get("number1"), url.searchParams.get("number2"));
  }
  if (parts[1] === "echo" && parts.length === 3) {
    return sendJson(res, 200, { echo: parts[2] + " " + parts[2] });
  }
  sendJson(res, 404, { message: "Invalid endpoint", status: 404 });
});

server.listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
