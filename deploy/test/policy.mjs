// Policy tests on rendered manifests: what a reviewer would otherwise check by eye.
//
// Usage: node policy.mjs ENV=FILE[,FILE...] ...   (ENV: default, staging, production, ...)
// Prints one "PASS name" or "FAIL name: why" line per check; exit 1 if any check failed.
import { readFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) console.log(`PASS ${name}`);
  else { failed++; console.log(`FAIL ${name}: ${problems.slice(0, 8).join("; ")}${problems.length > 8 ? ` (+${problems.length - 8} more)` : ""}`); }
}
function load(files) {
  return files.flatMap((f) => parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS()).filter(Boolean));
}
function podSpecOf(o) {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}
function podMetaOf(o) { return o.kind === "Pod" ? o.metadata : o.spec?.template?.metadata; }
const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"];

function checks(env, objs) {
  const workloads = objs.filter((o) => WORKLOADS.includes(o.kind));
  const containersOf = (o) => {
    const s = podSpecOf(o) ?? {};
    return [...(s.initContainers ?? []), ...(s.containers ?? [])].map((c) => ({ c, o, s }));
  };
  const all = workloads.flatMap(containersOf);
  const where = ({ c, o }) => `${o.kind}/${o.metadata.name}/${c.name}`;

  report(`${env}: renders workloads`, workloads.length || objs.length ? [] : ["nothing rendered"]);

  report(`${env}: every container has cpu/memory requests and limits`, all.flatMap((x) => {
    const r = x.c.resources ?? {};
    return ["requests", "limits"].flatMap((k) => ["cpu", "memory"].filter((res) => !r[k]?.[res]).map((res) => `${where(x)} lacks ${k}.${res}`));
  }));

  report(`${env}: every Deployment container has startup, liveness and readiness probes`, all
    .filter(({ o }) => o.kind === "Deployment")
    .flatMap((x) => ["startupProbe", "livenessProbe", "readinessProbe"].filter((p) => !x.c[p]).map((p) => `${where(x)} lacks ${p}`)));

  report(`${env}: every container runs as non-root, read-only, no privilege escalation, drops ALL`, all.flatMap((x) => {
    const sc = x.c.securityContext ?? {}, psc = x.s.securityContext ?? {};
    const p = [];
    if (!(sc.runAsNonRoot ?? psc.runAsNonRoot)) p.push(`${where(x)} may run as root`);
    if ((sc.runAsUser ?? psc.runAsUser) === 0) p.push(`${where(x)} runAsUser 0`);
    if (sc.allowPrivilegeEscalation !== false) p.push(`${where(x)} allows privilege escalation`);
    if (sc.readOnlyRootFilesystem !== true) p.push(`${where(x)} has a writable root filesystem`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) p.push(`${where(x)} keeps capabilities`);
    if ((sc.seccompProfile ?? psc.seccompProfile)?.type !== "RuntimeDefault") p.push(`${where(x)} has no RuntimeDefault seccomp`);
    return p;
  }));

  report(`${env}: images are pinned (tag or digest, never latest)`, all.flatMap((x) => {
    const img = x.c.image ?? "";
    const last = img.split("/").pop();
    if (img.includes("@sha256:")) return [];
    if (!last.includes(":")) return [`${where(x)} image ${img} has no tag`];
    if (last.endsWith(":latest")) return [`${where(x)} uses ${img}`];
    return [];
  }));

  // Autoscaled Deployments: the HPA floor must leave one pod to evict above the PDB floor,
  // otherwise a node drain blocks forever.
  const hpas = objs.filter((o) => o.kind === "HorizontalPodAutoscaler");
  const pdbs = objs.filter((o) => o.kind === "PodDisruptionBudget");
  const deploys = objs.filter((o) => o.kind === "Deployment");
  const matches = (sel, labels) => Object.entries(sel?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
  report(`${env}: HPA minReplicas >= PDB minAvailable + 1`, hpas.flatMap((h) => {
    const d = deploys.find((x) => x.metadata.name === h.spec.scaleTargetRef.name);
    if (!d) return [`HPA ${h.metadata.name} targets missing Deployment ${h.spec.scaleTargetRef.name}`];
    return pdbs.filter((p) => matches(p.spec.selector, d.spec.template.metadata.labels))
      .filter((p) => typeof p.spec.minAvailable === "number" && h.spec.minReplicas < p.spec.minAvailable + 1)
      .map((p) => `HPA ${h.metadata.name} min ${h.spec.minReplicas} vs PDB ${p.metadata.name} minAvailable ${p.spec.minAvailable}`);
  }));
  report(`${env}: fixed-size Deployments keep replicas >= PDB minAvailable + 1`, deploys
    .filter((d) => !hpas.some((h) => h.spec.scaleTargetRef.name === d.metadata.name))
    .flatMap((d) => pdbs.filter((p) => matches(p.spec.selector, d.spec.template.metadata.labels))
      .filter((p) => (d.spec.replicas ?? 1) < p.spec.minAvailable + 1)
      .map((p) => `${d.metadata.name} replicas ${d.spec.replicas} vs PDB minAvailable ${p.spec.minAvailable}`)));

  report(`${env}: every Ingress has TLS for all its hosts via cert-manager`, objs.filter((o) => o.kind === "Ingress").flatMap((i) => {
    const tlsHosts = (i.spec.tls ?? []).flatMap((t) => t.hosts ?? []);
    const p = (i.spec.rules ?? []).filter((r) => !tlsHosts.includes(r.host)).map((r) => `${i.metadata.name}: host ${r.host} without TLS`);
    if (!(i.spec.tls ?? []).length) p.push(`${i.metadata.name} has no tls`);
    if (!i.metadata.annotations?.["cert-manager.io/cluster-issuer"] && !i.metadata.annotations?.["cert-manager.io/issuer"]) p.push(`${i.metadata.name} has no cert-manager issuer`);
    return p;
  }));

  report(`${env}: Services select pods that some workload renders`, objs.filter((o) => o.kind === "Service" && !o.metadata.annotations?.["store-platform/active-colour"]).flatMap((s) =>
    deploys.some((d) => Object.entries(s.spec.selector ?? {}).every(([k, v]) => d.spec.template.metadata.labels?.[k] === v)) ? [] : [`${s.metadata.name} selects nothing`]));

  report(`${env}: no Secret carries credentials when Vault is on`, (() => {
    const vault = workloads.some((o) => podMetaOf(o)?.annotations?.["vault.hashicorp.com/agent-inject"] === "true");
    if (!vault) return [];
    return objs.filter((o) => o.kind === "Secret").map((s) => `Secret ${s.metadata.name} rendered although Vault is on`);
  })());

  if (env.startsWith("production")) {
    const api = deploys.filter((d) => d.metadata.labels?.["app.kubernetes.io/component"] === "api");
    const hasApi = api.length > 0;
    report(`${env}: Vault Agent injects credentials into the API pods and the migration Job`, hasApi ? [...api, ...workloads.filter((o) => o.kind === "Job")].flatMap((o) => {
      const a = podMetaOf(o)?.annotations ?? {};
      const p = [];
      if (a["vault.hashicorp.com/agent-inject"] !== "true") p.push(`${o.kind}/${o.metadata.name} without Vault Agent`);
      if (!a["vault.hashicorp.com/agent-inject-template-database-url"]) p.push(`${o.kind}/${o.metadata.name} without database-url template`);
      const env = (podSpecOf(o).containers ?? []).flatMap((c) => c.env ?? []);
      if (env.some((e) => e.name === "DATABASE_URL")) p.push(`${o.kind}/${o.metadata.name} still reads DATABASE_URL from a Secret`);
      if (!env.some((e) => e.name === "DATABASE_URL_FILE")) p.push(`${o.kind}/${o.metadata.name} lacks DATABASE_URL_FILE`);
      return p;
    }) : []);
    report(`${env}: at least 3 API replicas`, hasApi ? api.flatMap((d) => {
      const h = hpas.find((x) => x.spec.scaleTargetRef.name === d.metadata.name);
      const min = h ? h.spec.minReplicas : d.spec.replicas ?? 1;
      return min >= 3 ? [] : [`${d.metadata.name} runs ${min}`];
    }) : []);
  }
}

const envs = process.argv.slice(2).map((a) => { const [env, files] = a.split("="); return { env, files: files.split(",") }; });
if (!envs.length) { console.error("usage: node policy.mjs ENV=FILE[,FILE] ..."); process.exit(2); }
for (const { env, files } of envs) checks(env, load(files));

// Rules and dashboard: runbooks exist, and only metrics listed in metrics-referenced.txt are used.
const rules = parseAllDocuments(readFileSync(resolve(repo, "deploy/prometheus/rules.yaml"), "utf8"))[0].toJS();
const alerts = rules.groups.flatMap((g) => g.rules).filter((r) => r.alert);
report("alerts: each has severity, summary and a runbook_url whose docs/runbooks/<alert>.md exists", alerts.flatMap((a) => {
  const p = [];
  if (!a.labels?.severity) p.push(`${a.alert} has no severity`);
  if (!a.annotations?.summary) p.push(`${a.alert} has no summary`);
  const url = a.annotations?.runbook_url ?? "";
  if (!url.endsWith(`/docs/runbooks/${a.alert}.md`)) p.push(`${a.alert} runbook_url ${url}`);
  if (!existsSync(resolve(repo, `docs/runbooks/${a.alert}.md`))) p.push(`docs/runbooks/${a.alert}.md missing`);
  return p;
}));
const tests = parseAllDocuments(readFileSync(resolve(repo, "deploy/prometheus/rules.test.yaml"), "utf8"))[0].toJS();
const tested = new Set(tests.tests.flatMap((t) => (t.alert_rule_test ?? []).filter((c) => (c.exp_alerts ?? []).length).map((c) => c.alertname)));
report("alerts: each has a promtool test case that makes it fire", alerts.filter((a) => !tested.has(a.alert)).map((a) => `${a.alert} never fires in rules.test.yaml`));

const listed = new Set(readFileSync(resolve(repo, "deploy/metrics-referenced.txt"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")));
// Not from store-service: kube-state-metrics, and the scrape health Prometheus records itself.
const external = new Set(["kube_pod_container_status_restarts_total", "up"]);
const recorded = new Set(rules.groups.flatMap((g) => g.rules).filter((r) => r.record).map((r) => r.record));
const PROMQL_WORDS = new Set(["sum", "max", "min", "avg", "count", "rate", "irate", "increase", "histogram_quantile", "by", "without",
  "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "time", "le", "bool", "offset", "label_values", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "vector", "scalar"]);
function metricNames(expr) {
  const noStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, "{}").replace(/\[[^\]]*\]/g, "[]");
  const names = new Set();
  for (const m of noStrings.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const w = m[0];
    const after = noStrings.slice(m.index + w.length).trimStart();
    if (PROMQL_WORDS.has(w) || after.startsWith("(") && !after.startsWith("()")) continue;
    if (/^\d/.test(w)) continue;
    names.add(w);
  }
  return [...names];
}
const exprs = [
  ...rules.groups.flatMap((g) => g.rules).map((r) => ({ from: r.alert ?? r.record, expr: r.expr })),
  ...JSON.parse(readFileSync(resolve(repo, "deploy/grafana/store-platform.json"), "utf8")).panels
    .flatMap((p) => (p.targets ?? []).map((t) => ({ from: `panel "${p.title}"`, expr: t.expr }))),
];
// Labels used inside `by (...)` are filtered out by the word list above or by their position.
const labelWords = new Set(["namespace", "pod", "instance", "route", "method", "status", "state", "dependency", "kind", "result", "container", "le"]);
report("metrics: rules and dashboard use only service metrics listed in deploy/metrics-referenced.txt", exprs.flatMap(({ from, expr }) =>
  metricNames(expr).filter((n) => !labelWords.has(n) && !listed.has(n) && !external.has(n) && !recorded.has(n)).map((n) => `${from} uses ${n}`)));
const used = new Set(exprs.flatMap(({ expr }) => metricNames(expr)));
report("metrics: every listed metric is used by a rule or a dashboard panel", [...listed].filter((n) => !used.has(n)).map((n) => `${n} unused`));

process.exit(failed ? 1 : 0);
