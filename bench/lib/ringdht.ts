// The library under test, three ways: src/ through tsx (as the tests run it; the host then bundles the worker code
// itself), a plain-JS esbuild bundle of all of src/, or the built package
// (dist/, as users run it). Figures about the protocol run the bundle; startup measures all three.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ACTOR_BUNDLE } from '../../src/actor/bundle.ts';

export type Ringdht = typeof import('../../src/index.ts');

const OUT = new URL('../.build/', import.meta.url);
/** How bench code is bundled for Node: plain ESM JS with src/ inlined, packages left to node_modules. */
export const NODE_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
} as const;
let bundled: Promise<Ringdht> | undefined;

let built: Promise<Ringdht> | undefined;

/** The package as users run it: dist/, built once per run (`npm run build`), plain JS in every thread. */
export function builtRingdht(): Promise<Ringdht> {
  built ??= (async () => {
    const build = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url))], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('npm run build failed');
    return (await import(new URL('../../dist/index.js', import.meta.url).href)) as Ringdht;
  })();
  return built;
}

/** src/ as it is, through tsx in this thread. */
export function sourceRingdht(): Promise<Ringdht> {
  return import('../../src/index.ts');
}

/**
 * src/ bundled once per run into bench/.build: host/index.mjs (the library) and actor/bootstrap.cjs (the worker entry),
 * at the same relative path the host resolves its worker from (`new URL('../actor/bootstrap.cjs', import.meta.url)`).
 * The worker entry is built with the options the build and the host use (src/actor/bundle.ts): one CommonJS
 * file with its packages inlined. Every actor thread then loads one file, not protobufjs, comlink and the rest from
 * node_modules through the ESM loader (which cost about 2 MB more per thread, and start-up time).
 */
export function bundledRingdht(): Promise<Ringdht> {
  bundled ??= (async () => {
    const src = new URL('../../src/', import.meta.url);
    await Promise.all([
      build({
        entryPoints: { 'host/index': new URL('index.ts', src).pathname },
        outdir: OUT.pathname,
        outExtension: { '.js': '.mjs' },
        ...NODE_BUNDLE,
      }),
      build({
        ...ACTOR_BUNDLE,
        entryPoints: { 'actor/bootstrap': new URL('actor/worker.ts', src).pathname },
        outdir: OUT.pathname,
        outExtension: { '.js': '.cjs' },
      }),
    ]);
    return (await import(new URL('host/index.mjs', OUT).href)) as Ringdht;
  })();
  return bundled;
}
