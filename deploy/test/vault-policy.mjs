// Vault ACL policies as Vault evaluates them, for the checks (crossfile.mjs) and the local
// stack's policy-enforcing Vault front (deploy/local/vault-policy-proxy.mjs):
// `path "glob" { capabilities = [...] }`, "+" one path segment, a trailing "*" any suffix.
// Also what deploy/infra/vault/configure.sh sets up, read from its --dry-run plan.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** name (file name without -policy.hcl / .hcl) -> [{glob, caps}] for every .hcl in DIR. */
export function readPolicies(dir) {
  const policies = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".hcl"))) {
    const text = readFileSync(join(dir, f), "utf8").replace(/^\s*#.*$/gm, "");
    policies[f.replace(/-policy\.hcl$|\.hcl$/, "")] = [...text.matchAll(/path\s+"([^"]+)"\s*\{[^}]*capabilities\s*=\s*\[([^\]]*)\]/g)]
      .map((m) => ({ glob: m[1], caps: [...m[2].matchAll(/"([a-z]+)"/g)].map((x) => x[1]) }));
  }
  return policies;
}

const globRe = (glob) => new RegExp("^" + glob.split("").map((ch) =>
  ch === "+" ? "[^/]+" : ch === "*" ? ".*" : ch.replace(/[.?^${}()|[\]\\]/g, "\\$&")).join("") + (glob.endsWith("*") ? "" : "$"));

/** Whether RULES grant CAPABILITY on PATH (an API path without /v1/). */
export const granted = (rules, path, capability) => rules.some((r) => globRe(r.glob).test(path) && r.caps.includes(capability));

/** configure.sh --dry-run: KV mounts, policy name -> file, Kubernetes auth roles. */
export function readConfigure(vaultDir) {
  const plan = execFileSync("bash", [join(vaultDir, "configure.sh"), "--dry-run"], { encoding: "utf8" });
  const mounts = [...plan.matchAll(/^\+ vault secrets enable -path=(\S+) -version=2 kv/gm)].map((m) => m[1]);
  const policyFiles = Object.fromEntries([...plan.matchAll(/^\+ vault policy write (\S+) (\S+)/gm)].map((m) => [m[1], m[2]]));
  const roles = Object.fromEntries([...plan.matchAll(/^\+ vault write auth\/kubernetes\/role\/(\S+)(.*)$/gm)].map((m) => {
    const attrs = Object.fromEntries([...m[2].matchAll(/(\w+)=(\S+)/g)].map((x) => [x[1], x[2]]));
    return [m[1], { sas: attrs.bound_service_account_names?.split(",") ?? [], namespaces: attrs.bound_service_account_namespaces?.split(",") ?? [],
      policies: attrs.policies?.split(",") ?? [] }];
  }));
  return { plan, mounts, policyFiles, roles };
}

/** The rules a role's token carries: the policies configure.sh attaches, read from their files. */
export function rulesOfRole(vaultDir, configure, role) {
  const policies = readPolicies(vaultDir);
  return (configure.roles[role]?.policies ?? []).flatMap((p) => {
    const file = configure.policyFiles[p]?.split("/").pop();
    return policies[file?.replace(/-policy\.hcl$|\.hcl$/, "")] ?? [];
  });
}
