// Cross-file consistency of a real install, read from the rendered chart:
//   env        every environment variable (and config-file key) the chart gives store-service is a
//              configuration key the service knows (`store-service config keys`);
//   vault      every Vault path the service and its agent use under that configuration is granted
//              by deploy/infra/vault/*.hcl, through the auth role configure.sh creates, and
//              docs/vault.md describes the same layout;
//   tls        every PostgreSQL URL asking for TLS (sslmode=require/verify-*) meets a database with
//              TLS on (a CloudNativePG Cluster of deploy/infra/postgresql/, TLS always on, plain
//              text rejected), verify-* URLs name their CA file;
//   files      every file a container is told to read (…_FILE, VAULT_CACERT, --config,
//              sslrootcert) is mounted into that container;
//   network    the NetworkPolicies let through the kubelet probes, the Prometheus scrape, the
//              migration Job (to PostgreSQL and Vault) and the `helm test` pod;
//   budget     both blue-green colours at their HPA maximum (staging: one release plus its surge)
//              plus the migration Job fit max_connections, which is set cluster-wide (identical
//              on every instance).
//   extensions every extension a migration creates (server/migrations/postgres) is created at
//              bootstrap by every CloudNativePG Cluster (spec.bootstrap.initdb.postInitApplicationSQL,
//              run as the superuser), so the migration needs no CREATE on the database.
//   proxy      behind the Ingress the service believes the ingress controller's X-Forwarded-For
//              (TRUSTED_PROXIES set to CIDRs, never everything), so clients are told apart.
// Usage: node crossfile.mjs --keys KEYS.txt --production BLUE.yaml,ROUTER.yaml --staging STAGING.yaml
//          [--vault-dir DIR] [--clusters DIR] [--only NAME,...]
// Prints PASS/FAIL per check; exit 1 on failure.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

import { granted, readConfigure, readPolicies } from "./vault-policy.mjs";

const deploy = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(deploy, "..");
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const vaultDir = args["vault-dir"] ?? join(deploy, "infra/vault");
const clustersDir = args.clusters ?? join(deploy, "infra/postgresql");
const only = args.only ? new Set(args.only.split(",")) : null;
const load = (files) => files.split(",").flatMap((f) => parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS()).filter(Boolean));
const production = load(args.production);
const staging = args.staging ? load(args.staging) : [];
const NAMESPACE = { production: "store-platform", staging: "store-platform-staging" };

let failed = 0;
const report = (group, name, problems) => {
  if (only && !only.has(group)) return;
  if (problems.length) { failed++; console.log(`FAIL ${group}: ${name}: ${problems.join("; ")}`); }
  else console.log(`PASS ${group}: ${name}`);
};

// ---------------------------------------------------------------- helpers
const SERVICE_CONTAINERS = new Set(["store-service", "store-migrate"]);
const podsOf = (objs) => objs.filter((o) => ["Deployment", "Job", "Pod"].includes(o.kind)).map((o) => {
  const tpl = o.kind === "Pod" ? o : o.spec.template;
  return { owner: `${o.kind}/${o.metadata.name}`, kind: o.kind, labels: tpl.metadata?.labels ?? {},
    annotations: tpl.metadata?.annotations ?? {}, spec: tpl.spec };
});
const serviceContainers = (objs) => podsOf(objs).flatMap((pod) =>
  pod.spec.containers.filter((c) => SERVICE_CONTAINERS.has(c.name)).map((c) => ({ pod, c })));
const configMaps = (objs) => Object.fromEntries(objs.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}]));
// The environment a container sees: envFrom ConfigMaps, then env (values; secret refs as null).
function environment(objs, c) {
  const env = {};
  const cms = configMaps(objs);
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, cms[from.configMapRef.name] ?? {});
  }
  for (const e of c.env ?? []) env[e.name] = e.value ?? (e.valueFrom ? null : "");
  return env;
}
const isEnvName = (k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k);
const agentInjected = (pod) => pod.annotations["vault.hashicorp.com/agent-inject"] === "true";
const matches = (selector, labels) => {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
};
// The labels Kubernetes gives a namespace, plus ours (deploy/infra/namespaces.yaml).
const namespaceLabels = Object.fromEntries(parseAllDocuments(readFileSync(join(deploy, "infra/namespaces.yaml"), "utf8"))
  .map((d) => d.toJS()).filter(Boolean)
  .map((n) => [n.metadata.name, { "kubernetes.io/metadata.name": n.metadata.name, ...(n.metadata.labels ?? {}) }]));
