// The one resolved configuration: resolveConfig fills every default (src/defaults.ts) and derived value once.
import type { MachineConfig, MachineSettings } from './core/machine.ts';
import type { FileEntry } from './core/messages.ts';
import { isZone, MAX_REPLICAS } from './core/replication.ts';
import type { NameHash, PeerId } from './core/ring.ts';
import { defaultRouting, ROUTINGS } from './core/routing.ts';
import { MAX_INDIRECT_PROBES } from './core/membership.ts';
import { MAX_SUCCESSOR_COUNT } from './core/successors.ts';
import { DEFAULTS } from './defaults.ts';
import { RingdhtError } from './errors.ts';
import type { PeerAddress } from './wire/codec.ts';
import { isHost, isUnspecified } from './wire/hosts.ts';

/** A file chunk travels in one frame with its envelope: the frame must hold a chunk and this much more. */
const CHUNK_FRAMING_BYTES = 1024;
/** The widest id space: 32-bit ids. */
export const MAX_ID_BITS = 32;

/**
 * Every setting of a ring and its peers, resolved: one name per setting, the same in RingOptions, ActorConfig,
 * MachineConfig, the CLI (kebab-case, in seconds or MiB where the name ends in Ms or Bytes) and README.
 * Defaults are in DEFAULTS; the protocol's settings (MachineSettings) say which are derived.
 */
export interface Config extends Readonly<MachineSettings> {
  /** Peer N listens on UDP and TCP port basePort + N (8-bit ids); above 8 bits, ports are given from here on (0: each
   *  peer takes a free port, and the peers of this process are told where the others are). */
  readonly basePort: number;
  /** The address peers bind (0.0.0.0 and :: allowed: then `advertise`, or the machine's one other address, is told). */
  readonly host: string;
  /** What other peers are told (NAT, containers): a host (IP or name), and a port for a one-peer process; undefined: the bound host. */
  readonly advertise: { readonly host: string; readonly port?: number } | undefined;
  /** Where copies are spread: copies of a key go to distinct zones where the ring has them; undefined: the advertised host. */
  readonly zone: string | undefined;
  /** Where peers outside this process listen (ID@HOST:PORT; on 8-bit rings the port defaults to basePort + id). */
  readonly known: readonly PeerAddress[];
  /** Peers retried (with backoff, at a bounded rate) while a peer is alone or cut off, so rings merge again. */
  readonly seeds: readonly PeerAddress[];
  /** The peers of this process join an existing ring through this peer, rather than forming one of their own. */
  readonly join: PeerAddress | undefined;
  /**
   * Worker threads hosting the actors, each actor still with its own sockets; undefined: a thread per actor; 0: the
   * actors run in the main thread (a one-peer process: no worker's memory and start-up).
   */
  readonly threads: number | undefined;
  /** Each peer keeps its files in <dataDir>/peer-<id>. */
  readonly dataDir: string;
  /** Where `store` reads files from. */
  readonly filesDir: string;
  /** 'per-peer' (a ring process): received files go to <filesDir>/peer-<id>/; 'flat' (a one-peer process): into filesDir. */
  readonly receiveLayout: 'per-peer' | 'flat';
  /** The largest file `store` accepts and a peer receives. */
  readonly maxFileBytes: number;
  /** File bytes travel in chunks of this size, one TCP frame each. */
  readonly chunkBytes: number;
  /** The largest TCP frame a peer reads. */
  readonly maxFrameBytes: number;
  readonly connectTimeoutMs: number;
  readonly transferIdleTimeoutMs: number;
  readonly transferTimeoutMs: number;
  readonly closeGraceMs: number;
  /** Copies between holders sent at once by one peer. */
  readonly maxConcurrentCopies: number;
  readonly maxDatagramBytes: number;
  readonly frameTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly outboundIdleMs: number;
  readonly maxInboundConnections: number;
  /** Commands, files received, files sent under way at once, each. */
  readonly maxInFlight: number;
  /** The ring secret (at least DEFAULTS.minSecretBytes bytes): every message is sealed with it; null: none. */
  readonly secret: Uint8Array | null;
  /**
   * The ring the peers' data directories belong to (identity.json); left out, it is derived from the secret, else
   * taken from the peers' directories, else made new.
   */
  readonly ringId: string | undefined;
  /** Take in a data directory of another ring or peer: its files keep their versions, and newer copies in the ring win. */
  readonly adoptData: boolean;
  readonly replayWindowMs: number;
  readonly nonceCacheEntries: number;
}

/** What may be given: any setting, derived ones included (then taken as given, if consistent). */
export type ConfigOptions = { -readonly [K in keyof Config]?: Config[K] };

export type Setting = keyof Config;

