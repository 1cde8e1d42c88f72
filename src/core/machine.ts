// The pure protocol state machine of one peer: handle(input, now) -> effects. No I/O, no clock of its own.
import type { CommandKind, Effect, Input, OpErrorCode, OpOutcome, TimerName, TransferRef } from './io.ts';
import { lines } from './lines.ts';
import { Membership, PING_TIMER, type OpBook } from './membership.ts';
import {
  MAX_ERROR_CHARS,
  type FileEntry,
  type Lookup,
  type LookupKind,
  LATE_HOLDERS_ASKED,
  MAX_LOOKUP_RETRIES,
  type Message,
  type NotFound,
  type PingRequest,
  type SameCopy,
  type StoreReady,
  type Stored,
} from './messages.ts';
import { Replicator, transferAllowanceMs, type Held } from './replication.ts';
import { Scrubber } from './scrub.ts';
import { describeVersion, HybridClock, newer, sameVersion, type Version } from './version.ts';
import { ZoneBook } from './zones.ts';
import {
  between,
  distance,
  fileNameProblem,
  isFourDigits,
  isId,
  keyOf,
  spaceSize,
  type NameHash,
  type PeerId,
} from './ring.ts';
import { pastKeyWithin, Router } from './router.ts';
import type { Routing } from './routing.ts';

export { PING_TIMER };

/**
 * The protocol's settings, every one resolved: src/config.ts (resolveConfig) fills the defaults and derived
 * values, so nothing here has a default of its own.
 */
export interface MachineSettings {
  idBits: number;
  /** How often a peer pings its successors. */
  pingIntervalMs: number;
  /** A ping not answered within this is a miss (derived: half the interval, at most 2 s). */
  pingTimeoutMs: number;
  /** Misses in a row before a successor is declared gone (K). */
  pingMissLimit: number;
  /** Successors a peer keeps and pings (r; derived: 2 on the original's 8-bit ring, more above). */
  successorCount: number;
  /** A successor silent to a ping is probed through this many other peers before the miss counts (SWIM's k; 0: none). */
  indirectProbes: number;
  /** A successor a peer was started with that never answered is not counted missing for this long. */
  startupGraceMs: number;
  /** A command that has not completed by then fails. */
  opTimeoutMs: number;
  /** A join whose known peer does not answer fails after this. */
  joinTimeoutMs: number;
  /** A departing peer waits this long at most for its predecessors to confirm. */
  departTimeoutMs: number;
  /** Copies of every file (R): the responsible peer and the next R-1 peers. */
  replicas: number;
  /** Durable copies a store waits for (W, at most R). */
  writeQuorum: number;
  /** How often a peer compares what it holds with its successors (derived: the ping interval). */
  syncIntervalMs: number;
  /** After the ring around a peer changes, its next digests go out this soon (derived: the ping timeout). */
  syncDelayMs: number;
  /** A departing peer stops handing its files over when its successor is silent this long. */
  handoffTimeoutMs: number;
  /** 'successor' (the original's) or 'finger' (Chord's) (derived: successor for 8-bit ids, finger above). */
  routing: Routing;
  /** Fix-fingers looks up one finger this often (derived: the ping interval). */
  fingerIntervalMs: number;
  /** A hop to a finger not acknowledged within this goes another way (derived: the ping timeout). */
  hopTimeoutMs: number;
  /** A peer that did not acknowledge a hop is not routed to for this long (derived: K ping intervals). */
  hopAvoidMs: number;
}

/** One peer's machine: the resolved settings, and what this peer starts with. */
export interface MachineConfig extends MachineSettings {
  id: PeerId;
  /** Known successors, nearest first (the original keeps two); empty for a peer that is going to join. */
  successors: PeerId[];
  /** The files this peer already holds (from its data directory). */
  held: Iterable<FileEntry>;
  /**
   * Stores' copies waiting on its disk for their store to be settled; `own`: kept as the store's responsible peer (it
   * settles it itself, so after a restart nobody else can: committed at start, Replicator.commitOwnPending).
   */
  pending?: Iterable<FileEntry & { own?: boolean }>;
  /** The finger table as built (the simulator's static rings); left out, fix-fingers learns it. */
  fingers?: readonly PeerId[];
  /** Places names other than four digits (SHA-1's first 32 bits); left out, only four-digit names are used. */
  nameHash?: NameHash;
  /** Peers tried, with backoff, while this one is alone or cut off (--seeds). */
  seeds?: readonly PeerId[];
  /** Where copies are spread (--zone): a key's holders are in distinct zones where the ring has them. */
  zone?: string;
}

interface PendingOp {
  kind: CommandKind;
  name: string;
  startedAt: number;
  hops: number;
  holder?: PeerId;
  /** A request served from this peer's own copy after a holder found it as new as its own: the holder it names. */
  confirmedBy?: PeerId;
  /** A request offered a copy older than a store acknowledged here: the holder whose copy was refused. */
  refusedStale?: PeerId;
  /** How the op fails when its deadline passes: TIMEOUT, or what shortened the deadline (a delivery that failed). */
  timeout: { code: OpErrorCode; error: string };
  /** A store's file: its transfer and its copies are given the time its bytes may take. */
  sizeBytes?: number;
  /** A store whose file its holder took: how long it waits for the holder's answer (again at each sign of life). */
  confirmWaitMs?: number;
  /** The command's lookup as this peer first sent it: sent again another way when it is lost (see retryLookup). */
  lookup?: Lookup;
  /** Times the lookup was sent again (at most MAX_LOOKUP_RETRIES). */
  retries: number;
  /** The ways it was sent (by retry, 0 the first) that reported it stuck (no live way on), or whose walk found no copy. */
  stuck: Set<number>;
  /** The ways the last retry went at once (retryAtHolders) that have not reported it stuck yet. */
  ways: number;
  /** The one peer a retry was sent to as a peer known nearer the key, or between a walk's ends (nearerThan). */
  retriedTo?: PeerId;
  /**
   * A walk found no copy, but this peer knew a peer nearer the key and asked it, or the walk passed over peers: that
   * answer, held back till then (from: the last peer it asked; asked: how many, from the responsible peer).
   */
  absent?: { from: PeerId; hops: number; asked: number };
  /**
   * Where the first way reported stuck was cut (stuckAt): `error` is the NO_ROUTE reason once every way is; `said` goes
   * into the TIMEOUT sentence should the request be unanswered at its deadline with some way not reported stuck.
   */
  cut?: { error: string; said: string };
}

export interface MachineStatus {
  id: PeerId;
  successors: PeerId[];
  /** First and second predecessors, as learned from their ping requests (null until one arrives). */
  predecessors: [PeerId | null, PeerId | null];
  held: string[];
  /** Ping requests in a row each successor has left unanswered. */
  pingMisses: Record<number, number>;
  pendingOps: number;
  /** Finger routing: finger i is successor(id + 2^i) as this peer knows it (null: not known). */
  fingers?: (PeerId | null)[];
}

type MessageHandler<M extends Message> = (
  machine: PeerMachine,
  from: PeerId,
  message: M,
  now: number,
  out: Effect[],
) => void;
/** A handler for every message type, given the message of its type. */
type MessageHandlers = { [T in Message['type']]: MessageHandler<Extract<Message, { type: T }>> };
type TimerHandler<T extends TimerName> = (machine: PeerMachine, timer: T, now: number, out: Effect[]) => void;
/** A handler for every timer kind, given the timer of its kind. */
type TimerHandlers = { [K in TimerName['kind']]: TimerHandler<Extract<TimerName, { kind: K }>> };

const opTimer = (op: number): TimerName => ({ kind: 'op', op });
const lostTimer = (op: number): TimerName => ({ kind: 'lost', op });
/**
 * A lookup passed on is remembered for this many op deadlines. Peers that stall in turn along its route (a busy ring)
 * deliver copies of it long after its deadline, each stall up to one; remembered for only one, a peer passed on such a
 * late copy again, and the copies forked on (stalls 1100, 1357 broke `forks`). The memory is bounded in size anyway.
 */
const PASSED_ON_DEADLINES = 3;
/**
 * A successor new to the list is asked too at the end of a walk that found no copy for this many sync intervals: copies
 * it took while apart move to the key's holders at its syncs after the ring changed (a sync delay, a lookup of the key's
 * peer, the query and the copy).
 */
const LATE_COPY_SYNCS = 3;
/** A request's try by its retry number (0 the first), as its TIMEOUT sentence names it. */
const tryName = (retry: number): string =>
  retry === MAX_LOOKUP_RETRIES
    ? 'its last try'
    : `its ${['first', 'second', 'third'][retry] ?? `try ${retry + 1}`} try`;
/**
 * Which way a lookup or the answer to it is, when it is not the first: its `retry`, and `stale` for the ask of the
 * holder of the latest store after a stale copy was refused.
 */
const wayOf = (m: { retry?: number; stale?: true }): { retry?: number; stale?: true } =>
  m.retry === undefined && m.stale === undefined
    ? {}
    : Object.assign(m.retry === undefined ? {} : { retry: m.retry }, m.stale === undefined ? {} : { stale: m.stale });
const expectTimer = (origin: PeerId, op: number): TimerName => ({ kind: 'expect', origin, op });
/** Flags a lookup sent on may gain, as Object.assign sources (never mutated: assign copies them). */
const DETOURED = Object.freeze({ detoured: true as const });
const PASSED_OVER = Object.freeze({ passedOver: true as const });
const UNSETTLED = Object.freeze({ unsettled: true as const });

/** Names whose last acknowledged store a peer remembers (a request at the responsible peer checks its copy against it). */
const MAX_ACKNOWLEDGED = 4096;
/** Names whose copy a peer lost lately that it remembers (walkUnsettled); past this, the oldest: their walks are believed. */
const MAX_LOST_LATELY = 64;

export class PeerMachine {
  readonly id: PeerId;
  readonly idBits: number;
  private readonly membership: Membership;
  private readonly router: Router;
  /** Every file held here (served), with its sha256 and version. */
  private readonly held = new Map<string, Held>();
  /** Stores' copies waiting for their store to be settled (never served). */
  private readonly pending = new Map<string, Held>();
  /** Pending copies found on disk at start that this peer kept as their store's responsible peer. */
  private readonly ownPending: { name: string; version: Version }[] = [];
  /** Versions given to stores here never fall behind any this peer has seen. */
  private readonly clock = new HybridClock();
  /** The latest store of each name acknowledged to this peer, and the peer that took it (the most recent names only). */
  private readonly acknowledged = new Map<string, { version: Version; holder: PeerId }>();
  /** The version each store this peer is taking was given, by origin:op. */
  private readonly storeVersions = new Map<string, Version>();
  private readonly replicator: Replicator;
  /** Re-reads the held copies in turn, one round every sync interval. */
  private readonly scrubber: Scrubber;
  private readonly ops = new Map<number, PendingOp>();
  /** Store transfers this peer asked for (origin:op -> name), so no stranger can push files at it. */
  private readonly expected = new Map<string, string>();
  /** The zones of the peers its successor lists name: copies are placed across zones. */
  private readonly zones: ZoneBook;

  /** A delivery that failed waits this long for another holder's (or the reason) before the request fails. */
  private readonly hopTimeoutMs: number;
  /** When each successor entered the list (the list as built: never), and the list that was last noted. */
  private readonly successorSince = new Map<PeerId, number>();
  private successorsSeen: readonly PeerId[] | undefined;
  /** The predecessors last noted, and when a neighbour last left this peer's lists (ringUnsettled). */
  private predecessorsSeen: readonly (PeerId | null)[] = [null, null];
  private neighbourLostAt: number | undefined;
  /** Names whose copy this peer lost lately (fileLost), and when (walkUnsettled). */
  private readonly lostLately = new Map<string, number>();

