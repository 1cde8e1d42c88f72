// A scenario run end to end: build a ring, plan faults and commands from the seed, run, settle, check, summarize.
import type { LookupKind } from '../core/messages.ts';
import { PeerMachine } from '../core/machine.ts';
import { spaceSize, type PeerId } from '../core/ring.ts';
import type { Routing } from '../core/routing.ts';
import { resolveConfig } from '../config.ts';
import { Convergence, percentile, type ConvergenceSummary } from './convergence.ts';
import { ALL_INVARIANTS, checkQuiet, UNLESS_SPLIT, type InvariantName } from './invariants.ts';
import { LATENCY, type LatencyModel } from './network.ts';
import { Random } from './random.ts';
import type { MachineFactory, Violation } from './types.ts';
import { World, type DiskSwap, type FileFault, type RestartMode } from './world.ts';

const second = 1000; // ms

/**
 * A crash of `peer` (default: a random member then); with `restartAfterMs`, it restarts that much later. `swap`: it
 * restarts on another data directory, an old copy of its own (as it was at `snapshotAtMs`) or another peer's.
 */
export interface CrashPlan {
  atMs: number;
  peer?: PeerId;
  restartAfterMs?: number;
  keepDisk?: boolean;
  restart?: RestartMode;
  swap?: DiskSwap;
  snapshotAtMs?: number;
}
/** A member (`peer`, or a random one) busy for `forMs` from `atMs`: it handles nothing meanwhile (a loaded machine). */
export interface StallPlan {
  atMs: number;
  forMs: number;
  peer?: PeerId;
}
/**
 * A disk fault: a random member's disk turns full or read-only for `forMs`; or a held copy of a stored file is deleted,
 * truncated or corrupted under its running peer, and (with `requestAfterMs`) a request for that file follows.
 */
export type DiskFaultPlan =
  | { atMs: number; fault: 'full' | 'readonly'; forMs: number; peer?: PeerId }
  | { atMs: number; fault: FileFault; requestAfterMs?: number };
/**
 * Several peers per simulated host (zone): peers are dealt to hosts of `perHost` (at least two hosts). `crashes` hosts
 * crash whole, one at a time `gapMs` apart (each of their peers at once; with odds `restartShare` they all come back
 * with their disks); `cuts` hosts are cut off whole by a partition for a while.
 */
export interface HostsPlan {
  perHost: number;
  crashes: number;
  gapMs: number;
  restartShare: number;
  cuts: number;
}
/** Peers in `groups` (each a group) and everyone else (one more group) cannot reach each other until the heal. */
export interface PartitionPlan {
  atMs: number;
  healAtMs: number;
  groups: PeerId[][];
}
export interface OpPlan {
  atMs: number;
  kind: LookupKind;
  peer?: PeerId;
  name?: string;
}
/** A fresh peer joins (`peer` to choose its id), or a member departs gracefully (`peer` to choose which). */
export interface ChurnPlan {
  atMs: number;
  peer?: PeerId;
}

/** A count asks for that many, planned at random from the seed; a list gives them exactly. */
type Plan<T> = number | readonly T[];

