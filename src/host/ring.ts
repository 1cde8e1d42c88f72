// The library API: a ring of peer actors in this process (createRing), each reached through a PeerHandle.
import * as Comlink from 'comlink';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ActorStatus } from '../actor/actor.ts';
import type { ActorConfig, PeerCommand } from '../actor/config.ts';
import type { CommandReply } from '../actor/client-protocol.ts';
import { CausalClock } from '../actor/causal-clock.ts';
import type { Stamp } from '../actor/causal-clock.ts';
import type { ActorEvent } from '../actor/events.ts';
import type { SpawnResult, ThreadMemory } from '../actor/worker.ts';
import type { OpResult } from '../core/io.ts';
import { isId, successorsInRing, type PeerId } from '../core/ring.ts';
import type { PeerAddress } from '../wire/codec.ts';
import { resolveConfig, type Config, type ConfigOptions } from '../config.ts';
import { DEFAULTS } from '../defaults.ts';
import {
  ACTOR_YOUNG_GENERATION_MB,
  ActorWorker,
  mainThreadEntry,
  SHARED_THREAD_YOUNG_GENERATION_MB,
  WAITS_FOR_NO_EVENT,
  workerEntry,
  type WorkerEntry,
} from './actor-worker.ts';
import { advertisedFor, loopbackProblem, type Advertised } from './advertise.ts';
import { arcsOf, threadForJoiner } from './arcs.ts';
import { RingdhtError } from './errors.ts';
import { storeCommand, type StoreOptions } from './store-command.ts';
import { decideRingId } from './ring-id.ts';
import type { ViewServer } from '../view/server.ts';
import { REORDER_WINDOW_MS, Reorder } from './reorder.ts';
import { ThreadDirectory } from './thread-directory.ts';

export interface PeerSpec {
  id: PeerId;
  /** Nearest first; derived from the other peers' ids when left out. */
  successors?: PeerId[];
  /** With finger routing, its finger table as built (entry i: the peer at or after id + 2^i), as successors are
   *  given; left out, fix-fingers fills it one finger per ping interval. */
  fingers?: PeerId[];
  /** Its UDP and TCP port when ids are wider than 8 bits (default: the next free one from the base port). */
  port?: number;
}

/**
 * A ring's peers, and any of the settings (src/config.ts Config says what each one is, DEFAULTS its default;
 * the names are the same in the CLI, in kebab-case). resolveConfig fills in the rest.
 */
export interface RingOptions extends ConfigOptions {
  peers: readonly (PeerId | PeerSpec)[];
  /** Start the ping rounds as soon as every peer listens (default true). */
  start?: boolean;
  /** Hears every event from the first one on (an actor reports damaged files as it opens, before createRing returns). */
  onEvent?: (event: RingEvent) => void;
  /**
   * A peer that cannot start for a reason of its own (its data directory cannot be used, or is another's) is left
   * out and listed in `ring.notStarted`, and the others run (default false: createRing rejects, and nothing runs).
   * A port in use still rejects: it is this process's setup, not one peer's.
   */
  leaveOutFailed?: boolean;
}

/** A peer createRing left out (`leaveOutFailed`), and why. */
export interface NotStarted {
  peer: PeerId;
  code: string;
  error: string;
}

/**
 * Everything the ring reports: actors' lines and completions, their ends, a peer that crashed (its actor threw or its
 * thread died), and a peer this process killed (`kill`: it says nothing itself). Listeners hear them in causal order
 * (`seq`), `t` increasing.
 */
export type RingEvent = ActorEvent | ({ kind: 'killed'; peer: PeerId } & Stamp);

/** Something that lives as long as the ring (the live view's server): closed by ring.close(). */
interface Closable {
  close(): Promise<void>;
}

export type CommandResult = OpResult & { peer: PeerId; op: number; command: string };
/** A request's result; `bytes` is the file when it was asked into memory (a get) and succeeded. */
export type RequestResult = CommandResult & { bytes?: Buffer };

const clock = () => performance.timeOrigin + performance.now();
/**
 * Where the peers of each worker thread of this process listen, whichever Ring started them (a ring of many peers may be
 * started as several, as bench/lib/rings.ts does): threads tell each other, and talk over MessagePorts.
 */
const THREAD_DIRECTORY = new ThreadDirectory();
/** After a thread ended, its last messages still on their way are read within this; its other stamps are given up. */
const THREAD_END_GRACE_MS = 50;
/**
 * How long the reorder waits for threads to answer its settle before it gives a gap up (a thread stuck that long): a
 * command's answer waits for the gap too, so the window and this end well within the call's own timeout, or one stuck
 * thread would time out the healthy threads' commands (review28d).
 */
const SETTLE_LAST_RESORT_MS = Math.min(5_000, DEFAULTS.callTimeoutMs - REORDER_WINDOW_MS - 1_000);
/** How long a kill waits for the peer's thread to close its UDP socket before the thread is ended anyway. */
const KILL_DEAFEN_MS = 1_000;
/** Completion gets this much longer than the op's own deadline before the host gives up on the actor. */
const HOST_MARGIN_MS = 5_000;

export type { StoreOptions };

export class PeerHandle {
  private nextOp = 0;

  constructor(
    readonly id: PeerId,
    private readonly worker: ActorWorker,
    private readonly opTimeoutMs: number,
    private readonly joinTimeoutMs: number = DEFAULTS.joinTimeoutMs,
  ) {}

