// V8 flags the host sets for the process once it hosts many actor threads: V8's flags are the process's (a Worker
// refuses them in its execArgv), so they apply to every thread from then on, this one included.
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';

/**
 * Feedback vectors (what inline caches record) allocated at a function's first call, not after it has run about 8×
 * its bytecode's size in the interpreter: until then every property access and call of that function goes through
 * V8's generic, uncached path. Each actor thread is an isolate that learns the same code from its own calls only, and
 * with a thread per peer at N=64 a peer takes part in a get every few hundred ms, so its hop path ran on cold,
 * uncached code for minutes (bench/README.md, fifteenth round: CPU per get at N=64 22 % lower with this flag;
 * `--always-sparkplug` helped less, a lower `--interrupt-budget` made it worse).
 */
export const ACTOR_V8_FLAGS = ['--no-lazy-feedback-allocation'];

/**
 * Set only from this many live actor threads on: where each thread sees a small share of the traffic. With few busy
 * threads the lookup figure's gets at N=7 were slower with the flag in three pairs of three, the routing figure's (64
 * peers on 2 threads) by 11 % in two of two (same round), though CPU per operation at N=7 was the same.
 */
export const ACTOR_V8_FLAGS_FROM_THREADS = 32;

let live = 0;
let set = false;

/** Counts `worker` among the live actor threads; sets ACTOR_V8_FLAGS once there are enough of them. */
export function actorThreadStarted(worker: Worker): void {
  live++;
  worker.once('exit', () => live--);
  if (set || live < ACTOR_V8_FLAGS_FROM_THREADS) return;
  set = true;
  for (const flag of ACTOR_V8_FLAGS) setFlagsFromString(flag);
}
