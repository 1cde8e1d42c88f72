// Seeded scenario families for the sim tests and the bench sweep: each draws its shape from the seed and names the invariants it checks.
import { ALL_INVARIANTS, UNLESS_SPLIT, type InvariantName } from './invariants.ts';
import { LATENCY } from './network.ts';
import { Random } from './random.ts';
import type { OpPlan, ScenarioOptions } from './scenario.ts';

export type Family =
  | 'clean'
  | 'lossy'
  | 'datagramLoss'
  | 'partitions'
  | 'membership'
  | 'crashes'
  | 'restarts'
  | 'disk'
  | 'hosts'
  | 'swap'
  | 'writers'
  | 'zones'
  | 'stalls';

/** Families whose seeds all pass: the tests and the bench sweep run these. */
export const PASSING_FAMILIES: readonly Family[] = [
  'clean',
  'lossy',
  'datagramLoss',
  'partitions',
  'membership',
  'crashes',
  'restarts',
  'disk',
  'hosts',
  'swap',
  'writers',
  'zones',
  'stalls',
];
/**
 * Seeds among the ones `npm test` runs that find a bug not fixed yet: each is pinned as a todo test in
 * test/sim/known-bugs.test.ts, which says what it finds.
 */
export const OPEN_SEEDS: Partial<Record<Family, readonly number[]>> = {};
/** Families that find a bug not fixed yet: their failing seeds are pinned as todo tests (test/sim/known-bugs.test.ts). */
export const OPEN_FAMILIES: ReadonlyArray<{ family: Family; issue: number }> = [];

/**
 * What each family may check: a lookup names the right holder only where no live peer is declared dead (a restarted
 * peer that has not joined again is silent, so it is declared dead too); the ring heals in every family.
 */
export const FAMILY_INVARIANTS: Record<Family, readonly InvariantName[]> = {
  clean: ALL_INVARIANTS,
  lossy: UNLESS_SPLIT,
  // Lost datagrams alone never make a false death now (indirect probes, refutation over TCP), so everything holds.
  datagramLoss: [...ALL_INVARIANTS, 'alive'],
  partitions: UNLESS_SPLIT,
  membership: ALL_INVARIANTS,
  crashes: ALL_INVARIANTS,
  restarts: UNLESS_SPLIT,
  // A copy deleted or damaged under its peer can leave only older copies reachable until anti-entropy brings the
  // newest back (W copies were durable, one of them is destroyed): `durable` counts it as that holder failing, and a
  // request may meanwhile get the older bytes, so `monotonic` is not checked here.
  disk: UNLESS_SPLIT.filter((name) => name !== 'monotonic'),
  hosts: UNLESS_SPLIT,
  swap: UNLESS_SPLIT,
  writers: UNLESS_SPLIT,
  zones: ALL_INVARIANTS,
  // A stall longer than the ping misses allow is a death as a partition is (the peer is silent), rightly declared.
  stalls: UNLESS_SPLIT,
};

/** A short scenario of the family, drawn from `seed` (its shape only: the run itself is driven by the same seed). */
export function scenario(family: Family, seed: number): ScenarioOptions {
  const drawn = draw(family, seed);
  return { ...drawn, opTimeoutMs: Math.max(drawn.opTimeoutMs!, longestRouteMs(drawn)) };
}

/**
 * The op deadline must let the longest lookup the ring can take finish. Up to 8-bit ids lookups go along successors (the
 * original's routing): one hop per peer, so N peers on WAN links (up to 150 ms a hop) take up to N × 160 ms, about 4 s
 * at N = 27, which the 2-8 s drawn did not always allow (crashes 73, membership 22: 23-hop routes ran out of a 2.1 s
 * deadline while their holders were alive). That is the deadline's fault, not the lookup's: a longer route is what
 * successor routing is. Fingers (above 8 bits) take O(log N) hops. Counted: every peer the ring may have (joins too),
 * the walk over a file's R holders, and the answer back.
 */
function longestRouteMs(o: ScenarioOptions): number {
  const latency = typeof o.latency === 'string' ? LATENCY[o.latency] : (o.latency ?? LATENCY.lan);
  const size = (n: number | readonly unknown[] | undefined) => (typeof n === 'number' ? n : (n?.length ?? 0));
  const peers = size(o.peers) + size(o.joins);
  const routeHops = o.idBits! <= 8 ? peers : 2 * Math.ceil(Math.log2(Math.max(2, peers)));
  const hops = routeHops + (o.replicas ?? 3) + 1;
  return hops * (latency.baseMaxMs + latency.jitterMeanMs);
}

