// Validates rendered Kubernetes manifests offline.
//
// For every object in the given multi-document YAML files:
//  1. its apiVersion/kind must be served by Kubernetes 1.30 (built-in) or be one of the CRDs we
//     use (prometheus-operator, cert-manager);
//  2. it must pass the JSON schema of that kind (types, required fields, enums, formats) from
//     the npm kubernetes-models / @kubernetes-models/* packages;
//  3. it must contain no unknown field (a misspelt `readinesProbe` passes a schema without
//     additionalProperties: false, and the API server would drop it silently). The field list of
//     each type is read from the packages' TypeScript declarations.
// CloudNativePG's kinds (postgresql.cnpg.io/v1 Cluster, ScheduledBackup) have no npm model: they
// are checked against the openAPIV3Schema of the CRDs of the pinned operator version
// (test/fixtures/cloudnative-pg-*/, copied unchanged from the operator's repository) by the
// structural-schema check below — types, required, enums, patterns, bounds, int-or-string,
// anyOf, and no field the schema does not declare (the API server would prune it). The CEL
// rules (x-kubernetes-validations) are not evaluated.
//
// Usage: node validate.mjs FILE...   Prints one line per failing object; exit 1 on any failure.
import { readFileSync, existsSync } from "node:fs";
import { dirname, resolve, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = resolve(here, "..", "node_modules");

// Group/versions served by a Kubernetes 1.30 API server for the kinds a chart may use.
// (autoscaling/v2beta2, policy/v1beta1, flowcontrol v1beta2 ... were removed before 1.30.)
const K8S_130 = {
  v1: ["ConfigMap", "Secret", "Service", "ServiceAccount", "Pod", "Namespace",
       "PersistentVolumeClaim", "LimitRange", "ResourceQuota", "Endpoints"],
  "apps/v1": ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
  "batch/v1": ["Job", "CronJob"],
  "autoscaling/v2": ["HorizontalPodAutoscaler"],
  "policy/v1": ["PodDisruptionBudget"],
  "networking.k8s.io/v1": ["Ingress", "NetworkPolicy", "IngressClass"],
  "rbac.authorization.k8s.io/v1": ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
  "scheduling.k8s.io/v1": ["PriorityClass"],
};
const CRDS = {
  "monitoring.coreos.com/v1": { pkg: "@kubernetes-models/prometheus-operator",
    kinds: ["ServiceMonitor", "PodMonitor", "PrometheusRule"] },
  "cert-manager.io/v1": { pkg: "@kubernetes-models/cert-manager",
    kinds: ["Certificate", "ClusterIssuer", "Issuer"] },
};

// CRDs checked against their own openAPIV3Schema (fixtures of the pinned operator version).
const CRD_SCHEMAS = {
  "postgresql.cnpg.io/v1": { dir: "cloudnative-pg-1.27.0",
    kinds: { Cluster: "postgresql.cnpg.io_clusters.yaml", ScheduledBackup: "postgresql.cnpg.io_scheduledbackups.yaml" } },
};

function crdSchema(apiVersion, kind) {
  const crd = CRD_SCHEMAS[apiVersion];
  const file = crd?.kinds[kind];
  if (!file) return null;
  const definition = parseAllDocuments(readFileSync(join(here, "fixtures", crd.dir, file), "utf8"))
    .map((d) => d.toJS()).find((d) => d?.kind === "CustomResourceDefinition");
  const version = apiVersion.split("/")[1];
  return definition?.spec.versions.find((v) => v.name === version && v.served)?.schema.openAPIV3Schema ?? null;
}

const TYPE_OF = {
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === "string",
  integer: Number.isInteger,
  number: (v) => typeof v === "number",
  boolean: (v) => typeof v === "boolean",
};

/** Checks `value` against a structural schema (Kubernetes' OpenAPI v3 subset); pushes errors. */
function checkSchema(value, schema, path, errors) {
  if (value === null) {
    if (!schema.nullable) errors.push(`${path}: null is not allowed`);
    return;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    if (!Number.isInteger(value) && typeof value !== "string") errors.push(`${path}: must be an integer or a string`);
  } else if (schema.type && !TYPE_OF[schema.type]?.(value)) {
    errors.push(`${path}: must be of type ${schema.type}, not ${JSON.stringify(value)}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: must be one of ${schema.enum.join(", ")}`);
  for (const all of schema.allOf ?? []) checkSchema(value, all, path, errors);
  for (const [key, any] of [["anyOf", schema.anyOf], ["oneOf", schema.oneOf]]) {
    if (!any) continue;
    const matching = any.filter((branch) => { const e = []; checkSchema(value, branch, path, e); return e.length === 0; }).length;
    if (matching === 0 || (key === "oneOf" && matching > 1)) errors.push(`${path}: matches ${matching} of the ${key} schemas`);
  }
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && [...value].length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => checkSchema(item, schema.items, `${path}[${i}]`, errors));
  } else if (typeof value === "object") {
    for (const name of schema.required ?? []) {
      if (!(name in value)) errors.push(`${path}: missing required field ${name}`);
    }
    const properties = schema.properties ?? {};
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) checkSchema(item, properties[key], `${path}.${key}`, errors);
      else if (typeof schema.additionalProperties === "object") checkSchema(item, schema.additionalProperties, `${path}.${key}`, errors);
      else if (schema.properties && !schema["x-kubernetes-preserve-unknown-fields"] && schema.additionalProperties !== true) {
        errors.push(`unknown field ${path}.${key}`);
      }
    }
  }
}

