// The library under test, two ways: src/ through tsx (as users and tests run it; the host then bundles the worker code
// itself) or a plain-JS esbuild bundle of all of src/. Figures about the protocol run the bundle; startup measures both.
import { build } from 'esbuild';

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

/** src/ as it is, through tsx in this thread. */
export function sourceRingdht(): Promise<Ringdht> {
  return import('../../src/index.ts');
}

/**
 * src/ bundled once per run into bench/.build: host/index.mjs (the library) and actor/bootstrap.cjs (the worker entry),
 * at the same relative path the host resolves its worker from (`new URL('../actor/bootstrap.cjs', import.meta.url)`).
 * The worker entry is built as the host builds it when run from the sources (src/host/actor-worker.ts): one CommonJS
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
        entryPoints: { 'actor/bootstrap': new URL('actor/worker.ts', src).pathname },
        outdir: OUT.pathname,
        outExtension: { '.js': '.cjs' },
        ...NODE_BUNDLE,
        format: 'cjs',
        packages: 'bundle',
      }),
    ]);
    return (await import(new URL('host/index.mjs', OUT).href)) as Ringdht;
  })();
  return bundled;
}
