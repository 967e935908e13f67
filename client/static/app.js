// Calls the chosen adapter with fetch and shows status, message and JSON.
"use strict";

const $ = (id) => document.getElementById(id);

async function loadAdapters() {
  // adapters.json is written by `python -m client`; any other host works via Base URL.
  try {
    const response = await fetch("adapters.json");
    const adapters = await response.json();
    for (const [name, url] of Object.entries(adapters)) {
      $("adapter").add(new Option(`${name} (${url})`, url));
    }
  } catch {
    $("adapter").add(new Option("none found: type a base URL", ""));
  }
  $("base-url").value = $("adapter").value;
}

function show(target, status, payload, raw) {
  $("request").textContent = `GET ${target}`;
  $("status").textContent = status === 0 ? "network error" : String(status);
  $("status").className = "status " + (status >= 200 && status < 300 ? "ok" : "error");
  let result = "";
  if (payload && typeof payload === "object") {
    if ("total_sum" in payload) result = `Sum: ${payload.total_sum}`;
    else if ("echo" in payload) result = `Echo: ${payload.echo}`;
    else if ("message" in payload) result = `Error: ${payload.message}`;
  }
  $("result").textContent = result;
  $("json").textContent = raw;  // the exact bytes: 13.0 stays 13.0
}

async function call(path) {
  const base = $("base-url").value.replace(/\/+$/, "");
  const target = base + path;
  try {
    const response = await fetch(target);
    const raw = await response.text();
    let payload = null;
    try { payload = JSON.parse(raw); } catch { /* shown raw */ }
    show(target, response.status, payload, raw);
  } catch (error) {
    show(target, 0, null, String(error));
  }
}

const enc = encodeURIComponent;
$("adapter").addEventListener("change", () => { $("base-url").value = $("adapter").value; });
$("sum-path").addEventListener("click", () =>
  call(`/sum/${enc($("number1").value)}/${enc($("number2").value)}`));
$("sum-query").addEventListener("click", () =>
  call(`/sum?number1=${enc($("number1").value)}&number2=${enc($("number2").value)}`));
$("echo").addEventListener("click", () => call(`/echo/${enc($("echo-text").value)}`));
loadAdapters();
