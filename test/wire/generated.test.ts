// Checks src/wire/gen/ is what `npm run generate` makes from proto/ today, so a proto change without it fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the committed generated module matches a fresh generation from proto/ringdht.proto', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'ringdht-gen-'));
  try {
    execFileSync(process.execPath, [join(root, 'scripts/generate.mjs'), outDir], { cwd: root, stdio: 'pipe' });
    for (const file of ['ringdht.js', 'ringdht.d.ts']) {
      const fresh = readFileSync(join(outDir, file));
      const committed = readFileSync(join(root, 'src/wire/gen', file));
      assert.ok(
        fresh.equals(committed),
        `src/wire/gen/${file} is stale: run \`npm run generate\` and commit the result`,
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
