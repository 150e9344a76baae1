// The chart's PrometheusRule and dashboard ConfigMap carry exactly deploy/prometheus/rules.yaml
// and deploy/grafana/store-platform.json, and the dashboard is well formed.
// Usage: node consistency.mjs ROUTER_RENDER.yaml   Prints PASS/FAIL lines; exit 1 on failure.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse, parseAllDocuments } from "yaml";

const deploy = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const objs = parseAllDocuments(readFileSync(process.argv[2], "utf8")).map((d) => d.toJS()).filter(Boolean);
let failed = 0;
const report = (name, problems) => {
  if (problems.length) { failed++; console.log(`FAIL ${name}: ${problems.join("; ")}`); } else console.log(`PASS ${name}`);
};

const rules = parse(readFileSync(resolve(deploy, "prometheus/rules.yaml"), "utf8"));
const pr = objs.find((o) => o.kind === "PrometheusRule");
report("chart PrometheusRule equals deploy/prometheus/rules.yaml", !pr ? ["no PrometheusRule rendered"]
  : isDeepStrictEqual(pr.spec.groups, rules.groups) ? [] : ["groups differ"]);

const dashText = readFileSync(resolve(deploy, "grafana/store-platform.json"), "utf8");
const cm = objs.find((o) => o.kind === "ConfigMap" && o.data?.["store-platform.json"]);
report("chart dashboard ConfigMap equals deploy/grafana/store-platform.json", !cm ? ["no dashboard ConfigMap rendered"]
  : isDeepStrictEqual(JSON.parse(cm.data["store-platform.json"]), JSON.parse(dashText)) ? [] : ["dashboards differ"]);

const dash = JSON.parse(dashText);
const problems = [];
const ids = new Set();
for (const p of dash.panels) {
  if (ids.has(p.id)) problems.push(`duplicate panel id ${p.id}`);
  ids.add(p.id);
  if (p.type === "row") continue;
  if (!p.targets?.length) problems.push(`panel "${p.title}" has no query`);
  if (p.datasource?.uid !== "${datasource}") problems.push(`panel "${p.title}" does not use the datasource variable`);
}
const titles = dash.panels.map((p) => p.title.toLowerCase()).join(" | ");
for (const topic of ["request rate", "error", "latency", "circuit breaker", "pool", "provisioning", "websocket"]) {
  if (!titles.includes(topic)) problems.push(`no panel about ${topic}`);
}
if (!dash.uid || !dash.title) problems.push("dashboard has no uid or title");
report("Grafana dashboard has every required panel, unique ids, templated datasource", problems);
process.exit(failed ? 1 : 0);
