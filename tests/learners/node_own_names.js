// A sum/echo server in plain Node, as a learner of another course writes it: the routes
// have names of its own (/suma/:a/:b and /eco/:texto) and its JSON keys too.
// Run: node node_own_names.js PORT
const http = require("http");

const port = Number(process.argv[2] || 3000);

const server = http.createServer((req, res) => {
  const parts = req.url.split("?")[0].split("/");
  res.setHeader("Content-Type", "application/json");
  if (parts[1] === "suma" && parts.length === 4) {
    const a = parseFloat(parts[2]);
    const b = parseFloat(parts[3]);
    res.end(JSON.stringify({ a, b, resultado: a + b }));
  } else if (parts[1] === "eco" && parts.length === 3) {
    const texto = decodeURIComponent(parts[2]);
    res.end(JSON.stringify({ eco: texto + " " + texto }));
  } else {
    res.statusCode = 404;
    res.end(JSON.stringify({ error: "no existe" }));
  }
});

server.listen(port, "127.0.0.1", () => console.log(`http://127.0.0.1:${port}`));
