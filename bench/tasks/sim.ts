// A piscina task: one seeded simulation, with every message counted by type and every lookup's hops kept.
import { performance } from 'node:perf_hooks';
import type { Effect, Input } from '../../src/core/io.ts';
import { PeerMachine } from '../../src/core/machine.ts';
import type { Message } from '../../src/core/messages.ts';
import type { Routing } from '../../src/core/routing.ts';
import { scenario as familyScenario, type Family } from '../../src/sim/families.ts';
import { runScenario, type ScenarioOptions, type Summary } from '../../src/sim/scenario.ts';

/** Lookups and their answers; everything else a peer sends keeps the ring together (pings, joins, departures). */
const HEAP_SAMPLE_EVERY = 1 << 16;
const LOOKUP_TRAFFIC: ReadonlySet<Message['type']> = new Set(['lookup', 'storeReady', 'notFound']);

/** `routing`: as the scenario says, else the peers' default for the id space (src/core/routing.ts). */
export type SimTask =
  | { routing?: Routing; scenario: Omit<ScenarioOptions, 'machine'> }
  /** A seed of one of the test families (src/sim/families.ts). */
  | { routing?: Routing; family: Family; seed: number };

export interface SimOutcome {
  seed: number;
  peers: number;
  simulatedMs: number;
  wallMs: number;
  /** The most this thread's heap held above what it held before the run, sampled every HEAP_SAMPLE_EVERY inputs. */
  heapUsedBytes: number;
  /** Hops of every store and request that reached a holder (found or not). */
  hops: number[];
  lookups: Summary['lookups'];
  /** Requests that failed while a holder had the file: one its origin could reach all along (issue 19: 0), or not. */
  failedWithHolder: { reachable: number; unreachable: number; notes: string[] };
  sent: { maintenance: number; lookup: number };
  membership: Summary['membership'];
  convergence: Summary['convergence'];
  filesLost: number;
  violations: Array<{ invariant: string; message: string; step: number; atMs: number }>;
}

export default function simTask(task: SimTask): SimOutcome {
  const sent = { maintenance: 0, lookup: 0 };
  const hops: number[] = [];
  let inputs = 0;
  let heapUsedBytes = 0;
  // A subclass, not a wrapper: no extra object per peer, which matters at 10^5 peers.
  class Counted extends PeerMachine {
    override handle(input: Input, now: number): Effect[] {
      const effects = super.handle(input, now);
      if ((++inputs & (HEAP_SAMPLE_EVERY - 1)) === 0)
        heapUsedBytes = Math.max(heapUsedBytes, process.memoryUsage().heapUsed);
      for (const effect of effects) {
        if (effect.type === 'send') {
          if (LOOKUP_TRAFFIC.has(effect.message.type)) sent.lookup++;
          else sent.maintenance++;
        } else if (
          effect.type === 'complete' &&
          (effect.kind === 'store' || effect.kind === 'request') &&
          effect.result.holder !== undefined &&
          effect.result.hops !== undefined
        ) {
          hops.push(effect.result.hops);
        }
      }
      return effects;
    }
  }
  const options = 'family' in task ? familyScenario(task.family, task.seed) : task.scenario;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const summary = runScenario({
    ...options,
    ...(task.routing === undefined ? {} : { routing: task.routing }),
    machine: (config) => new Counted(config),
  });
  const wallMs = performance.now() - started;
  return {
    seed: summary.seed,
    peers: summary.peers,
    simulatedMs: summary.simulatedMs,
    wallMs,
    heapUsedBytes: Math.max(heapUsedBytes, process.memoryUsage().heapUsed) - heapBefore,
    hops,
    lookups: summary.lookups,
    failedWithHolder: {
      reachable: summary.failedWithHolder.reachable,
      unreachable: summary.failedWithHolder.unreachable,
      notes: summary.failedWithHolder.notes.slice(0, 2),
    },
    sent,
    membership: summary.membership,
    convergence: summary.convergence,
    filesLost: summary.filesLost,
    violations: summary.violations.map(({ invariant, message, step, atMs }) => ({ invariant, message, step, atMs })),
  };
}