/**
 * Every setting, from what was given and DEFAULTS; derived values from the resolved ones they depend on.
 * Pure, and idempotent: resolveConfig(resolveConfig(o)) equals resolveConfig(o). Throws RingdhtError
 * BAD_OPTION with one sentence naming the setting as `nameOf` spells it (the CLI passes its flags).
 */
export function resolveConfig(options: ConfigOptions = {}, nameOf: (setting: Setting) => string = (s) => s): Config {
  const o = options;
  const idBits = o.idBits ?? DEFAULTS.idBits;
  const pingIntervalMs = o.pingIntervalMs ?? DEFAULTS.pingIntervalMs;
  const pingTimeoutMs = o.pingTimeoutMs ?? Math.min(pingIntervalMs / 2, DEFAULTS.maxPingTimeoutMs);
  const pingMissLimit = o.pingMissLimit ?? DEFAULTS.pingMissLimit;
  const replicas = o.replicas ?? DEFAULTS.replicas;
  const config: Config = {
    idBits,
    routing: o.routing ?? defaultRouting(idBits),
    basePort: o.basePort ?? DEFAULTS.basePort,
    host: o.host ?? DEFAULTS.host,
    advertise: o.advertise,
    zone: o.zone,
    known: o.known ?? [],
    seeds: o.seeds ?? [],
    join: o.join,
    threads: o.threads,
    pingIntervalMs,
    pingTimeoutMs,
    pingMissLimit,
    successorCount: o.successorCount ?? (idBits <= 8 ? DEFAULTS.successorCount : DEFAULTS.wideSuccessorCount),
    indirectProbes: o.indirectProbes ?? DEFAULTS.indirectProbes,
    startupGraceMs: o.startupGraceMs ?? DEFAULTS.startupGraceMs,
    opTimeoutMs: o.opTimeoutMs ?? DEFAULTS.opTimeoutMs,
    joinTimeoutMs: o.joinTimeoutMs ?? DEFAULTS.joinTimeoutMs,
    departTimeoutMs: o.departTimeoutMs ?? DEFAULTS.departTimeoutMs,
    fingerIntervalMs: o.fingerIntervalMs ?? pingIntervalMs,
    hopTimeoutMs: o.hopTimeoutMs ?? Math.max(pingTimeoutMs, DEFAULTS.minHopTimeoutMs),
    hopAvoidMs: o.hopAvoidMs ?? pingMissLimit * pingIntervalMs,
    replicas,
    // W at most R: the default gives way to a smaller R; a W given above R is refused below, never lowered.
    writeQuorum: o.writeQuorum ?? Math.min(DEFAULTS.writeQuorum, replicas),
    syncIntervalMs: o.syncIntervalMs ?? pingIntervalMs,
    syncDelayMs: o.syncDelayMs ?? pingTimeoutMs,
    handoffTimeoutMs: o.handoffTimeoutMs ?? DEFAULTS.handoffTimeoutMs,
    maxConcurrentCopies: o.maxConcurrentCopies ?? DEFAULTS.maxConcurrentCopies,
    dataDir: o.dataDir ?? DEFAULTS.dataDir,
    filesDir: o.filesDir ?? DEFAULTS.filesDir,
    receiveLayout: o.receiveLayout ?? 'per-peer',
    maxFileBytes: o.maxFileBytes ?? DEFAULTS.maxFileBytes,
    chunkBytes: o.chunkBytes ?? DEFAULTS.chunkBytes,
    maxFrameBytes: o.maxFrameBytes ?? DEFAULTS.maxFrameBytes,
    connectTimeoutMs: o.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    transferIdleTimeoutMs: o.transferIdleTimeoutMs ?? DEFAULTS.transferIdleTimeoutMs,
    transferTimeoutMs: o.transferTimeoutMs ?? DEFAULTS.transferTimeoutMs,
    closeGraceMs: o.closeGraceMs ?? DEFAULTS.closeGraceMs,
    maxDatagramBytes: o.maxDatagramBytes ?? DEFAULTS.maxDatagramBytes,
    frameTimeoutMs: o.frameTimeoutMs ?? DEFAULTS.frameTimeoutMs,
    idleTimeoutMs: o.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    outboundIdleMs: o.outboundIdleMs ?? DEFAULTS.outboundIdleMs,
    maxInboundConnections: o.maxInboundConnections ?? DEFAULTS.maxInboundConnections,
    maxInFlight: o.maxInFlight ?? DEFAULTS.maxInFlight,
    secret: o.secret ?? null,
    ringId: o.ringId,
    adoptData: o.adoptData ?? false,
    replayWindowMs: o.replayWindowMs ?? DEFAULTS.replayWindowMs,
    nonceCacheEntries: o.nonceCacheEntries ?? DEFAULTS.nonceCacheEntries,
  };
  const problem = problemOf(config, nameOf);
  if (problem !== undefined) throw new RingdhtError('BAD_OPTION', problem);
  // Only a hop timeout given: the derived one (at most 2 s) may exceed a short op timeout a test or a user chose, as
  // before. Given longer than the op timeout, a store with a silent replica could only end at its deadline, unexplained.
  if (o.hopTimeoutMs !== undefined && config.hopTimeoutMs > config.opTimeoutMs)
    throw new RingdhtError(
      'BAD_OPTION',
      `${nameOf('hopTimeoutMs')} must not be longer than ${nameOf('opTimeoutMs')}: a store waits one and a half hop timeouts for its copies`,
    );
  return Object.freeze(config);
}

