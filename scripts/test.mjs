#!/usr/bin/env node
// `npm test`: every test tier under test/ with node's runner (through tsx), then the type check.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = ['config', 'core', 'runtime', 'wire', 'store', 'actor', 'repl', 'sim', 'integration', 'e2e'];
const only = process.argv.slice(2);
const files = tiers
  .filter((tier) => only.length === 0 || only.includes(tier))
  .flatMap((tier) => {
    try {
      return readdirSync(join(root, 'test', tier), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => join('test', tier, f));
    } catch {
      return [];
    }
  });
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const typecheck = only.length === 0 ? run([join(root, 'node_modules/typescript/bin/tsc'), '--noEmit']) : 0;
if (typecheck !== 0) console.error('tsc --noEmit failed');
const tests = run([
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  ...files.map((f) => relative(root, join(root, f))),
]);
process.exit(tests !== 0 ? tests : typecheck);
