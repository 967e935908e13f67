// A beginner's Express app handed in without its package.json: `node express_no_install.js`
// stops at once with "Cannot find module 'express'" (it was installed only on their machine).
const express = require("express");

const app = express();
const port = Number(process.env.PORT) || 3000;

app.get("/sum/:a/:b", (req, res) => {
  const [a, b] = [Number(req.params.a), Number(req.params.b)];
  res.json({ number1: a, number2: b, total_sum: a + b, status: 200 });
});

app.listen(port, () => console.log(`Example app listening on port ${port}`));