function draw(family: Family, seed: number): ScenarioOptions {
  const r = new Random(seed ^ 0x5eed);
  const idBits = 5 + r.int(6); // 5..10
  const peers = Math.min(2 + r.int(30), 2 ** idBits);
  const base: ScenarioOptions = {
    seed,
    peers,
    idBits,
    durationMs: r.range(5_000, 20_000),
    pingIntervalMs: r.range(500, 3_000),
    opTimeoutMs: r.range(2_000, 8_000),
    connectTimeoutMs: 1_000,
    transferIdleTimeoutMs: 3_000,
    latency: r.chance(0.2) ? 'wan' : 'lan',
    ops: 5 + r.int(30),
    invariants: FAMILY_INVARIANTS[family],
  };
  switch (family) {
    case 'clean':
      return base;
    case 'lossy':
      return {
        ...base,
        loss: r.range(0, 0.3),
        duplicate: r.range(0, 0.2),
        tcpLoss: r.range(0, 0.05),
        tcpDuplicate: r.range(0, 0.1),
      };
    case 'datagramLoss': {
      // Heavy datagram loss and duplication (TCP delivers), and now and then a real crash, far enough apart to be
      // found under the loss: no live peer is declared dead, the dead ones are, and every lookup ends at its holder.
      const gapMs = 4 * base.pingIntervalMs!;
      const crashes = r.int(3);
      return {
        ...base,
        durationMs: Math.max(base.durationMs!, (crashes + 1) * gapMs),
        loss: r.range(0.05, 0.4),
        duplicate: r.range(0, 0.2),
        crashes: Array.from({ length: crashes }, (_, i) => ({ atMs: (i + 0.5) * gapMs })),
      };
    }
    case 'partitions':
      return { ...base, partitions: 1 + r.int(3), loss: r.chance(0.5) ? r.range(0, 0.1) : 0 };
    case 'membership':
      return { ...base, joins: r.int(6), quits: r.int(Math.max(1, Math.floor(peers / 3))) };
    case 'crashes': // Crashes that are never restarted, one at a time far enough apart, so repair has a live list to work from.
      {
        const n = 1 + r.int(3);
        const gapMs = 4 * base.pingIntervalMs!;
        return {
          ...base,
          durationMs: (n + 1) * gapMs,
          crashes: Array.from({ length: n }, (_, i) => ({ atMs: (i + 0.5) * gapMs })),
        };
      }
    case 'restarts':
      return { ...base, crashes: 1 + r.int(3), joins: r.int(3), duplicate: r.range(0, 0.1) };
    case 'disk':
      // Full and read-only disks, copies deleted or damaged under their peers (then requested), and a restart now
      // and then (a restarted peer checks its files first).
      return {
        ...base,
        ops: 10 + r.int(30),
        storeShare: 0.5,
        diskFaults: 1 + r.int(6),
        crashes: r.chance(0.3) ? 1 : 0,
      };
    case 'hosts': {
      // Up to four peers per host (five neighbours lost at once can cut the ring with two successors each), whole
      // hosts crashing one at a time far enough apart, some coming back with their disks, and hosts cut off.
      const gapMs = 4 * base.pingIntervalMs!;
      const crashes = r.int(3);
      return {
        ...base,
        durationMs: Math.max(base.durationMs!, (crashes + 1) * gapMs),
        hosts: { perHost: 2 + r.int(3), crashes, gapMs, restartShare: 0.5, cuts: r.int(3) },
      };
    }
    case 'stalls':
      // Busy peers (a loaded machine, a long pause): each handles nothing for up to two ping intervals, so hops it is
      // sent are acknowledged late or not in time, while commands cross the ring.
      return { ...base, ops: 10 + r.int(30), stalls: 2 + r.int(10) };
    case 'swap':
      // A peer restarted on a stale or foreign data directory: its old copies must lose to the ring's newer ones.
      return { ...base, ops: 10 + r.int(30), storeShare: 0.6, swaps: 1 + r.int(2) };
    case 'zones': {
      // Peers on two to five hosts (zones), files stored, then one whole host crashes for good: every file whose
      // holders could span zones (the responsible peer's successor list reaches another host) must survive it.
      // Wider rings keep 6 successors (copies can skip a host's neighbours), 8-bit ones 2 (the fallback is exercised).
      const bits = r.chance(0.3) ? 8 : 9 + r.int(4);
      const n = 4 + r.int(21);
      const durationMs = r.range(8_000, 20_000);
      return {
        ...base,
        idBits: bits,
        peers: n,
        durationMs,
        replicas: r.chance(0.3) ? 2 : 3,
        ops: 10 + r.int(30),
        storeShare: 0.6,
        hosts: {
          perHost: 2 + r.int(3),
          crashes: 1,
          gapMs: r.range(1.1, 1.5) * durationMs, // the crash comes at half of it: past half the run
          restartShare: 0,
          cuts: 0,
        },
      };
    }
    case 'writers': {
      // Several peers storing the same few names at the same moments, requests among them, under loss, a crash and
      // a partition now and then: every request gets an acknowledged store's bytes, and the newest one wins.
      const names = Array.from({ length: 1 + r.int(3) }, () => String(r.int(10_000)).padStart(4, '0'));
      const rounds = 2 + r.int(5);
      const ops: OpPlan[] = [];
      for (let round = 0; round < rounds; round++) {
        const at = (round + 0.5) * (base.durationMs! / rounds);
        for (let i = 0, writers = 2 + r.int(3); i < writers; i++)
          ops.push({ atMs: at + r.range(0, 20), kind: 'store', name: r.pick(names) });
        for (let i = 0, readers = r.int(4); i < readers; i++)
          ops.push({ atMs: at + r.range(0, 400), kind: 'request', name: r.pick(names) });
      }
      return {
        ...base,
        ops,
        loss: r.chance(0.5) ? r.range(0, 0.05) : 0,
        tcpLoss: r.chance(0.3) ? r.range(0, 0.02) : 0,
        crashes: r.chance(0.4) ? 1 : 0,
        partitions: r.chance(0.3) ? 1 : 0,
      };
    }
  }
}
