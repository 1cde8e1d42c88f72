// ringdht rings for figures: random distinct ids, rings of any size through the public API, first-ping waits, teardown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { idealFingers } from '../../src/core/fingers.ts';
import { successorsInRing } from '../../src/core/ring.ts';
import type { Routing } from '../../src/core/routing.ts';
import type { PeerHandle, Ring, RingEvent } from '../../src/index.ts';
import { randomBasePort } from '../../src/host/testing.ts';
import { bundledRingdht, type Ringdht } from './ringdht.ts';

export const ID_SPACE = 256;
/** Where a ring's files can live to take the disk out of a measurement (Linux). */
export const RAM_DISK = '/dev/shm';
/**
 * createRing starts all its workers at once, each spawn call with a 10 s timeout; on 2 cores ~100+ workers overrun it
 * (and on this shared machine even 16 at a time did, once ~170 peers were running: see SETTLE_FROM_PEERS).
 * Bigger rings are started as several createRing calls of at most this many peers on one base port, each peer given
 * its successors in the whole ring: the same peers and sockets, only grouped into several Ring objects on the host.
 */
const SPAWN_BATCH = 32;
/**
 * Past ~100 running peers, each new batch's workers keep this process's CPU busy for seconds after they answer
 * (half of it in the kernel on this VM), and the next batch then overruns the spawn timeout. From this many running
 * peers on, each batch waits for the process's CPU use to settle first (bounded); smaller rings never wait.
 */
const SETTLE_FROM_PEERS = 96;
const SETTLE_CPU_FRACTION = 0.3; // of one core, over a SETTLE_WINDOW_MS window
const SETTLE_WINDOW_MS = 250;
const SETTLE_MAX_MS = 30_000;
const PORT_ATTEMPTS = 8;

/** What figures need of a ring, whether it is one Ring object or several. */
export interface BenchRing {
  ids: number[];
  filesDir: string;
  peer(id: number): PeerHandle;
  on(listener: (event: RingEvent) => void): () => void;
  /** Abrupt departure of one peer: its thread ends with no notice. */
  kill(id: number): Promise<void>;
  /** The heap of the thread hosting `id`, in bytes, after a full GC there. */
  heapAfterGc(id: number): Promise<number>;
  startAll(): Promise<void>;
  close(): Promise<void>;
}

/** `n` distinct ids in 0..255, sorted. */
export function distinctIds(n: number, random: () => number): number[] {
  if (n > ID_SPACE) throw new Error(`a ring of ${n} peers does not fit ids 0..${ID_SPACE - 1}`);
  const ids = new Set<number>();
  while (ids.size < n) ids.add(Math.floor(random() * ID_SPACE));
  return [...ids].sort((a, b) => a - b);
}

