// The environment, arguments and Vault Agent templates the rendered production chart gives one
// container, mapped onto this machine for deploy/local/up.sh: in-cluster host names to loopback
// addresses, in-container paths to directories of the stack, Secret values supplied by up.sh.
// Prints lines "env NAME=VALUE", "arg VALUE", "template NAME VALUE" (Vault Agent template with
// newlines as \n), "dropped NAME" (a variable the local stack cannot honour); writes the
// ConfigMap's config.yaml to map.config.
// Usage: node chart-env.mjs RENDER.yaml CONTAINER MAP.json
//   MAP.json: {"hosts": {"host:port": "h1:p1,h2:p2", ...}, "query": {"host:port": "a=b"},
//              "paths": {"/in/container": "/local", ...}, "config": "/local/config.yaml",
//              "port": 1234, "secrets": {"REDIS_URL": "..."}, "drop": ["VAULT_ADDR", ...],
//              "extra": {"VAULT_K8S_TOKEN_PATH": "/local/token"}}
import { readFileSync, writeFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [render, name, mapFile] = process.argv.slice(2);
const map = JSON.parse(readFileSync(mapFile, "utf8"));
const objs = parseAllDocuments(readFileSync(render, "utf8")).map((d) => d.toJS()).filter(Boolean);
const owner = objs.find((o) => ["Deployment", "Job"].includes(o.kind) && o.spec.template.spec.containers.some((c) => c.name === name));
if (!owner) { console.error(`no workload with a container ${name}`); process.exit(1); }
const c = owner.spec.template.spec.containers.find((x) => x.name === name);
const maps = Object.fromEntries(objs.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}]));

const local = (value) => {
  let v = String(value);
  for (const [from, to] of Object.entries(map.hosts ?? {})) {
    // a URL host: swap it, and add the query the local stand-in needs (e.g. target_session_attrs)
    v = v.replaceAll(new RegExp(`@?${from.replace(/[.]/g, "\\.")}(/[^?\\s]*)\\?`, "g"), (m, rest) =>
      `${m.startsWith("@") ? "@" : ""}${to}${rest}?${map.query?.[from] ? `${map.query[from]}&` : ""}`);
    v = v.replaceAll(from, to);
  }
  // Whole paths only (start of the value or after = : , or space), in one pass, longest first.
  const paths = Object.entries(map.paths ?? {}).sort((a, b) => b[0].length - a[0].length);
  if (paths.length) {
    const re = new RegExp(`(^|[=:,\\s])(${paths.map(([f]) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?=/|$|[\\s,&])`, "g");
    v = v.replace(re, (m, lead, from) => lead + paths.find(([f]) => f === from)[1]);
  }
  return v;
};
const env = {};
for (const from of c.envFrom ?? []) {
  for (const [k, v] of Object.entries(maps[from.configMapRef?.name] ?? {})) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) env[k] = v;
    else if (k === "config.yaml" && map.config) writeFileSync(map.config, v);
  }
}
for (const e of c.env ?? []) {
  if (!e.valueFrom) env[e.name] = e.value ?? "";
  else if (map.secrets?.[e.name] !== undefined) env[e.name] = map.secrets[e.name];
  else { console.error(`no value for ${e.name} (a Secret in the cluster)`); process.exit(1); }
}
if (env.PORT !== undefined && map.port) env.PORT = String(map.port);
// What the kubelet provides outside the chart (e.g. VAULT_K8S_TOKEN_PATH for the projected token).
for (const [k, v] of Object.entries(map.extra ?? {})) { env[k] = v; map.secrets = { ...map.secrets, [k]: v }; }
const out = [];
for (const [k, v] of Object.entries(env)) {
  if (map.drop?.includes(k)) { out.push(`dropped ${k}`); continue; }
  out.push(`env ${k}=${map.secrets?.[k] !== undefined ? v : local(v)}`);
}
for (const a of c.args ?? []) out.push(`arg ${a.startsWith("--port=") && map.port ? `--port=${map.port}` : local(a)}`);
for (const [k, v] of Object.entries(owner.spec.template.metadata?.annotations ?? {})) {
  const t = k.match(/^vault\.hashicorp\.com\/agent-inject-template-(.+)$/);
  if (t) out.push(`template ${t[1]} ${local(v).replace(/\n/g, "\\n")}`);
}
console.log(out.join("\n"));