export interface ScenarioOptions {
  seed: number;
  /** How many peers (random distinct ids), or their ids. */
  peers: number | readonly PeerId[];
  /** Identifier space bits (DEFAULTS.idBits). */
  idBits?: number;
  /** Commands and disturbances happen within this; then partitions heal and the ring settles (default 60 s). */
  durationMs?: number;
  /** The settle phase lasts at least this long (default: long enough for every op to end and one layer of deaths to be repaired). */
  settleMs?: number;
  /** UDP datagram loss and duplication odds (default 0). */
  loss?: number;
  duplicate?: number;
  /** TCP message loss and duplication odds (default 0; harsher than real TCP, to test idempotence). */
  tcpLoss?: number;
  tcpDuplicate?: number;
  /** A profile name or a model (default 'lan'). */
  latency?: LatencyModel | keyof typeof LATENCY;
  partitions?: Plan<PartitionPlan>;
  crashes?: Plan<CrashPlan>;
  joins?: Plan<ChurnPlan>;
  quits?: Plan<ChurnPlan>;
  /** Disk faults (default 0). */
  diskFaults?: Plan<DiskFaultPlan>;
  /** Members that stall, handling nothing for a while (default none; a count stalls random members up to 2 ping intervals). */
  stalls?: Plan<StallPlan>;
  /** Random members that crash and restart on a swapped data directory (default 0). */
  swaps?: number;
  /** Peers grouped on hosts that crash or are cut off whole (default: none). */
  hosts?: HostsPlan;
  /** Stores and requests (default 100). */
  ops?: Plan<OpPlan>;
  /** Share of random ops that are stores (default 0.4). */
  storeShare?: number;
  /** Peer settings, resolved as a real peer's are (src/config.ts) unless given. */
  pingIntervalMs?: number;
  pingMissLimit?: number;
  /** Successors each peer keeps (r; a real peer's default for the id space). */
  successorCount?: number;
  /** Helpers a silent successor is probed through (SWIM's k; a real peer's default, 3; 0: the original's detection). */
  indirectProbes?: number;
  opTimeoutMs?: number;
  connectTimeoutMs?: number;
  transferIdleTimeoutMs?: number;
  /** Transfer speed (default 100 MB/s). */
  bandwidthBytesPerMs?: number;
  /** 'successor' or 'finger' (default: a real peer's for the id space: successor for 8 bits, finger above). */
  routing?: Routing;
  /** Finger routing: the peers the ring is built with start with their ideal fingers, as with their successor lists (default true; false: fix-fingers learns them). */
  builtFingers?: boolean;
  /** Copies of every file (R, DEFAULTS.replicas). */
  replicas?: number;
  /** The invariants to check (default: invariantsFor(options)). */
  invariants?: readonly InvariantName[];
  /** Builds each peer's machine (default: the core's PeerMachine); tests inject broken variants here. */
  machine?: MachineFactory;
  traceWindow?: number;
  maxSteps?: number;
  /** Called with the world once it settled, before the summary (tests read the machines' state here). */
  inspect?: (world: World) => void;
}

export interface Summary {
  seed: number;
  peers: number;
  /** Ring members at the end. */
  members: number;
  idBits: number;
  durationMs: number;
  simulatedMs: number;
  steps: number;
  lookups: { ok: number; failed: number; notFound: number; timedOut: number; abandoned: number };
  /**
   * Requests that failed (not found, timed out, no route) while a member held the file from their start to their end:
   * one the origin could reach all along (issue 19's target: 0), or only ones down or cut off from it for a while.
   */
  failedWithHolder: { reachable: number; unreachable: number; notes: string[] };
  hops: { p50: number; p99: number; max: number };
  messages: { sent: number; delivered: number; dropped: number; duplicated: number; perPeerPerSecond: number };
  transfers: { ok: number; failed: number };
  membership: {
    joins: number;
    joinsOk: number;
    quits: number;
    crashes: number;
    restarts: number;
    deaths: number;
    wrongDeaths: number;
    untoldDepartures: number;
    partitions: number;
  };
  /** Once the disturbances ended: how long until the successor lists formed the ideal ring (null: never, or not checked). */
  convergedAfterMs: number | null;
  /** After each crash, join, departure and heal: how long until the ring was right again. */
  convergence: ConvergenceSummary;
  /** Stored (acknowledged) names no live peer holds any more, and those the responsible member does not hold. */
  filesLost: number;
  filesUnreachable: number;
  invariants: InvariantName[];
  violations: Violation[];
  traceHash: string;
}

/** Every lookup names the right holder only where no peer can be wrongly declared dead: no datagram loss, no partition. */
export function invariantsFor(options: Pick<ScenarioOptions, 'loss' | 'partitions'>): InvariantName[] {
  const falseDeaths = (options.loss ?? 0) > 0 || count(options.partitions) > 0;
  return falseDeaths ? [...UNLESS_SPLIT] : [...ALL_INVARIANTS];
}

function count(plan: Plan<unknown> | undefined): number {
  return typeof plan === 'number' ? plan : (plan?.length ?? 0);
}

