// Finger routing under the simulator: tables reach the ideal ones, lookups find the right holder in O(log N) hops, dead fingers are routed around.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerStart } from '../../src/core/fingers.ts';
import type { Input } from '../../src/core/io.ts';
import { PeerMachine, type MachineConfig } from '../../src/core/machine.ts';
import type { PeerId } from '../../src/core/ring.ts';
import { runScenario, type CrashPlan, type OpPlan, type ScenarioOptions } from '../../src/sim/scenario.ts';
import type { World } from '../../src/sim/world.ts';

const second = 1000;
const BASE = {
  idBits: 16,
  routing: 'finger',
  pingIntervalMs: 1_000,
  opTimeoutMs: 5_000,
  connectTimeoutMs: 500,
  transferIdleTimeoutMs: 1_000,
} satisfies Partial<ScenarioOptions>;

/** The ideal finger i of `id`, computed the long way: the first member met walking clockwise from its start. */
function ideal(id: PeerId, members: ReadonlySet<PeerId>, bits: number): PeerId[] {
  return Array.from({ length: bits }, (_, i) => {
    for (let x = fingerStart(id, i, bits); ; x = (x + 1) % 2 ** bits) if (members.has(x)) return x;
  });
}

/** Runs a scenario, counting the timers the machines were handed by kind ('hop', 'fingers', ...) and hops refused by a peer that is not a successor ('refused'). */
function run(options: ScenarioOptions) {
  const timers = new Map<string, number>();
  /** The hop count of every join request as it arrived. */
  const joinHops: number[] = [];
  /** The code of every store or request that failed. */
  const failures: string[] = [];
  const machine = (config: MachineConfig) => {
    const m = new PeerMachine(config);
    return {
      id: m.id,
      status: () => m.status(),
      holds: (name: string) => m.holds(name),
      handle: (input: Input, now: number) => {
        if (input.type === 'timer') {
          const kind = input.timer.kind;
          timers.set(kind, (timers.get(kind) ?? 0) + 1);
        }
        // A hop to a crashed peer: refused at once (the simulator plays refusals), or never acknowledged.
        if (input.type === 'undeliverable' && !m.status().successors.includes(input.to))
          timers.set('refused', (timers.get('refused') ?? 0) + 1);
        if (input.type === 'message' && input.message.type === 'joinRequest') joinHops.push(input.message.hops);
        if (input.type === 'undeliverable' && input.message.type === 'joinRequest')
          timers.set('joinRefused', (timers.get('joinRefused') ?? 0) + 1);
        const effects = m.handle(input, now);
        for (const e of effects)
          if (e.type === 'complete' && (e.kind === 'store' || e.kind === 'request') && !e.result.ok)
            failures.push(e.result.code);
        return effects;
      },
    };
  };
  let world: World | undefined;
  const summary = runScenario({ ...options, machine, inspect: (w) => (world = w) });
  return { summary, world: world!, timers, joinHops, failures };
}

describe('finger routing (simulated)', () => {
  test('fix-fingers learns the ideal tables, through joins, departures and crashes, once the ring is quiet', () => {
    const crashes: CrashPlan[] = [{ atMs: 4_000 }, { atMs: 9_000 }, { atMs: 15_000 }];
    const { summary, world } = run({
      ...BASE,
      seed: 11,
      peers: 64,
      builtFingers: false,
      durationMs: 30 * second,
      ops: 50,
      joins: 6,
      quits: 3,
      crashes,
    });
    assert.deepEqual(summary.violations, []);
    assert.ok(
      summary.membership.joinsOk > 0 && summary.membership.quits > 0 && summary.membership.crashes === 3,
      JSON.stringify(summary.membership),
    );
    const members = new Set(world.memberIds());
    assert.equal(members.size, 64 + summary.membership.joinsOk - summary.membership.quits - 3);
    for (const id of members) {
      assert.deepEqual(world.machineOf(id)!.status().fingers, ideal(id, members, 16), `fingers of ${id}`);
    }
  });

  test('lookups from random peers for random keys end at the responsible peer, in about log2 N hops', () => {
    for (const [peers, seed] of [
      [64, 1],
      [256, 2],
    ] as const) {
      const { summary, failures } = run({ ...BASE, seed, peers, durationMs: 20 * second, ops: 400 });
      // The holder invariant (on in this run) checks every ok lookup's holder against the ring's members.
      assert.ok(summary.invariants.includes('holder'));
      assert.deepEqual(summary.violations, []);
      // Every lookup reached its holder: a failure is a name nobody stored, or a store that lost a race at its holder
      // to a newer store of the same name (random ops may store one name twice at once).
      assert.deepEqual(
        failures.filter((code) => code !== 'NOT_FOUND' && code !== 'SUPERSEDED'),
        [],
      );
      assert.equal(summary.lookups.ok + summary.lookups.failed, 400, JSON.stringify(summary.lookups));
      const log2 = Math.log2(peers);
      assert.ok(
        summary.hops.p50 <= log2 && summary.hops.max <= 2 * log2,
        `${peers} peers: hops ${JSON.stringify(summary.hops)}`,
      );
    }
  });

  test('after 20 % of a 64-peer ring crashed, every lookup still succeeds: dead fingers fall back to the successor list', () => {
    const { summary, timers } = run({
      ...BASE,
      seed: 5,
      peers: 64,
      durationMs: 14 * second,
      crashes: Array.from({ length: 13 }, (): CrashPlan => ({ atMs: 1_000 })),
      // Stores once the successor lists are repaired (about K intervals), while many fingers still name dead peers.
      ops: Array.from(
        { length: 100 },
        (_, i): OpPlan => ({ atMs: 6_000 + i * 20, kind: 'store', name: String(1000 + i * 37) }),
      ),
    });
    assert.deepEqual(summary.violations, []);
    assert.equal(summary.membership.crashes, 13);
    assert.deepEqual(summary.lookups, { ok: 100, failed: 0, notFound: 0, timedOut: 0, abandoned: 0 });
    assert.ok(
      (timers.get('hop') ?? 0) + (timers.get('refused') ?? 0) > 0,
      'some hops went to dead fingers and were routed again',
    );
  });

  test('a join request goes on fingers: a burst of joins into 512 peers, after 10 % crashed, all done in about log2 N hops', () => {
    const peers = 512;
    const { summary, joinHops, timers } = run({
      ...BASE,
      seed: 3,
      peers,
      durationMs: 10 * second,
      ops: 0,
      crashes: Array.from({ length: Math.round(peers / 10) }, (): CrashPlan => ({ atMs: 1_000 })),
      // Once the successor lists are repaired, while many fingers still name dead peers.
      joins: Array.from({ length: 50 }, () => ({ atMs: 6_000 })),
    });
    assert.deepEqual(summary.violations, []);
    assert.equal(summary.membership.joinsOk, 50, JSON.stringify(summary.membership));
    assert.ok(Math.max(...joinHops) <= 2 * Math.log2(peers), `join hops: max ${Math.max(...joinHops)}`);
    assert.ok((timers.get('joinRefused') ?? 0) > 0, 'some join requests went to dead fingers, and on another way');
  });
});
