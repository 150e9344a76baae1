// Checks the GitHub Actions workflows offline, with two independent validators:
//  - @action-validator/core: the SchemaStore JSON schema of workflow files;
//  - @actions/workflow-parser: GitHub's own parser (the schema the Actions service uses,
//    expressions included), followed by the conversion to a workflow template.
// Usage: node workflows.mjs FILE...   Prints PASS/FAIL per file; exit 1 on any failure.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire, register } from "node:module";

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
  if (problems.length) { failed++; console.log(`FAIL workflow ${file}: ${problems.join("; ")}`); }
  else console.log(`PASS workflow ${file}`);
}
process.exit(failed ? 1 : 0);
