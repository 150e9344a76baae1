// The local stack's Vault: a TLS front of the Vault-API test server (server/tests/vault/
// fake-vault.mjs, which has no policies) that enforces what deploy/infra/vault/configure.sh sets
// up — the Kubernetes auth roles it creates and the policy files it writes. A login through a
// role configure.sh does not create is refused (400); every other request needs a token from
// such a login whose policies grant the capability (GET read, LIST list, DELETE delete,
// POST/PUT create on a new KV secret and update on an existing one), else 403
// {"errors":["permission denied"]}, as Vault answers. sys/health passes through.
// Usage: node vault-policy-proxy.mjs VAULT_DIR UPSTREAM_PORT CERT KEY
// Prints {"port": N} on its first line.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";

import { granted, readConfigure, rulesOfRole } from "../test/vault-policy.mjs";

const [vaultDir, upstreamPort, cert, key] = process.argv.slice(2);
const configure = readConfigure(vaultDir);
const tokens = new Map(); // client token -> rules of the role it logged in with

function forward(req, body) {
  return new Promise((resolve, reject) => {
    const upstream = http.request({ host: "127.0.0.1", port: Number(upstreamPort), method: req.method, path: req.url,
      headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    upstream.on("error", reject);
    upstream.end(body);
  });
}
const send = (res, answer) => { res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) }); res.end(answer.body); };
const deny = (res, status, message) => send(res, { status, body: JSON.stringify({ errors: [message] }) });

async function handle(req, res) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  const path = new URL(req.url, "https://x").pathname.replace(/^\/v1\//, "");
  if (path === "sys/health") return send(res, await forward(req, body));
  const login = path.match(/^auth\/kubernetes\/login$/);
  if (login) {
    const role = JSON.parse(body.toString() || "{}").role;
    if (!configure.roles[role]) return deny(res, 400, `invalid role name "${role}"`);
    const answer = await forward(req, body);
    if (answer.status === 200) tokens.set(JSON.parse(answer.body).auth.client_token, rulesOfRole(vaultDir, configure, role));
    return send(res, answer);
  }
  const rules = tokens.get(req.headers["x-vault-token"]);
  if (!rules) return deny(res, 403, "permission denied");
  let capability = { GET: "read", LIST: "list", DELETE: "delete" }[req.method];
  if (req.method === "GET" && new URL(req.url, "https://x").searchParams.get("list") === "true") capability = "list";
  if (req.method === "POST" || req.method === "PUT") {
    capability = "update";
    if (/^[^/]+\/data\//.test(path)) {
      const { "content-length": _length, "content-type": _type, ...headers } = req.headers;
      const existing = await forward({ method: "GET", url: req.url, headers }, undefined);
      if (existing.status === 404) capability = "create";
    }
  }
  if (!capability || !granted(rules, path, capability)) return deny(res, 403, "permission denied");
  return send(res, await forward(req, body));
}

const server = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  handle(req, res).catch((error) => deny(res, 502, String(error.message ?? error)));
});
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
