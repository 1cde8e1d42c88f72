#!/usr/bin/env node
// Generates the static protobuf module and its types from proto/ringdht.proto.
// `node scripts/generate.mjs [OUT_DIR]` (default src/wire/gen); test/wire checks the committed output is current.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'src/wire/gen'));
const bin = (name) => join(root, 'node_modules/protobufjs-cli/bin', name);
mkdirSync(outDir, { recursive: true });
const js = join(outDir, 'ringdht.js');
execFileSync(
  process.execPath,
  [
    bin('pbjs'),
    '-t',
    'static-module',
    '-w',
    'esm',
    '--dependency',
    'protobufjs/minimal.js',
    '--no-verify',
    '--no-convert',
    '--no-delimited',
    '--no-typeurl',
    '-o',
    js,
    join(root, 'proto/ringdht.proto'),
  ],
  { stdio: 'inherit' },
);
execFileSync(process.execPath, [bin('pbts'), '--no-comments', '-o', join(outDir, 'ringdht.d.ts'), js], {
  stdio: 'inherit',
});
