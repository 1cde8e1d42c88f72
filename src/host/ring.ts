// The library API: a ring of peer actors in this process (createRing), each reached through a PeerHandle.
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ActorStatus } from '../actor/actor.ts';
import type { ActorConfig, PeerCommand } from '../actor/config.ts';
import type { ActorEvent } from '../actor/events.ts';
import type { SpawnResult } from '../actor/worker.ts';
import type { OpResult } from '../core/io.ts';
import { isId, successorsInRing, type PeerId } from '../core/ring.ts';
import { DEFAULTS } from '../defaults.ts';
import { ActorWorker } from './actor-worker.ts';
import { RingdhtError } from './errors.ts';

export interface PeerSpec {
  id: PeerId;
  /** Nearest first; derived from the other peers' ids when left out. */
  successors?: PeerId[];
}

export interface RingOptions {
  peers: readonly (PeerId | PeerSpec)[];
  basePort?: number;
  host?: string;
  idBits?: number;
  pingIntervalMs?: number;
  opTimeoutMs?: number;
  /** Each peer keeps its files in <dataDir>/peer-<id>. Default ./ringdht-data. */
  dataDir?: string;
  /** Where `store` reads files from. Default the current directory. */
  filesDir?: string;
  /** 'per-peer' (a ring process): received files go to <filesDir>/peer-<id>/; 'flat' (a one-peer process): into filesDir. */
  receiveLayout?: 'per-peer' | 'flat';
  maxFileBytes?: number;
  chunkBytes?: number;
  maxFrameBytes?: number;
  /** Start the ping rounds as soon as every peer listens (default true). */
  start?: boolean;
}

/** Everything the ring reports: actors' lines and completions, and a peer whose thread died. */
export type RingEvent = ActorEvent | { kind: 'crashed'; peer: PeerId; t: number; error: string };

export type CommandResult = OpResult & { peer: PeerId; op: number; command: string };

const clock = () => performance.timeOrigin + performance.now();
/** Completion gets this much longer than the op's own deadline before the host gives up on the actor. */
const HOST_MARGIN_MS = 5_000;

export class PeerHandle {
  private nextOp = 0;
  private readonly waiting = new Map<number, (result: CommandResult) => void>();

  constructor(readonly id: PeerId, private readonly worker: ActorWorker, private readonly opTimeoutMs: number) {}

  store(name: string, path?: string): Promise<CommandResult> {
    return this.run({ kind: 'store', name, ...(path === undefined ? {} : { path }) });
  }

  request(name: string): Promise<CommandResult> {
    return this.run({ kind: 'request', name });
  }

  /** Runs a command at this peer and resolves when it completed (ok or not); rejects only if the actor is gone. */
  async run(command: PeerCommand, text = command.kind === 'store' && command.path ? `store ${command.name} ${command.path}` : `${command.kind} ${command.name}`): Promise<CommandResult> {
    const op = ++this.nextOp;
    const done = new Promise<CommandResult>((resolve) => this.waiting.set(op, resolve));
    try {
      return await this.worker.call(text, async (api) => {
        await api.command(this.id, op, command, text);
        return done;
      }, this.opTimeoutMs + HOST_MARGIN_MS);
    } finally {
      this.waiting.delete(op);
    }
  }

  status(): Promise<ActorStatus> {
    return this.worker.call('status', (api) => api.status(this.id), DEFAULTS.callTimeoutMs);
  }

  /** @internal the ring routes this peer's completions here. */
  completed(event: Extract<ActorEvent, { kind: 'done' }>): void {
    this.waiting.get(event.op)?.({ ...event.result, peer: this.id, op: event.op, command: event.command });
  }
}

interface Member {
  handle: PeerHandle;
  worker: ActorWorker;
}

export class Ring {
  /** Wall-clock ms when the ring was created: events' `t` minus this is the time since start. */
  readonly startedAt = clock();
  private readonly members = new Map<PeerId, Member>();
  private readonly listeners = new Set<(event: RingEvent) => void>();
  private closing?: Promise<void>;

  constructor(readonly options: Readonly<Required<Omit<RingOptions, 'peers'>>>) {}

  ids(): PeerId[] {
    return [...this.members.keys()].sort((a, b) => a - b);
  }

  has(id: PeerId): boolean {
    return this.members.has(id);
  }

  peer(id: PeerId): PeerHandle {
    const member = this.members.get(id);
    if (member === undefined) throw new RingdhtError('UNKNOWN_PEER', `Peer ${id} is not in this process (here: ${this.ids().join(', ')})`);
    return member.handle;
  }