for (const ns of ["ingress-nginx", "cert-manager"]) namespaceLabels[ns] ??= { "kubernetes.io/metadata.name": ns };

// ---------------------------------------------------------------- env: known configuration keys
const keyLines = readFileSync(args.keys, "utf8").trim().split("\n").map((l) => l.split("\t"));
const knownEnv = new Set(keyLines.map(([, env]) => env));
const knownPaths = new Set(keyLines.map(([path]) => path));
if (knownEnv.size < 20) {
  console.log(`FAIL env: ${args.keys} lists only ${knownEnv.size} keys (is it \`store-service config keys\`?)`);
  process.exit(1);
}
function flatten(node, prefix, out) {
  if (node && typeof node === "object" && !Array.isArray(node) &&
      !(prefix.endsWith("default_vlans") || prefix.endsWith("inject_failures"))) {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.push(prefix);
  return out;
}
for (const [envName, objs] of [["production", production], ["staging", staging]]) {
  if (!objs.length) continue;
  const problems = [];
  for (const { pod, c } of serviceContainers(objs)) {
    for (const name of Object.keys(environment(objs, c))) {
      if (isEnvName(name) && !knownEnv.has(name)) problems.push(`${pod.owner}/${c.name}: ${name} is no configuration key`);
    }
    const configArg = (c.args ?? []).find((a) => a.startsWith("--config="));
    if (configArg) {
      const cm = Object.values(configMaps(objs)).find((d) => d["config.yaml"] !== undefined);
      for (const key of flatten(parse(cm?.["config.yaml"] ?? "") ?? {}, "", [])) {
        if (!knownPaths.has(key)) problems.push(`${pod.owner}/${c.name}: config.yaml key ${key} is unknown`);
      }
    }
  }
  report("env", `${envName}: every variable and config-file key the chart sets is a service configuration key`, problems);
}

// ---------------------------------------------------------------- vault
const defaultYaml = parse(readFileSync(join(repo, "config/defaults.yaml"), "utf8"));
const policies = readPolicies(vaultDir);
const { mounts, policyFiles: writtenPolicies, roles } = readConfigure(vaultDir);
const vaultPods = podsOf(production).filter((pod) => (agentInjected(pod) || pod.spec.containers.some((c) => SERVICE_CONTAINERS.has(c.name) && environment(production, c).VAULT_ADDR)));
const vaultDocs = readFileSync(join(repo, "docs/vault.md"), "utf8");
for (const pod of vaultPods) {
  const problems = [];
  const needs = []; // [path, capability, who]
  const roleName = pod.annotations["vault.hashicorp.com/role"];
  let loginRole = roleName;
  if (agentInjected(pod)) {
    for (const [k, v] of Object.entries(pod.annotations)) {
      const secret = k.match(/^vault\.hashicorp\.com\/agent-inject-secret-(.+)$/);
      if (secret) needs.push([v, "read", `agent ${secret[1]}`]);
      const tpl = k.match(/^vault\.hashicorp\.com\/agent-inject-template-(.+)$/);
      if (tpl) for (const m of v.matchAll(/secret\s+"([^"]+)"/g)) needs.push([m[1], "read", `agent template ${tpl[1]}`]);
    }
  }
  for (const c of pod.spec.containers.filter((x) => SERVICE_CONTAINERS.has(x.name))) {
    const env = environment(production, c);
    if (!env.VAULT_ADDR) continue;
    const mount = env.VAULT_KV_MOUNT ?? defaultYaml.vault.kv_mount;
    const own = env.VAULT_SERVICE_SECRETS_PATH ?? defaultYaml.vault.service_secrets_path;
    if (own) needs.push([`${mount}/data/${own}`, "read", "service secrets (VAULT_SERVICE_SECRETS_PATH)"]);
    // The SecretStore port: version 1 at stores/<id>/credentials, later ones (rotations) at
    // stores/<id>/credentials/v<N> (server/src/domain/credentials.cpp, CredentialVersionPath).
    for (const version of ["", "/v2"]) {
      for (const cap of ["create", "update", "read"]) needs.push([`${mount}/data/stores/S-0001/credentials${version}`, cap, "per-store credentials"]);
      needs.push([`${mount}/metadata/stores/S-0001/credentials${version}`, "delete", "per-store credentials"]);
    }
    needs.push(["auth/token/renew-self", "update", "token renewal"]);
    if (!mounts.includes(mount)) problems.push(`configure.sh enables no KV v2 mount ${mount} (it enables: ${mounts.join(", ") || "none"})`);
    if (env.VAULT_K8S_ROLE) loginRole = env.VAULT_K8S_ROLE;
    if (roleName && env.VAULT_K8S_ROLE && roleName !== env.VAULT_K8S_ROLE) problems.push(`agent role ${roleName} != VAULT_K8S_ROLE ${env.VAULT_K8S_ROLE}`);
  }
  const role = roles[loginRole];
  if (!role) { problems.push(`configure.sh creates no Kubernetes auth role ${loginRole}`); report("vault", pod.owner, problems); continue; }
  const sa = pod.spec.serviceAccountName;
  if (!role.sas.includes(sa)) problems.push(`role ${loginRole} does not bind ServiceAccount ${sa}`);
  if (!role.namespaces.includes(NAMESPACE.production)) problems.push(`role ${loginRole} does not bind namespace ${NAMESPACE.production}`);
  const rules = role.policies.flatMap((p) => {
    if (!writtenPolicies[p]) problems.push(`role ${loginRole} attaches policy ${p}, which configure.sh never writes`);
    const file = writtenPolicies[p]?.split("/").pop();
    return policies[file?.replace(/-policy\.hcl$|\.hcl$/, "")] ?? [];
  });
  for (const [path, cap, who] of needs) {
    if (!granted(rules, path, cap)) problems.push(`${who}: ${cap} ${path} is not granted`);
  }
  for (const r of rules) {
    const shown = r.glob.replace(/\+/g, "<id>");
    if (r.glob.startsWith("auth/") || r.glob.startsWith("sys/")) continue;
    if (!vaultDocs.includes(r.glob) && !vaultDocs.includes(shown)) problems.push(`docs/vault.md does not describe ${r.glob}`);
  }
  report("vault", `${pod.owner}: every path it reads or writes is granted by the policy of its role`, problems);
}

// ---------------------------------------------------------------- tls and files
const clusters = readdirSync(clustersDir).filter((f) => /\.ya?ml$/.test(f)).flatMap((f) =>
  parseAllDocuments(readFileSync(join(clustersDir, f), "utf8")).map((d) => d.toJS()).filter((o) => o?.kind === "Cluster"));
// Template expressions ({{ .Data.password }}) stand for one word.
const postgresUrls = (text) => [...(text ?? "").replace(/\{\{[^}]*\}\}/g, "x").matchAll(/postgres(?:ql)?:\/\/[^\s"',]+/g)].map((m) => m[0]);
function tlsProblems(url, namespace, where) {
  const u = new URL(url);
  const mode = u.searchParams.get("sslmode") ?? "prefer";
  if (!["require", "verify-ca", "verify-full"].includes(mode)) return [];
  const out = [];
  const [host, ns = namespace] = u.hostname.split(".");
  const cluster = clusters.find((c) => (c.metadata.namespace ?? namespace) === ns &&
    ["rw", "ro", "r"].some((s) => host === `${c.metadata.name}-${s}`));
  if (!cluster) out.push(`${where}: ${u.hostname} (sslmode=${mode}) is no CloudNativePG Service with TLS in deploy/infra/postgresql`);
  else if (!(cluster.spec.postgresql?.pg_hba ?? []).some((l) => /^hostnossl\s+all\s+all\s+\S+\s+reject/.test(l))) {
    out.push(`${where}: cluster ${ns}/${cluster.metadata.name} still accepts plain-text connections`);
  }
  if (mode.startsWith("verify") && !u.searchParams.get("sslrootcert")) out.push(`${where}: sslmode=${mode} without sslrootcert`);
  return out;
}
function mountedIn(pod, c, file) {
  if (c.volumeMounts?.some((m) => file === m.mountPath || file.startsWith(m.mountPath.replace(/\/?$/, "/")))) return true;
  // The injector mounts its secrets volume (/vault/secrets) into every container, its TLS secret
  // (/vault/tls) only into its own agent containers.
  return agentInjected(pod) && file.startsWith("/vault/secrets/");
}
for (const [envName, objs] of [["production", production], ["staging", staging]]) {
  if (!objs.length) continue;
  const tls = [];
  const files = [];
  for (const { pod, c } of serviceContainers(objs)) {
    const env = environment(objs, c);
    const where = `${pod.owner}/${c.name}`;
    const urls = [];
    for (const [k, v] of Object.entries(env)) urls.push(...postgresUrls(v).map((u) => [u, k]));
    for (const [k, v] of Object.entries(pod.annotations)) {
      if (k.startsWith("vault.hashicorp.com/agent-inject-template-")) urls.push(...postgresUrls(v).map((u) => [u, k]));
    }
    for (const [url, k] of urls) {
      tls.push(...tlsProblems(url, NAMESPACE[envName], `${where} ${k}`));
      const ca = new URL(url).searchParams.get("sslrootcert");
      if (ca && !mountedIn(pod, c, ca)) files.push(`${where}: ${k} sslrootcert ${ca} is not mounted`);
    }
    const told = Object.entries(env).filter(([k, v]) => v && (k.endsWith("_FILE") || k === "VAULT_CACERT" || k === "VAULT_K8S_TOKEN_PATH"));
    for (const a of c.args ?? []) if (a.startsWith("--config=")) told.push(["--config", a.slice(9)]);
    for (const [k, file] of told) if (!mountedIn(pod, c, file)) files.push(`${where}: ${k}=${file} is not mounted into this container`);
    if (env.VAULT_ADDR && env.VAULT_K8S_ROLE && pod.spec.automountServiceAccountToken === false) {
      files.push(`${where}: Kubernetes auth needs the service-account token, but automountServiceAccountToken is false`);
    }
  }
  // Credentials not rendered by the chart: Vault's database engine and staging's Secret.
  if (envName === "production") {
    const configure = readFileSync(join(vaultDir, "configure.sh"), "utf8").replace(/\$\{pg_host\}/g, "store-platform-db-rw.store-data.svc");
    for (const url of postgresUrls(configure)) tls.push(...tlsProblems(url.replace(/\$\{[^}]*\}/g, "/ca.crt"), "store-data", "configure.sh connection_url"));
  } else {
    const install = readFileSync(join(deploy, "infra/install.sh"), "utf8");
    for (const url of postgresUrls(install)) tls.push(...tlsProblems(url.replace(/\$\{[^}]*\}/g, "x"), "store-data-staging", "install.sh staging database-url"));
  }
  report("tls", `${envName}: every sslmode that requires TLS meets a database with TLS on`, tls);
  report("files", `${envName}: every file a container is told to read is mounted into it`, files);
}

// ---------------------------------------------------------------- network
function allowedIn(policies, podLabels, ns, port, peer) { // peer: {ns, labels}
  const selecting = policies.filter((p) => matches(p.spec.podSelector, podLabels) && (p.spec.policyTypes ?? ["Ingress"]).includes("Ingress"));
  if (!selecting.length) return true;
  return selecting.some((p) => (p.spec.ingress ?? []).some((rule) =>
    (!rule.ports || rule.ports.some((pp) => pp.port === port)) &&
    (!rule.from || rule.from.some((f) => {
      if (f.ipBlock) return false;
      const nsOk = f.namespaceSelector ? matches(f.namespaceSelector, namespaceLabels[peer.ns] ?? { "kubernetes.io/metadata.name": peer.ns }) : peer.ns === ns;
      return nsOk && (!f.podSelector || matches(f.podSelector, peer.labels));
    }))));
}
function allowedOut(policies, podLabels, port, to) { // to: {ns, labels} or null (any)
  const selecting = policies.filter((p) => matches(p.spec.podSelector, podLabels) && (p.spec.policyTypes ?? []).includes("Egress"));
  if (!selecting.length) return true;
  return selecting.some((p) => (p.spec.egress ?? []).some((rule) =>
    (!rule.ports || rule.ports.some((pp) => pp.port === port)) &&
    (!rule.to || rule.to.some((t) => !t.ipBlock && (!t.namespaceSelector || (to && matches(t.namespaceSelector, namespaceLabels[to.ns] ?? {}))) &&
      (!t.podSelector || (to && matches(t.podSelector, to.labels)))))));
}
{
  const all = production;
  const nps = all.filter((o) => o.kind === "NetworkPolicy");
  const problems = [];
  const ns = NAMESPACE.production;
  const api = podsOf(all).filter((p) => p.kind === "Deployment" && p.labels["app.kubernetes.io/component"] === "api");
  if (!api.length) problems.push("no API Deployment rendered");
  const portOf = (c, p) => (typeof p === "number" ? p : c.ports?.find((x) => x.name === p)?.containerPort);
  for (const pod of api) {
    const c = pod.spec.containers.find((x) => x.name === "store-service");
    // Probes: the kubelet runs on the pod's node, whose traffic NetworkPolicy always allows; the
    // probe must name a port the container declares.
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const port = c[probe]?.httpGet?.port;
      if (portOf(c, port) === undefined) problems.push(`${pod.owner} ${probe} targets undeclared port ${port}`);
    }
    // Prometheus: ServiceMonitor -> Service port -> container port, from the monitoring namespace.
    for (const sm of all.filter((o) => o.kind === "ServiceMonitor")) {
      const services = all.filter((o) => o.kind === "Service" && matches(sm.spec.selector, o.metadata.labels ?? {}) && matches({ matchLabels: o.spec.selector }, pod.labels));
      if (!services.length) problems.push(`ServiceMonitor ${sm.metadata.name} selects no Service of ${pod.owner}`);
      for (const ep of sm.spec.endpoints) {
        for (const svc of services) {
          const sp = svc.spec.ports.find((p) => p.name === ep.port);
          const port = sp && portOf(c, sp.targetPort ?? sp.port);
          if (port === undefined) problems.push(`ServiceMonitor port ${ep.port} resolves to no container port on ${svc.metadata.name}`);
          else if (!allowedIn(nps, pod.labels, ns, port, { ns: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } })) {
            problems.push(`the Prometheus scrape (namespace monitoring) of ${pod.owner}:${port} is blocked`);
          }
        }
      }
    }
    // helm test: the test pod calls the API's Service.
    for (const t of podsOf(all).filter((p) => p.kind === "Pod" && p.annotations["helm.sh/hook"] === "test")) {
      if (!allowedIn(nps, pod.labels, ns, portOf(c, "http"), { ns, labels: t.labels })) problems.push(`helm test pod ${t.owner} cannot reach ${pod.owner}`);
    }
    if (!allowedIn(nps, pod.labels, ns, portOf(c, "http"), { ns: "ingress-nginx", labels: {} })) problems.push(`the ingress controller cannot reach ${pod.owner}`);
  }
  if (!all.some((o) => o.kind === "ServiceMonitor")) problems.push("no ServiceMonitor rendered");
  if (!podsOf(all).some((p) => p.kind === "Pod" && p.annotations["helm.sh/hook"] === "test")) problems.push("no helm test pod rendered");
  // The migration Job: out to PostgreSQL (store-data) and, with the agent, to Vault.
  for (const job of podsOf(all).filter((p) => p.kind === "Job")) {
    if (!allowedOut(nps, job.labels, 5432, { ns: "store-data", labels: { "cnpg.io/cluster": "store-platform-db" } })) problems.push(`${job.owner} cannot reach PostgreSQL`);
    if (agentInjected(job) && !allowedOut(nps, job.labels, 8200, { ns: "vault", labels: { "app.kubernetes.io/name": "vault" } })) problems.push(`${job.owner} cannot reach Vault`);
    // ...and PostgreSQL lets it in.
    const dbPolicies = readdirSync(clustersDir).flatMap((f) => parseAllDocuments(readFileSync(join(clustersDir, f), "utf8")).map((d) => d.toJS()))
      .filter((o) => o?.kind === "NetworkPolicy" && (o.metadata.namespace ?? "") === "store-data");
    if (!allowedIn(dbPolicies, { "cnpg.io/cluster": "store-platform-db" }, "store-data", 5432, { ns, labels: job.labels })) problems.push(`store-data's NetworkPolicy blocks ${job.owner}`);
  }
  report("network", "production: probes, the Prometheus scrape, the migration Job and helm test get through", problems);
}

