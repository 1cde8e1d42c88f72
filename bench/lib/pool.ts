// A piscina pool of bench tasks: each task module is bundled to plain JS once per run (no tsx in the pool's threads).
import { availableParallelism } from 'node:os';
import { build } from 'esbuild';
import { Piscina } from 'piscina';
import { NODE_BUNDLE } from './ringdht.ts';

const OUT = new URL('../.build/tasks/', import.meta.url);
const TASKS = new URL('../tasks/', import.meta.url);
const built = new Map<string, Promise<URL>>();

/** bench/tasks/<name>.ts bundled into bench/.build/tasks/<name>.mjs (src/ inlined, packages left to node_modules). */
function bundle(name: string): Promise<URL> {
  let url = built.get(name);
  if (url === undefined) {
    url = (async () => {
      const out = new URL(`${name}.mjs`, OUT);
      await build({
        entryPoints: [new URL(`${name}.ts`, TASKS).pathname],
        outfile: out.pathname,
        ...NODE_BUNDLE,
      });
      return out;
    })();
    built.set(name, url);
  }
  return url;
}

export interface TaskPool<In, Out> {
  readonly threads: number;
  /** `transfer`: what moves to the task's thread rather than being copied (MessagePorts, buffers). */
  run(input: In, transfer?: Transferable[]): Promise<Out>;
  close(): Promise<void>;
}

/** A pool running bench/tasks/<name>.ts's default export; `threads` defaults to the machine's parallelism. */
export async function taskPool<In, Out>(
  name: string,
  options: { threads?: number; maxHeapMb?: number } = {},
): Promise<TaskPool<In, Out>> {
  const filename = (await bundle(name)).href;
  const threads = options.threads ?? availableParallelism();
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    ...(options.maxHeapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb } }),
  });
  return {
    threads,
    run: (input: In, transfer?: Transferable[]) =>
      pool.run(input, transfer === undefined ? {} : { transferList: transfer as never }) as Promise<Out>,
    close: () => pool.destroy(),
  };
}
