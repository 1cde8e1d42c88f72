// The library under test, two ways: src/ through tsx (as users and tests run it; the host then bundles the worker code
// itself) or a plain-JS esbuild bundle of all of src/. Figures about the protocol run the bundle; startup measures both.
import { build } from 'esbuild';

export type Ringdht = typeof import('../../src/index.ts');

const OUT = new URL('../.build/', import.meta.url);
/** How bench code is bundled for Node: plain ESM JS with src/ inlined, packages left to node_modules. */
export const NODE_BUNDLE = { bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error' } as const;
let bundled: Promise<Ringdht> | undefined;

/** src/ as it is, through tsx in this thread. */
export function sourceRingdht(): Promise<Ringdht> {
  return import('../../src/index.ts');
}

/**
 * src/ bundled once per run into bench/.build: host/index.mjs (the library) and actor/bootstrap.mjs (the worker entry),
 * at the same relative path the host resolves its worker from (`new URL('../actor/bootstrap.mjs', import.meta.url)`).
 */
export function bundledRingdht(): Promise<Ringdht> {
  bundled ??= (async () => {
    const src = new URL('../../src/', import.meta.url);
    await build({
      entryPoints: { 'host/index': new URL('index.ts', src).pathname, 'actor/bootstrap': new URL('actor/worker.ts', src).pathname },
      outdir: OUT.pathname,
      outExtension: { '.js': '.mjs' },
      ...NODE_BUNDLE,
    });
    return (await import(new URL('host/index.mjs', OUT).href)) as Ringdht;
  })();
  return bundled;
}
