#!/usr/bin/env node
// `npm run build`: src/ into dist/ as users run it. tsc emits ESM JavaScript, declarations and source maps (relative
// `.ts` imports rewritten to `.js`); the generated protobuf module is copied beside them; esbuild bundles the actor's
// worker entry into dist/actor/bootstrap.cjs, one CommonJS file with its packages inlined, which the host starts every
// actor thread from (src/host/actor-worker.ts); the live view's page is bundled with its libraries (d3 modules) into
// dist/view/page/, beside its HTML and CSS, so the page needs nothing from the network. Runs from `prepare`, so `npm ci` in a checkout and `npm pack` build.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// tsc rewrites `.ts` specifiers in the JavaScript it emits, not in declarations: a consumer without
// allowImportingTsExtensions must see `.js` there too.
for (const file of readdirSync(dist, { recursive: true }).map(String)) {
  if (!file.endsWith('.d.ts')) continue;
  const path = join(dist, file);
  const text = readFileSync(path, 'utf8');
  const rewritten = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2');
  if (rewritten !== text) writeFileSync(path, rewritten);
}

mkdirSync(join(dist, 'wire/gen'), { recursive: true });
for (const file of ['ringdht.js', 'ringdht.d.ts'])
  copyFileSync(join(root, 'src/wire/gen', file), join(dist, 'wire/gen', file));

// The bundle's options are tsc's output of src/actor/bundle.ts, emitted just above.
const { ACTOR_BUNDLE } = await import(pathToFileURL(join(dist, 'actor/bundle.js')).href);
await build({
  ...ACTOR_BUNDLE,
  entryPoints: [join(root, 'src/actor/worker.ts')],
  outfile: join(dist, 'actor/bootstrap.cjs'),
  sourcemap: true,
});

// The live view's page (src/view/assets.ts bundles it the same way when run from the sources).
const pageDir = join(root, 'src/view/page');
mkdirSync(join(dist, 'view/page'), { recursive: true });
for (const file of ['index.html', 'style.css']) copyFileSync(join(pageDir, file), join(dist, 'view/page', file));
await build({
  entryPoints: [join(pageDir, 'main.ts')],
  outfile: join(dist, 'view/page/main.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'error',
});
