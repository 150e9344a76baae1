/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// The fake API of the component tests answers only what docs/openapi.json allows: every
// response (status, content type, body) and every request body the UI sends is checked
// against the document, and a violation fails the test (setup-tests.ts). The fake cannot
// drift from the service, because the API tests hold the service to the same document.

type Json = Record<string, unknown>;

const doc = JSON.parse(
  // Vitest runs in frontend/; the document lives beside it in docs/.
  readFileSync(resolvePath(process.cwd(), '../docs/openapi.json'), 'utf8'),
) as Json & { paths: Record<string, Record<string, Json>> };

// The document is checked by the service's own OpenAPI tests; validating it again here and
// optimising the generated code would only slow every test file's first requests.
const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  validateSchema: false,
  code: { optimize: false },
});
addFormats(ajv);
ajv.addSchema(doc, 'doc');

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function resolve(node: Json): { node: Json; pointer: string | null } {
  let pointer: string | null = null;
  let n = node;
  while (typeof n.$ref === 'string') {
    pointer = n.$ref.slice(1);
    n = pointer
      .split('/')
      .slice(1)
      .reduce<Json>((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, doc as Json);
  }
  return { node: n, pointer };
}

const templates = Object.keys(doc.paths)
  .map((t) => ({
    template: t,
    params: (t.match(/\{/g) ?? []).length,
    re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  }))
  // A literal segment wins over a parameter (/api/stores/export.csv over /api/stores/{id}).
  .sort((a, b) => a.params - b.params);

const compiled = new Map<string, ValidateFunction>();
function validator(pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (!v) {
    v = ajv.compile({ $ref: `doc#${pointer}` });
    compiled.set(pointer, v);
  }
  return v;
}

function operation(method: string, path: string): { pointer: string; op: Json } | string {
  const t = templates.find((x) => x.re.test(path));
  if (!t) return `${method} ${path}: no such path in docs/openapi.json`;
  const op = doc.paths[t.template][method.toLowerCase()];
  if (!op) return `${method} ${path}: ${t.template} has no ${method} in docs/openapi.json`;
  return { pointer: `/paths/${escape(t.template)}/${method.toLowerCase()}`, op };
}

function checkBody(
  where: string,
  contentPointer: string,
  content: Json | undefined,
  contentType: string,
  body: unknown,
): string[] {
  if (!content) return body === null ? [] : [`${where}: the document allows no body`];
  const type = contentType.split(';')[0].trim();
  const media = content[type] as Json | undefined;
  if (!media) return [`${where}: content type ${type} is not documented`];
  if (!media.schema || typeof body === 'string') return [];
  const v = validator(`${contentPointer}/${escape(type)}/schema`);
  return v(body)
    ? []
    : [`${where}: ${ajv.errorsText(v.errors, { dataVar: 'body' })} — ${JSON.stringify(body)}`];
}

/** Query parameters the service refuses with a 400: any name the operation does not document. */
function queryViolations(
  method: string,
  path: string,
  op: Json,
  search: URLSearchParams,
): string[] {
  const known = new Set(
    ((op.parameters as Json[] | undefined) ?? [])
      .map((p) => resolve(p).node)
      .filter((p) => p.in === 'query')
      .map((p) => p.name as string),
  );
  return [...new Set(search.keys())]
    .filter((k) => !known.has(k))
    .map((k) => `request ${method} ${path}: query parameter "${k}" is not documented`);
}

/** What is wrong with the request the UI sent (empty when the document allows it). */
export function requestViolations(
  method: string,
  path: string,
  search: URLSearchParams,
  contentType: string,
  body: unknown,
): string[] {
  const o = operation(method, path);
  if (typeof o === 'string') return [o];
  const bad = queryViolations(method, path, o.op, search);
  const rb = o.op.requestBody as Json | undefined;
  if (!rb || body === null) return bad;
  const { node, pointer } = resolve(rb);
  const base = pointer ?? `${o.pointer}/requestBody`;
  return [
    ...bad,
    ...checkBody(
      `request ${method} ${path}`,
      `${base}/content`,
      node.content as Json,
      contentType,
      body,
    ),
  ];
}

/** What is wrong with a response of the fake (empty when the document allows it). */
export function responseViolations(
  method: string,
  path: string,
  status: number,
  contentType: string,
  body: unknown,
): string[] {
  const o = operation(method, path);
  if (typeof o === 'string') return [o];
  const responses = o.op.responses as Json;
  const r = responses[String(status)] as Json | undefined;
  const where = `response ${status} to ${method} ${path}`;
  if (!r) return [`${where}: status not documented`];
  const { node, pointer } = resolve(r);
  const base = pointer ?? `${o.pointer}/responses/${status}`;
  return checkBody(where, `${base}/content`, node.content as Json | undefined, contentType, body);
}

const violations: string[] = [];

export function reportViolations(v: string[]): void {
  violations.push(...v);
}

/** The violations recorded since the last call (setup-tests.ts fails a test that has any). */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}
