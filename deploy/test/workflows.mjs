// Checks the GitHub Actions workflows offline, with two independent validators:
//  - @action-validator/core: the SchemaStore JSON schema of workflow files;
//  - @actions/workflow-parser: GitHub's own parser (the schema the Actions service uses,
//    expressions included), followed by the conversion to a workflow template.
// Then the trust rules of this project:
//  - every action is pinned by a full commit SHA (a tag can be moved to other code);
//  - a workflow started by workflow_run runs its jobs only for a push to this repository (a
//    fork's pull request from a branch named like ours also completes CI);
//  - a deploy installs images by digest, and images are pushed with an SBOM.
// Usage: node workflows.mjs FILE...   Prints PASS/FAIL per file; exit 1 on any failure.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire, register } from "node:module";
import { parse } from "yaml";

// The parser imports its schema JSON without an import attribute (fine for bundlers and
// newer Node); on Node 20 a load hook supplies `type: "json"` for .json modules.
register("data:text/javascript," + encodeURIComponent(`
  export async function load(url, context, next) {
    if (url.endsWith(".json") && !context.importAttributes?.type) {
      return next(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
    }
    return next(url, context);
  }`));
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");

const require = createRequire(import.meta.url);
const { validateWorkflow } = require("@action-validator/core");

let failed = 0;
for (const file of process.argv.slice(2)) {
  const content = readFileSync(file, "utf8");
  const problems = [];
  const state = validateWorkflow(content);
  for (const e of state.errors ?? []) problems.push(`schema: ${e.title}${e.path ? ` at ${e.path}` : ""}${e.detail ? `: ${e.detail}` : ""}`);
  const parsed = parseWorkflow({ name: basename(file), content }, new NoOperationTraceWriter());
  for (const e of parsed.context.errors.getErrors()) problems.push(`parser: ${e.message}`);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) problems.push(`convert: ${e.Message ?? e.message}`);
    if (!template.jobs?.length) problems.push("no jobs");
  } else {
    problems.push("parser returned no workflow");
  }
  const doc = parse(content);
  for (const [name, job] of Object.entries(doc.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (step.uses && !step.uses.startsWith("./") && !step.uses.startsWith("docker://") && !/@[0-9a-f]{40}$/.test(step.uses)) {
        problems.push(`job ${name}: ${step.uses} is not pinned by commit SHA`);
      }
    }
    if (doc.on?.workflow_run && !/github\.event\.workflow_run\.head_repository\.full_name\s*==\s*github\.repository/.test(String(job.if ?? ""))) {
      problems.push(`job ${name} runs on workflow_run without checking github.event.workflow_run.head_repository.full_name == github.repository`);
    }
    const runs = (job.steps ?? []).map((st) => st.run ?? "").join("\n");
    if (/helm upgrade --install|blue-green\.sh --namespace \S+ --tag/.test(runs) && !/--set image\.digest=/.test(runs)) {
      problems.push(`job ${name} deploys images by tag, not by digest`);
    }
    for (const step of job.steps ?? []) {
      if (step.uses?.startsWith("docker/build-push-action@") && step.with?.push === true && step.with?.sbom !== true) {
        problems.push(`job ${name}: images pushed without an SBOM (sbom: true)`);
      }
    }
  }
  if (problems.length) { failed++; console.log(`FAIL workflow ${file}: ${problems.join("; ")}`); }
  else console.log(`PASS workflow ${file}`);
}
process.exit(failed ? 1 : 0);