  /** Calls `listener` for every event; returns a function that stops it. */
  on(listener: (event: RingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event from now on that matches, or a TIMEOUT error. */
  waitFor(match: (event: RingEvent) => boolean, timeoutMs = 10_000): Promise<RingEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new RingdhtError('TIMEOUT', `no matching event within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const off = this.on((event) => {
        if (!match(event)) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
    });
  }

  /** Abrupt departure: ends the peer's thread with no notice to anyone; its sockets close with it. */
  async kill(id: PeerId): Promise<void> {
    const member = this.members.get(id);
    if (member === undefined) throw new RingdhtError('UNKNOWN_PEER', `Peer ${id} is not in this process (here: ${this.ids().join(', ')})`);
    this.members.delete(id);
    await member.worker.terminate();
  }

  /** Closes every actor (sockets, timers), then ends the threads. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const members = [...this.members.values()];
      await Promise.all(members.map(async ({ handle, worker }) => {
        if (worker.alive) await worker.call('close', (api) => api.close(handle.id), DEFAULTS.callTimeoutMs).catch(() => {});
        await worker.terminate();
      }));
      this.members.clear();
    })();
    return this.closing;
  }

  /** @internal */
  async spawn(config: ActorConfig): Promise<void> {
    const worker = new ActorWorker(`Peer ${config.id}`, (event) => this.dispatch(event));
    const handle = new PeerHandle(config.id, worker, config.opTimeoutMs);
    this.members.set(config.id, { handle, worker });
    void worker.ended.then((reason) => {
      if (reason !== undefined) this.dispatch({ kind: 'crashed', peer: config.id, t: clock(), error: reason.message });
    });
    const result = await worker.call<SpawnResult>('spawn', (api) => api.spawn(config), DEFAULTS.callTimeoutMs);
    if (!result.ok) {
      throw new RingdhtError(result.error.includes('port already in use') ? 'PORT_IN_USE' : 'SPAWN_FAILED', result.error);
    }
  }

  /** @internal */
  async startAll(): Promise<void> {
    await Promise.all([...this.members.values()].map(({ handle, worker }) => worker.call('start', (api) => api.start(handle.id), DEFAULTS.callTimeoutMs)));
  }

  private dispatch(event: RingEvent): void {
    if (event.kind === 'done') this.members.get(event.peer)?.handle.completed(event);
    for (const listener of this.listeners) listener(event);
  }
}

function normalise(peers: RingOptions['peers']): PeerSpec[] {
  const specs = peers.map((p) => (typeof p === 'number' ? { id: p } : p));
  const derived = successorsInRing(specs.map((s) => s.id), 2);
  return specs.map((s) => ({ id: s.id, successors: s.successors ?? derived.get(s.id)! }));
}

/** Starts every peer in a worker thread of its own; resolves once all listen (and, by default, ping). */
export async function createRing(options: RingOptions): Promise<Ring> {
  const settings = {
    basePort: options.basePort ?? DEFAULTS.basePort,
    host: options.host ?? DEFAULTS.host,
    idBits: options.idBits ?? DEFAULTS.idBits,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
    opTimeoutMs: options.opTimeoutMs ?? DEFAULTS.opTimeoutMs,
    dataDir: resolve(options.dataDir ?? 'ringdht-data'),
    filesDir: resolve(options.filesDir ?? '.'),
    receiveLayout: options.receiveLayout ?? 'per-peer',
    maxFileBytes: options.maxFileBytes ?? DEFAULTS.maxFileBytes,
    chunkBytes: options.chunkBytes ?? DEFAULTS.chunkBytes,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULTS.maxFrameBytes,
    start: options.start ?? true,
  };
  const specs = normalise(options.peers);
  const seen = new Set<PeerId>();
  for (const spec of specs) {
    for (const id of [spec.id, ...spec.successors!]) {
      if (!isId(id, settings.idBits)) throw new RingdhtError('BAD_OPTION', `peer id ${id} is out of range: ids are integers 0 to ${2 ** settings.idBits - 1}`);
    }
    if (seen.has(spec.id)) throw new RingdhtError('BAD_OPTION', `Peer ${spec.id} is given twice`);
    seen.add(spec.id);
  }
  if (settings.chunkBytes + 1024 > settings.maxFrameBytes) throw new RingdhtError('BAD_OPTION', 'chunkBytes must leave room for framing within maxFrameBytes');
  const ring = new Ring(settings);
  try {
    await Promise.all(specs.map((spec) => ring.spawn({
      id: spec.id,
      idBits: settings.idBits,
      successors: spec.successors!,
      host: settings.host,
      basePort: settings.basePort,
      pingIntervalMs: settings.pingIntervalMs,
      opTimeoutMs: settings.opTimeoutMs,
      dataDir: join(settings.dataDir, `peer-${spec.id}`),
      filesDir: settings.filesDir,
      receiveDir: settings.receiveLayout === 'per-peer' ? join(settings.filesDir, `peer-${spec.id}`) : settings.filesDir,
      maxFileBytes: settings.maxFileBytes,
      chunkBytes: settings.chunkBytes,
      maxFrameBytes: settings.maxFrameBytes,
      connectTimeoutMs: DEFAULTS.connectTimeoutMs,
      transferIdleTimeoutMs: DEFAULTS.transferIdleTimeoutMs,
      closeGraceMs: DEFAULTS.closeGraceMs,
    })));
    if (settings.start) await ring.startAll();
  } catch (error) {
    await ring.close();
    throw error;
  }
  return ring;
}