function modelPath(apiVersion, kind) {
  if (K8S_130[apiVersion]?.includes(kind)) {
    const gv = apiVersion === "v1" ? "v1" : apiVersion;
    return join(nodeModules, "kubernetes-models", gv, kind);
  }
  const crd = CRDS[apiVersion];
  if (crd?.kinds.includes(kind)) return join(nodeModules, crd.pkg, apiVersion, kind);
  return null;
}

// ---- unknown-field check from the .d.ts declarations ----
const declCache = new Map();
function stripComments(s) { return s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, ""); }
function splitMembers(body) {
  const out = []; let depth = 0, cur = "";
  for (const ch of body) {
    if ("{<(".includes(ch)) depth++;
    if ("}>)".includes(ch)) depth--;
    if (ch === ";" && depth === 0) { out.push(cur.trim()); cur = ""; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
function parseMembers(body) {
  const props = new Map(); let index = null;
  for (const m of splitMembers(body)) {
    const p = m.match(/^"?([^"?:\s]+)"?\??\s*:\s*([\s\S]+)$/);
    if (m.startsWith("[")) { index = m.replace(/^\[[^\]]*\]\s*:\s*/, ""); continue; }
    if (p) props.set(p[1], p[2].trim());
  }
  return { props, index };
}
function loadDecl(file) {
  if (declCache.has(file)) return declCache.get(file);
  let decl = null;
  if (existsSync(file)) {
    const src = stripComments(readFileSync(file, "utf8"));
    const imports = new Map();
    for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
      for (const name of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
        const spec = m[2];
        const target = spec.startsWith(".")
          ? resolve(dirname(file), spec.replace(/\.js$/, "") + ".d.ts")
          : join(nodeModules, spec.replace(/\.js$/, "") + ".d.ts");
        imports.set(name, target);
      }
    }
    const head = src.match(/export interface (\w+)(\s+extends\s+([\w, ]+))?\s*\{/);
    if (head) {
      let depth = 1, i = head.index + head[0].length, start = i;
      for (; i < src.length && depth > 0; i++) {
        if (src[i] === "{") depth++;
        else if (src[i] === "}") depth--;
      }
      const { props, index } = parseMembers(src.slice(start, i - 1));
      const inherited = new Map();
      decl = { props, index, imports, file };
      // Inherited members: TypeMeta (apiVersion, kind) and interfaces from other files.
      for (const base of (head[3] ?? "").split(",").map((b) => b.trim()).filter(Boolean)) {
        if (base === "TypeMeta") { props.set("apiVersion", "string"); props.set("kind", "string"); continue; }
        const parent = imports.has(base) ? loadDecl(imports.get(base)) : null;
        if (!parent) continue;
        for (const [k, v] of parent.props) {
          if (!props.has(k)) { props.set(k, v); if (parent.imports !== imports) inherited.set(k, parent.imports); }
        }
        decl.index ??= parent.index;
      }
      decl.inherited = inherited;
    }
  }
  declCache.set(file, decl);
  return decl;
}
function checkValue(value, type, imports, path, errors) {
  if (value === null || value === undefined) return;
  type = type.trim();
  const arr = type.match(/^Array<([\s\S]+)>$/);
  if (arr) { if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, arr[1], imports, `${path}[${i}]`, errors)); return; }
  if (type.startsWith("{")) {
    if (typeof value !== "object" || Array.isArray(value)) return;
    const { props, index } = parseMembers(type.slice(1, type.lastIndexOf("}")));
    checkObject(value, props, index, imports, path, errors);
    return;
  }
  const ident = type.match(/^(I[A-Za-z0-9]+)$/);
  if (ident && imports.has(ident[1]) && typeof value === "object" && !Array.isArray(value)) {
    const decl = loadDecl(imports.get(ident[1]));
    if (decl) checkObject(value, decl.props, decl.index, decl.imports, path, errors, decl.inherited);
  }
}
function checkObject(obj, props, index, imports, path, errors, inherited) {
  for (const [k, v] of Object.entries(obj)) {
    if (props.has(k)) checkValue(v, props.get(k), inherited?.get(k) ?? imports, `${path}.${k}`, errors);
    else if (index) checkValue(v, index, imports, `${path}.${k}`, errors);
    else errors.push(`unknown field ${path}.${k}`);
  }
}

// ---- main ----
const files = process.argv.slice(2);
if (files.length === 0) { console.error("usage: node validate.mjs FILE..."); process.exit(2); }
let objects = 0, failures = 0;
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) { failures++; console.log(`${file}: YAML error: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    objects++;
    const id = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    const schema = crdSchema(obj.apiVersion, obj.kind);
    if (schema) {
      const errors = [];
      checkSchema(obj, schema, obj.kind, errors);
      if (errors.length) { failures++; for (const e of errors) console.log(`${id}: ${e}`); }
      continue;
    }
    const base = modelPath(obj.apiVersion, obj.kind);
    if (!base) { failures++; console.log(`${id}: ${obj.apiVersion} ${obj.kind} is not served by Kubernetes 1.30 nor a known CRD`); continue; }
    const errors = [];
    const mod = await import(base + ".js");
    try { new mod[obj.kind](obj).validate(); } catch (e) { errors.push(e.message); }
    const decl = loadDecl(base + ".d.ts");
    if (!decl) errors.push(`no declarations for ${obj.kind}`);
    else checkObject(obj, decl.props, decl.index, decl.imports, obj.kind, errors, decl.inherited);
    if (errors.length) { failures++; for (const e of errors) console.log(`${id}: ${e}`); }
  }
}
console.log(`validated ${objects} objects, ${failures} invalid`);
process.exit(failures ? 1 : 0);