  constructor(private readonly config: MachineConfig) {
    this.id = config.id;
    this.hopTimeoutMs = config.hopTimeoutMs;
    this.idBits = config.idBits;
    this.zones = new ZoneBook(config.id, config.zone, 4 * config.successorCount + 8);
    for (const { name, sha256, version } of config.held) {
      this.held.set(name, { sha256, version });
      this.clock.observe(version.stamp);
    }
    for (const { name, sha256, version, own } of config.pending ?? []) {
      this.pending.set(name, { sha256, version });
      if (own === true) this.ownPending.push({ name, version });
      this.clock.observe(version.stamp);
    }
    const book: OpBook = {
      open: (op, kind, name, now, out, deadline) => this.openOp(op, kind, name, now, out, deadline),
      finish: (op, outcome, now, out) => this.finish(op, outcome, now, out),
    };
    this.membership = new Membership(
      {
        id: config.id,
        idBits: config.idBits,
        successors: config.successors,
        successorCount: config.successorCount,
        indirectProbes: config.indirectProbes,
        pingIntervalMs: config.pingIntervalMs,
        pingTimeoutMs: config.pingTimeoutMs,
        pingMissLimit: config.pingMissLimit,
        startupGraceMs: config.startupGraceMs,
        joinTimeoutMs: config.joinTimeoutMs,
        departTimeoutMs: config.departTimeoutMs,
        ...(config.seeds === undefined ? {} : { seeds: config.seeds }),
      },
      book,
      {
        gone: (peer) => this.router.forget(peer),
        // A join request goes the way a lookup of the newcomer's id would, short of the peer it lands after.
        towards: (id, now) => this.router.next(id, false, now)?.to ?? this.successors[0]!,
        avoids: (peer, now) => this.router.avoids(peer, now),
        shun: (peer, now) => this.router.shun(peer, now),
        farther: () => this.router.table?.peers() ?? [],
        heard: () => this.router.heardPeers(),
        lookBehind: (predecessors, now, out) => this.router.lookBehind(predecessors, now, out),
      },
    );
    this.router = new Router(
      {
        id: config.id,
        idBits: config.idBits,
        routing: config.routing,
        fingerIntervalMs: config.fingerIntervalMs,
        hopTimeoutMs: config.hopTimeoutMs,
        avoidMs: config.hopAvoidMs,
        passedOnMs: PASSED_ON_DEADLINES * config.opTimeoutMs,
        opTimeoutMs: config.opTimeoutMs,
        lateMs: config.pingIntervalMs,
        ...(config.fingers === undefined ? {} : { fingers: config.fingers }),
      },
      {
        successors: () => this.successors,
        predecessors: () => this.membership.predecessors,
        joined: () => this.membership.joined,
        reroute: (lookup, unreachable, now, out) => this.reroute(unreachable, lookup, now, out),
        found: (target, successor, now, out) => this.replicator.found(target, successor, now, out),
        behind: (origin, predecessors, now, out) => this.membership.onBehind(origin, predecessors, now, out),
      },
    );
    this.successorsSeen = this.membership.successors;
    const membership = this.membership;
    this.replicator = new Replicator(
      {
        replicas: config.replicas,
        writeQuorum: config.writeQuorum,
        syncIntervalMs: config.syncIntervalMs,
        syncDelayMs: config.syncDelayMs,
        handoffTimeoutMs: config.handoffTimeoutMs,
        copyTimeoutMs: config.hopTimeoutMs,
        opTimeoutMs: config.opTimeoutMs,
      },
      {
        id: config.id,
        held: this.held,
        pending: this.pending,
        observe: (version) => this.clock.observe(version.stamp),
        spaceSize: spaceSize(config.idBits),
        keyOf: (name) => this.keyOf(name),
        successors: () => membership.successors,
        predecessors: () => membership.predecessors,
        active: () => membership.joined && !membership.departed,
        send: (to, message, now, out) => this.sendTo(to, message, now, out),
        find: (key, now, out) => this.router.find(key, now, out),
        silent: (peer) => membership.silent(peer),
        zoneOf: (peer) => this.zones.of(peer),
      },
    );
    this.scrubber = new Scrubber(config.syncIntervalMs, this.held);
  }

  private get successors(): PeerId[] {
    return this.membership.successors;
  }

  handle(input: Input, now: number): Effect[] {
    this.clock.at(now);
    const out: Effect[] = [];
    const [s1, s2] = this.membership.successors;
    const [p1, p2] = this.membership.predecessors;
    switch (input.type) {
      case 'start':
        this.membership.start(now, out);
        this.router.start(now, out);
        this.replicator.start(now, out);
        this.replicator.commitOwnPending(this.ownPending.splice(0), out);
        this.scrubber.start(now, out);
        break;
      case 'join':
        this.membership.join(input.op, input.via, now, out);
        break;
      case 'quit':
        this.quit(input.op, new Set(input.departing ?? []), now, out);
        break;
      case 'undeliverable':
        // A lookup's hop, or a find's, awaited at that peer: it goes another way. Not only the message handed back:
        // a walk refused there while a lookup's hop waits goes on as well (review33b), below.
        this.router.unreachable(input.to, now, out);
        // A join request sent to a finger that is down: forget the finger and pass the request on another way.
        if (
          input.message.type === 'joinRequest' &&
          input.message.newcomer !== this.id &&
          this.membership.joined &&
          input.to !== this.successors[0]
        ) {
          this.router.shun(input.to, now);
          this.membership.onJoinRequest(input.message, now, out);
        } else this.membership.refused(input.message, input.to, now, out);
        break;
      case 'fileLost':
        this.fileLost(input.name, now, out);
        break;
      case 'verified':
        // The scrub found the copy it checked gone or damaged: lost, unless a newer copy replaced it meanwhile.
        if (
          this.scrubber.answered(input.name, input.sha256, input, out) &&
          input.lost === true &&
          this.held.get(input.name)?.sha256 === input.sha256
        )
          this.fileLost(input.name, now, out);
        break;
      case 'dropped':
        this.replicator.dropped(input.name, input.sha256, input.removed, input.error, out);
        break;
      case 'timer':
        this.onTimer(input.timer, now, out);
        break;
      case 'message':
        this.onMessage(input.from, input.message, now, out);
        break;
      case 'command':
        this.onCommand(input.kind, input.op, input.name, now, out, input.sizeBytes);
        break;
      case 'transferStarted':
        this.onTransferStarted(input.transfer, input.ref, input.sizeBytes ?? 0, now, out);
        break;
      case 'settled':
        this.replicator.settled(input.name, input.version, input.outcome, input.error, now, out);
        break;
      case 'transferReceived':
        this.onTransferReceived(input.ref, input.error, input.sha256, now, out);
        break;
      case 'transferSent':
        this.onTransferSent(input.ref, input.error, input.lost === true, input.unsent === true, now, out);
        break;
    }
    this.noteSuccessors(now);
    const [t1, t2] = this.membership.successors;
    const [q1, q2] = this.membership.predecessors;
    if (s1 !== t1 || s2 !== t2 || p1 !== q1 || p2 !== q2) this.replicator.topologyChanged(now, out);
    this.zones.tell(out);
    return out;
  }

  /** A graceful departure hands this peer's files to its first successor, then tells its predecessors. */
  private quit(op: number, departing: ReadonlySet<PeerId>, now: number, out: Effect[]): void {
    if (!this.membership.joined || this.membership.departed) {
      this.membership.quit(op, now, out); // says why it cannot
      return;
    }
    this.replicator.handOff(now, out, (later, more) => this.membership.quit(op, later, more), departing);
  }