// ---------------------------------------------------------------- proxy: client addresses behind the Ingress
for (const [envName, objs] of [["production", production], ["staging", staging]]) {
  if (!objs.some((o) => o.kind === "Ingress")) continue;
  const problems = [];
  for (const { pod, c } of serviceContainers(objs).filter(({ pod }) => pod.kind === "Deployment")) {
    const cidrs = (environment(objs, c).TRUSTED_PROXIES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!cidrs.length) {
      problems.push(`${pod.owner}/${c.name}: TRUSTED_PROXIES is empty behind the Ingress (every client would be the ingress controller: one rate-limit bucket and one login throttle for everyone)`);
    }
    for (const cidr of cidrs) {
      if (!/^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(cidr)) problems.push(`${pod.owner}/${c.name}: TRUSTED_PROXIES entry ${cidr} is not a CIDR`);
      if (/^(0\.0\.0\.0|::)\/0$/.test(cidr)) problems.push(`${pod.owner}/${c.name}: TRUSTED_PROXIES ${cidr} trusts everyone (any client could forge its address)`);
    }
  }
  report("proxy", `${envName}: behind the Ingress the service trusts the ingress controller's X-Forwarded-For (TRUSTED_PROXIES)`, problems);
}

// ---------------------------------------------------------------- extensions: made at bootstrap
{
  const migrations = join(repo, "server/migrations/postgres");
  const createsExtension = /CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z0-9_]+)"?/gi;
  const wanted = readdirSync(migrations).filter((f) => f.endsWith(".sql")).flatMap((f) =>
    [...readFileSync(join(migrations, f), "utf8").replace(/--[^\n]*/g, "").matchAll(createsExtension)].map((m) => [m[1].toLowerCase(), f]));
  const problems = [];
  if (!clusters.length) problems.push(`no CloudNativePG Cluster in ${clustersDir}`);
  for (const cluster of clusters) {
    const bootstrap = (cluster.spec.bootstrap?.initdb?.postInitApplicationSQL ?? []).flatMap((sql) =>
      [...sql.matchAll(createsExtension)].map((m) => m[1].toLowerCase()));
    for (const [extension, file] of wanted) {
      if (!bootstrap.includes(extension)) {
        problems.push(`${cluster.metadata.namespace}/${cluster.metadata.name}: ${file} creates extension ${extension}, bootstrap.initdb.postInitApplicationSQL does not`);
      }
    }
  }
  if (!wanted.length) problems.push(`no CREATE EXTENSION found in ${migrations} (has the layout changed?)`);
  report("extensions", "every extension a migration creates is created at the clusters' bootstrap", problems);
}

