#!/usr/bin/env node
// `npm test`: the type check and Biome's format and lint check, the build (for the tiers that run dist/), then every
// test tier under test/ with node's runner (through tsx), whose lines close the output.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = [
  'config',
  'core',
  'runtime',
  'wire',
  'store',
  'actor',
  'host',
  'repl',
  'sim',
  'integration',
  'view',
  'e2e',
  'package',
  'browser',
  'netns',
];
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
// The e2e, browser and netns tiers run the CLI as users do, from dist/: build it first, so it is never older than src/.
// (The netns tier runs as root where `ip netns` works, and is skipped with the reason printed elsewhere.)
const fromDist = ['e2e', 'package', 'browser', 'netns'].map((tier) => join('test', tier));
if (files.some((f) => fromDist.some((dir) => f.startsWith(dir)))) {
  const built = run([join(root, 'scripts/build.mjs')]);
  if (built !== 0) {
    console.error('npm run build failed');
    process.exit(built);
  }
}
// The page (src/view/page) runs in a browser: it has a tsconfig of its own (DOM types, no Node).
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const typecheck =
  only.length === 0 ? run([tsc, '--noEmit']) || run([tsc, '--noEmit', '-p', join(root, 'src/view/page')]) : 0;
if (typecheck !== 0) console.error('tsc --noEmit failed');
// Formatting drift and lint findings fail the run too (`npx biome check --write .` fixes what it can).
const biome = only.length === 0 ? run([join(root, 'node_modules/@biomejs/biome/bin/biome'), 'check', '.']) : 0;
if (biome !== 0) console.error('biome check failed: run `npx biome check --write .`, then fix what it reports');
// At a terminal a human-readable reporter (spec: one line per test, failures in full, the runner's closing summary);
// piped, TAP for CI. RINGDHT_TEST_REPORTER (spec, tap, dot, ...) chooses either way. RINGDHT_TEST_PORTS=LOW-HIGH
// keeps every test ring's ports in that range (src/host/testing.ts).
const reporter = process.env.RINGDHT_TEST_REPORTER || (process.stdout.isTTY ? 'spec' : 'tap');
const tests = run([
  '--import',
  'tsx',
  '--test',
  `--test-reporter=${reporter}`,
  '--test-concurrency=2',
  ...files.map((f) => relative(root, join(root, f))),
]);
process.exit(tests !== 0 ? tests : typecheck !== 0 ? typecheck : biome);