  status(): MachineStatus {
    return {
      id: this.id,
      successors: [...this.successors],
      predecessors: [...this.membership.predecessors],
      held: [...this.held.keys()].sort(),
      pingMisses: this.membership.pingMisses(),
      pendingOps: this.ops.size,
      ...(this.router.table === undefined ? {} : { fingers: this.router.fingers()! }),
    };
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Every peer this one could name as a lookup's next hop: what the simulator's checker finds holders by. */
  knownPeers(now: number): PeerId[] {
    return this.router.knownPeers(now);
  }

  // --- commands and routing ------------------------------------------------------------------

  private onCommand(
    kind: LookupKind,
    op: number,
    name: string,
    now: number,
    out: Effect[],
    sizeBytes: number | undefined,
  ): void {
    const problem = this.nameProblem(name);
    if (problem !== undefined) {
      out.push({ type: 'complete', op, kind, name, result: { ok: false, code: 'BAD_NAME', error: problem, ms: 0 } });
      return;
    }
    const seconds = this.config.opTimeoutMs / 1000;
    if (
      !this.openOp(op, kind, name, now, out, {
        ms: this.config.opTimeoutMs,
        error: `${kind} ${name} had no answer within ${seconds} s`,
      })
    )
      return;
    if (sizeBytes !== undefined) this.ops.get(op)!.sizeBytes = sizeBytes;
    if (!this.membership.joined || this.membership.departed) {
      this.finish(
        op,
        {
          ok: false,
          code: 'NOT_IN_RING',
          error: `Peer ${this.id} is not in a ring${this.membership.departed ? ' any more' : ' yet'}`,
        },
        now,
        out,
      );
      return;
    }
    const lookup = this.lookupOf(kind, op, name);
    if (kind === 'request' && this.servesItself(name, lookup.key)) return this.serveRequest(lookup, now, out);
    if (kind === 'request' && this.keepsLatest(name)) {
      const holds = this.held.get(name)!.version;
      this.watch(op, Object.assign({}, lookup, { holds }), now, out); // not a spread adding a key: see Router.forward
      this.askHolder(lookup, holds, now, out);
    } else {
      this.watch(op, lookup, now, out);
      this.route(lookup, now, out);
    }
  }

  /**
   * A command's lookup is on its way: should neither an answer nor a report that it is stuck come by the time its route
   * should have given one (Router.routeMs), it is taken as lost (a peer on it crashed after acknowledging the hop, a
   * message was lost, it went where the requester's side cannot be reached) and sent again another way. That time is
   * never more than the deadline's share of each try, so the last one still has time.
   */
  private watch(op: number, lookup: Lookup, now: number, out: Effect[]): void {
    const pending = this.ops.get(op);
    if (pending === undefined) return;
    pending.lookup = lookup;
    const routeMs = this.router.routeMs(lookup.key, this.replicator.replicas + 1);
    // Nor more than this try's share of the time left: a requester that was held up itself (its thread stalled, its
    // timers late) still sends its last retry, to every holder it knows at once, before the deadline (stalls 72).
    const leftMs = pending.startedAt + this.config.opTimeoutMs - now;
    const lostAfterMs = Math.min(
      routeMs,
      this.config.opTimeoutMs / (MAX_LOOKUP_RETRIES + 1),
      leftMs / (MAX_LOOKUP_RETRIES - pending.retries + 1),
    );
    out.push({ type: 'schedule', timer: lostTimer(op), at: now + lostAfterMs });
  }

  /** Whether a holder answered a command's lookup: its file is on its way, or its copy here was confirmed. */
  private holderAnswered(op: PendingOp): boolean {
    return op.holder !== undefined || op.confirmedBy !== undefined;
  }

  /**
   * Whether a command's lookup is still unanswered: no holder found, no copy confirmed or refused, no failed delivery
   * (only ways reported stuck).
   */
  private unanswered(op: PendingOp): boolean {
    return (
      op.lookup !== undefined &&
      !this.holderAnswered(op) &&
      op.refusedStale === undefined &&
      op.timeout.code === 'TIMEOUT'
    );
  }

  /**
   * The requester's end-to-end retry: its lookup was lost or got stuck, so it is sent again, another way than the
   * first (which went to the first successor, or a finger): through the peer known (heard of lately, or a finger) that
   * most closely precedes the key, past the part of the ring where it was lost; the second time, for a request, straight
   * to the nearest peer known at or past the key, which serves its copy or says it is stuck (a store is never sent
   * past its key: that peer need not be responsible). With no such peer, along successors again (the router passes over
   * peers that did not acknowledge). `to`: straight to that peer (one nearer the key than a walk that found nothing
   * began at). Each time the lookup is another one to the peers that passed the earlier one on.
   */
  private retryLookup(opId: number, op: PendingOp, now: number, out: Effect[], to?: PeerId): void {
    const first = op.lookup!;
    const retry = ++op.retries;
    // Object.assign where a key is added, here and below: see Router.forward (a spread adding a key costs V8 2-3 µs)
    const again: Lookup = Object.assign({}, first, { retry });
    let past = to;
    if (to === undefined && retry >= 2 && first.kind === 'request') {
      const holders = this.router
        .holdersKnown(first.key, this.replicator.replicas, now)
        .filter((p) => this.mayHold(op, p));
      if (holders.length > 1) return this.retryAtHolders(op, again, holders, now, out);
      // The nearest known that may hold it (holdersKnown is nearest first): with none (the walk's last peer is avoided
      // now, and every other known lies past it), the lookup goes as a first try would, through the peer known before
      // the key, not to a peer past the holders that walk asked (mayHold).
      past = holders[0];
    }
    const hop = past !== undefined ? { to: past, final: true } : this.router.detour(first.key, now);
    if (retry < MAX_LOOKUP_RETRIES) this.watch(opId, first, now, out);
    if (hop === undefined || hop.to === this.id) {
      out.push({ type: 'emit', line: lines.lookupRetried(first.name, first.kind, this.successors[0] ?? this.id) });
      return this.route(again, now, out);
    }
    const onward: Lookup = Object.assign(
      {},
      again,
      { final: hop.final, hops: 1 },
      hop.final && hop.to !== first.key ? DETOURED : undefined,
    );
    this.router.forward(onward, again, hop.to, now, out);
    out.push({ type: 'emit', line: lines.lookupRetried(first.name, first.kind, hop.to) });
  }

  /**
   * Whether `peer`, at or past the key of `op` (a request), may hold its file as far as this peer has heard: not past
   * the last holder an earlier walk of the key's holders asked and found without a copy (its answer held back, as it
   * passed over peers: PendingOp.absent). That walk went from the key's peer along R live peers at least, so a peer
   * further on is none of the key's holders, and sent the last retry it walks back towards the key a peer at a time
   * (restarts 1358: 11 answered for key 8's walk, and the last retry went to 30, 0 and 29 as well, far round a ring of
   * 30: 67 lookup messages).
   */
  private mayHold(op: PendingOp, peer: PeerId): boolean {
    // A walk that asked fewer than R peers ended short of the holders past its last (they did not answer lately).
    if (op.absent === undefined || op.absent.asked < this.replicator.replicas) return true;
    const size = spaceSize(this.idBits);
    return distance(op.lookup!.key, peer, size) <= distance(op.lookup!.key, op.absent.from, size);
  }

  /**
   * A request's last retry goes to each peer known at or past its key, up to R of them (its holders, as far as this
   * peer knows), at once rather than one after another, as Kademlia's parallel lookups: where the first of them lie past
   * silent peers (cut off, crashed, busy), one hop timeout each would outlast the deadline (partitions 1295, hosts 1217).
   * The first holder's copy is taken (a second one's transfer replaces it, or is refused once the request is done); a
   * peer without a copy sends it on nearer the key, or reports it stuck: the request fails only once each did.
   */
  private retryAtHolders(op: PendingOp, again: Lookup, holders: PeerId[], now: number, out: Effect[]): void {
    // And back towards the key through the peer heard from lately nearest it: where the holders known lie across a
    // cut, a peer that pings this one is on its side, and may know a way to a holder there (hosts 10162).
    const back = this.router.backTowards(again.key, now);
    const ways = back === undefined || holders.includes(back) || !this.mayHold(op, back) ? holders : [...holders, back];
    op.ways = ways.length;
    for (const to of ways) {
      const onward: Lookup = Object.assign({}, again, { final: true, hops: 1, detoured: true as const });
      this.router.forward(onward, again, to, now, out);
      out.push({ type: 'emit', line: lines.lookupRetried(again.name, again.kind, to) });
    }
  }

  /** The lost timer: a lookup with no answer yet is sent again, while retries are left (then its deadline decides). */
  private lookupLost(opId: number, now: number, out: Effect[]): void {
    const op = this.ops.get(opId);
    if (op === undefined || !this.unanswered(op) || op.retries >= MAX_LOOKUP_RETRIES) return;
    this.retryLookup(opId, op, now, out);
  }

  /**
   * A request at a peer that keeps a copy but is not the key's responsible peer: its copy may be stale, so it asks,
   * saying which version it keeps; a holder with that version or an older one answers SameCopy instead of the bytes.
   * The question goes straight to the predecessor that should be responsible (a replica follows the responsible peer
   * within its successor list): the first when the key is between the two predecessors, else the second (or, with
   * copies across zones, routed as any lookup). Wherever it lands, the lookup goes on from there as any other.
   */
  private askHolder(lookup: Lookup, holds: Version, now: number, out: Effect[]): void {
    const asking: Lookup = Object.assign({}, lookup, { holds }); // not a spread adding a key: see Router.forward
    const [first, second] = this.membership.predecessors;
    // Copies across zones: a key before the first predecessor's range may be a peer's further back, so it is routed.
    const guess =
      first !== null && second !== null && between(second, lookup.key, first)
        ? first
        : this.replicator.copyHolders() === undefined
          ? second
          : null;
    if (guess === null || guess === this.id || this.router.avoids(guess, now)) return this.route(asking, now, out);
    this.router.forward({ ...asking, hops: 1 }, asking, guess, now, out);
    out.push({ type: 'emit', line: lines.requestSentTo(lookup.name, lookup.key, guess, 1) });
  }

  /**
   * A request at the key's responsible peer (by its own first predecessor) that holds the file is answered from its
   * own disk rather than sent round the ring: stores are committed here, so its copy is the newest, unless a newer
   * store acknowledged to this peer went elsewhere (the ring changed under it): then it asks the ring as any peer does.
   */
  private servesItself(name: string, key: number): boolean {
    return this.keepsLatest(name) && this.responsibleFor(key);
  }

  /** Whether a copy of `name` is kept here and no newer store of it was acknowledged to this peer. */
  private keepsLatest(name: string): boolean {
    const held = this.held.get(name);
    const acknowledged = this.acknowledged.get(name)?.version;
    return held !== undefined && (acknowledged === undefined || !newer(acknowledged, held.version));
  }

  /**
   * This peer's first predecessor when `key` is that predecessor's by this peer's two predecessors (the key lies between
   * them); else undefined.
   */
  private predecessorOwning(key: number): PeerId | undefined {
    const [predecessor, second] = this.membership.predecessors;
    if (predecessor === null || second === null || predecessor === this.id || second === predecessor) return undefined;
    return between(second, key, predecessor) ? predecessor : undefined;
  }

  /**
   * The predecessor owning `key` (predecessorOwning), unless it is avoided (it missed a hop lately) or is `origin` (the
   * requester, which has no copy); else undefined. Only then: a key further back is not this peer's to chase (hosts
   * 1151: sent back from peer to peer, a request went round the ring).
   */
  private keyBehind(key: number, origin: PeerId, now: number): PeerId | undefined {
    const predecessor = this.predecessorOwning(key);
    return predecessor === undefined || predecessor === origin || this.router.avoids(predecessor, now)
      ? undefined
      : predecessor;
  }

  /**
   * The predecessor owning `key` (predecessorOwning) unless it is avoided, for a store: unlike a request's (keyBehind),
   * the origin is no exception. An origin that forgot its first predecessor takes itself for no key's peer and sends its
   * own store on round the ring (membership 11444: 2, just joined, never pinged by 27 before it); handed back, it takes
   * the store as the key's peer.
   */
  private storeKeyBehind(key: number, now: number): PeerId | undefined {
    const predecessor = this.predecessorOwning(key) ?? this.newPredecessorBefore(key);
    return predecessor === undefined || this.router.avoids(predecessor, now) ? undefined : predecessor;
  }

  /**
   * This peer's first predecessor when its second is not known yet and `key` lies before the first: a peer that just
   * joined in front of this one (it pinged at once; the peer before it has not yet), whose range the key may be, and
   * is nearer it in any case. membership 11555: 327 joined before 352 at 0.25 s; 96, its list still without 327, sent
   * a store of key 305 straight to 352 at 0.51 s, and 352 ([327, null]) took it.
   */
  private newPredecessorBefore(key: number): PeerId | undefined {
    const [first, second] = this.membership.predecessors;
    if (first === null || second !== null || first === this.id || between(first, key, this.id)) return undefined;
    return first;
  }

  /**
   * Whether this peer stands in for its first predecessor as `key`'s responsible peer: the predecessor owns the key
   * (predecessorOwning) and missed a hop lately or refused one (crashed, or cut off: not declared gone yet). No live peer
   * this one knows lies between the key and this peer, so the walk of the key's holders starts here (hosts 1217). A
   * NOT_FOUND names this peer as the responsible one: the requester asks a peer it knows nearer the key before it
   * believes it (nearerThan).
   */
  private standsInFor(key: number, now: number): boolean {
    const predecessor = this.predecessorOwning(key);
    if (predecessor === undefined) return this.coversForgottenPredecessor(key);
    return this.router.avoids(predecessor, now);
  }

  /**
   * Whether `key` lies between this peer's second predecessor and itself while its first is forgotten (it did not ping
   * for K+1 intervals: crashed, not declared gone yet by the peers before it). No live peer this one knows lies between,
   * so the key is this peer's to serve or walk for. restarts 10835: 94 crashed; 70, still listing it, sent a request for
   * key 71 past it to 118 as sent past the key, and 118, with no first predecessor, took itself for no key's peer and
   * reported the way cut three times while 38, its second successor, held the file.
   */
  private coversForgottenPredecessor(key: number): boolean {
    const [first, second] = this.membership.predecessors;
    return first === null && second !== null && second !== this.id && between(second, key, this.id);
  }

  /** Whether this peer is responsible for `key` by its own first predecessor. */
  private responsibleFor(key: number): boolean {
    const predecessor = this.membership.predecessors[0];
    return predecessor !== null && between(predecessor, key, this.id);
  }

  private nameProblem(name: string): string | undefined {
    const problem = fileNameProblem(name);
    if (problem !== undefined || this.config.nameHash !== undefined || isFourDigits(name)) return problem;
    return `file name ${JSON.stringify(name)} is not valid here: this peer places four-digit names only`;
  }

  private keyOf(name: string): number {
    return keyOf(name, this.idBits, this.config.nameHash);
  }

  /**
   * One step of a lookup at this peer: serve it here, or pass it on (to the first successor, or a finger). Routed again
   * because `rerouted` did not take its hop, its line says so instead of the usual one.
   */
  private route(lookup: Lookup, now: number, out: Effect[], rerouted?: PeerId): void {
    const hop = this.router.next(lookup.key, lookup.final, now, true);
    if (hop === undefined) {
      if (lookup.kind === 'store' && this.storeBehind(lookup, now, out)) return;
      if (lookup.kind === 'store') this.acceptStore(lookup, now, out);
      else this.serveRequest(lookup, now, out);
      return;
    }
    // The message first, the line after: printing is not on the lookup's path.
    const next = hop.to;
    const detoured = this.sentPastSilentHolders(lookup, hop, now);
    const passedOver = this.storePastSilentHolders(lookup, hop, now);
    // A spread when no key is added (the usual hop: cheaper still), else Object.assign (see Router.forward)
    const forwarded: Lookup =
      detoured || passedOver
        ? Object.assign(
            {},
            lookup,
            { final: hop.final, hops: lookup.hops + 1 },
            detoured ? DETOURED : undefined,
            passedOver ? PASSED_OVER : undefined,
          )
        : { ...lookup, final: hop.final, hops: lookup.hops + 1 };
    this.router.forward(forwarded, lookup, next, now, out);
    // Past a holder that missed a hop: the next one too, as neighbours go silent together (nextHolderKnown).
    const pastSilent = forwarded.kind === 'request' && forwarded.detoured === true;
    const also = pastSilent ? this.nextHolderKnown(forwarded, next, now) : undefined;
    if (also !== undefined) this.alsoTo(forwarded, lookup, also, now, out);
    const sent = lookup.origin === this.id && lookup.hops === 0;
    if (rerouted !== undefined)
      out.push({ type: 'emit', line: lines.lookupRerouted(lookup.name, rerouted, next, lookup.kind) });
    else if (next !== this.successors[0]) {
      const { name, key, hops } = forwarded;
      const line =
        lookup.kind === 'store' ? lines.storeForwardedTo : sent ? lines.requestSentTo : lines.requestForwardedTo;
      out.push({ type: 'emit', line: line(name, key, next, hops) });
    } else if (lookup.kind === 'store')
      out.push({ type: 'emit', line: lines.storeForwarded(lookup.name, lookup.key, next) });
    else if (sent) out.push({ type: 'emit', line: lines.requestSent(lookup.name, lookup.key, next) });
    else out.push({ type: 'emit', line: lines.requestForwarded(lookup.name, lookup.key, next) });
  }

  /**
   * A request's final hop that passes over the key's peer (and maybe its replicas) because they missed hops lately goes
   * as sent past the key (`detoured`): the receiver is not the key's peer, so rather than walk its own successors and
   * answer NOT_FOUND, it passes the request back nearer the key, or stands in for its silent predecessor, or reports the
   * way cut and the requester retries (partitions 5076). A store is taken where it lands, as before.
   */
  private sentPastSilentHolders(lookup: Lookup, hop: { to: PeerId; final: boolean }, now: number): boolean {
    return lookup.kind === 'request' && hop.final && this.router.passesOver(lookup.key, hop.to, now);
  }

  /**
   * A store's final hop that passes over the key's peer because it missed hops lately (crashed or cut off, not declared
   * gone yet) says so (`passedOver`): the receiver takes it as the key's stand-in rather than pass it back to that
   * peer (storeBehind), which would cost it a second hop timeout.
   */
  private storePastSilentHolders(lookup: Lookup, hop: { to: PeerId; final: boolean }, now: number): boolean {
    return lookup.kind === 'store' && hop.final && this.router.passesOver(lookup.key, hop.to, now);
  }

  /**
   * A store sent here as the key's peer while this peer's own predecessor owns the key: the sender's successor list is
   * stale (a peer joined just before this one, and a lookup went straight to this one past it: straightToKeyPeer; or,
   * along successors, the sender was handed a list without that peer: membership 11444). Taken here, the file would
   * miss the key's peer; it goes back to that predecessor as final, which takes it (or, should it not answer, this peer
   * does: reroute). Also when that predecessor is the store's origin (storeKeyBehind): it takes its own store.
   */
  private storeBehind(lookup: Lookup, now: number, out: Effect[]): boolean {
    if (!lookup.final || lookup.attempt > 0 || lookup.detoured === true || lookup.passedOver === true) return false;
    const behind = this.storeKeyBehind(lookup.key, now);
    // Only back towards the key: a predecessor list out of order (zones 10055: [468, 591] at 747, 648 between them just
    // crashed) named a predecessor before the key, and the store landed there, past its key's peer.
    const size = spaceSize(this.idBits);
    if (behind === undefined || distance(lookup.key, behind, size) >= distance(lookup.key, this.id, size)) return false;
    const onward: Lookup = { ...lookup, hops: lookup.hops + 1 };
    this.router.forward(onward, lookup, behind, now, out);
    out.push({ type: 'emit', line: lines.storeForwardedTo(lookup.name, lookup.key, behind, onward.hops) });
    return true;
  }

  private acceptStore(lookup: Lookup, now: number, out: Effect[]): void {
    this.expected.set(`${lookup.origin}:${lookup.op}`, lookup.name);
    out.push({ type: 'schedule', timer: expectTimer(lookup.origin, lookup.op), at: now + this.config.opTimeoutMs });
    this.sendTo(lookup.origin, { type: 'storeReady', op: lookup.op, name: lookup.name, hops: lookup.hops }, now, out);
  }

  /** `again`: routed again from here after a hop that was not taken (reroute), not as it arrived. */
  private serveRequest(lookup: Lookup, now: number, out: Effect[], again = false): void {
    // The key's own peer, or one responsible for it by its own predecessor, serves however the request came, or walks
    // its replicas.
    const responsible = this.id === lookup.key || this.responsibleFor(lookup.key) || this.standsInFor(lookup.key, now);
    if (!this.held.has(lookup.name) && lookup.detoured === true && !responsible) {
      // Sent past a cut to the nearest peer known after the key: without a copy here, it goes on to the peer this one
      // knows nearest the key, when it is nearer (this peer's predecessors are the key's holders, if any peer knows them;
      // nearer each time, so it ends) and walksBackTo allows it; else the requester hears that the route was cut (not
      // that the file is absent), and no walk follows: this peer's successors need not be the key's holders.
      const size = spaceSize(this.idBits);
      // A peer heard from lately first: it is on this side of any cut (hosts 10162).
      const nearer =
        this.router.backTowards(lookup.key, now, lookup.origin) ?? this.router.beyond(lookup.key, now, lookup.origin);
      if (
        nearer !== undefined &&
        distance(lookup.key, nearer, size) < distance(lookup.key, this.id, size) &&
        this.walksBackTo(lookup, nearer)
      ) {
        // Still `detoured` to the key's own peer: should it not answer, the request is not routed again from this
        // peer, past the key, round the whole ring (partitions 38: past the hop bound), but reported stuck.
        const onward: Lookup = { ...lookup, hops: lookup.hops + 1 };
        this.forwardRequest(onward, onward, nearer, now, out);
        const also = again ? undefined : this.alsoBackTo(lookup, nearer, now);
        if (also !== undefined) this.alsoTo(onward, onward, also, now, out);
        return;
      }
      if (lookup.also === true) return; // a second copy: the first reports for it
      const { origin, op, name, hops } = lookup;
      this.sendTo(origin, { type: 'notFound', op, name, hops, stuck: true, ...wayOf(lookup) }, now, out);
      return;
    }
    const behind =
      this.held.has(lookup.name) || lookup.attempt > 0 ? undefined : this.keyBehind(lookup.key, lookup.origin, now);
    if (behind !== undefined) {
      // Sent here as the key's peer, but this peer's own predecessor lies past the key: the sender passed over the
      // key's peer (it missed hops while cut off, and was not heard from since: partitions 4041), and the walk from
      // here would miss its copies. The request goes back to that predecessor, as sent past its key: it serves, walks
      // as the key's peer, or passes it nearer; should it not answer, the requester hears the route was cut.
      const onward: Lookup = Object.assign({}, lookup, { final: true, detoured: true as const, hops: lookup.hops + 1 });
      this.forwardRequest(onward, onward, behind, now, out);
      return;
    }
    if (!this.held.has(lookup.name)) {
      // The responsible peer may not have it yet (it just joined) or may have lost it: its replicas are asked next.
      // The next holder that acknowledges hops: with none, the walk ends here as if the copies were all asked.
      // Copies placed across zones are not the next successors: the responsible peer names them, the request carries them.
      const holders = lookup.attempt === 0 ? this.replicator.copyHolders() : lookup.holders;
      const next = holders === undefined ? this.router.firstLive(now) : this.router.nextLive(holders, this.id, now);
      // Never back to the responsible peer: in a small ring whose next peers are passed over (busy, not acknowledging),
      // the walk came round to it again, and walked again (stalls 1407).
      const walked = lookup.attempt === 0 ? this.id : lookup.responsible;
      const walksOn =
        lookup.attempt < this.replicator.replicas - 1 || this.mayHoldLateCopies(lookup, holders, next, now);
      if (walksOn && next !== undefined && next !== this.id && next !== walked) {
        const responsible = lookup.attempt === 0 ? this.id : (lookup.responsible ?? this.id);
        const { detoured: _detoured, ...walking } = lookup; // the walk of the key's holders, however it began
        const passedOver =
          lookup.passedOver === true ||
          this.walkPassesOver(holders, next, now) ||
          (lookup.attempt === 0 && this.standsInPastAvoided(lookup.key, now));
        const onward: Lookup = Object.assign(
          {},
          walking,
          { final: true, attempt: lookup.attempt + 1, hops: lookup.hops + 1, responsible },
          holders === undefined ? undefined : { holders },
          passedOver ? PASSED_OVER : undefined,
          this.walkUnsettled(lookup.name, now) ? UNSETTLED : undefined,
        );
        this.router.forward(onward, onward, next, now, out);
        out.push({ type: 'emit', line: lines.requestToReplica(lookup.name, lookup.key, next) });
        return;
      }
      if (lookup.also === true) return; // a second copy's walk that found none: the first's answers
      const { origin, op, name, hops } = lookup;
      if (this.walkCutShort(lookup, holders, next, now)) {
        this.sendTo(origin, { type: 'notFound', op, name, hops, stuck: true, ...wayOf(lookup) }, now, out);
        return;
      }
      // The requester is told at once; the responsible peer, which asked its replicas, prints the original's line.
      const responsible = lookup.attempt === 0 ? this.id : (lookup.responsible ?? this.id);
      if (responsible === this.id) out.push({ type: 'emit', line: lines.requestNoSuchFile(name, origin) });
      else out.push({ type: 'emit', line: lines.requestNoCopy(name, responsible) });
      const asked = lookup.attempt + 1;
      // Ended with holders left to ask, none live by this peer's view: those it avoids were passed over too (hosts 11421:
      // 50 ms after a heal, 664, the key's peer, avoided its three holders across zones, and answered NOT_FOUND at once).
      const passedOver =
        lookup.passedOver === true ||
        (walksOn && next === undefined && this.walkPassesOver(holders, undefined, now)) ||
        (lookup.attempt === 0 && this.standsInPastAvoided(lookup.key, now));
      const over = {
        ...(passedOver ? { passedOver: true as const } : {}),
        ...(lookup.unsettled === true || this.walkUnsettled(lookup.name, now) ? { unsettled: true as const } : {}),
      };
      const toResponsible = (): void => {
        if (responsible !== this.id)
          this.sendTo(responsible, { type: 'notFound', op, name, hops, copiesAsked: { origin } }, now, out);
      };
      // The requester first, as it waits; but a requester responsible too prints "no such file" before its failure.
      if (responsible === origin) toResponsible();
      this.sendTo(
        origin,
        { type: 'notFound', op, name, hops, responsible, asked, ...wayOf(lookup), ...over },
        now,
        out,
      );
      if (responsible !== origin) toResponsible();
      return;
    }
    const held = this.held.get(lookup.name)!;
    if (lookup.origin !== this.id && lookup.holds !== undefined && !newer(held.version, lookup.holds)) {
      const same = sameVersion(held.version, lookup.holds);
      out.push({ type: 'emit', line: lines.requestSameCopy(lookup.name, lookup.origin, same) });
      const { origin, op, name, hops } = lookup;
      this.sendTo(origin, { type: 'sameCopy', op, name, hops, version: held.version }, now, out);
      return;
    }
    // Served from this peer's disk to itself: where the file was found and that it arrived, no sending or receiving
    // lines (and not even where, when a holder's SameCopy already said it is served from here).
    const own = lookup.origin === this.id;
    if (!own || this.ops.get(lookup.op)?.confirmedBy === undefined)
      out.push({ type: 'emit', line: lines.requestFound(lookup.name) });
    if (!own) out.push({ type: 'emit', line: lines.fileSending(lookup.name, lookup.origin) });
    out.push({
      type: 'transfer',
      ref: {
        purpose: 'deliver',
        peer: lookup.origin,
        op: lookup.op,
        origin: lookup.origin,
        name: lookup.name,
        hops: lookup.hops,
        attempt: lookup.attempt,
        ...(lookup.holders === undefined ? {} : { holders: lookup.holders }),
      },
    });
  }

  /**
   * Whether a request sent past its key, without a copy here, may go back to `nearer`, a peer nearer the key. Sent
   * straight there by its requester (its retry, one hop), it may walk back as far as the key: that is a route of its
   * own. Routed here first, only to a peer nearer the key than its requester (pastKeyWithin): the route came from the
   * requester, so a peer past it lies on the route already taken, and walked back over it, one known peer at a time,
   * the request went round the ring twice (writers 5199: hop 30 in a ring of 27). The requester is told the way was
   * cut instead, and retries with the peers it knows near the key.
   */
  private walksBackTo(lookup: Lookup, nearer: PeerId): boolean {
    return lookup.hops <= 1 || pastKeyWithin(lookup.key, nearer, lookup.origin, spaceSize(this.idBits));
  }

  /**
   * The requester's last retry, come straight from it and passed back towards its key through a peer heard from lately
   * (`nearer`), goes also to the nearest peer known at or past the key when that one is nearer still: nothing here tells
   * which of the two is up. A peer heard from a moment ago may have stalled since (stalls 11117: 163 passed 171's last
   * retry back to 135, its predecessor, busy through the deadline, while 111, which it knew, one hop from the holder 105,
   * was up); the nearest known may lie across a cut (hosts 10162). The requester has no retry left to cover a wrong
   * choice, and a hop not acknowledged costs a hop timeout, up to its whole deadline on a busy ring. Only as it arrives:
   * sent on again after a hop refused or lost, it goes one way, or the two ways would each fork again (hosts 5280: a
   * whole host down, every way refused, 23 lookup messages in a ring of 8, past `forks`' bound of 22).
   * Passed on by a peer further on (more than one hop), it goes also to the next holder this peer knows, when it is on
   * its way to a holder (nextHolderKnown).
   */
  private alsoBackTo(lookup: Lookup, nearer: PeerId, now: number): PeerId | undefined {
    if (lookup.retry !== MAX_LOOKUP_RETRIES || lookup.also === true) return undefined;
    const size = spaceSize(this.idBits);
    if (lookup.hops !== 1) return this.nextHolderKnown(lookup, nearer, now);
    const nearest = this.router.beyond(lookup.key, now, lookup.origin);
    return nearest !== undefined &&
      nearest !== nearer &&
      distance(lookup.key, nearest, size) < distance(lookup.key, nearer, size) &&
      this.walksBackTo(lookup, nearest)
      ? nearest
      : undefined;
  }

  /** Sends `sent`'s second copy (Lookup.also) to `to`, and says so. */
  private alsoTo(sent: Lookup, before: Lookup, to: PeerId, now: number, out: Effect[]): void {
    this.forwardRequest(Object.assign({}, sent, { also: true as const }), before, to, now, out);
  }

  /**
   * Passes a request on to `to` and says so: every hop of a request prints its line, before any of the receiver's own
   * (test/core/hop-lines.test.ts).
   */
  private forwardRequest(sent: Lookup, before: Lookup, to: PeerId, now: number, out: Effect[]): void {
    this.router.forward(sent, before, to, now, out);
    out.push({ type: 'emit', line: lines.requestForwardedTo(sent.name, sent.key, to, sent.hops) });
  }

  /**
   * Another holder of the request's key that this peer knows, besides `nearer`, where it sends the request as a holder
   * (final): the nearest at or past the key, nearer it than this peer, that it has not avoided lately. The request goes
   * there too, at once, when one hop timeout more would outlast its requester's deadline:
   * - past a holder that missed a hop (route, reroute's detour): the peers of a host or a partition's side go silent
   *   together, and a hop timeout per silent holder, one after another, ran past the deadline while the third holder
   *   was up (partitions 13818: 121 tried 124, then 3, both cut off; 5, on its side, was next, after the deadline);
   * - the requester's last retry, passed on by a peer on its way (alsoBackTo): less than a hop timeout is left (hosts
   *   11692: 16 sent 42's last retry to 6, across a cut, and to 7, which held the file, 1.3 s later, 0.3 s too late).
   * A second copy at a holder is served or refused as the last retry's several ways are (retryAtHolders).
   */
  private nextHolderKnown(lookup: Lookup, nearer: PeerId, now: number): PeerId | undefined {
    if (lookup.also === true) return undefined; // a second copy is not copied again
    const size = spaceSize(this.idBits);
    const own = distance(lookup.key, this.id, size);
    const holders = this.router.holdersKnown(lookup.key, this.replicator.replicas, now, lookup.origin);
    // Only on its way to a holder: passed back from peer to peer far from the key, each would send one more copy
    // (partitions 13435: a last retry took 21 lookup messages, against 7).
    if (!holders.includes(nearer)) return undefined;
    return holders.find((p) => p !== nearer && distance(lookup.key, p, size) < own && this.walksBackTo(lookup, p));
  }

  /**
   * Whether this walk step to `next` passes over holders this peer avoids (they missed hops lately): the next of
   * `holders` after this peer, or its first live successor (`next` undefined: the walk ends, none of them live). Cut off
   * a moment ago, they may hold the copies: a walk that ends without one says so, and the requester asks again later
   * rather than believe it (partitions 9581, on branch hops16: 48 ms after a heal, 234 walked past 259, 297 and 321,
   * which held copies stored while the ring was cut). So does a step past peers its successors report that its own list
   * does not hold yet (hosts 11691). With holders placed across zones the stretch can be long, and a peer pending there
   * need not be a holder: the answer is then asked about again (while retries are left), only while lists change.
   */
  private walkPassesOver(holders: readonly PeerId[] | undefined, next: PeerId | undefined, now: number): boolean {
    const list = holders ?? this.successors;
    const from = holders === undefined ? 0 : list.indexOf(this.id) + 1;
    const to = next === undefined ? -1 : list.indexOf(next, from);
    if (list.slice(from, to < 0 ? list.length : to).some((p) => p !== this.id && this.router.avoids(p, now)))
      return true;
    // Peers its successors report in that stretch that its own list does not hold yet (hosts 11691).
    const end = next ?? list.at(-1);
    if (end === undefined || end === this.id) return false;
    return this.membership.pendingSuccessors(now).some((p) => p !== end && between(this.id, p, end));
  }

  /**
   * Whether this peer, walking `key`'s holders as its responsible peer, stands in for a peer nearer the key that it
   * avoids (missed a hop lately): its first predecessor, or one its successor list names there when it came round the
   * ring. Cut off a moment ago, that peer may hold the copies, so the walk's NOT_FOUND says it passed over holders.
   * partitions 9581: 48 ms after a heal, 259, its first predecessor 234 forgotten in the cut (its list came round
   * through 401 and 234 to itself), walked key 11 from itself (297, 321, 324) for a request sent past 234, which it
   * avoided: NOT_FOUND, while 234 held a copy.
   */
  private standsInPastAvoided(key: number, now: number): boolean {
    const size = spaceSize(this.idBits);
    const own = distance(key, this.id, size);
    const [first] = this.membership.predecessors;
    const nearer = [...(first === null ? [] : [first]), ...this.successors];
    return nearer.some((peer) => peer !== this.id && distance(key, peer, size) < own && this.router.avoids(peer, now));
  }

  /**
   * Whether a walk of the key's holders that found no copy asks `next` too, past the R holders: it is this peer's
   * successor since lately (a partition healed, a peer came back with its disk), and copies it took while apart (as the
   * key's peer on its side) stay with it until its next syncs hand them to the key's holders. A request given just after
   * a heal found none at the holders, while the misplaced copies were one peer further on (partitions 5137). Only at the
   * walk's last holder, only along successors (copies across zones are named), and one peer more at most.
   */
  private mayHoldLateCopies(
    lookup: Lookup,
    holders: readonly PeerId[] | undefined,
    next: PeerId | undefined,
    now: number,
  ): boolean {
    const last = this.replicator.replicas - 1;
    if (lookup.attempt < last || lookup.attempt >= last + LATE_HOLDERS_ASKED || holders !== undefined) return false;
    if (next === undefined) return false;
    const since = this.successorSince.get(next);
    return since !== undefined && now - since < LATE_COPY_SYNCS * this.config.syncIntervalMs;
  }

  /**
   * Whether a walk of the key's holders along successors stops before it asked R of them only because every successor
   * this peer knows missed a hop lately (crashed or cut off, not declared gone yet): a ring still closing. The holders
   * left may lie past them, unknown here (restarts 10009: 8 joined in front of two crashed holders and was handed their
   * names only; the third holder, 18, was live). The requester hears the way was cut, not that the file is absent, and
   * retries with the peers it knows near the key. A peer alone, or a walk that came round, ends as before. So does a
   * walk at its own requester: its retries would start from this same peer at once and burn out in an instant (stalls
   * 10741: a ring of two, the requester woke from a stall with its successor avoided), while its NOT_FOUND over a peer
   * it avoids is held back till its lost timer (passedOverSilent).
   */
  private walkCutShort(
    lookup: Lookup,
    holders: readonly PeerId[] | undefined,
    next: PeerId | undefined,
    now: number,
  ): boolean {
    if (holders !== undefined || next !== undefined || lookup.attempt >= this.replicator.replicas - 1) return false;
    if (lookup.origin === this.id) return false;
    return this.router.noWayOn(now);
  }

  /**
   * Notes when each successor entered the list (mayHoldLateCopies), the list as built counting as old; and when a
   * neighbour (a successor or predecessor) left the lists (ringUnsettled). A predecessor first learned is no change.
   */
  private noteSuccessors(now: number): void {
    const list = this.membership.successors;
    const [q1, q2] = this.membership.predecessors;
    const [o1, o2] = this.predecessorsSeen;
    const predecessorsChanged = q1 !== o1 || q2 !== o2;
    if (list === this.successorsSeen && !predecessorsChanged) return;
    // A predecessor slot gone stale counts: its peer stopped pinging (partitions 13544: 49's first predecessor, cut off).
    const before = [...(this.successorsSeen ?? []), o1, o2];
    const lost = (peer: PeerId | null | undefined) =>
      peer !== null && peer !== undefined && peer !== this.id && !list.includes(peer) && peer !== q1 && peer !== q2;
    if (before.some(lost)) this.neighbourLostAt = now;
    if (predecessorsChanged) this.predecessorsSeen = [q1 ?? null, q2 ?? null];
    if (list === this.successorsSeen) return;
    this.successorsSeen = list;
    for (const peer of this.successorSince.keys()) if (!list.includes(peer)) this.successorSince.delete(peer);
    for (const peer of list) if (!this.successorSince.has(peer) && peer !== this.id) this.successorSince.set(peer, now);
  }

  /**
   * Whether a neighbour left this peer's lists lately (within LATE_COPY_SYNCS sync intervals): a death, a peer cut off
   * or back from a cut (its stand-in leaves the lists), a join in front. Copies taken meanwhile by peers that stood in
   * for a key's holders (the side of a cut, a ring not merged yet) reach them only at those peers' next syncs, so a walk
   * of the key's holders that finds none says so (Lookup.unsettled), and the requester asks again before it believes
   * the answer (partitions 13544: 156 ms after a heal, 42's request walked 49, 50 and 62, while 22 and 39, which had
   * taken 3121 on their side of the cut, handed it to 49 at their next sync, 150 ms after the NOT_FOUND).
   */
  private ringUnsettled(now: number): boolean {
    return (
      this.neighbourLostAt !== undefined && now - this.neighbourLostAt < LATE_COPY_SYNCS * this.config.syncIntervalMs
    );
  }

  /**
   * Whether this peer, on the walk of `name`'s holders without a copy, says the walk's answer may change soon
   * (Lookup.unsettled): its ring changed lately (ringUnsettled), or it lost its own copy of the file lately (a disk
   * fault, or a commit it could not put in place). A responsible peer that lost its copy of an acknowledged store before
   * its settles reached the replicas left them only pending copies, which become the file when the settle comes: the
   * requester asks again then, rather than report a file it was told is stored as not in the DHT.
   */
  private walkUnsettled(name: string, now: number): boolean {
    if (this.ringUnsettled(now)) return true;
    const lostAt = this.lostLately.get(name);
    return lostAt !== undefined && now - lostAt < LATE_COPY_SYNCS * this.config.syncIntervalMs;
  }

  /**
   * A lookup's hop to `unreachable` was not acknowledged within the hop timeout, or the connection was refused: the
   * peer is down, though perhaps not declared gone yet. The hop is undone and the lookup goes on from here another
   * way (the router passes over that peer now), so it never waits out its deadline while a live holder exists.
   */
  private reroute(unreachable: PeerId, sent: Lookup, now: number, out: Effect[]): void {
    this.router.shun(unreachable, now);
    const lookup: Lookup = { ...sent, hops: Math.max(0, sent.hops - 1) };
    if (lookup.kind === 'store' && lookup.final && this.predecessorOwning(lookup.key) === unreachable) {
      // A store this peer passed back to its predecessor, the key's peer (storeBehind), and it did not answer: taken
      // here, as by the peer after a silent key's peer (the predecessor is avoided now, so it is not passed back again).
      this.acceptStore(lookup, now, out);
      return;
    }
    if (lookup.kind === 'request' && lookup.final && lookup.attempt > 0) {
      // A request walking the key's holders, and the next of them is down: the walk goes on from here to the next
      // live one (routed again from here it would go round the ring to the responsible peer, which lacked the file).
      this.serveRequest({ ...lookup, attempt: lookup.attempt - 1 }, now, out);
      return;
    }
    // Sent past its key (a detour, or the requester's retry), it is not routed again from here: the requester hears the
    // way was cut and has its own retries (routed on, it could outrun the hop bound: partitions 1154). A request this
    // peer sent on nearer the key (or back to its own predecessor) without a copy of its own is served here again
    // instead: it goes to the next peer known nearer the key, or this peer stands in for its silent predecessor, or it
    // reports the way cut (partitions 5047: the first holder was cut off, the next two were this peer's own
    // predecessors; hosts 1217: the key's peer had crashed, the next holder was this peer's successor). Each time one
    // more peer is passed over, so it ends.
    if (lookup.detoured === true) {
      if (lookup.kind === 'request' && lookup.origin !== this.id && !this.held.has(lookup.name))
        return this.serveRequest(lookup, now, out, true);
      return this.noRoute(lookup, now, out);
    }
    if (this.router.noWayOn(now)) {
      // One detour per lookup at a peer: on a loaded ring, copies of it sent again round slow peers must not fork on.
      const detour = this.router.detour(lookup.key, now, lookup.kind === 'request', lookup.origin);
      if (detour === undefined || this.router.passedOnBefore(lookup, now, 'detour'))
        return this.noRoute(lookup, now, out);
      const past = detour.final && detour.to !== lookup.key;
      const onward: Lookup = Object.assign(
        {},
        lookup,
        { final: detour.final, hops: lookup.hops + 1 },
        past ? DETOURED : undefined,
      );
      this.router.forward(onward, lookup, detour.to, now, out);
      // Past the key's silent peer: the next holder known too (nextHolderKnown).
      const also = past && lookup.kind === 'request' ? this.nextHolderKnown(onward, detour.to, now) : undefined;
      if (also !== undefined) this.alsoTo(onward, lookup, also, now, out);
      out.push({ type: 'emit', line: lines.lookupRerouted(lookup.name, unreachable, detour.to, lookup.kind) });
      return;
    }
    this.route({ ...lookup, final: false }, now, out, unreachable);
  }

  /**
   * No successor of this peer acknowledges: the requester is told now, not at its deadline (stuckAt: it sends the lookup
   * again while retries are left, and fails NO_ROUTE, with the reason, once every way reported stuck).
   */
  private noRoute(lookup: Lookup, now: number, out: Effect[]): void {
    if (lookup.also === true) return; // a second copy: the first reports for it
    if (lookup.origin !== this.id) {
      // The requester is told now, not at its deadline: it may keep a copy of its own to serve.
      if (lookup.kind === 'request') {
        const { origin, op, name, hops } = lookup;
        this.sendTo(origin, { type: 'notFound', op, name, hops, stuck: true, ...wayOf(lookup) }, now, out);
      }
      return;
    }
    this.stuckAt(lookup, this.id, now, out);
  }

  /**
   * A lookup of this peer's went no further than `at` (this peer or another), which had no live way on. It is sent
   * again another way while retries are left; it fails (NO_ROUTE) once every way it was sent reported stuck. Until then
   * another way may still answer; unanswered at its deadline, it fails TIMEOUT, the sentence saying where the first way
   * was cut (opExpired): that the later ways were lost silently does not say there was no live way.
   */
  private stuckAt(lookup: Lookup, at: PeerId, now: number, out: Effect[]): void {
    const op = this.ops.get(lookup.op);
    // Another way reached a holder already (the last retry goes several ways at once: hosts 4086 failed NO_ROUTE while
    // a holder's copy was arriving): this way being stuck changes nothing.
    if (op !== undefined && this.holderAnswered(op)) return;
    if (lookup.kind === 'request' && this.keepsLatest(lookup.name)) {
      // A live holder is here: its copy (no older than any store acknowledged to this peer) is served, not a failure.
      out.push({ type: 'emit', line: lines.requestOwnCopyNoRoute(lookup.name) });
      return this.serveRequest({ ...lookup, final: true }, now, out);
    }
    if (op !== undefined) {
      // A stale copy was refused, and the holder of the latest store is being asked (onTransferReady): only that ask's
      // report says the request has no way on; an earlier try's late report, or another way of the last retry, would
      // fail it NO_ROUTE at once while that holder may still answer.
      if (op.refusedStale !== undefined && lookup.stale !== true) return;
      // A delivery failed (TRANSFER_FAILED): the deadline it shortened decides, with its reason.
      if (op.timeout.code !== 'TIMEOUT') return;
    }
    const tried = tryName(lookup.retry ?? 0);
    let cut: { error: string; said: string }; // then the first way's, while the request is unanswered
    if (at === this.id) {
      const others = [...new Set(this.successors)].filter((s) => s !== this.id);
      const silent =
        others.length === 0
          ? `no successor of Peer ${this.id} answered`
          : others.length === 1
            ? `Peer ${this.id}'s successor ${others[0]} did not answer`
            : `none of Peer ${this.id}'s successors ${others.join(', ')} answered`;
      cut = {
        error: `${silent}: no live way to the holder of ${lookup.name}`,
        said: `${silent} ${tried}`,
      };
    } else {
      cut = {
        error: `the request got as far as Peer ${at}, whose successors did not answer: no live way to the holder of ${lookup.name}`,
        said: `${tried} got as far as Peer ${at}, whose successors did not answer`,
      };
    }
    if (op !== undefined && this.unanswered(op)) {
      // The first way's report says where the route was cut; the retries', sent round that place, say less.
      cut = op.cut ??= cut;
      if ((lookup.retry ?? 0) === op.retries && op.ways > 1) {
        op.ways--; // one of the ways the last retry went at once: the others may still answer
        return;
      }
      op.stuck.add(lookup.retry ?? 0);
      if (op.retries < MAX_LOOKUP_RETRIES) {
        // An earlier try's report, while a later one is under way: that one's answer, or its lost timer, decides (the
        // first try's report spent the last retry while the first retry was still on its way: partitions 3283).
        if ((lookup.retry ?? 0) !== op.retries) return;
        return this.retryLookup(lookup.op, op, now, out);
      }
      if (op.stuck.size <= op.retries) return; // another way may still answer
      // Every way reported stuck: a walk's held-back NOT_FOUND stands before it.
      if (op.absent !== undefined) return this.finishAbsent(lookup.op, op.absent.from, op.absent.hops, now, out);
    }
    // Every way stuck: the first way's reason; the ask of the latest store's holder after a stale copy was refused,
    // stuck: its own (the earlier cut was about other ways, which that ask went round).
    this.finish(lookup.op, { ok: false, code: 'NO_ROUTE', error: cut.error }, now, out);
  }

  /**
   * A ping naming both of its sender's predecessors says where the sender's range starts (its first), as its digest
   * does: a holder whose predecessors were too busy to send one still knows the keys it keeps (stalls 10080: 492, the
   * third holder, had 452's ping but no digest, and let its own request time out with the file on its disk). One named
   * alone may be the second (the first is left out when not known): not used.
   */
  private notePingerRange(from: PeerId, ping: PingRequest): void {
    const named = ping.predecessors ?? [];
    if (named.length >= 2) this.replicator.noteRangeStart(from, named[0]!);
  }

  /** A message to this peer itself is handled at once, not sent. */
  private sendTo(to: PeerId, message: Message, now: number, out: Effect[]): void {
    if (to === this.id) this.onMessage(this.id, message, now, out);
    else out.push({ type: 'send', to, transport: 'tcp', message });
  }

  /**
   * One handler per message type, whichever part of the machine owns it (membership, routing, replication,
   * or the commands here): a message type without a handler fails the build.
   */
  private static readonly messageHandlers: MessageHandlers = {
    pingRequest: (self, from, m, now, out) => {
      self.membership.onPingRequest(from, m, now, out);
      self.notePingerRange(from, m);
    },
    pingResponse: (self, from, m, now, out) => self.membership.onPingResponse(from, m, now, out),
    joinRequest: (self, from, m, now, out) => self.membership.onJoinRequest(m, now, out, from),
    joinAccepted: (self, from, m, now, out) => self.membership.onJoinAccepted(from, m.successors, now, out),
    joinRefused: (self, _from, m, now, out) => self.membership.onJoinRefused(m.reason, now, out),
    successorChange: (self, _from, m, now, out) => self.membership.onSuccessorChange(m, now, out),
    departure: (self, _from, m, now, out) => {
      self.replicator.memberLeft(m.leaving);
      self.membership.onDeparture(m, now, out);
    },
    departureAck: (self, from, m, now, out) => self.membership.onDepartureAck(from, m.leaving, m.first, now, out),
    leaving: (self, from, m, now, out) => {
      if (m.peer !== from) return; // only the leaving peer says so of itself
      self.replicator.memberLeft(m.peer);
      self.membership.onLeaving(m, now, out);
    },
    successorList: (self, from, m, now, out) => self.membership.onSuccessorList(from, m, now, out),
    indirectProbe: (self, from, m, _now, out) => self.membership.onIndirectProbe(from, m, out),
    indirectAck: (self, from, m, _now, out) => self.membership.onIndirectAck(from, m, out),
    suspect: (self, from, m, now, out) => self.membership.onSuspect(from, m, now, out),
    alive: (self, from, m, _now, out) => self.membership.onAlive(from, m, out),
    lookup: (self, from, m, now, out) => self.onLookup(from, m, now, out),
    storeReady: (self, from, m, now, out) => self.onStoreReady(from, m, now, out),
    stored: (self, from, m, now, out) => self.onStored(from, m, now, out),
    notFound: (self, from, m, now, out) => self.onNotFound(from, m, now, out),
    sameCopy: (self, from, m, now, out) => self.onSameCopy(from, m, now, out),
    findSuccessor: (self, from, m, now, out) => self.router.onFindSuccessor(from, m, now, out),
    successorFound: (self, _from, m, now, out) => self.router.onSuccessorFound(m, now, out),
    hopAck: (self, from, m, now, out) => self.router.onHopAck(from, m, now, out),
    digest: (self, from, m, now, out) => self.replicator.onDigest(from, m, now, out),
    digestReply: (self, from, m, now, out) => self.replicator.onDigestReply(from, m, now, out),
    holdQuery: (self, _from, m, now, out) => self.replicator.onHoldQuery(m, now, out),
    holdReply: (self, from, m, now, out) => self.replicator.onHoldReply(from, m.held, now, out),
    settle: (self, from, m, now, out) => self.replicator.onSettle(from, m, now, out),
  };

  private onMessage(from: PeerId, message: Message, now: number, out: Effect[]): void {
    if (!isId(from, this.idBits)) return;
    this.zones.learn(from, message, this.successors);
    this.router.heardOf(from);
    if (from !== this.id) this.router.heardFrom(from, now);
    // Ping traffic comes from ring members, and names live successors: candidates for closer fingers.
    if (message.type === 'pingRequest') {
      this.router.learn(from);
      for (const peer of message.predecessors ?? []) this.router.heardOf(peer);
    } else if (message.type === 'pingResponse')
      for (const peer of [from, ...message.successors]) {
        this.router.learn(peer);
        this.router.heardOf(peer);
      }
    // The table pairs each type with its handler; TypeScript cannot follow that pairing through an index, hence the cast.
    (PeerMachine.messageHandlers[message.type] as MessageHandler<Message>)(this, from, message, now, out);
  }

  private onLookup(from: PeerId, lookup: Lookup, now: number, out: Effect[]): void {
    if (!this.membership.joined) return; // nobody should route through a peer that is not placed yet
    // The key must be the name's: a mismatch would be routed to, and stored at, the wrong peer.
    if (
      this.nameProblem(lookup.name) !== undefined ||
      lookup.key !== this.keyOf(lookup.name) ||
      !isId(lookup.origin, this.idBits)
    )
      return;
    this.router.acknowledge(from, lookup, out);
    this.router.learn(from);
    // A request from a peer that keeps a copy comes straight to the peer it takes for responsible: this peer checks,
    // also when its first predecessor is forgotten and the key lies after its second (no live peer it knows between:
    // passed on, the request went round the ring back here, review31s).
    const guessed =
      lookup.holds !== undefined &&
      !lookup.final &&
      (this.responsibleFor(lookup.key) || this.coversForgottenPredecessor(lookup.key));
    const arrived = guessed ? { ...lookup, final: true } : lookup;
    // A second copy of a lookup passed on from here already (a hop acknowledged late): acknowledged, but not forked.
    const passing = this.router.next(arrived.key, arrived.final, now, true) !== undefined;
    // Nor served twice: a second copy arriving as final (busy peers passed over, each took another for responsible) would
    // walk the replicas again, and in a small ring copies went round and round (stalls 1225, 1346, 1103).
    if (this.router.passedOnBefore(arrived, now, passing ? 'route' : 'served')) return;
    this.route(arrived, now, out);
  }

  private rememberAcknowledged(name: string, version: Version, holder: PeerId): void {
    if (!newer(version, this.acknowledged.get(name)?.version)) return;
    this.acknowledged.delete(name); // re-inserted last: the map keeps names in the order they were last stored
    this.acknowledged.set(name, { version, holder });
    if (this.acknowledged.size > MAX_ACKNOWLEDGED) this.acknowledged.delete(this.acknowledged.keys().next().value!);
  }

  private onStoreReady(from: PeerId, ready: StoreReady, now: number, out: Effect[]): void {
    const op = this.ops.get(ready.op);
    if (op?.kind !== 'store' || op.name !== ready.name) return; // stale or unknown
    if (op.holder !== undefined) {
      // Repeated by the holder once the file is taken: its copies to live replicas are slow, not lost; it is alive.
      if (op.holder === from && op.confirmWaitMs !== undefined) this.awaitConfirmation(ready.op, op, now, out);
      return;
    }
    op.hops = ready.hops;
    op.holder = from;
    // From here the transfer decides the outcome (it has its own connect and idle timeouts, and a holder killed
    // closes its connections), so the deadline cannot fail a store whose file is already on its way.
    out.push({ type: 'cancel', timer: opTimer(ready.op) });
    out.push({
      type: 'transfer',
      ref: { purpose: 'store', peer: from, op: ready.op, origin: this.id, name: op.name, hops: ready.hops },
    });
  }

  private onStored(from: PeerId, stored: Stored, now: number, out: Effect[]): void {
    const op = this.ops.get(stored.op);
    if (op?.kind !== 'store' || op.name !== stored.name || op.holder !== from) return;
    if (stored.version !== undefined) this.clock.observe(stored.version.stamp);
    if (stored.error === '' && stored.version !== undefined)
      this.rememberAcknowledged(stored.name, stored.version, from);
    if (stored.error === '')
      this.finish(
        stored.op,
        {
          ok: true,
          holder: from,
          hops: stored.hops,
          ...(stored.version === undefined ? {} : { version: stored.version }),
        },
        now,
        out,
      );
    else if (stored.unknown === true)
      // Neither acknowledged nor known failed: a copy may still become the file, so it is reported as a timeout is.
      this.finish(
        stored.op,
        {
          ok: false,
          code: 'TIMEOUT',
          error: `storing ${op.name} at Peer ${from}: outcome unknown: ${stored.error}`,
          holder: from,
          hops: stored.hops,
        },
        now,
        out,
      );
    else {
      const code = stored.superseded === true ? 'SUPERSEDED' : 'STORE_FAILED';
      this.finish(
        stored.op,
        {
          ok: false,
          code,
          error: `storing ${op.name} at Peer ${from} failed: ${stored.error}`,
          holder: from,
          hops: stored.hops,
        },
        now,
        out,
      );
    }
  }

  /**
   * A holder found the copy kept here the same as its own, or newer: it is served from this peer's disk. Had it been
   * replaced or dropped meanwhile, the request is routed again as from a peer without one.
   */
  private onSameCopy(from: PeerId, same: SameCopy, now: number, out: Effect[]): void {
    const op = this.ops.get(same.op);
    if (op?.kind !== 'request' || op.name !== same.name || op.holder !== undefined) return;
    const lookup = this.lookupOf('request', same.op, same.name);
    const kept = this.held.get(same.name)?.version;
    if (kept === undefined || newer(same.version, kept)) return this.route(lookup, now, out);
    // The holder's own copy: its holder is the one that answered; a newer one kept here: this peer is its holder.
    const equal = sameVersion(kept, same.version);
    out.push({ type: 'emit', line: lines.requestOwnCopy(same.name, from, equal) });
    op.confirmedBy = equal ? from : this.id;
    this.serveRequest({ ...lookup, final: true, hops: same.hops }, now, out);
  }

  /** A command of this peer's as it leaves it: not routed yet, and without the version of any copy kept here. */
  private lookupOf(kind: LookupKind, op: number, name: string): Lookup {
    const key = this.keyOf(name);
    return { type: 'lookup', kind, origin: this.id, op, name, key, final: false, hops: 0, attempt: 0 };
  }

  private onNotFound(from: PeerId, notFound: NotFound, now: number, out: Effect[]): void {
    if (notFound.copiesAsked !== undefined) {
      // Not about an op of this peer's: its replicas had no copy of a file it is responsible for.
      out.push({ type: 'emit', line: lines.requestNoSuchFile(notFound.name, notFound.copiesAsked.origin) });
      return;
    }
    const op = this.ops.get(notFound.op);
    if (op?.kind !== 'request' || op.name !== notFound.name) return;
    if (notFound.stuck === true) {
      // (A holder that answered meanwhile: stuckAt lets it be.)
      const way = Object.assign(
        this.lookupOf('request', notFound.op, op.name),
        { hops: notFound.hops },
        wayOf(notFound),
      );
      return this.stuckAt(way, from, now, out);
    }
    if (notFound.error !== undefined) {
      if (op.holder !== undefined) return; // another holder's copy is already arriving
      if (op.refusedStale === from) return; // its older copy was refused here: another holder is asked
      out.push({ type: 'emit', line: lines.requestUnsent(op.name, from, notFound.error) });
      this.finish(
        notFound.op,
        {
          ok: false,
          code: 'SEND_FAILED',
          error: `Peer ${from} had File ${op.name} but could not send it: ${notFound.error}`,
          holder: from,
          hops: notFound.hops,
        },
        now,
        out,
      );
      return;
    }
    const heldBack = this.passedOverSilent(op, notFound, from, now) || this.walkedUnsettled(op, notFound);
    // A walk that passed over holders its walkers avoid: asked again later (below), not at once the same way. Nor is a
    // held-back answer's last retry spent at once on the one peer known nearer: at the lost timer it goes to every holder
    // known then (retryAtHolders), where at once it went to that peer alone, whose answer was final (partitions 908:
    // 693 had just heard from 984, which had no copy yet, while 33 and 124 held the file).
    const nearer =
      heldBack && (notFound.passedOver === true || op.retries === MAX_LOOKUP_RETRIES - 1)
        ? undefined
        : this.nearerThan(op, notFound, from, now);
    if (nearer !== undefined) {
      // The walk began at a peer that took itself for the key's responsible peer, but this peer knows one nearer the
      // key (a ring not merged again after a partition, peers falsely declared dead): it is asked before the answer is
      // believed, which stands if that way finds nothing either.
      // A walk that began past a peer known nearer the key (in another ring) did not go along the key's holders: it
      // limits no retry (mayHold).
      const size = spaceSize(this.idBits);
      const key = op.lookup!.key;
      const beganPast = distance(key, nearer, size) < distance(key, notFound.responsible!, size);
      op.absent = { from, hops: notFound.hops, asked: beganPast ? 0 : (notFound.asked ?? 0) };
      op.stuck.add(notFound.retry ?? 0);
      // Not the last retry straight to the one peer the first retry went to, whose walk found no copy: it goes as a last
      // retry does (retryLookup), to every holder known that may hold the file (retryAtHolders); with only one known, to
      // that one, which may be that same peer again (there is no other to ask). Partitions 915: 51 knew 10, 30 and 32
      // between the walk's ends (5, 38), and both retries went to 10, each walking 10, 5, 10, 38 again, while 30 and 32
      // held the file.
      if (op.retries === MAX_LOOKUP_RETRIES - 1 && nearer === op.retriedTo)
        return this.retryLookup(notFound.op, op, now, out);
      op.retriedTo = nearer;
      return this.retryLookup(notFound.op, op, now, out, nearer);
    }
    if (heldBack) {
      // The walk passed over peers this requester could not reach lately: cut off a moment ago, they may hold the copies
      // and be back (partitions 9581: a heal 48 ms before, the walkers passed over them too; stalls 10741: a requester that
      // woke from a stall took its hop's acknowledgement, queued, for lost); or peers its walkers' lists did not hold yet
      // (hosts 11691); or its walkers' ring changed lately, and copies taken elsewhere may be on their way (unsettled,
      // partitions 13544). The answer is held back, and the lookup sent again at its lost timer, when the ring may have
      // heard from them; the last retry's answer, or the deadline, makes it final.
      // Walkers whose ring changed lately (unsettled): holders from before the change may lie past the walk's last.
      op.absent = { from, hops: notFound.hops, asked: notFound.unsettled === true ? 0 : (notFound.asked ?? 0) };
      op.stuck.add(notFound.retry ?? 0);
      return;
    }
    this.finishAbsent(notFound.op, from, notFound.hops, now, out);
  }

  /**
   * Whether a walk that found no copy, from the responsible peer to `from`, passed over a peer this requester avoids (it
   * missed a hop lately, and nothing was heard from it since), while a retry is left to ask again.
   */
  private passedOverSilent(op: PendingOp, notFound: NotFound, from: PeerId, now: number): boolean {
    if (!this.mayAskAgain(op, notFound)) return false;
    return notFound.passedOver === true || this.router.avoidsBetween(notFound.responsible!, from, now);
  }

  /**
   * Whether a walk that found no copy went through holders whose ring changed lately (NotFound.unsettled), on the
   * request's first try: copies taken elsewhere meanwhile may be on their way to them. Only once: a ring changes with
   * any join or death, and a file that is nowhere must still fail soon (and a last retry, spent here, goes to every
   * holder known at once, whose dead ends wait out the deadline).
   */
  private walkedUnsettled(op: PendingOp, notFound: NotFound): boolean {
    return notFound.unsettled === true && op.retries === 0 && this.mayAskAgain(op, notFound);
  }

  /** Whether a walk's NOT_FOUND for `op` may be asked about again: it names the walk's start, and a retry is left. */
  private mayAskAgain(op: PendingOp, notFound: NotFound): boolean {
    return notFound.responsible !== undefined && this.unanswered(op) && op.retries < MAX_LOOKUP_RETRIES;
  }

  /**
   * A walk that found no copy, from the peer that took itself for the key's responsible one to `from`, missed a holder
   * as far as this peer knows (while retries are left): the peer known nearest the key when it is nearer than the
   * responsible one, or else the first known between the two ends when more are known there than the walk asked (its
   * peers' successor lists skipped some). Undefined when this peer knows no better.
   */
  private nearerThan(op: PendingOp, notFound: NotFound, from: PeerId, now: number): PeerId | undefined {
    if (!this.mayAskAgain(op, notFound)) return undefined;
    const { responsible, asked } = notFound as NotFound & { responsible: PeerId };
    const key = op.lookup!.key;
    const size = spaceSize(this.idBits);
    const nearest = this.router.beyond(key, now);
    if (nearest !== undefined && distance(key, nearest, size) < distance(key, responsible, size)) return nearest;
    const between = this.router.knownBetween(responsible, from, now);
    if (asked === undefined || between.length <= Math.max(0, asked - 2)) return undefined;
    return between.find((peer) => peer !== this.id);
  }

  /** The request fails: `from`, the last holder its walk asked, had no copy. */
  private finishAbsent(op: number, from: PeerId, hops: number, now: number, out: Effect[], cancelTimer = true): void {
    const name = this.ops.get(op)?.name;
    if (name === undefined) return;
    if (this.ops.get(op)!.kind === 'request' && this.keepsLatest(name)) {
      // This peer is a holder itself (the others crashed, or a ring repaired round them lacks them): its copy, no older
      // than any store acknowledged to it, is served rather than "not in the DHT" (restarts 1238).
      out.push({ type: 'emit', line: lines.requestOwnCopyAbsent(name, from) });
      return this.serveRequest({ ...this.lookupOf('request', op, name), final: true, hops }, now, out);
    }
    out.push({ type: 'emit', line: lines.requestAbsent(name, from) });
    const error = `File ${name} is not in the DHT (Peer ${from} has no such file)`;
    this.finish(op, { ok: false, code: 'NOT_FOUND', error, holder: from, hops }, now, out, cancelTimer);
  }

  // --- transfers ----------------------------------------------------------------------------

  private onTransferStarted(transfer: number, ref: TransferRef, sizeBytes: number, now: number, out: Effect[]): void {
    if (ref.purpose === 'replica') {
      const refusal = this.replicator.acceptCopy(ref.peer, ref);
      if (refusal !== undefined) out.push({ type: 'refuseTransfer', transfer, reason: refusal });
      else {
        this.replicator.copyStarted(ref.name, ref.version!);
        out.push({
          type: 'admitTransfer',
          transfer,
          version: ref.version!,
          ...(ref.pending === true ? { pending: true } : {}),
        });
      }
      return;
    }
    if (ref.purpose === 'store') {
      const key = `${ref.origin}:${ref.op}`;
      if (ref.origin !== ref.peer || this.expected.get(key) !== ref.name) {
        out.push({
          type: 'refuseTransfer',
          transfer,
          reason: `no store of ${ref.name} was accepted from Peer ${ref.peer}`,
        });
        return;
      }
      // The store's version: later than any this peer has given or seen, so of two stores of a name the later one wins.
      // And later than the copy of this name kept here, whose stamp the clock may not have followed (over 24 h ahead).
      const here = Math.max(
        this.held.get(ref.name)?.version.stamp ?? -1,
        this.pending.get(ref.name)?.version.stamp ?? -1,
      );
      const version: Version = { stamp: this.clock.tick(now, here), origin: ref.origin, op: ref.op };
      this.storeVersions.set(key, version);
      out.push({ type: 'admitTransfer', transfer, version, pending: true });
      this.replicator.storeArriving(ref, version, sizeBytes, now, out); // its copies to the replicas start now
      return;
    }
    const op = this.ops.get(ref.op);
    if (ref.origin !== this.id || op?.kind !== 'request' || op.name !== ref.name) {
      out.push({ type: 'refuseTransfer', transfer, reason: `Peer ${this.id} did not request ${ref.name}` });
      return;
    }
    // Read your writes: a copy older than a store acknowledged to this peer is refused, and the peer that took that
    // store is asked (once; older again, the request fails with why rather than return what this peer overwrote).
    const acked = this.acknowledged.get(ref.name);
    if (acked !== undefined && ref.version !== undefined && newer(acked.version, ref.version)) {
      const reason = `File ${ref.name} at Peer ${ref.peer} is older than the store acknowledged to Peer ${this.id}`;
      out.push({ type: 'refuseTransfer', transfer, reason });
      if (op.refusedStale !== undefined) {
        this.finish(
          ref.op,
          { ok: false, code: 'STALE', error: `${reason} (${describeVersion(acked.version)})` },
          now,
          out,
        );
        return;
      }
      op.refusedStale = ref.peer;
      out.push({ type: 'emit', line: lines.requestStale(ref.name, ref.peer, acked.holder) });
      // Asked afresh (`stale`): the holder served this request once already, and serves a lookup once.
      const lookup: Lookup = Object.assign(this.lookupOf('request', ref.op, ref.name), {
        final: true,
        hops: 1,
        stale: true as const,
      });
      if (acked.holder === this.id) this.serveRequest(lookup, now, out);
      else this.router.forward(lookup, { ...lookup, hops: 0 }, acked.holder, now, out);
      return;
    }
    // The same holder twice is a repeat. Another holder's copy replaces the one under way: the first holder may have
    // found its copy unreadable half-way and asked the next holder, before its failed transfer reached this peer.
    if (op.holder === ref.peer) {
      out.push({ type: 'refuseTransfer', transfer, reason: `File ${ref.name} is already being received` });
      return;
    }
    op.holder = ref.peer;
    op.hops = ref.hops;
    out.push({ type: 'admitTransfer', transfer });
    out.push({ type: 'cancel', timer: opTimer(ref.op) }); // the transfer decides the outcome now
    if (ref.peer === this.id) return; // its own copy: no holder to name, nothing received from anyone
    out.push({ type: 'emit', line: lines.requestHolder(ref.name, ref.peer) });
    out.push({ type: 'emit', line: lines.fileReceiving(ref.name, ref.peer) });
  }

  private onTransferReceived(
    ref: TransferRef,
    error: string | undefined,
    sha256: string | undefined,
    now: number,
    out: Effect[],
  ): void {
    if (ref.purpose === 'replica') {
      this.replicator.copyReceived(ref, sha256, error, now, out);
      return;
    }
    if (ref.purpose === 'store') {
      const key = `${ref.origin}:${ref.op}`;
      this.expected.delete(key);
      const version = this.storeVersions.get(key);
      this.storeVersions.delete(key);
      out.push({ type: 'cancel', timer: expectTimer(ref.origin, ref.op) });
      if (error !== undefined || version === undefined || sha256 === undefined) {
        this.replicator.storeNotTaken(ref, version, error ?? 'no checksum', now, out);
        return;
      }
      if (newer(version, this.pending.get(ref.name)?.version)) this.pending.set(ref.name, { sha256, version });
      this.replicator.stored(ref, version, now, out); // says "accepted" once the write quorum is durable and committed
      return;
    }
    const op = this.ops.get(ref.op);
    if (op === undefined) return;
    if (error !== undefined) {
      if (op.holder !== undefined && op.holder !== ref.peer) return; // another holder's copy is arriving instead
      // The holder's copy may have turned out unreadable (it then asks a replica to send it), or the holder may say
      // why it could not send it: either comes within the hop timeout, else the request fails with this reason.
      op.holder = undefined;
      op.timeout = {
        code: 'TRANSFER_FAILED',
        error: `receiving File ${ref.name} from Peer ${ref.peer} failed: ${error}`,
      };
      out.push({ type: 'schedule', timer: opTimer(ref.op), at: now + this.hopTimeoutMs });
      return;
    }
    out.push({ type: 'emit', line: lines.fileReceived(ref.name, ref.peer) });
    this.finish(ref.op, { ok: true, holder: op.confirmedBy ?? ref.peer, hops: ref.hops }, now, out);
  }

  private onTransferSent(
    ref: TransferRef,
    error: string | undefined,
    lost: boolean,
    unsent: boolean,
    now: number,
    out: Effect[],
  ): void {
    if (ref.purpose === 'replica') {
      this.replicator.copySent(ref, error, lost, unsent, now, out);
      return;
    }
    if (ref.purpose === 'deliver') {
      if (error !== undefined) out.push({ type: 'emit', line: lines.fileSendFailed(ref.name, ref.peer, error) });
      else if (ref.peer !== this.id) out.push({ type: 'emit', line: lines.fileSent(ref.name, ref.peer) });
      const op = this.ops.get(ref.op);
      if (error !== undefined && ref.origin === this.id && op?.confirmedBy !== undefined) {
        // The copy kept here, confirmed by a holder, could not be read after all: the request asks the ring afresh.
        op.confirmedBy = undefined;
        op.holder = undefined;
        this.route(this.lookupOf('request', ref.op, ref.name), now, out);
        return;
      }
      // The copy here could not be read (it is forgotten now): the request goes on to the replicas, as for a file
      // this peer never had, rather than failing while they hold it. Its walk along them goes on from where it was
      // (not from the first again: copies lost one after another would stretch it past R - 1 more hops).
      if (error !== undefined && lost && !this.held.has(ref.name) && this.membership.joined) {
        this.serveRequest(
          {
            type: 'lookup',
            kind: 'request',
            origin: ref.origin,
            op: ref.op,
            name: ref.name,
            key: this.keyOf(ref.name),
            final: true,
            hops: ref.hops,
            attempt: ref.attempt ?? 0,
            ...(ref.holders === undefined ? {} : { holders: ref.holders }),
          },
          now,
          out,
        );
        return;
      }
      // The requester is told at once, rather than left to its deadline (unless the file is already on its way).
      if (error !== undefined)
        this.sendTo(
          ref.origin,
          { type: 'notFound', op: ref.op, name: ref.name, hops: ref.hops, error: error.slice(0, MAX_ERROR_CHARS) },
          now,
          out,
        );
      return;
    }
    const op = this.ops.get(ref.op);
    if (op === undefined) return;
    if (error !== undefined) {
      // The holder says why when it took the file in but could not keep it (a newer store won, its disk failed): that
      // comes within the hop timeout, else the store fails with what the transfer saw.
      op.timeout = { code: 'TRANSFER_FAILED', error: `storing ${ref.name} at Peer ${ref.peer} failed: ${error}` };
      out.push({ type: 'schedule', timer: opTimer(ref.op), at: now + this.hopTimeoutMs });
      return;
    }
    // The bytes are durable at the holder; the store is done when it says its replicas are too. Its copies are given the
    // hop timeout and the time their bytes may take (Replicator.copiesDue), then half a hop timeout more for the commit
    // and the answer; a holder still waiting for slow live replicas says so (StoreReady again), which gives it as long
    // again. So a holder that died after taking the file does not hold the store up (its outcome is then unknown).
    // This peer as the holder cannot be silent to itself: the op's deadline stays.
    if (ref.peer === this.id) {
      out.push({ type: 'schedule', timer: opTimer(ref.op), at: now + this.config.opTimeoutMs });
      return;
    }
    op.confirmWaitMs = this.hopTimeoutMs * 1.5 + transferAllowanceMs(op.sizeBytes ?? 0);
    this.awaitConfirmation(ref.op, op, now, out);
  }

  /** The origin of a store whose file its holder took waits for its answer this long again (never past its deadline). */
  private awaitConfirmation(opId: number, op: PendingOp, now: number, out: Effect[]): void {
    const ms = op.confirmWaitMs!;
    op.timeout = {
      code: 'TIMEOUT',
      error: `store ${op.name}: Peer ${op.holder} did not confirm its copies within ${ms / 1000} s`,
    };
    out.push({
      type: 'schedule',
      timer: opTimer(opId),
      at: Math.min(now + ms, op.startedAt + this.config.opTimeoutMs),
    });
  }

  // --- timers and completion ----------------------------------------------------------------

  /** One handler per timer kind, as for messages: a kind without a handler fails the build. */
  private static readonly timerHandlers: TimerHandlers = {
    op: (self, timer, now, out) => self.opExpired(timer.op, now, out),
    lost: (self, timer, now, out) => self.lookupLost(timer.op, now, out),
    expect: (self, timer) => {
      self.expected.delete(`${timer.origin}:${timer.op}`);
    },
    copies: (self, timer, now, out) => self.replicator.copiesDue(timer.origin, timer.op, now, out),
    ping: (self, _timer, now, out) => self.membership.pingRound(now, out),
    pingTimeout: (self, _timer, now, out) => self.membership.pingTimeout(now, out),
    quit: (self, _timer, now, out) => self.membership.departureDone(now, out),
    behind: (self, _timer, now, out) => self.membership.behindDue(now, out),
    fingers: (self, _timer, now, out) => self.router.fingersTick(now, out),
    hop: (self, timer, now, out) => self.router.hopTimedOut(timer.ack, now, out),
    sync: (self, _timer, now, out) => self.replicator.syncTick(now, out),
    scrub: (self, _timer, now, out) => self.scrubber.tick(now, out),
    handoff: (self, _timer, now, out) => self.replicator.handoffTimedOut(now, out),
  };

  /** A held copy was found missing or damaged on disk (and is gone from it): forgotten, so a holder copies it back. */
  private fileLost(name: string, now: number, out: Effect[]): void {
    if (!this.held.has(name)) return;
    // A copy being dropped (its keepers hold theirs) is not copied back: forgotten without a word.
    if (this.replicator.isDropping(name)) {
      this.held.delete(name);
      return;
    }
    out.push({ type: 'emit', line: lines.fileLost(name) });
    this.lostLately.delete(name); // re-inserted last: the oldest go first
    this.lostLately.set(name, now);
    if (this.lostLately.size > MAX_LOST_LATELY) this.lostLately.delete(this.lostLately.keys().next().value!);
    this.replicator.lost(name, now, out);
  }

  private onTimer(timer: TimerName, now: number, out: Effect[]): void {
    (PeerMachine.timerHandlers[timer.kind] as TimerHandler<TimerName>)(this, timer, now, out);
  }

  /** A command's deadline passed before it completed. */
  private opExpired(op: number, now: number, out: Effect[]): void {
    const pending = this.ops.get(op);
    if (pending === undefined) return;
    if (
      pending.kind === 'request' &&
      pending.holder === undefined &&
      pending.confirmedBy === undefined &&
      this.keepsLatest(pending.name) &&
      (this.replicator.keeps(pending.name, now) || this.replicator.keptAcrossZones(pending.name))
    ) {
      // This peer is one of the file's holders, and its copy is no older than any store acknowledged to it: a route too
      // slow (busy peers, acknowledged late) does not fail a request a live holder can serve, and that holder is here.
      // A holder in another zone too, once its responsible peer's digests stopped: that zone may be down (hosts 12182).
      out.push({ type: 'emit', line: lines.requestOwnCopyLate(pending.name) });
      return this.serveRequest({ ...this.lookupOf('request', op, pending.name), final: true }, now, out);
    }
    // A walk found no copy; the nearer peer then asked did not answer either: that answer stands.
    if (pending.absent !== undefined && !this.holderAnswered(pending))
      return this.finishAbsent(op, pending.absent.from, pending.absent.hops, now, out, false);
    // Unanswered, some way reported stuck, not every way: TIMEOUT, saying where the first way was cut (stuckAt).
    const cut = pending.cut !== undefined && this.unanswered(pending) ? ` (${pending.cut.said})` : '';
    this.finish(
      op,
      {
        ok: false,
        code: pending.timeout.code,
        error: pending.timeout.error + cut,
        ...(pending.holder === undefined ? {} : { holder: pending.holder }),
        hops: pending.hops,
      },
      now,
      out,
      false,
    );
  }

  /** Starts tracking an op; false (and nothing done) if its id is in use: op ids are the adapter's to keep unique. */
  private openOp(
    op: number,
    kind: CommandKind,
    name: string,
    now: number,
    out: Effect[],
    deadline?: { ms: number; error: string },
  ): boolean {
    if (this.ops.has(op)) return false;
    this.ops.set(op, {
      kind,
      name,
      startedAt: now,
      hops: 0,
      retries: 0,
      stuck: new Set(),
      ways: 1,
      timeout: { code: 'TIMEOUT', error: deadline?.error ?? `${kind} timed out` },
    });
    if (deadline !== undefined) out.push({ type: 'schedule', timer: opTimer(op), at: now + deadline.ms });
    return true;
  }

  private finish(op: number, result: OpOutcome, now: number, out: Effect[], cancelTimer = true): void {
    const pending = this.ops.get(op);
    if (pending === undefined) return;
    this.ops.delete(op);
    if (cancelTimer) out.push({ type: 'cancel', timer: opTimer(op) });
    // Done before its deadline: a lost timer may be pending (none is after the deadline: each try has its share of it).
    if (cancelTimer && pending.lookup !== undefined) out.push({ type: 'cancel', timer: lostTimer(op) });
    out.push({
      type: 'complete',
      op,
      kind: pending.kind,
      name: pending.name,
      result: Object.assign({}, result, { ms: now - pending.startedAt }), // not a spread adding a key: Router.forward
    });
  }
}
