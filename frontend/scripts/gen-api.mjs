// Generates src/api/generated/openapi.ts (types and enum value arrays) from docs/openapi.json,
// the API's one contract. `--check` regenerates in memory and fails when the committed file is
// stale (make test runs it through `npm run gen:check`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const doc = resolve(root, '../docs/openapi.json');
const target = join(root, 'src/api/generated/openapi.ts');
const check = process.argv.includes('--check');

if (!existsSync(doc)) {
  console.error(`gen-api: ${doc} not found (build from the repository, docs/ beside frontend/)`);
  process.exit(1);
}

function generate(out) {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/openapi-typescript/bin/cli.js'),
      doc,
      '--output',
      out,
      '--enum-values',
      '--root-types',
      '--root-types-no-schema-prefix',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

if (!check) {
  generate(target);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'gen-api-'));
  try {
    const fresh = join(dir, 'openapi.ts');
    generate(fresh);
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (readFileSync(fresh, 'utf8') !== committed) {
      console.error(
        'gen-api: src/api/generated/openapi.ts is stale: docs/openapi.json changed. Run `npm run gen` and commit.',
      );
      console.log('gen-check: 0 passed, 1 failed');
      process.exit(1);
    }
    console.log('gen-check: 1 passed, 0 failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
