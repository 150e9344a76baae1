// Alerting that can page: Prometheus keeps data for longer than any range a rule or a runbook
// query uses, and Alertmanager's configuration (deploy/infra/kube-prometheus-stack-values.yaml)
// has real receivers: every route names a receiver that exists and has an integration whose
// credential comes from a mounted Secret, critical alerts reach the pager, and the Watchdog
// heartbeat reaches the dead man's switch (and nothing else).
// Usage: node alerting.mjs [VALUES.yaml]   Prints PASS/FAIL lines; exit 1 on failure.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const deploy = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(deploy, "..");
const values = parse(readFileSync(process.argv[2] ?? join(deploy, "infra/kube-prometheus-stack-values.yaml"), "utf8"));
let failed = 0;
const report = (name, problems) => {
  if (problems.length) { failed++; console.log(`FAIL ${name}: ${problems.join("; ")}`); } else console.log(`PASS ${name}`);
};
const UNIT = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const seconds = (text) => [...String(text).matchAll(/(\d+)([smhdwy])/g)].reduce((t, m) => t + Number(m[1]) * UNIT[m[2]], 0);

// ---------------------------------------------------------------- retention
{
  const retention = seconds(values.prometheus?.prometheusSpec?.retention ?? "15d"); // the chart's default
  const sources = [join(deploy, "prometheus/rules.yaml"),
    ...readdirSync(join(repo, "docs/runbooks")).filter((f) => f.endsWith(".md")).map((f) => join(repo, "docs/runbooks", f))];
  const problems = [];
  for (const file of sources) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\[(\d+[smhdwy](?:\d+[smhdwy])*)(?::[^\]]*)?\]|offset\s+(\d+[smhdwy])/g)) {
      const range = seconds(m[1] ?? m[2]);
      if (range > retention) problems.push(`${file.slice(repo.length + 1)} queries ${m[0]} but retention is ${values.prometheus?.prometheusSpec?.retention ?? "15d (default)"}`);
    }
  }
  report("Prometheus retention covers every range a rule or runbook query uses", problems);
}

// ---------------------------------------------------------------- Alertmanager
{
  const config = values.alertmanager?.config ?? {};
  const secrets = values.alertmanager?.alertmanagerSpec?.secrets ?? [];
  const receivers = Object.fromEntries((config.receivers ?? []).map((r) => [r.name, r]));
  const problems = [];
  const routes = [];
  const walk = (route) => { routes.push(route); for (const r of route.routes ?? []) walk(r); };
  if (config.route) walk(config.route); else problems.push("no route");
  for (const r of routes) if (r.receiver && !receivers[r.receiver]) problems.push(`route to unknown receiver ${r.receiver}`);
  for (const [name, r] of Object.entries(receivers)) {
    const integrations = Object.entries(r).filter(([k, v]) => k.endsWith("_configs") && Array.isArray(v) && v.length).flatMap(([, v]) => v);
    if (!integrations.length) { problems.push(`receiver ${name} has no integration (alerts sent there go nowhere)`); continue; }
    for (const i of integrations) {
      const files = Object.entries(i).filter(([k]) => k.endsWith("_file")).map(([, v]) => v);
      const inline = Object.keys(i).filter((k) => ["api_url", "routing_key", "service_key", "url"].includes(k));
      if (inline.length) problems.push(`receiver ${name} has its credential inline (${inline.join(", ")})`);
      if (!files.length && !inline.length) problems.push(`receiver ${name} has no credential`);
      for (const f of files) {
        const secret = f.match(/^\/etc\/alertmanager\/secrets\/([^/]+)\//)?.[1];
        if (!secret || !secrets.includes(secret)) problems.push(`receiver ${name} reads ${f}, which no alertmanagerSpec.secrets entry mounts`);
      }
    }
  }
  // Where does an alert with these labels go? (first matching child, continue honoured)
  const matchers = (route) => (route.matchers ?? []).map((m) => m.match(/^(\w+)\s*(=~|=)\s*"(.*)"$/)).filter(Boolean);
  const matchesRoute = (route, labels) => matchers(route).every(([, k, op, v]) => op === "=" ? labels[k] === v : new RegExp(`^(?:${v})$`).test(labels[k] ?? ""));
  const destinations = (route, labels) => {
    const out = [];
    for (const child of route.routes ?? []) {
      if (!matchesRoute(child, labels)) continue;
      out.push(...destinations(child, labels));
      if (!child.continue) return out;
    }
    return out.length ? out : [route.receiver];
  };
  if (config.route) {
    const critical = destinations(config.route, { alertname: "StoreServiceDown", severity: "critical" });
    if (!critical.some((r) => receivers[r]?.pagerduty_configs?.length || receivers[r]?.opsgenie_configs?.length)) {
      problems.push(`critical alerts go to ${critical.join(", ")}, no pager`);
    }
    const watchdog = destinations(config.route, { alertname: "StorePlatformWatchdog", severity: "none" });
    if (watchdog.length !== 1 || !receivers[watchdog[0]]?.webhook_configs?.length) {
      problems.push(`the Watchdog goes to ${watchdog.join(", ")}, not to a dead man's switch webhook alone`);
    }
  }
  report("Alertmanager: receivers with integrations from mounted Secrets, critical to the pager, Watchdog to the dead man's switch", problems);
}
process.exit(failed ? 1 : 0);
