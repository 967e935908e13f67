// An Express-style app as a beginner writes it, imitated with Node's own http module (no npm):
// Express's defaults are kept: res.send(text) is text/html, res.json() is compact JSON, an
// unknown route or method gets the "Cannot GET /path" HTML page, OPTIONS lists the methods.
//   node express_style.js PORT text   sums as text ("159"), the echo as text
//   node express_style.js PORT json   sums as {"answer":159}, the echo as JSON
const http = require("http");
const [port, mode] = [Number(process.argv[2]), process.argv[3] || "text"];

function send(res, status, type, body) {
  res.writeHead(status, {
    "X-Powered-By": "Express",
    "Content-Type": `${type}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}
const text = (res, body) => send(res, 200, "text/html", String(body));
const json = (res, value) => send(res, 200, "application/json", JSON.stringify(value));
const answer = mode === "json" ? (res, sum) => json(res, { answer: sum }) : text;

function page(res, status, message) {  // Express's finalhandler page (production mode)
  const body = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<title>Error</title>\n</head>\n<body>\n<pre>${message}</pre>\n</body>\n</html>\n`;
  res.setHeader("Content-Security-Policy", "default-src 'none'");
  res.setHeader("X-Content-Type-Options", "nosniff");
  send(res, status, "text/html", body);
}
const cannot = (req, res) => page(res, 404, `Cannot ${req.method} ${req.url.split("?")[0]}`);

const routes = [
  [/^\/sum$/, (req, res, q) => answer(res, Number(q.get("number1")) + Number(q.get("number2")))],
  [/^\/sum\/([^/]+)\/([^/]+)$/, (req, res, q, a, b) => answer(res, Number(a) + Number(b))],
  [/^\/echo\/([^/]+)$/, (req, res, q, t) => (mode === "json" ? json(res, { echo: t + " " + t })
                                                            : text(res, t + " " + t))],
];

http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  for (const [pattern, handle] of routes) {
    const match = url.pathname.match(pattern);
    if (!match) continue;
    if (req.method === "OPTIONS") return send(res, 200, "text/html", "GET,HEAD");
    if (req.method !== "GET" && req.method !== "HEAD") return cannot(req, res);
    try {
      return handle(req, res, url.searchParams, ...match.slice(1).map(decodeURIComponent));
    } catch (error) {  // a param that is not valid percent-encoded UTF-8
      return page(res, 400, "Bad Request");
    }
  }
  cannot(req, res);
}).listen(port, "127.0.0.1");