/**
 * Ping intervals the settle phase may run past its window while the ring is still closing (it was 40). Of npm test's
 * seeds and the bench sweep's (300 of each family, 500 of hosts, disk, swap and writers), only two need any: hosts
 * 1151 (2.1) and 1457 (8.0), rings of two successors whose lists skipped live peers after a whole host crashed, walked
 * back one peer per two rounds (the original's rule on 8-bit rings); 10 leaves those two a margin of two intervals.
 */
export const REPAIR_INTERVALS = 10;

export function runScenario(options: ScenarioOptions): Summary {
  // A simulated peer's settings are resolved as a real peer's are, from the same defaults.
  const peer = resolveConfig({
    idBits: options.idBits,
    routing: options.routing,
    pingIntervalMs: options.pingIntervalMs,
    pingMissLimit: options.pingMissLimit,
    successorCount: options.successorCount,
    indirectProbes: options.indirectProbes,
    opTimeoutMs: options.opTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    transferIdleTimeoutMs: options.transferIdleTimeoutMs,
    replicas: options.replicas,
  });
  const o = {
    durationMs: 60 * second,
    loss: 0,
    duplicate: 0,
    tcpLoss: 0,
    tcpDuplicate: 0,
    latency: 'lan' as const,
    partitions: 0,
    crashes: 0,
    joins: 0,
    quits: 0,
    ops: 100,
    storeShare: 0.4,
    bandwidthBytesPerMs: 100_000,
    machine: (config) => new PeerMachine(config),
    traceWindow: 30,
    maxSteps: 50_000_000,
    ...options,
    idBits: peer.idBits,
    routing: peer.routing,
    pingIntervalMs: peer.pingIntervalMs,
    pingMissLimit: peer.pingMissLimit,
    successorCount: peer.successorCount,
    indirectProbes: peer.indirectProbes,
    opTimeoutMs: peer.opTimeoutMs,
    connectTimeoutMs: peer.connectTimeoutMs,
    transferIdleTimeoutMs: peer.transferIdleTimeoutMs,
    replicas: peer.replicas,
  } satisfies ScenarioOptions;
  const invariants = [...(o.invariants ?? invariantsFor(o))];
  const random = new Random(o.seed);
  const ids = typeof o.peers === 'number' ? randomIds(random, o.peers, o.idBits) : [...o.peers];
  const d = o.durationMs;
  // Peers on hosts: each peer's zone is its host.
  const hosts = o.hosts === undefined ? undefined : planHosts(random, ids, o.hosts, d);
  const world = new World(
    {
      seed: o.seed,
      idBits: o.idBits,
      ids,
      successorCount: o.successorCount,
      indirectProbes: o.indirectProbes,
      replicas: o.replicas,
      routing: o.routing,
      builtFingers: o.builtFingers ?? true,
      pingIntervalMs: o.pingIntervalMs,
      pingMissLimit: o.pingMissLimit,
      opTimeoutMs: o.opTimeoutMs,
      connectTimeoutMs: o.connectTimeoutMs,
      transferIdleTimeoutMs: o.transferIdleTimeoutMs,
      bandwidthBytesPerMs: o.bandwidthBytesPerMs,
      latency: typeof o.latency === 'string' ? LATENCY[o.latency] : o.latency,
      faults: { loss: o.loss, duplicate: o.duplicate, tcpLoss: o.tcpLoss, tcpDuplicate: o.tcpDuplicate },
      invariants,
      machine: o.machine,
      traceWindow: o.traceWindow,
      maxSteps: o.maxSteps,
      ...(hosts === undefined ? {} : { zones: hosts.zones }),
    },
    random,
  );

  const crashes = plan(o.crashes, () => randomCrash(random, d));
  crashes.push(...Array.from({ length: o.swaps ?? 0 }, () => randomSwap(random, ids, d)));
  crashes.push(...(hosts?.crashes ?? []));
  for (const c of crashes) {
    const swap = c.swap === undefined ? {} : { swap: c.swap };
    const restart =
      c.restartAfterMs === undefined
        ? {}
        : { restart: { afterMs: c.restartAfterMs, keepDisk: c.keepDisk ?? true, mode: c.restart ?? 'join', ...swap } };
    world.at(c.atMs, { type: 'crash', ...(c.peer === undefined ? {} : { peer: c.peer }), ...restart });
    if (c.snapshotAtMs !== undefined && c.peer !== undefined)
      world.at(c.snapshotAtMs, { type: 'snapshot', peer: c.peer });
  }
  for (const stall of plan(o.stalls ?? 0, () => randomStall(random, d, o.pingIntervalMs))) {
    const { atMs, forMs, peer } = stall;
    world.at(atMs, { type: 'stall', forMs, ...(peer === undefined ? {} : { peer }) });
  }
  plan(o.diskFaults ?? 0, () => randomDiskFault(random, d)).forEach((f) => {
    if ('forMs' in f)
      world.at(f.atMs, {
        type: 'diskMode',
        mode: f.fault,
        forMs: f.forMs,
        ...(f.peer === undefined ? {} : { peer: f.peer }),
      });
    else
      world.at(f.atMs, {
        type: 'fileFault',
        fault: f.fault,
        ...(f.requestAfterMs === undefined ? {} : { requestAfterMs: f.requestAfterMs }),
      });
  });
  const partitions = plan(o.partitions, () => randomPartition(random, ids, d));
  partitions.push(...(hosts?.cuts ?? []));
  partitions.forEach((p, i) => {
    world.at(p.atMs, { type: 'partition', id: i + 1, groups: p.groups });
    world.at(p.healAtMs, { type: 'heal', id: i + 1 });
  });
  for (const j of plan<ChurnPlan>(o.joins, () => ({ atMs: random.range(0, d) }))) {
    world.at(j.atMs, { type: 'join', ...(j.peer === undefined ? {} : { peer: j.peer }), attempt: 0 });
  }
  for (const q of plan<ChurnPlan>(o.quits, () => ({ atMs: random.range(0, d) }))) {
    world.at(q.atMs, { type: 'quit', ...(q.peer === undefined ? {} : { peer: q.peer }) });
  }
  plan(
    o.ops,
    () => ({ atMs: random.range(0, d), kind: random.chance(o.storeShare) ? 'store' : 'request' }) as OpPlan,
  ).forEach((op) => {
    world.at(op.atMs, {
      type: 'op',
      kind: op.kind,
      ...(op.peer === undefined ? {} : { origin: op.peer }),
      ...(op.name === undefined ? {} : { name: op.name }),
    });
  });
  world.at(d, { type: 'heal', id: 'all' });
  world.at(d, { type: 'diskMode', peer: 'all', mode: 'ok' });

  world.check(checkQuiet(world, world.on)); // the ring as built
  world.startAll();
  const convergence = new Convergence(world, o.pingIntervalMs / 4);
  convergence.drive(d);
  world.calm();

  // Settle: every op ends, every death is noticed and repaired, every refused rejoin is retried.
  const disturbed =
    crashes.length + count(o.joins) + count(o.quits) + partitions.length + count(o.diskFaults) > 0 || o.loss > 0;
  const detectMs = disturbed ? peer.startupGraceMs + (o.pingMissLimit + 2) * o.pingIntervalMs : 0;
  const rejoinMs = crashes.some((c) => c.restartAfterMs !== undefined)
    ? 3 * (o.pingMissLimit + 1) * o.pingIntervalMs
    : 0;
  const settleMs = Math.max(
    o.settleMs ?? 0,
    o.opTimeoutMs + o.connectTimeoutMs + o.transferIdleTimeoutMs + second,
    detectMs + rejoinMs,
  );
  // A few ping intervals more for a ring still closing (REPAIR_INTERVALS: a walk back takes two rounds per peer).
  const repairMs = REPAIR_INTERVALS * o.pingIntervalMs;
  const convergedAfterMs = settle(
    world,
    convergence,
    d,
    settleMs,
    o.pingIntervalMs / 2,
    invariants.includes('ring'),
    repairMs,
  );
  world.checkQuiet();
  o.inspect?.(world);
  return { ...summarize(world, o, ids.length, invariants, convergedAfterMs), convergence: convergence.summary() };
}