  /**
   * Stores NAME with the bytes of `path` (relative to the working directory), else of NAME.pdf or NAME in the files
   * directory; none
   * of them fails with code NO_FILE. `{ empty: true }` stores an empty record on purpose.
   */
  store(name: string, source?: string | StoreOptions): Promise<CommandResult> {
    return this.run(storeCommand(name, source));
  }

  /**
   * Retrieves NAME from the DHT: saved as received_NAME (received_NNNN.pdf for four-digit names) in the files
   * directory, or with `{ into: 'memory' }` returned as `bytes` and written nowhere (the same as `get`).
   */
  request(name: string, options: { into?: 'file' | 'memory' } = {}): Promise<RequestResult> {
    return this.run({ kind: 'request', name, ...(options.into === 'memory' ? { into: 'memory' } : {}) });
  }

  /** The bytes of NAME, in memory (a DHT get): `{ ok: true, bytes, holder, ... }`, or why not. */
  get(name: string): Promise<RequestResult> {
    return this.request(name, { into: 'memory' });
  }

  /** Runs a command at this peer and resolves when it completed (ok or not); rejects only if the actor is gone. */
  async run(command: PeerCommand, text = describe(command)): Promise<RequestResult> {
    const op = ++this.nextOp;
    // The call's answer is the completion itself (one message each way: src/actor/worker.ts `answering`).
    const reply = await this.worker.call<CommandReply>(
      text,
      (api) => api.command(this.id, op, command, text) as Promise<CommandReply>,
      // The peer answers by its own deadline (a join's may be set longer than a store's): this wait is a backstop.
      (command.kind === 'join' ? Math.max(this.opTimeoutMs, this.joinTimeoutMs) : this.opTimeoutMs) + HOST_MARGIN_MS,
      { stampsBefore: (answer) => ('seq' in answer ? answer.seq : undefined) },
    );
    if ('gone' in reply) throw new RingdhtError('ACTOR_DIED', `Peer ${this.id} stopped during ${text}: ${reply.gone}`);
    const { result, bytes } = reply;
    return {
      ...result,
      peer: this.id,
      op,
      command: text,
      // The bytes were moved to this thread: wrapped, not copied.
      ...(bytes === undefined ? {} : { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }),
    };
  }

  status(): Promise<ActorStatus> {
    return this.worker.call('status', (api) => api.status(this.id), DEFAULTS.callTimeoutMs);
  }

  /**
   * A port that takes store and request commands for this peer from any thread (wrap it in a PeerClient there):
   * hand it to a worker or a piscina task, and its commands go straight to the actor, not through this thread.
   */
  async clientPort(): Promise<MessagePort> {
    const { port1, port2 } = new MessageChannel();
    await this.worker.call(
      'connectClient',
      (api) => api.connectClient(this.id, Comlink.transfer(port2, [port2])),
      DEFAULTS.callTimeoutMs,
    );
    return port1;
  }
}

/** The command as a user would type it, for output. */
function describe(command: PeerCommand): string {
  switch (command.kind) {
    case 'store':
      if (command.empty === true) return `store ${command.name} --empty`;
      return command.path ? `store ${command.name} ${command.path}` : `store ${command.name}`;
    case 'request':
      return command.into === 'memory' ? `get ${command.name}` : `request ${command.name}`;
    case 'join':
      return `join via ${command.via}`;
    case 'quit':
      return 'quit';
  }
}

/**
 * A live peer of this ring, one run of its id: the pool counts these, not ids, so the removal of a peer that quit
 * takes out only that peer, never a newcomer of the same id placed meanwhile (perhaps on the same thread).
 */
interface Member {
  handle: PeerHandle;
  worker: ActorWorker;
  /** Resolves when its run is over for whoever waits on it: the actor reported 'closed', or its removal or kill began. */
  closed: Promise<void>;
  onClosed: () => void;
  /** Its removal (closed, then released from its thread), once begun: every caller waits for the same one. */
  removed?: Promise<void>;
  /** Its spawn call, once settled: a close or kill asked meanwhile would find no actor on the thread, and it would run on. */
  spawned?: Promise<void>;
  /** Settles `spawned` (made in place(), the turn the member is known, settled by spawn()'s call). */
  settleSpawn?: () => void;
  /** The port it was given, then the one it bound: held from other ids until its run has ended (freePort). */
  port: number;
}

/** Ids wider than 8 bits do not map onto ports (BASE_PORT + id): their addresses travel in the protocol. */
export function addressingFor(idBits: number): 'ports' | 'carried' {
  return idBits <= 8 ? 'ports' : 'carried';
}