function facade(ids: number[], filesDir: string, rings: Ring[], root: string): BenchRing {
  return {
    ids,
    filesDir,
    peer: (id) => (rings.find((r) => r.has(id)) ?? rings[0]!).peer(id),
    on(listener) {
      const offs = rings.map((r) => r.on(listener));
      return () => {
        for (const off of offs) off();
      };
    },
    kill: (id) => (rings.find((r) => r.has(id)) ?? rings[0]!).kill(id),
    heapAfterGc: (id) => (rings.find((r) => r.has(id)) ?? rings[0]!).heapAfterGc(id),
    startAll: () => Promise.all(rings.map((r) => r.startAll())).then(() => {}),
    async close() {
      await Promise.all(rings.map((r) => r.close()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface RingSettings {
  pingIntervalMs: number;
  /** Default: along successors, as the original (8-bit ids). */
  routing?: Routing;
  /** How often peers compare their files with their successors (default: the ping interval). */
  syncIntervalMs?: number;
  /** A command's deadline (default 30 s): cold lookups round a 256-peer ring can take longer. */
  opTimeoutMs?: number;
  /** Copies of every file (default 3). */
  replicas?: number;
  /** Worker threads hosting the whole ring (default: a thread per peer). */
  threads?: number | undefined;
  /** The ring secret: every message sealed (default: none). */
  secret?: Uint8Array;
}

/** Resolves once this process used less than SETTLE_CPU_FRACTION of a core over a window, or after SETTLE_MAX_MS. */
async function settle(): Promise<void> {
  const until = performance.now() + SETTLE_MAX_MS;
  while (performance.now() < until) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 < SETTLE_CPU_FRACTION * SETTLE_WINDOW_MS) return;
  }
}

/** A ring of `ids` (successors derived) on a free random base port, in temporary directories, not started yet. */
export async function openRing(ids: number[], settings: RingSettings, lib?: Ringdht): Promise<BenchRing> {
  const { createRing } = lib ?? (await bundledRingdht());
  const root = await mkdtemp(join(tmpdir(), 'ringdht-bench-'));
  const derived = successorsInRing(ids, 2);
  // On fingers, each peer is given its ideal table as it is given its successors (8-bit ids here).
  const specs = ids.map((id) => ({
    id,
    successors: derived.get(id)!,
    ...(settings.routing === 'finger' ? { fingers: idealFingers(id, ids, 8) } : {}),
  }));
  const dirs = { dataDir: join(root, 'data'), filesDir: join(root, 'files') };
  for (let attempt = 1; ; attempt++) {
    // Below Linux's ephemeral range (32768 and up), so no outgoing connection can take a peer's port; within
    // RINGDHT_TEST_PORTS when it is set, so a bench run beside other runs' tests keeps to its own ports.
    const basePort = randomBasePort();
    const rings: Ring[] = [];
    try {
      // Spawn batches only for a thread per peer: with `threads` the ring's threads are few, and one createRing keeps
      // the ring on them (batches would each get `threads` threads, and peers of different batches talk over TCP).
      const batch = settings.threads === undefined ? SPAWN_BATCH : specs.length;
      for (let i = 0; i < specs.length; i += batch) {
        if (i >= SETTLE_FROM_PEERS) await settle();
        rings.push(
          await createRing({ peers: specs.slice(i, i + batch), basePort, ...settings, start: false, ...dirs }),
        );
      }
      return facade(ids, dirs.filesDir, rings, root);
    } catch (error) {
      await Promise.all(rings.map((r) => r.close()));
      if ((error as { code?: string }).code !== 'PORT_IN_USE' || attempt === PORT_ATTEMPTS) {
        await rm(root, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

/** Runs `fn` on a fresh ring (not started; the bundled library unless told) and always closes it, even when `fn` throws. */
export async function withRing<T>(
  ids: number[],
  settings: RingSettings,
  fn: (ring: BenchRing) => Promise<T>,
  lib?: Ringdht,
): Promise<T> {
  const ring = await openRing(ids, settings, lib);
  try {
    return await fn(ring);
  } finally {
    await ring.close();
  }
}

/** Starts the ping rounds and resolves once every peer has had an answer from each of its successors (no sleeping). */
export function startAndWait(ring: BenchRing, timeoutMs = 60_000): Promise<void> {
  const missing = new Set<string>();
  for (const [id, successors] of successorsInRing(ring.ids, 2))
    for (const s of successors) if (s !== id) missing.add(`${id}<-${s}`);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`${missing.size} successors had not answered a first ping within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const off = ring.on((e) => {
      if (e.kind === 'line' && e.line.event === 'ping.response') missing.delete(`${e.peer}<-${String(e.line.from)}`);
      if (missing.size === 0) finish();
    });
    function finish(error?: Error) {
      clearTimeout(timer);
      off();
      if (error) reject(error);
      else resolve();
    }
    if (missing.size === 0) finish();
    else ring.startAll().catch(finish);
  });
}

/** createRing's directories here live under os.tmpdir(), which follows TMPDIR: pointing it at a RAM disk for one ring shows what the disk costs. */
export async function onRamDisk<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = RAM_DISK;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