function plan<T>(given: Plan<T>, make: () => T): T[] {
  return typeof given === 'number' ? Array.from({ length: given }, make) : [...given];
}

/** Runs the settle phase in steps, noting when the ring first has its ideal shape. */
function settle(
  world: World,
  convergence: Convergence,
  from: number,
  settleMs: number,
  stepMs: number,
  watchRing: boolean,
  repairMs: number,
): number | null {
  const ringHolds = () => checkQuiet(world, new Set(['ring'])) === undefined;
  let converged: number | null = watchRing && ringHolds() ? 0 : null;
  // A ring whose lists skipped several live peers (adjacent crashes) walks back to them one stabilisation (two ping
  // rounds) at a time, and copies move after it: that may take longer than the window, so the ring gets up to
  // `repairMs` more to be right again, and no longer (the checks then say what is still wrong).
  const end = from + settleMs;
  const quiet = () => checkQuiet(world, world.on) === undefined;
  for (let t = from; world.violation === undefined; t += stepMs) {
    if (t >= end && (converged === 0 || t >= end + repairMs || quiet())) break;
    const until = t < end ? Math.min(t + stepMs, end) : t + stepMs;
    convergence.drive(until);
    if (watchRing && converged === null && ringHolds()) converged = world.now - from;
  }
  return converged;
}