export class Ring {
  /** Wall-clock ms when the ring was created: events' `t` minus this is the time since start. */
  readonly startedAt = clock();
  private readonly members = new Map<PeerId, Member>();
  /**
   * With `threads`: the shared workers and the peers each hosts, a peer until its close there has ended (a thread ends
   * when its last one is released, so never under a close).
   */
  private readonly pool = new Map<ActorWorker, Set<Member>>();
  /** With `threads`: the arc of the ring (arcs.ts) each peer createRing spawned was placed in, and its worker. */
  private readonly arcs = new Map<PeerId, number>();
  private readonly arcWorkers = new Map<number, ActorWorker>();
  private readonly ports = new Map<PeerId, number>();
  private readonly listeners = new Set<(event: RingEvent) => void>();
  /** Every end of a peer's run under way (its removal or kill, and its thread's end); close() waits for them. */
  private readonly ending = new Set<Promise<void>>();
  /**
   * Each id whose peer's removal or kill is under way: a newcomer of that id is placed once it has ended, so that the
   * old run's last events (its 'closed') are not taken for the newcomer's, nor its sockets found still open.
   */
  private readonly leaving = new Map<PeerId, Promise<void>>();
  /** The runs whose end is under way: their ports are not handed to a newcomer of another id until they have ended. */
  private readonly leavingRuns = new Set<Member>();
  /**
   * Each id with a join under way (until it is answered): a second join of it is refused at once, rather than wait for
   * the first to be placed and then be refused, its config having taken over the id's port meanwhile.
   */
  private readonly joining = new Set<PeerId>();
  private closing?: Promise<void>;
  /** Peers of this process that were killed or left: not a reason to hand files over at exit. */
  private readonly goneHere = new Set<PeerId>();
  /** Peers createRing left out because they could not start (RingOptions.leaveOutFailed). */
  readonly notStarted: NotStarted[] = [];
  /** Live views serving this ring: they end with it. */
  private readonly views = new Set<Closable>();
  /** Shared by every thread hosting this ring's actors: each event is stamped on it where it happens. */
  private readonly clock = new CausalClock();
  /** Events from different threads arrive in any order: they are passed on in the order of their stamps. */
  private readonly reorder = new Reorder<RingEvent>(
    (event) => this.dispatch(event),
    REORDER_WINDOW_MS,
    undefined,
    () => this.settleThreads(),
  );
  /** Every thread hosting this ring's actors until it ends (spawning, hosting, or ending): what settleThreads asks. */
  private readonly hostingThreads = new Set<ActorWorker>();

  /** What the peers here tell others they are at (Config.advertise, or as chosen for an unspecified bind). */
  readonly advertised: Advertised;

  constructor(readonly options: Config) {
    this.advertised = advertisedFor(options);
  }

  /**
   * Starts a new peer in this process and joins it to the ring through `via`: a peer here, or one in another process
   * (by id where it can be found, or as { id, host, port }); `port` above 8 bits (default: the next free one).
   */
  async join(id: PeerId, via: PeerId | PeerAddress, port?: number): Promise<CommandResult> {
    const viaId = typeof via === 'number' ? via : via.id;
    if (!isId(id, this.options.idBits) || !isId(viaId, this.options.idBits)) {
      throw new RingdhtError('BAD_OPTION', `peer ids are integers 0 to ${2 ** this.options.idBits - 1}`);
    }
    if (this.members.has(id)) throw new RingdhtError('BAD_OPTION', `Peer ${id} is already running in this process`);
    if (this.joining.has(id))
      throw new RingdhtError(
        'BAD_OPTION',
        `Peer ${id} is already joining in this process: wait for that join's answer (join it again if that one fails)`,
      );
    if (typeof via !== 'number') {
      const problem = loopbackProblem(this.advertised.host, { known: [via], seeds: [], join: undefined });
      if (problem !== undefined) throw new RingdhtError('BAD_OPTION', problem);
    }
    this.joining.add(id);
    try {
      const config = this.configFor({ id, successors: [], port: port ?? this.freePort(id) });
      if (typeof via !== 'number') config.known = [...config.known.filter((k) => k.id !== via.id), via];
      const member = await this.spawn(config).catch((error: unknown) => {
        // No member of the id now (never placed, the ring closing; or removed as it failed): its port is nobody's.
        if (!this.members.has(id)) this.ports.delete(id);
        throw error;
      });
      await member.worker.call('announce', (api) => api.announce(id), DEFAULTS.callTimeoutMs);
      await member.worker.call('start', (api) => api.start(id), DEFAULTS.callTimeoutMs);
      const text =
        typeof via === 'number' ? `join ${id} via ${via}` : `join ${id} via ${via.id}@${via.host}:${via.port}`;
      const result = await member.handle.run({ kind: 'join', via: viaId }, text);
      if (!result.ok) await this.remove(member);
      return result;
    } finally {
      this.joining.delete(id);
    }
  }

  /** Graceful departure of a local peer: it tells its predecessors, then its actor ends. */
  async quit(id: PeerId, options: { departing?: PeerId[] } = {}): Promise<CommandResult> {
    const member = this.members.get(id);
    if (member === undefined) throw this.unknown(id);
    const result = await member.handle.run({
      kind: 'quit',
      ...(options.departing === undefined ? {} : { departing: options.departing }),
    });
    if (result.ok) this.goneHere.add(id);
    if (result.ok) await member.closed;
    // The ring's own removal, begun when it heard 'closed', is the one waited for here.
    await this.remove(member);
    return result;
  }

  /** Worker threads hosting this ring's actors now (at most `threads` when given, else one per actor; none with 0). */
  threadCount(): number {
    if (this.options.threads === 0) return 0; // the actors run in the main thread
    return this.options.threads === undefined ? this.members.size : this.pool.size;
  }

  ids(): PeerId[] {
    return [...this.members.keys()].sort((a, b) => a - b);
  }

  has(id: PeerId): boolean {
    return this.members.has(id);
  }