/** Settings that are whole numbers, with their least and greatest values. */
const COUNTS = {
  idBits: [1, MAX_ID_BITS],
  basePort: [0, 65_535],
  pingMissLimit: [1, Number.MAX_SAFE_INTEGER],
  successorCount: [2, MAX_SUCCESSOR_COUNT],
  indirectProbes: [0, MAX_INDIRECT_PROBES],
  replicas: [1, MAX_REPLICAS],
  maxConcurrentCopies: [1, Number.MAX_SAFE_INTEGER],
  maxFileBytes: [1, Number.MAX_SAFE_INTEGER],
  chunkBytes: [1, Number.MAX_SAFE_INTEGER],
  maxFrameBytes: [1, Number.MAX_SAFE_INTEGER],
  maxDatagramBytes: [1, Number.MAX_SAFE_INTEGER],
  maxInboundConnections: [1, Number.MAX_SAFE_INTEGER],
  maxInFlight: [1, Number.MAX_SAFE_INTEGER],
  nonceCacheEntries: [1, Number.MAX_SAFE_INTEGER],
} as const satisfies Partial<Record<Setting, readonly [number, number]>>;

/** Durations that must be longer than zero (startupGraceMs may be zero: no grace). */
const DURATIONS = [
  'pingIntervalMs',
  'pingTimeoutMs',
  'opTimeoutMs',
  'joinTimeoutMs',
  'departTimeoutMs',
  'fingerIntervalMs',
  'hopTimeoutMs',
  'hopAvoidMs',
  'syncIntervalMs',
  'syncDelayMs',
  'handoffTimeoutMs',
  'connectTimeoutMs',
  'transferIdleTimeoutMs',
  'transferTimeoutMs',
  'closeGraceMs',
  'frameTimeoutMs',
  'idleTimeoutMs',
  'outboundIdleMs',
  'replayWindowMs',
] as const satisfies readonly Setting[];