export function randomIds(random: Random, n: number, idBits: number): PeerId[] {
  const size = spaceSize(idBits);
  if (!Number.isInteger(n) || n < 1 || n > size) throw new Error(`${n} peers do not fit in a ${idBits}-bit space`);
  const ids = new Set<PeerId>();
  if (n > size / 2) {
    // Dense: shuffle the whole space and take a prefix.
    const all = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + random.int(size - i);
      [all[i], all[j]] = [all[j]!, all[i]!];
      ids.add(all[i]!);
    }
  } else while (ids.size < n) ids.add(random.int(size));
  return [...ids];
}

/** A crash and a restart with the disk swapped: its own as it was a while before, or another peer's. */
function randomSwap(random: Random, ids: readonly PeerId[], d: number): CrashPlan {
  const atMs = random.range(0.3, 0.7) * d;
  return {
    atMs,
    peer: random.pick(ids),
    restartAfterMs: random.range(500, Math.max(600, 0.25 * d)),
    keepDisk: true,
    restart: random.chance(0.5) ? 'join' : 'static',
    swap: random.chance(0.5) ? 'stale' : 'other',
    snapshotAtMs: random.range(0, atMs),
  };
}

function randomDiskFault(random: Random, d: number): DiskFaultPlan {
  const atMs = random.range(0.1, 0.8) * d;
  const fault = random.pick(['full', 'readonly', 'delete', 'truncate', 'corrupt'] as const);
  if (fault === 'full' || fault === 'readonly')
    return { atMs, fault, forMs: random.range(500, Math.max(600, 0.3 * d)) };
  return { atMs, fault, ...(random.chance(0.7) ? { requestAfterMs: random.range(0, 2_000) } : {}) };
}