// ---------------------------------------------------------------- connection budget
const RESERVED = 20; // superuser_reserved_connections, the operator, Vault's database engine, monitoring
for (const [envName, objs, colours, clusterNs] of [["production", production, 2, "store-data"], ["staging", staging, 1, "store-data-staging"]]) {
  if (!objs.length) continue;
  const problems = [];
  const cluster = clusters.find((c) => c.metadata.namespace === clusterNs);
  const maxConn = Number(cluster?.spec?.postgresql?.parameters?.max_connections);
  if (!cluster) problems.push(`no Cluster in namespace ${clusterNs}`);
  else if (!maxConn) problems.push(`${clusterNs}/${cluster.metadata.name}: max_connections is not set in spec.postgresql.parameters (the same value on every instance)`);
  const dep = objs.find((o) => o.kind === "Deployment" && o.spec.template.metadata.labels["app.kubernetes.io/component"] === "api");
  const hpa = objs.find((o) => o.kind === "HorizontalPodAutoscaler");
  const c = dep?.spec.template.spec.containers.find((x) => x.name === "store-service");
  const pool = Number(c && environment(objs, c).DATABASE_POOL_SIZE);
  const job = podsOf(objs).find((p) => p.kind === "Job");
  const migration = Number(job && environment(objs, job.spec.containers[0]).DATABASE_POOL_SIZE);
  const maxPods = hpa ? hpa.spec.maxReplicas : dep?.spec.replicas;
  const surge = colours === 1 ? Number(dep?.spec.strategy?.rollingUpdate?.maxSurge ?? 1) : 0;
  if (!pool || !maxPods || !migration) problems.push(`cannot read pool size (${pool}), HPA maximum (${maxPods}) or the migration pool (${migration})`);
  const need = colours * (maxPods + surge) * pool + migration + RESERVED;
  if (maxConn && need > maxConn) {
    problems.push(`${colours} x (${maxPods}${surge ? ` + ${surge}` : ""}) pods x pool ${pool} + migration ${migration} + reserved ${RESERVED} = ${need} > max_connections ${maxConn}`);
  }
  report("budget", `${envName}: ${colours === 2 ? "both colours at their HPA maximum" : "the release at its HPA maximum plus surge"} fit max_connections`, problems);
}
process.exit(failed ? 1 : 0);