/** The first thing wrong with `c`, as one sentence a user can act on; undefined when nothing is. */
function problemOf(c: Config, nameOf: (setting: Setting) => string): string | undefined {
  for (const [setting, [least, most]] of Object.entries(COUNTS) as [keyof typeof COUNTS, readonly [number, number]][]) {
    const value = c[setting];
    if (Number.isInteger(value) && value >= least && value <= most) continue;
    const range = most === Number.MAX_SAFE_INTEGER ? `of at least ${least}` : `from ${least} to ${most}`;
    const why = setting === 'replicas' ? ` (a peer knows ${MAX_REPLICAS - 1} successors to place copies at)` : '';
    return `${nameOf(setting)} must be a whole number ${range}${why}`;
  }
  if (c.basePort === 0 && c.idBits <= 8)
    return `${nameOf('basePort')} 0 (any free port) is for ids wider than 8 bits: on 8-bit rings peer N listens on the base port + N`;
  if (!Number.isInteger(c.writeQuorum) || c.writeQuorum < 1)
    return `${nameOf('writeQuorum')} must be a whole number from 1 to the number of replicas (${c.replicas})`;
  if (c.replicas > c.successorCount + 1)
    return `${nameOf('replicas')} ${c.replicas} is more than ${nameOf('successorCount')} ${c.successorCount} plus one: copies go to a peer's successors`;
  if (c.writeQuorum > c.replicas) {
    return `${nameOf('writeQuorum')} ${c.writeQuorum} is more than ${nameOf('replicas')} ${c.replicas}: a store cannot wait for more copies than are kept`;
  }
  if (c.threads !== undefined && !(Number.isInteger(c.threads) && c.threads >= 0))
    return `${nameOf('threads')} must be a whole number (0: the peers run in the main thread)`;
  for (const setting of DURATIONS) {
    if (!(Number.isFinite(c[setting]) && c[setting] > 0)) return `${nameOf(setting)} must be a time longer than zero`;
  }
  if (!(Number.isFinite(c.startupGraceMs) && c.startupGraceMs >= 0))
    return `${nameOf('startupGraceMs')} must be a time of zero or more`;
  if (c.pingTimeoutMs > c.pingIntervalMs)
    return `${nameOf('pingTimeoutMs')} must not be longer than ${nameOf('pingIntervalMs')}: a ping times out before the next round`;
  if (!ROUTINGS.includes(c.routing)) return `${nameOf('routing')} must be one of ${ROUTINGS.join(', ')}`;
  if (c.receiveLayout !== 'per-peer' && c.receiveLayout !== 'flat')
    return `${nameOf('receiveLayout')} must be per-peer or flat`;
  if (c.chunkBytes + CHUNK_FRAMING_BYTES > c.maxFrameBytes)
    return `${nameOf('chunkBytes')} must leave room for framing within ${nameOf('maxFrameBytes')}`;
  if (!isHost(c.host)) return `${nameOf('host')} ${JSON.stringify(c.host)} is not an IP address or a host name`;
  if (c.advertise !== undefined) {
    const { host, port } = c.advertise;
    if (!isHost(host) || isUnspecified(host))
      return `${nameOf('advertise')} ${JSON.stringify(host)} must be an address other peers can reach (an IP address or a host name, not 0.0.0.0)`;
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65_535))
      return `${nameOf('advertise')} port ${port} is not a port number`;
  }
  if (c.zone !== undefined && !isZone(c.zone))
    return `${nameOf('zone')} must be 1 to 64 printable characters without spaces`;
  for (const [setting, list] of [
    ['known', c.known],
    ['seeds', c.seeds],
    ['join', c.join === undefined ? [] : [c.join]],
  ] as const) {
    for (const { id, host, port } of list) {
      if (!(Number.isInteger(id) && id >= 0 && id < 2 ** c.idBits))
        return `${nameOf(setting)}: peer id ${id} is out of range: ids are integers 0 to ${2 ** c.idBits - 1}`;
      if (!isHost(host) || isUnspecified(host))
        return `${nameOf(setting)}: Peer ${id}'s host ${JSON.stringify(host)} is not an address to reach it at`;
      if (!(Number.isInteger(port) && port >= 1 && port <= 65_535))
        return `${nameOf(setting)}: Peer ${id}'s port ${port} is not a port number`;
    }
  }
  if (c.secret !== null && c.secret.length < DEFAULTS.minSecretBytes)
    return `the ring secret is ${c.secret.length} bytes: it must be at least ${DEFAULTS.minSecretBytes}`;
  return undefined;
}

/** What one peer starts with, beside the settings every peer shares. */
export interface PeerStart {
  id: PeerId;
  /** Nearest first; empty for a peer that is going to join. */
  successors: readonly PeerId[];
  /** The files it holds (from its data directory); none when left out. */
  held?: Iterable<FileEntry>;
  /** Stores' copies waiting on its disk to be settled; none when left out. */
  pending?: Iterable<FileEntry>;
  fingers?: readonly PeerId[];
  nameHash?: NameHash;
  /** Peers it tries while alone or cut off (in a real peer, from Config.seeds). */
  seeds?: readonly PeerId[];
  /** Where copies are spread (a real peer's Config.zone, resolved; a simulated peer's host). */
  zone?: string;
}

/** One peer's machine config: the protocol's part of the resolved settings, and where this peer starts. */
export function machineConfig(config: Config, peer: PeerStart): MachineConfig {
  return {
    idBits: config.idBits,
    routing: config.routing,
    pingIntervalMs: config.pingIntervalMs,
    pingTimeoutMs: config.pingTimeoutMs,
    pingMissLimit: config.pingMissLimit,
    successorCount: config.successorCount,
    indirectProbes: config.indirectProbes,
    startupGraceMs: config.startupGraceMs,
    opTimeoutMs: config.opTimeoutMs,
    joinTimeoutMs: config.joinTimeoutMs,
    departTimeoutMs: config.departTimeoutMs,
    fingerIntervalMs: config.fingerIntervalMs,
    hopTimeoutMs: config.hopTimeoutMs,
    hopAvoidMs: config.hopAvoidMs,
    replicas: config.replicas,
    writeQuorum: config.writeQuorum,
    syncIntervalMs: config.syncIntervalMs,
    syncDelayMs: config.syncDelayMs,
    handoffTimeoutMs: config.handoffTimeoutMs,
    id: peer.id,
    successors: [...peer.successors],
    held: peer.held ?? [],
    ...(peer.pending === undefined ? {} : { pending: peer.pending }),
    ...(peer.fingers === undefined ? {} : { fingers: peer.fingers }),
    ...(peer.nameHash === undefined ? {} : { nameHash: peer.nameHash }),
    ...(peer.seeds === undefined ? {} : { seeds: peer.seeds }),
    ...(peer.zone === undefined ? {} : { zone: peer.zone }),
  };
}