/** Deals the peers to hosts, then plans whole-host crashes (distinct hosts, never all of them) and cuts. */
function planHosts(
  random: Random,
  ids: readonly PeerId[],
  h: HostsPlan,
  d: number,
): { crashes: CrashPlan[]; cuts: PartitionPlan[]; zones: Map<PeerId, string> } {
  const shuffled = [...ids];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const hostCount = Math.max(2, Math.ceil(ids.length / h.perHost));
  const hosts: PeerId[][] = Array.from({ length: hostCount }, () => []);
  for (const [i, id] of shuffled.entries()) hosts[i % hostCount]!.push(id);
  const occupied = hosts.filter((host) => host.length > 0);
  const zones = new Map(occupied.flatMap((host, i) => host.map((id) => [id, `host-${i + 1}`] as const)));
  const order = [...occupied.keys()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const crashes: CrashPlan[] = [];
  order.slice(0, Math.min(h.crashes, occupied.length - 1)).forEach((hostIndex, i) => {
    const atMs = (i + 0.5) * h.gapMs;
    const restart = random.chance(h.restartShare)
      ? {
          restartAfterMs: random.range(500, 2 * h.gapMs),
          keepDisk: true,
          restart: random.chance(0.5) ? ('join' as const) : ('static' as const),
        }
      : {};
    for (const peer of occupied[hostIndex]!) crashes.push({ atMs, peer, ...restart });
  });
  const cuts = Array.from({ length: h.cuts }, (): PartitionPlan => {
    const atMs = random.range(0, 0.7) * d;
    return { atMs, healAtMs: atMs + random.range(1000, Math.max(1100, 0.25 * d)), groups: [random.pick(occupied)] };
  });
  return { crashes, cuts, zones };
}

function randomCrash(random: Random, d: number): CrashPlan {
  const c: CrashPlan = { atMs: random.range(0.05, 0.7) * d };
  if (random.chance(0.7)) {
    c.restartAfterMs = random.range(500, Math.max(600, 0.25 * d));
    c.keepDisk = random.chance(0.5);
  }
  return c;
}

/** A random member busy for up to two ping intervals, within the disturbance window. */
function randomStall(random: Random, d: number, pingIntervalMs: number): StallPlan {
  return { atMs: random.range(0, 0.8) * d, forMs: random.range(0.1, 2) * pingIntervalMs };
}

/** One island: an arc of the ring (neighbours cut off together) or peers scattered at random. */
function randomPartition(random: Random, ids: readonly PeerId[], d: number): PartitionPlan {
  const atMs = random.range(0, 0.7) * d;
  const size = 1 + random.int(Math.max(1, Math.floor(ids.length / 2)));
  let island: PeerId[];
  if (random.chance(0.5)) {
    const sorted = [...ids].sort((a, b) => a - b);
    const start = random.int(sorted.length);
    island = Array.from({ length: size }, (_, i) => sorted[(start + i) % sorted.length]!);
  } else {
    island = [...new Set(Array.from({ length: size }, () => random.pick(ids)))];
  }
  return { atMs, healAtMs: atMs + random.range(1000, Math.max(1100, 0.25 * d)), groups: [island] };
}

function summarize(
  world: World,
  o: { seed: number; idBits: number; durationMs: number },
  peers: number,
  invariants: InvariantName[],
  convergedAfterMs: number | null,
): Omit<Summary, 'convergence'> {
  const lookups = { ok: 0, failed: 0, notFound: 0, timedOut: 0, abandoned: 0 };
  const hops: number[] = [];
  const acknowledged = new Map<string, Set<number>>();
  let joinsOk = 0;
  for (const r of world.ops.values()) {
    if (r.kind === 'join' && r.result?.ok) joinsOk++;
    if (r.kind !== 'store' && r.kind !== 'request') continue;
    if (r.result === undefined) {
      lookups.abandoned++;
      continue;
    }
    if (r.result.ok) lookups.ok++;
    else {
      lookups.failed++;
      if (r.result.error.includes('not in the DHT')) lookups.notFound++;
      else if (r.result.error.includes('had no answer')) lookups.timedOut++;
    }
    if (r.result.holder !== undefined && r.result.hops !== undefined) hops.push(r.result.hops);
    if (r.kind === 'store' && r.result.ok && r.content !== undefined) {
      if (!acknowledged.has(r.name)) acknowledged.set(r.name, new Set());
      acknowledged.get(r.name)!.add(r.content.token);
    }
  }
  hops.sort((a, b) => a - b);
  const survivors = new Set<string>();
  let members = 0;
  for (const peer of world.livePeers()) {
    if (peer.member) members++;
    for (const [name, content] of peer.disk) if (acknowledged.get(name)?.has(content.token)) survivors.add(name);
  }
  let filesUnreachable = 0;
  for (const [name, tokens] of acknowledged) {
    if (!survivors.has(name) || world.memberIds().length === 0) continue;
    const holder = world.diskOf(world.responsible(Number.parseInt(name, 10) % spaceSize(o.idBits))).get(name);
    if (holder === undefined || !tokens.has(holder.token)) filesUnreachable++;
  }
  const s = world.stats;
  return {
    seed: o.seed,
    peers,
    members,
    idBits: o.idBits,
    durationMs: o.durationMs,
    simulatedMs: world.now,
    steps: world.step,
    lookups,
    failedWithHolder: {
      reachable: s.failedWithReachableHolder,
      unreachable: s.failedWithUnreachableHolder,
      notes: s.failedWithHolderNotes,
    },
    hops: { p50: percentile(hops, 50) ?? 0, p99: percentile(hops, 99) ?? 0, max: hops[hops.length - 1] ?? 0 },
    messages: {
      sent: s.sent,
      delivered: s.delivered,
      dropped: s.dropped,
      duplicated: s.duplicated,
      perPeerPerSecond: world.now > 0 ? s.sent / peers / (world.now / second) : 0,
    },
    transfers: { ok: world.transferCounts().ok, failed: world.transferCounts().failed },
    membership: {
      joins: s.joins,
      joinsOk,
      quits: s.quits,
      crashes: s.crashes,
      restarts: s.restarts,
      deaths: s.deaths,
      wrongDeaths: s.wrongDeaths,
      untoldDepartures: world.untoldDepartures(),
      partitions: s.partitions,
    },
    convergedAfterMs,
    filesLost: acknowledged.size - survivors.size,
    filesUnreachable,
    invariants,
    violations: world.violation === undefined ? [] : [world.violation],
    traceHash: world.trace.hash(),
  };
}

const seconds = (ms: number | null) =>
  ms === null ? '-' : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / second).toFixed(2)} s`;

function formatConvergence(c: ConvergenceSummary): string {
  if (c.disturbances === 0) return 'no disturbances';
  const kinds = Object.entries(c.byKind).map(
    ([kind, k]) => `${kind} ${k.converged}/${k.n} p50 ${seconds(k.p50Ms)} max ${seconds(k.maxMs)}`,
  );
  return `${c.converged} of ${c.disturbances} converged, p50 ${seconds(c.p50Ms)}, p99 ${seconds(c.p99Ms)}, max ${seconds(c.maxMs)} (${kinds.join('; ')})`;
}

/** The summary for a person: a few lines, the violation (with its trace) last. */
export function formatSummary(s: Summary): string {
  const m = s.membership;
  const out = [
    `seed ${s.seed}: ${s.peers} peers (${s.members} members at the end), ${s.idBits}-bit ids, ${s.durationMs / second} s (+${((s.simulatedMs - s.durationMs) / second).toFixed(0)} s to settle), ${s.steps} steps`,
    `lookups: ${s.lookups.ok} ok, ${s.lookups.failed} failed (${s.lookups.notFound} not found, ${s.lookups.timedOut} timed out)${s.lookups.abandoned ? `, ${s.lookups.abandoned} abandoned by a peer that stopped` : ''}`,
    `requests failed while a holder had the file: ${s.failedWithHolder.reachable} with one the requester could reach (target 0), ${s.failedWithHolder.unreachable} with holders down or cut off from it for a while`,
    ...s.failedWithHolder.notes.map((note) => `  failed with a reachable holder: ${note}`),
    `hops: p50 ${s.hops.p50}, p99 ${s.hops.p99}, max ${s.hops.max}`,
    `messages: ${s.messages.perPeerPerSecond.toFixed(3)} per peer per second (${s.messages.sent} sent, ${s.messages.dropped} dropped, ${s.messages.duplicated} duplicated); transfers ${s.transfers.ok} ok, ${s.transfers.failed} failed`,
    `membership: ${m.joinsOk}/${m.joins} joins, ${m.quits} departures, ${m.crashes} crashes, ${m.restarts} restarts, ${m.partitions} partitions; ${m.deaths} deaths declared, ${m.wrongDeaths} of live peers, ${m.untoldDepartures} of peers that had departed`,
    `converged: ${s.convergedAfterMs === null ? 'not checked or never' : `${(s.convergedAfterMs / second).toFixed(1)} s after the last disturbance window`}`,
    `convergence after each disturbance: ${formatConvergence(s.convergence)}`,
    `files lost: ${s.filesLost}; stored but not at the responsible peer: ${s.filesUnreachable}`,
    `invariants checked: ${s.invariants.join(', ')}`,
    `trace hash: ${s.traceHash}`,
  ];
  if (s.violations.length === 0) out.push('violations: none');
  for (const v of s.violations) {
    out.push(`VIOLATION of ${v.invariant} at step ${v.step} (t=${v.atMs.toFixed(3)} ms, seed ${v.seed}): ${v.message}`);
    out.push(`last ${v.trace.length} events:`, ...v.trace.map((line) => `  ${line}`));
  }
  return out.join('\n');
}
