// The library under test, two ways: src/ through tsx (what createRing does today) or a plain-JS esbuild bundle of src/.
// Rings of 64+ workers that each compile TypeScript through tsx overrun the 10 s spawn timeout on 2 cores, so figures
// that are about the protocol run the bundle; the startup figure measures both.
import { build } from 'esbuild';

export type Ringdht = typeof import('../../src/index.ts');

const OUT = new URL('../.build/', import.meta.url);
let bundled: Promise<Ringdht> | undefined;

/** src/ as it is, every worker registering tsx. */
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
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    return (await import(new URL('host/index.mjs', OUT).href)) as Ringdht;
  })();
  return bundled;
}