  peer(id: PeerId): PeerHandle {
    const member = this.members.get(id);
    if (member === undefined) throw this.unknown(id);
    return member.handle;
  }

  /** Calls `listener` for every event; returns a function that stops it. */
  on(listener: (event: RingEvent) => void): () => void {
    this.listeners.add(listener);
    this.clock.linesWanted = true;
    return () => {
      this.listeners.delete(listener);
      // Lines emitted from now on, while nobody listens, are not sent to this thread at all.
      this.clock.linesWanted = this.listeners.size > 0;
    };
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

  /**
   * Abrupt departure, with no notice to anyone: a thread of its own ends (its UDP socket closed first), a shared one
   * closes its sockets and goes on. Resolves once every event stamped before its end has been passed on to listeners
   * (the dead run's last ones are never taken for a newcomer of its id): usually within milliseconds. It can take
   * seconds when an event stamped before then has not reached this thread: one a thread that died never posted is
   * given up THREAD_END_GRACE_MS after that thread's end; one a live thread holds back (busy, or stuck) is waited for
   * the reorder's window (REORDER_WINDOW_MS, 2 s) and then for the threads' settle (at most SETTLE_LAST_RESORT_MS,
   * 5 s): about 7 s. The peer's own thread too busy to answer adds to that: a thread of its own, up to KILL_DEAFEN_MS
   * (1 s; then ended all the same); a shared one, up to the call timeout (DEFAULTS.callTimeoutMs, 10 s) for the kill's
   * close before its sockets are known closed, and then the reorder's pass above (that stuck thread holds its events
   * back too): the worst case, about 17 s.
   */
  async kill(id: PeerId): Promise<void> {
    const member = this.members.get(id);
    if (member === undefined) throw this.unknown(id);
    this.members.delete(id);
    this.goneHere.add(id);
    this.ports.delete(id);
    const killing = this.leave(member, async () => {
      const { worker } = member;
      const hosted = this.pool.get(worker);
      if ((hosted === undefined || (hosted.size === 1 && hosted.has(member))) && !worker.inThread) {
        // Its thread hosts nothing else, not even a close under way: it ends with the actor, and meanwhile hosts no
        // newcomer.
        this.pool.delete(worker);
        // Its UDP socket closed before its thread ends (Transport.closeUdp: Node aborts on a datagram read mid-teardown);
        // a thread too busy to answer at once is ended all the same.
        await member.spawned;
        // Its answer waits for no event (the kill waits for them below): held behind another thread's, it would time
        // out, and the thread end with its socket open.
        if (worker.alive)
          await worker
            .call('deafen', (api) => api.deafen(id), KILL_DEAFEN_MS, { stampsBefore: WAITS_FOR_NO_EVENT })
            .catch(() => {});
        await worker.terminate();
      } else {
        // A thread shared with others (or this thread) closes the actor's sockets at once, telling nobody; the thread
        // ends with the last of its peers released.
        await this.closeThenRelease(member, 'kill');
      }
      this.reorder.push({ kind: 'killed', peer: id, ...this.clock.stamp() });
      // The old run's events (a dead thread's 'crashed', held for a stamp it never posted) are passed on before a
      // newcomer of its id is placed: else they are taken for the newcomer's (review29a).
      await this.passedNow();
    });
    // The run is over for whoever waits on it (a quit answered just before: the kill's close says nothing), and a
    // later removal of it is this kill, not a second close by id that would close a newcomer of the id (review29a).
    member.removed = killing;
    member.onClosed();
    await killing; // counted by close() as every end is (leave)
  }

  /**
   * Serves the live view of this ring on http://HOST:PORT/ (the peers' host; port 0: any free one): a page drawing the
   * peers and what they do as it happens, from which a user can store, request, join, quit and kill. It closes with
   * the ring.
   */
  async serveView(options: { port?: number } = {}): Promise<ViewServer> {
    // Loaded when asked for: the view imports the host, not the other way round.
    const { startView } = await import('../view/server.ts');
    const view = await startView(this, { host: this.options.host, port: options.port ?? DEFAULTS.viewPort });
    this.views.add(view);
    return view;
  }

  /**
   * Closes every actor (sockets, timers), then ends the threads. With `depart`, every peer first leaves
   * gracefully, one after another, as a user's exit does. Safe to call more than once.
   */
  close(options: { depart?: boolean } = {}): Promise<void> {
    this.closing ??= (async () => {
      if (options.depart === true) {
        // Each hands its files to its first successor that stays; when every peer of the ring is here, nobody stays,
        // each keeps its own on disk, and a restart on the same data directory brings them all back.
        const departing = [...this.ids(), ...this.goneHere];
        for (const id of this.ids()) await this.quit(id, { departing }).catch(() => {});
      }
      // The views go first: their pages see the ring end, and no command from them reaches a closing peer.
      await Promise.all([...this.views].map((view) => view.close()));
      await Promise.all([...this.members.values()].map((member) => this.remove(member)));
      await Promise.all(this.ending);
      this.reorder.flush(); // a killed thread's last stamps never come
    })();
    return this.closing;
  }

  /** Closes one actor, then releases it from its thread, which ends if it hosts nothing else. */
  private remove(member: Member): Promise<void> {
    const id = member.handle.id;
    if (this.members.get(id) === member) {
      this.members.delete(id);
      this.ports.delete(id);
    }
    member.removed ??= this.leave(member, () => this.closeThenRelease(member, 'close'));
    member.onClosed(); // its run is over for whoever waits on it (quit), as a kill's is
    return member.removed;
  }

  /**
   * The actor closed on its thread (once its spawn has settled: a close before it would find no actor), then released:
   * counted by its thread until then, so a newcomer placed there meanwhile keeps the thread; the last released ends it.
   * `what` names the call (a removal's close, or a kill's, which the actor runs the same way, telling nobody).
   */
  private async closeThenRelease(member: Member, what: 'close' | 'kill'): Promise<void> {
    const { worker } = member;
    const id = member.handle.id;
    await member.spawned;
    if (worker.alive) await worker.call(what, (api) => api.close(id), DEFAULTS.callTimeoutMs).catch(() => {});
    if (this.release(worker, member)) await worker.terminate();
  }

  /**
   * Runs the end of `member`'s run (its removal or kill), known as under way until it has ended (`leaving`), its port
   * held until then (`leavingRuns`).
   */
  private leave(member: Member, end: () => Promise<void>): Promise<void> {
    const id = member.handle.id;
    this.leavingRuns.add(member);
    const ending: Promise<void> = end().finally(() => {
      this.leavingRuns.delete(member);
      if (this.leaving.get(id) === ending) this.leaving.delete(id);
    });
    this.leaving.set(id, ending);
    // close() waits for every end under way, not only those it started (a failed join's removal: review29a).
    this.ending.add(ending);
    void ending.then(
      () => this.ending.delete(ending),
      () => this.ending.delete(ending),
    );
    return ending;
  }

  /**
   * Resolves once every event stamped so far has been passed on (or given up). The reorder's timers are unref'd: this
   * keeps the process alive meanwhile, so a kill (and a join of its id behind it) in a process whose every thread has
   * died still ends. Bounded by the reorder's window and its settle's last resort.
   */
  private async passedNow(): Promise<void> {
    const passing = this.reorder.passed(this.clock.taken());
    if (passing === undefined) return;
    const alive = setInterval(() => {}, 60_000);
    try {
      await passing;
    } finally {
      clearInterval(alive);
    }
  }

  /** The actor no longer runs on `worker`: true when the thread hosts nothing else and should end. */
  private release(worker: ActorWorker, member: Member): boolean {
    const hosted = this.pool.get(worker);
    if (hosted === undefined) return true;
    hosted.delete(member);
    if (hosted.size > 0) return false;
    this.pool.delete(worker);
    return true;
  }

  /**
   * A new peer of this ring, counted by its thread and known by its id from the same turn (nothing placed between):
   * its thread its own, or with `threads`, one of at most that many (workerFor).
   */
  private async place(config: ActorConfig): Promise<Member> {
    const entry = await (this.options.threads === 0 ? mainThreadEntry() : workerEntry());
    // A peer of this id still closing (quit, or killed, and joined again at once) ends first.
    for (let gone = this.leaving.get(config.id); gone !== undefined; gone = this.leaving.get(config.id))
      await gone.catch(() => {});
    // From here on synchronous, so actors spawned together share the pool rather than each making a thread.
    // A join that waited on a removal while the ring closed would run on after close() (review29a).
    if (this.closing !== undefined) throw new RingdhtError('CLOSED', 'the ring is closed');
    if (this.members.has(config.id))
      throw new RingdhtError('BAD_OPTION', `Peer ${config.id} is already running in this process`);
    const worker = this.workerFor(config.id, entry);
    const handle = new PeerHandle(config.id, worker, config.opTimeoutMs, config.joinTimeoutMs);
    let onClosed = () => {};
    const closed = new Promise<void>((resolve) => (onClosed = resolve));
    const member: Member = { handle, worker, closed, onClosed, port: config.port };
    // Known from the turn it is placed: an end asked before its spawn call is sent waits for that call too.
    member.spawned = new Promise<void>((resolve) => (member.settleSpawn = resolve));
    this.members.set(config.id, member);
    if (this.options.threads !== undefined) {
      const hosted = this.pool.get(worker) ?? new Set<Member>();
      this.pool.set(worker, hosted.add(member));
    } else {
      void worker.ended.then((reason) => {
        if (reason !== undefined && this.members.get(config.id) === member)
          this.reorder.push({ kind: 'crashed', peer: config.id, ...this.clock.stamp(), error: reason.message });
      });
    }
    return member;
  }

  /**
   * The worker for a new actor: its own, or with `threads`, one of at most that many: its arc's (createRing's peers),
   * else its ring predecessor's while that is among the least loaded, else the least loaded.
   */
  private workerFor(id: PeerId, entry: WorkerEntry): ActorWorker {
    const threads = this.options.threads;
    const label =
      threads === undefined ? `Peer ${id}` : threads === 0 ? 'the main thread' : `worker ${this.pool.size + 1}`;
    const arc = this.arcs.get(id);
    this.arcs.delete(id); // once: a peer of the same id that joins later is placed as a newcomer
    const arcWorker = arc === undefined ? undefined : this.arcWorkers.get(arc);
    if (arcWorker !== undefined && this.pool.has(arcWorker) && arcWorker.alive) return arcWorker;
    // A thread that died and whose peers' crashes are not handled yet hosts no newcomer.
    const live = new Map(
      [...this.pool]
        .filter(([worker]) => worker.alive)
        .map(([worker, hosted]) => [worker, new Set([...hosted].map((member) => member.handle.id))]),
    );
    if (threads !== undefined && live.size >= Math.max(threads, 1)) return threadForJoiner(id, live)!;
    const worker: ActorWorker = new ActorWorker(
      label,
      entry,
      (event) => this.reorder.push(event),
      {
        buffer: this.clock.buffer,
        // An answer is read after every event stamped before it was given (`seq`: as its thread read the clock, else as
        // this thread reads it now): it waits until those were passed on, if it must.
        caughtUp: (seq = this.clock.taken()) => this.reorder.passed(seq),
        mainWaits: () => this.clock.mainWaits(),
      },
      (notice) => THREAD_DIRECTORY.notice(worker, notice),
      threads === undefined ? ACTOR_YOUNG_GENERATION_MB : SHARED_THREAD_YOUNG_GENERATION_MB,
    );
    if (!worker.inThread) {
      THREAD_DIRECTORY.add(worker);
      void worker.ended.then(() => THREAD_DIRECTORY.ended(worker));
    }
    this.hostingThreads.add(worker);
    // What the thread stamped and had not posted never comes: given up once the messages it did post are read.
    void worker.ended.then(() => {
      this.hostingThreads.delete(worker);
      const taken = this.clock.taken();
      setTimeout(() => this.reorder.abandon(taken), THREAD_END_GRACE_MS).unref();
    });
    if (threads !== undefined) {
      if (arc !== undefined) this.arcWorkers.set(arc, worker);
      // A shared thread that dies takes all its actors with it: each still a peer here is reported (one whose removal
      // was under way is gone already; a newcomer of its id elsewhere is not this one).
      void worker.ended.then((reason) => {
        if (reason === undefined) return;
        for (const member of this.pool.get(worker) ?? []) {
          const peer = member.handle.id;
          if (this.members.get(peer) === member)
            this.reorder.push({ kind: 'crashed', peer, ...this.clock.stamp(), error: reason.message });
        }
      });
    }
    return worker;
  }

  /**
   * The reorder's settle: resolves once every thread has posted what it stamped before now (a live one's answer comes
   * after its events; an ended one's events are read within THREAD_END_GRACE_MS of its end), with the stamps taken
   * before now. A thread that answers nothing within SETTLE_LAST_RESORT_MS is given up on (its events, should they
   * come, are passed on late).
   */
  private settleThreads(): Promise<number> {
    const taken = this.clock.taken();
    const readAfterEnd = (worker: ActorWorker): Promise<unknown> =>
      worker.ended.then(() => new Promise((resolve) => setTimeout(resolve, THREAD_END_GRACE_MS)));
    // Asked as a call, which the thread's end fails, rather than raced against `ended`: each race stayed attached to
    // every live thread's `ended` until that thread ended (review28d). Its answer waits for no event (the gap itself
    // is what is being settled): it comes after the thread's events, which is all a settle needs. Its timeout is
    // unref'd, as the reorder's own timers, to be safe: it outlives nothing today (a live thread, never unref'd, holds
    // the process up anyway, and its end clears the timeout), but should threads ever be unref'd, it alone would not.
    const posted = (worker: ActorWorker): Promise<unknown> =>
      worker
        .call('settle', (api) => api.settle(), SETTLE_LAST_RESORT_MS, {
          stampsBefore: WAITS_FOR_NO_EVENT,
          holdsProcess: false,
        })
        .catch((error: unknown) => {
          if (!(error instanceof RingdhtError)) throw error;
          if (error.code === 'ACTOR_DIED') return readAfterEnd(worker);
          if (error.code !== 'TIMEOUT') throw error; // a stuck thread is given up on, as by the last resort below
        });
    let timer: NodeJS.Timeout | undefined;
    const lastResort = new Promise((resolve) => {
      timer = setTimeout(resolve, SETTLE_LAST_RESORT_MS).unref();
    });
    return Promise.race([Promise.all([...this.hostingThreads].map(posted)), lastResort])
      .finally(() => clearTimeout(timer))
      .then(() => taken);
  }

  /**
   * The next port from the base port for `id` (ids above 8 bits) that no local peer has, nor a run of another id still
   * ending. An ending run of `id` itself does not count: its newcomer is placed only once that run has ended (place), so
   * its old port, where peers elsewhere may still have it on record, is free for it again.
   */
  private freePort(id: PeerId): number {
    if (this.options.basePort === 0) return 0; // each takes any free port when it binds
    const ending = [...this.leavingRuns].filter((member) => member.handle.id !== id).map((member) => member.port);
    const used = new Set([...this.ports.values(), ...ending]);
    let port = this.options.basePort;
    while (used.has(port)) port++;
    return port;
  }

  /** Where a local peer is reached. */
  private addressOf(id: PeerId): PeerAddress {
    return { id, host: this.advertised.host, port: this.ports.get(id) ?? this.options.basePort + id };
  }

  /** @internal test hook: the peer's next input throws `reason` inside its actor (`input`), or an exception escapes to its thread (`thread`). */
  async injectFault(id: PeerId, reason: string, where: 'input' | 'thread' = 'input'): Promise<void> {
    await this.member(id).worker.call('fail', (api) => api.fail(id, reason, where), DEFAULTS.callTimeoutMs);
  }

  /** @internal test and bench hook: the V8 heap in use by the peer's thread after a full GC, in bytes. */
  heapAfterGc(id: PeerId): Promise<number> {
    return this.member(id).worker.call('heapAfterGc', (api) => api.heapAfterGc(), DEFAULTS.callTimeoutMs);
  }

  /** @internal Test and bench hook: the memory of the thread hosting `id` after a full GC there. */
  memoryAfterGc(id: PeerId): Promise<ThreadMemory> {
    return this.member(id).worker.call('memoryAfterGc', (api) => api.memoryAfterGc(), DEFAULTS.callTimeoutMs);
  }

  /** @internal Test hook: whether the peers `a` and `b` of this process are hosted by one thread. */
  sharesThread(a: PeerId, b: PeerId): boolean {
    return this.member(a).worker === this.member(b).worker;
  }

  /** @internal Test and bench hook: the MessagePort channels the thread hosting `id` has to other threads. */
  meshChannels(id: PeerId): Promise<number> {
    return this.member(id).worker.call('meshChannels', (api) => api.meshChannels(), DEFAULTS.callTimeoutMs);
  }

  private member(id: PeerId): Member {
    const member = this.members.get(id);
    if (member === undefined) throw this.unknown(id);
    return member;
  }

  private unknown(id: PeerId): RingdhtError {
    return new RingdhtError('UNKNOWN_PEER', `Peer ${id} is not in this process (here: ${this.ids().join(', ')})`);
  }

  /** @internal the actor config of a peer of this ring. */
  configFor(spec: { id: PeerId; successors: PeerId[]; port?: number }): ActorConfig {
    const o = this.options;
    const addressing = addressingFor(o.idBits);
    const port = addressing === 'ports' ? o.basePort + spec.id : (spec.port ?? this.freePort(spec.id));
    this.ports.set(spec.id, port);
    const { zone, ...settings } = o;
    const given = [...o.known, ...o.seeds, ...(o.join === undefined ? [] : [o.join])];
    return {
      ...settings,
      id: spec.id,
      successors: spec.successors,
      port,
      advertised: { host: this.advertised.host, port: this.advertised.port ?? port },
      zone: zone ?? this.advertised.host,
      addressing,
      known: [...given, ...[...this.ports.keys()].filter((p) => p !== spec.id).map((p) => this.addressOf(p))],
      dataDir: join(o.dataDir, `peer-${spec.id}`),
      receiveDir: o.receiveLayout === 'per-peer' ? join(o.filesDir, `peer-${spec.id}`) : o.filesDir,
    };
  }

  /**
   * @internal createRing, before it spawns `ids` on `threads` shared threads: each thread is given one arc of the ring
   * (arcs.ts), so that a message to a successor stays on its sender's thread but at the arcs' ends.
   */
  placeInArcs(ids: readonly PeerId[], threads: number): void {
    for (const [id, arc] of arcsOf(ids, threads)) this.arcs.set(id, arc);
  }

  /** @internal */
  async spawn(config: ActorConfig): Promise<Member> {
    const member = await this.place(config);
    // `spawned` was made as the member was placed: an end asked from then on (even before this call) waits for it.
    const spawned = member.settleSpawn!;
    const spawning = member.worker.call<SpawnResult>('spawn', (api) => api.spawn(config), DEFAULTS.callTimeoutMs);
    void spawning.then(spawned, spawned);
    const result = await spawning;
    // Killed (or the ring closed) as it started: that end closed it once it had started.
    if (this.members.get(config.id) !== member)
      throw new RingdhtError('ACTOR_DIED', `Peer ${config.id} was removed as it started`);
    if (!result.ok) {
      await this.remove(member); // its thread ends, unless it hosts others
      throw new RingdhtError(result.code, result.error);
    }
    member.port = result.port;
    if (config.addressing === 'carried' && this.members.get(config.id) === member)
      this.ports.set(config.id, result.port);
    return member;
  }

  /** @internal createRing: peers that took any free port (base port 0) are told where the others here listen. */
  async shareAddresses(): Promise<void> {
    for (const id of this.ids()) {
      const others = this.ids()
        .filter((other) => other !== id)
        .map((other) => this.addressOf(other));
      await this.member(id).worker.call('learn', (api) => api.learn(id, others), DEFAULTS.callTimeoutMs);
    }
  }

  /**
   * Starts every peer's ping rounds: after createRing({ start: false }), once the caller is ready to hear them. With
   * `join`, the peers then join that ring one after another; a join that fails rejects with JOIN_FAILED.
   */
  async startAll(): Promise<void> {
    // Every peer's start-up lines first, in id order, as the exercise's peers each print theirs before pinging.
    for (const id of this.ids()) {
      const { worker } = this.member(id);
      await worker.call('announce', (api) => api.announce(id), DEFAULTS.callTimeoutMs);
    }
    await Promise.all(
      [...this.members.values()].map(({ handle, worker }) =>
        worker.call('start', (api) => api.start(handle.id), DEFAULTS.callTimeoutMs),
      ),
    );
    const through = this.options.join;
    if (through === undefined) return;
    for (const id of this.ids()) {
      const result = await this.peer(id).run(
        { kind: 'join', via: through.id },
        `join ${id} via ${through.id}@${through.host}:${through.port}`,
      );
      if (!result.ok)
        throw new RingdhtError('JOIN_FAILED', `Peer ${id} could not join through Peer ${through.id}: ${result.error}`);
    }
  }

  private dispatch(event: RingEvent): void {
    if (event.kind === 'closed' || event.kind === 'crashed') {
      const member = this.members.get(event.peer);
      member?.onClosed();
      // An actor that departed by itself, or crashed: it is no longer a peer here, and its thread is ended
      // (quit() and close() wait for that). Its neighbours find a crashed one gone by its missed pings.
      if (member !== undefined && (this.closing === undefined || event.kind === 'crashed')) void this.remove(member); // counted by close() (leave)
    }
    for (const listener of this.listeners) listener(event);
  }
}

function normalise(peers: RingOptions['peers'], successorCount: number): PeerSpec[] {
  const specs = peers.map((p) => (typeof p === 'number' ? { id: p } : p));
  const derived = successorsInRing(
    specs.map((s) => s.id),
    successorCount,
  );
  return specs.map((s) => ({ ...s, successors: s.successors ?? derived.get(s.id)! }));
}

/** Starts every peer in a worker thread of its own; resolves once all listen (and, by default, ping). */
export async function createRing(options: RingOptions): Promise<Ring> {
  const { peers, start = true, onEvent, leaveOutFailed = false, ...given } = options;
  const resolved = resolveConfig(given);
  const specs = normalise(peers, resolved.successorCount);
  // Paths are made absolute once, here, so every actor and every later join reads them alike; so is the ring's id.
  const dataDir = resolve(resolved.dataDir);
  const ringId = decideRingId(
    resolved.ringId,
    resolved.secret,
    specs.map((spec) => join(dataDir, `peer-${spec.id}`)),
  );
  const settings: Config = Object.freeze({ ...resolved, dataDir, filesDir: resolve(resolved.filesDir), ringId });
  const seen = new Set<PeerId>();
  for (const spec of specs) {
    if (spec.fingers !== undefined && spec.fingers.length !== settings.idBits) {
      throw new RingdhtError(
        'BAD_OPTION',
        `Peer ${spec.id} is given ${spec.fingers.length} fingers: a finger table has one per id bit (${settings.idBits})`,
      );
    }
    for (const id of [spec.id, ...spec.successors!, ...(spec.fingers ?? [])]) {
      if (!isId(id, settings.idBits))
        throw new RingdhtError(
          'BAD_OPTION',
          `peer id ${id} is out of range: ids are integers 0 to ${2 ** settings.idBits - 1}`,
        );
    }
    if (seen.has(spec.id)) throw new RingdhtError('BAD_OPTION', `Peer ${spec.id} is given twice`);
    seen.add(spec.id);
  }
  const ring = new Ring(settings);
  const problem = loopbackProblem(ring.advertised.host, settings);
  if (problem !== undefined) throw new RingdhtError('BAD_OPTION', problem);
  if (ring.advertised.port !== undefined && specs.length > 1)
    throw new RingdhtError('BAD_OPTION', 'a port in --advertise is for a one-peer process: each peer here has its own');
  if (settings.join !== undefined && specs.some((s) => s.id === settings.join!.id))
    throw new RingdhtError(
      'BAD_OPTION',
      `Peer ${settings.join.id} cannot join through itself: --join names a peer of another ring`,
    );
  if (onEvent !== undefined) ring.on(onEvent);
  try {
    // Every port is chosen before any actor starts, so each one knows where all the others listen.
    // Every peer here listens before any starts: a successor among them that does not answer has missed its ping at
    // once (a start-up grace would hide, say, a crash in the first seconds). The grace is for peers of other processes.
    const local = new Set(specs.map((spec) => spec.id));
    const configs = specs.map((spec) => ({
      ...ring.configFor({
        id: spec.id,
        successors: settings.join === undefined ? spec.successors! : [],
        ...(spec.port === undefined ? {} : { port: spec.port }),
      }),
      ...(spec.successors!.every((s) => local.has(s)) ? { startupGraceMs: 0 } : {}),
      ...(spec.fingers === undefined ? {} : { fingers: spec.fingers }),
    }));
    const known = configs.map((c) => ({ id: c.id, host: c.advertised.host, port: c.port }));
    const given = [...settings.known, ...settings.seeds, ...(settings.join === undefined ? [] : [settings.join])];
    if (settings.threads !== undefined && settings.threads > 0)
      ring.placeInArcs(
        specs.map((spec) => spec.id),
        settings.threads,
      );
    const spawned = await Promise.allSettled(
      configs.map((config) => ring.spawn({ ...config, known: [...given, ...known.filter((k) => k.id !== config.id)] })),
    );
    for (const [i, outcome] of spawned.entries()) {
      if (outcome.status === 'fulfilled') continue;
      const error: unknown = outcome.reason;
      const ownFault = error instanceof RingdhtError && error.code !== 'PORT_IN_USE';
      if (!leaveOutFailed || !ownFault) throw error;
      ring.notStarted.push({ peer: configs[i]!.id, code: error.code, error: error.message });
    }
    if (ring.notStarted.length > 0 && ring.ids().length === 0) {
      const first = ring.notStarted[0]!;
      throw new RingdhtError('SPAWN_FAILED', `no peer could start: Peer ${first.peer}: ${first.error}`);
    }
    if (configs.some((c) => c.port === 0)) await ring.shareAddresses();
    if (start) await ring.startAll();
  } catch (error) {
    await ring.close();
    throw error;
  }
  return ring;
}
