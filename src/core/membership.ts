// Membership: ping rounds and death detection, join, graceful departure, and the successor lists they change. Pure.
import type { Effect, OpOutcome, TimerName } from './io.ts';
import { lines } from './lines.ts';
import type {
  Alive,
  Departure,
  IndirectAck,
  IndirectProbe,
  JoinRequest,
  Leaving,
  Message,
  PingRequest,
  PingResponse,
  SuccessorChange,
  SuccessorList,
  Suspect,
} from './messages.ts';
import { between, spaceSize, type PeerId } from './ring.ts';
import { LOST_MAX, Reconnect } from './seeds.ts';
import {
  afterDeaths,
  afterDeparture,
  afterJoin,
  distinctRun,
  fillSuccessors,
  NAMED_SUCCESSORS,
  newcomerList,
  ringOrder,
} from './successors.ts';

export interface MembershipConfig {
  id: PeerId;
  idBits: number;
  /** Known successors, nearest first; empty for a peer that is going to join. */
  successors: PeerId[];
  /** How many successors it keeps (r): the first two as the original, the rest from its successors' reports. */
  successorCount: number;
  pingIntervalMs: number;
  /** A ping not answered within this (shorter than the interval) is a miss. */
  pingTimeoutMs: number;
  /** This many misses in a row and the successor is declared gone (K). */
  pingMissLimit: number;
  /**
   * SWIM's k: a successor that leaves a round unanswered is probed through this many other peers (its other successors,
   * its predecessors) before the miss counts; 0: a direct miss counts at once (the original).
   */
  indirectProbes: number;
  /**
   * A successor this peer was started with that has never answered is not counted as missing until
   * this long after the start: peers started one after another (as separate processes are) get time to come up.
   */
  startupGraceMs: number;
  /** A join whose known peer does not answer fails after this. */
  joinTimeoutMs: number;
  /** A departing peer waits this long at most for its predecessors to confirm. */
  departTimeoutMs: number;
  /** Peers tried, with backoff, while this one is alone or cut off (seeds.ts). */
  seeds?: readonly PeerId[];
}

/** What membership needs from the machine that hosts it: its operations' bookkeeping. */
export interface OpBook {
  /** Starts an op; false if the id is already in use. With a deadline, the op fails with `error` when it passes. */
  open(
    op: number,
    kind: 'join' | 'quit',
    name: string,
    now: number,
    out: Effect[],
    deadline?: { ms: number; error: string },
  ): boolean;
  finish(op: number, outcome: OpOutcome, now: number, out: Effect[]): void;
}

/** What membership tells the machine about other peers (its routing keeps fingers by them), and asks of its routing. */
export interface PeerEvents {
  /** `peer` died or departed. */
  gone(peer: PeerId): void;
  /**
   * The next hop towards the peer that `id` would follow, when it is not this one's first successor: the
   * finger closest before `id` (finger routing), else the first successor. A join then takes O(log N) hops.
   */
  towards?(id: PeerId, now: number): PeerId;
  /** Whether the router avoids `peer` (it refused or missed a hop lately). */
  avoids?(peer: PeerId, now: number): boolean;
  /** `peer` refused a connection: the router avoids it for a while (a walk does not go back to it). */
  shun?(peer: PeerId, now: number): void;
  /** Peers known farther along the ring than the successor list (finger routing's table): a list a burst emptied is refilled from them. */
  farther?(): PeerId[];
  /** Peers heard from or of lately (successor routing): a peer left alone probes them (see probeHeard). */
  heard?(): PeerId[];
  /** Nobody pinged this peer lately: look for the peer before it (Router.lookBehind), naming the peers that did last. */
  lookBehind?(predecessors: readonly PeerId[], now: number, out: Effect[]): void;
}

export const PING_TIMER: TimerName = { kind: 'ping' };
const PING_TIMEOUT_TIMER: TimerName = { kind: 'pingTimeout' };
/**
 * A peer declared dead is probed (a rank-0 ping) each round for this many rounds (an hour at 30 s): if it
 * answers, it was cut off, not dead (a partition, or lost datagrams), and the rings on either side merge
 * again through it. After that it is retried with backoff (seeds.ts), so a longer partition heals too.
 */
export const GONE_PROBE_ROUNDS = 120;
/** At most this many of the dead, the nearest first, are probed per round. */
export const GONE_PROBES_PER_ROUND = 4;
/**
 * Successors pinged each round while none misses: the two the original pings. Pinging all r every round would
 * multiply the false deaths under loss by about r/2 (0.555 per peer-hour at 5 % loss with r = 6 against 0.205 with
 * r = 2, in the simulator); the rest are pinged once one of these misses a round.
 */
export const PINGED_SUCCESSORS = 2;
/** The most helpers a silent successor is probed through (k): beyond a handful, more add traffic, not certainty. */
export const MAX_INDIRECT_PROBES = 16;
/** Suspicions of other peers a helper keeps at most (each is dropped after K rounds anyway). */
export const MAX_HEARD_SUSPICIONS = 64;
/** Peers looking for their predecessor (lookBehind) probed or vouched for at once, at most: a burst's arcs are few per peer. */
export const MAX_BEHIND = 8;
/** Peers a first successor's list named though they lie before it (probeSkipped), remembered at once, at most. */
const MAX_SKIPPED = 8;
/** Departures a first predecessor holds to pass on until it knows its own first predecessor (a few leave at once). */
const PASS_ON_MAX = 8;
const QUIT_TIMER: TimerName = { kind: 'quit' };
const BEHIND_TIMER: TimerName = { kind: 'behind' };

/**
 * A peer that looked for the peer before it, as this one knows it (onBehind). `nearer`: the peers between this one and
 * it, not in the list and not seen go, probed with it; while their probes are not answered and not timed out (`due`),
 * it is not taken in (a live one among them is nearer, and is taken in instead).
 */
interface BehindEntry {
  until: number;
  at?: number;
  reported?: PeerId[];
  nearer?: Set<PeerId>;
  due?: number;
}

/** What a peer knows of one of its successors. */
interface SuccessorState {
  /** The ping round it has not answered yet (0: none), and when that was sent (for the round trip time). */
  unansweredSeq: number;
  sentAt: number;
  /** Rounds in a row it left unanswered. */
  misses: number;
  /** The round whose miss was counted last (a round with a second timeout, the tail's or a start-up retry's, counts once). */
  countedSeq?: number;
  /** It answered a ping since it became a successor. */
  answered: boolean;
  /** Its own successor list, from its latest ping response or pushed list: what repairs are made from. */
  reported?: PeerId[];
  /**
   * How new its latest list read here is, as a ping round of this peer: the round of the ping its answer answered, or
   * for a pushed list (SuccessorList) the last round sent when it came. An answer to a ping of that round or before
   * carries a list no newer (a datagram overtaken by the push or by a later answer), so its list is not read.
   */
  listSeq?: number;
  /** A successor this peer was started with: its silence is forgiven until then (it may not be up yet). */
  graceUntil?: number;
  /** The round whose silence was followed by indirect probes (SWIM's ping-req): its miss counts at the next timeout. */
  probedSeq?: number;
  /** Its incarnation, as last heard (ping responses, indirect acks, refutations). */
  incarnation: number;
  /** It missed a round: suspected at this incarnation, until it answers or refutes with a higher one. */
  suspected?: number;
  /** The peers the suspicion was told to (the helpers): a refutation is passed on to them. */
  told?: PeerId[];
}

/** A departure told on to a peer that lists the leaving peer second (one hop more; nothing to pass on from there). */
function toldAsSecond(departure: Departure): Departure {
  const { passOn: _, ...told } = departure;
  return { ...told, rank: 2, hops: departure.hops + 1 };
}

export class Membership {
  successors: PeerId[];
  /** Named successors (the first two) a new list passed over lately, and when (rememberNamed). */
  private readonly namedUntil = new Map<PeerId, number>();
  /**
   * Departures to pass on to the first predecessor (Departure.passOn) that came before this peer knew it: sent when its
   * first ping arrives, if within a ping-miss span (at most PASS_ON_MAX, the oldest dropped).
   */
  private readonly passOnLater = new Map<PeerId, { departure: Departure; at: number }>();
  /** First and second predecessors, from the rank of their ping requests; null until one arrives (or once it is stale). */
  readonly predecessors: [PeerId | null, PeerId | null] = [null, null];
  /**
   * When the peer in the first predecessor's slot said it was leaving: the first successor may still take it for its
   * second predecessor and tell it a departure of its own (see onDeparture).
   */
  private firstLeftAt = Number.NEGATIVE_INFINITY;
  /** Departures of its first successor said here lately and not passed on (at most PASS_ON_MAX): see onLeaving. */
  private readonly saidAsFirst = new Map<PeerId, { departure: Departure; at: number }>();
  private readonly predecessorSeenAt: [number, number] = [0, 0];
  private started = false;
  private pingSeq = 0;
  /** What it knows of each of its successors, while it is one (one map, not one per field: 10^5 peers fit in a simulator). */
  private readonly known = new Map<PeerId, SuccessorState>();
  /** Peers that departed or were declared dead (those are probed), so stale lists do not bring them back; made when needed. */
  private gone: Map<PeerId, { at: number; probe: boolean }> | undefined;
  /**
   * Peers the first successor reported as coming after this one though they lie before it (two rings, or a ring that
   * looped), probed, and until when: one that answers is taken in (probeSkipped). Made when needed.
   */
  private skipped: Map<PeerId, number> | undefined;
  /**
   * Peers declared dead or lost probed since the last ping timeout: their answers may still come (probeBack). Made when
   * needed, as a ring of 10^5 simulated peers has none on most.
   */
  private probesOut: Set<PeerId> | undefined;
  /** A join under way, until its deadline: an answer after it is too late (the user was told the join failed). */
  private joining?: { op: number; via: PeerId; until: number; passed?: Map<PeerId, number> };
  /** A list the first successor's report suggests, waiting for a second report to agree. */
  private stabilizing?: string;
  /** A list longer than the original's: one of the first two missed a ping, so every successor is pinged. */
  private escalated = false;
  /** A ping round was sent whose timeout has not run yet. */
  private roundOpen = false;
  /**
   * This peer's departure under way: the message it sent (rank 0 here) and the predecessors it told, so one that pings
   * it as its first or second successor meanwhile (a newcomer it did not know when it quit) is told too.
   */
  private leaving?: {
    op: number;
    done: boolean;
    departure: Departure;
    told: PeerId[];
    /** Newcomers whose join this peer passed back to a predecessor, with the request's hops (joinWhileLeaving). */
    passedBack?: Map<PeerId, number>;
  };
  /** Seeds and peers lost past their probes, tried with backoff (a partition of any length heals). */
  private readonly reconnect: Reconnect;
  /** This peer's incarnation: raised only to refute a suspicion of it, so the refutation outranks the suspicion. */
  private incarnation = 0;
  /** Suspicions of other peers told to this one as a helper, by the incarnation suspected and when (made when needed). */
  private suspicions: Map<PeerId, { incarnation: number; at: number }> | undefined;
  /** When the pending indirect probes' timeout is due: a round that starts first ends them. */
  private probesDue: number | undefined;
  /** Ping rounds started: a round that declared a death first knows a newer round has started. */
  private rounds = 0;
  /** When a peer behind this one last pinged it as a successor (any rank), or it started or joined: see lookBehind. */
  private pingedFromBehindAt = 0;
  /** When it last looked for the peer before it (lookBehind). */
  private lookedBehindAt = Number.NEGATIVE_INFINITY;
  /**
   * The last peers that held its predecessor slots, nearest first (kept when the slots go stale), and the predecessors
   * each named in its last ping: see lookBehind.
   */
  private lastPredecessors: PeerId[] = [];
  private readonly lastNamedBehind: [readonly PeerId[], readonly PeerId[]] = [[], []];
  /**
   * Peers that looked for the peer before them and found this one (onBehind): probed until then, or, once they
   * answered, vouched for (alive at `at`, with the successors they reported) until this peer's silent successors before
   * them are declared gone. Made when needed.
   */
  private behind: Map<PeerId, BehindEntry> | undefined;
  /** When the BEHIND_TIMER is due (behindDue), if it is scheduled. */
  private behindDueAt: number | undefined;

  constructor(
    private readonly config: MembershipConfig,
    private readonly ops: OpBook,
    private readonly peers: PeerEvents = { gone: () => {} },
  ) {
    this.successors = [...config.successors];
    this.reconnect = new Reconnect(config.id, config.seeds ?? [], config.pingIntervalMs);
  }

  get id(): PeerId {
    return this.config.id;
  }

  /** How many successors it keeps (r). */
  private get count(): number {
    return this.config.successorCount;
  }

  /** In a ring: it has successors (a newcomer has none until its join is accepted). */
  get joined(): boolean {
    return this.successors.length > 0;
  }

  get departed(): boolean {
    return this.leaving?.done === true;
  }

  /**
   * Whether `peer` is silent: declared gone, or a successor that missed a round or left its latest ping unanswered past
   * the ping timeout (it is being probed through others). A successor that answers is not.
   */
  silent(peer: PeerId): boolean {
    if (this.gone?.has(peer) === true) return true;
    const state = this.known.get(peer);
    return (
      state !== undefined &&
      (state.misses > 0 || (state.unansweredSeq !== 0 && state.probedSeq === state.unansweredSeq))
    );
  }

  /**
   * Peers the first successor's reports would add to this peer's list before its end that it has not taken yet: a
   * proposal whose named head waits for a second report (stabilize), or a pushed list not taken at once
   * (onSuccessorList). A walk of a key's holders along the list passes over them meanwhile (hosts 11691: 43 took 68 and
   * 77 back one ping round after 44 named them, and a request walked past them to 219 and 291 in between: NOT_FOUND,
   * while 68 and 77 held the file).
   */
  pendingSuccessors(now: number): PeerId[] {
    const first = this.successors[0];
    const reported = first === undefined ? undefined : this.known.get(first)?.reported;
    const proposed = [
      ...(this.stabilizing?.split(',').map(Number) ?? []),
      ...(reported === undefined ? [] : fillSuccessors(this.id, [first!, ...reported], this.count)),
    ];
    return [...new Set(proposed)].filter(
      (p) => p !== this.id && !this.successors.includes(p) && this.believable(p, now),
    );
  }

  /** The peers this one was told are suspected (as a helper), and has not heard refute it since. */
  heardSuspected(): PeerId[] {
    return [...(this.suspicions?.keys() ?? [])];
  }

  pingMisses(): Record<number, number> {
    return Object.fromEntries(this.pingTargets().map((s) => [s, this.known.get(s)?.misses ?? 0]));
  }

  /** How long a peer may go unheard before it counts as gone: K missed pings. */
  private get missSpanMs(): number {
    return this.config.pingMissLimit * this.config.pingIntervalMs;
  }

  start(now: number, out: Effect[]): void {
    this.started = true;
    this.pingedFromBehindAt = now;
    // Only the successors it was started with get a grace: later ones come from peers that heard from them.
    for (const s of this.successors) this.stateOf(s).graceUntil = now + this.config.startupGraceMs;
    if (this.joined) this.pingRound(now, out);
  }

  /**
   * `leaving.peer` departs (its successors hear it from it): it no longer holds a predecessor's slot here. Leaving as
   * this peer's first predecessor, it may have been told as the second predecessor of a first successor whose departure
   * this peer said lately without passing it on, and have left before that copy came: passed on now, to the first
   * predecessor that pings next (membership seed 676: 410 and 499 quit together; 441 said 499's departure, 410's
   * 'leaving' came after it, 499's copy reached 410 once it had left, and 408, which listed 499 second, dropped it unsaid).
   */
  onLeaving(leaving: Leaving, now: number, out: Effect[]): void {
    const wasFirst = this.predecessors[0] === leaving.peer;
    if (wasFirst) this.firstLeftAt = now;
    for (const rank of [0, 1] as const) if (this.predecessors[rank] === leaving.peer) this.predecessors[rank] = null;
    if (!wasFirst) return;
    for (const { departure, at } of this.saidAsFirst.values())
      if (now - at <= this.missSpanMs) this.passOn(departure, now, out);
    this.saidAsFirst.clear();
  }

  // --- successor lists ------------------------------------------------------------------------

  /**
   * Adopts a new list and says so, as the original does: both lines, even when one did not change.
   * Then pings at once: the new successors learn their predecessors now, not an interval later,
   * so a departure right after this one still reaches the right peers.
   */
  private setSuccessors(list: PeerId[], now: number, out: Effect[], initial = false): void {
    this.rememberNamed(list, now);
    this.successors = list;
    this.stabilizing = undefined;
    for (const s of list) this.gone?.delete(s);
    for (const peer of this.known.keys()) if (!list.includes(peer)) this.known.delete(peer);
    if (list[0] !== undefined) out.push({ type: 'emit', line: lines.successor(1, list[0], initial) });
    if (list[1] !== undefined) out.push({ type: 'emit', line: lines.successor(2, list[1], initial) });
    if (this.started) this.pingRound(now, out);
    this.pushList(out);
  }

  /**
   * A longer list (r above 2) whose named head is unchanged: the rest is taken from the first successor's
   * report at once and quietly (the original has no line for it), and the new entries are pinged next round.
   */
  private setTail(list: PeerId[], out: Effect[]): void {
    this.successors = list; // the named head is unchanged
    this.stabilizing = undefined;
    for (const s of list) this.gone?.delete(s);
    for (const peer of this.known.keys()) if (!list.includes(peer)) this.known.delete(peer);
    this.pushList(out);
  }

  /**
   * A list longer than the original's goes to the first predecessor as soon as it changes (SuccessorList): a repair
   * then reaches the r lists it touches within moments, not one peer per ping round. The 8-bit ring's two-entry
   * lists never send it, so its traffic stays the original's.
   */
  private pushList(out: Effect[]): void {
    const first = this.predecessors[0];
    if (this.count <= NAMED_SUCCESSORS || first === null || first === this.id || this.leaving !== undefined) return;
    this.send(first, { type: 'successorList', successors: [...this.successors] }, out);
  }

  /** The first successor's new list: its tail becomes this peer's, as from a ping response (the named head waits for one). */
  onSuccessorList(from: PeerId, message: SuccessorList, now: number, out: Effect[]): void {
    if (!this.joined || this.leaving !== undefined || from !== this.successors[0] || from === this.id) return;
    const state = this.known.get(from);
    if (state !== undefined) Object.assign(state, { listSeq: this.pingSeq, reported: [...message.successors] });
    const reported = message.successors.filter((p) => this.believable(p, now));
    const next = fillSuccessors(this.id, [from, ...reported], this.count);
    if (next.join(',') === this.successors.join(',')) return;
    if (sameHead(next, this.successors)) this.setTail(next, out);
    else if (this.dropsOnlyUnproven(next)) this.setSuccessors(next, now, out);
  }

  /**
   * A peer this one saw go is not taken back from a report until the reporter has had time to see it go too (about
   * K rounds): after that, a successor that still names it proves it alive (a false death).
   */
  private believable(peer: PeerId, now: number): boolean {
    const since = this.gone?.get(peer)?.at;
    return since === undefined || now - since >= (this.config.pingMissLimit + 2) * this.config.pingIntervalMs;
  }

  private send(to: PeerId, message: Message, out: Effect[]): void {
    out.push({ type: 'send', to, transport: 'tcp', message });
  }

  // --- ping and death detection ---------------------------------------------------------------

  private stateOf(peer: PeerId): SuccessorState {
    let state = this.known.get(peer);
    if (state === undefined)
      this.known.set(peer, (state = { unansweredSeq: 0, sentAt: 0, misses: 0, answered: false, incarnation: 0 }));
    return state;
  }

  /** `probe`: it was declared dead, so it is probed for a while; a peer that departed is not. */
  /**
   * The named successors a new list passes over, and when: a peer whose departure reaches it after its first
   * successor's report already dropped the leaving peer (over another connection, sooner) still says so. One a newcomer
   * pushed past the list's end is not: this peer is no longer one of its two predecessors (SPEC 2), so its departure
   * says nothing here (the simulator owes it nothing either: src/sim/world.ts, releasePushedOut). The list's end is
   * that of its run of distinct peers: a short ring's list comes round ([10, 30, 40, 50, 0, 10] at 0), and one that
   * names this peer has walked the whole ring, so a peer missing from it was passed over, never pushed out.
   */
  private rememberNamed(list: readonly PeerId[], now: number): void {
    const since = now - this.missSpanMs;
    for (const [peer, at] of this.namedUntil) if (at < since) this.namedUntil.delete(peer);
    const run = distinctRun(this.id, list);
    const last = run[run.length - 1];
    const round = run.length < list.length;
    for (const peer of this.successors.slice(0, NAMED_SUCCESSORS))
      if (!list.includes(peer) && (round || (last !== undefined && between(this.id, peer, last))))
        this.namedUntil.set(peer, now);
  }

  private markGone(peer: PeerId, now: number, probe: boolean): void {
    (this.gone ??= new Map()).set(peer, { at: now, probe });
  }

  /**
   * Successors to ping: each distinct peer once, never this peer itself. A list longer than the original's pings its
   * first two each round, and all of it while one of them is missing pings (escalated): a burst of adjacent crashes
   * is then found in about K rounds, while under loss the tail is rarely pinged, so rarely taken for dead.
   */
  private pingTargets(): PeerId[] {
    const pinged = this.escalated ? this.successors : this.successors.slice(0, PINGED_SUCCESSORS);
    return [...new Set(pinged)].filter((s) => s !== this.id);
  }

  /** A pinged successor just missed a round: the rest of the list is pinged at once, its answers awaited as a round's. */
  private pingTail(now: number, out: Effect[]): void {
    const seq = this.pingSeq;
    const tail = [...new Set(this.successors.slice(PINGED_SUCCESSORS))].filter(
      (s) => s !== this.id && !this.successors.slice(0, PINGED_SUCCESSORS).includes(s),
    );
    if (tail.length === 0) return;
    this.sendPings(tail, seq, now, out);
  }

  /** Pings `targets` as round `seq` (each unanswered until it answers), says so, and times the round out. */
  private sendPings(targets: readonly PeerId[], seq: number, now: number, out: Effect[]): void {
    for (const target of targets) {
      const state = this.stateOf(target);
      state.unansweredSeq = seq;
      state.sentAt = now;
      out.push({
        type: 'send',
        to: target,
        transport: 'udp',
        message: this.pingRequest(seq, this.successors.indexOf(target) + 1),
      });
    }
    out.push({ type: 'emit', line: lines.pingSent(targets) });
    this.scheduleTimeout(now, out);
  }

  /**
   * A ping naming this peer's predecessors, as a ping response names its successors: the pinged peer then knows a few
   * peers behind it beyond those that ping it, and a request it makes for a key just behind it still has a way when its
   * successors are cut off (hosts 5235: its successors crashed, and of the peers on its side it had heard from none).
   */
  private pingRequest(seq: number, rank: number): PingRequest {
    const predecessors = this.predecessors.filter((p): p is PeerId => p !== null && p !== this.id);
    return { type: 'pingRequest', seq, rank, ...(predecessors.length === 0 ? {} : { predecessors }) };
  }

  private scheduleTimeout(now: number, out: Effect[]): void {
    out.push({ type: 'schedule', timer: PING_TIMEOUT_TIMER, at: now + this.config.pingTimeoutMs });
  }

  /** The ping timer: a ping round to every successor (and probes of the dead), and the next round scheduled. */
  pingRound(now: number, out: Effect[]): void {
    if (this.leaving !== undefined) return;
    // The last round's indirect probes end now at the latest, even if their timeout is a moment away still (with the
    // timeout half the interval, it falls on the next round): their misses count before new pings replace them (and
    // a death they declare starts the new round itself, with the repaired list).
    const round = ++this.rounds;
    if (this.probesDue !== undefined) {
      this.pingTimeout(now, out);
      if (this.rounds !== round) return;
    }
    const targets = this.pingTargets();
    if (targets.length > 0) {
      this.sendPings(targets, ++this.pingSeq, now, out);
      this.roundOpen = true;
    }
    const probes = this.probeTargets(now);
    for (const peer of this.reconnect.due(now, targets.length === 0)) if (!probes.includes(peer)) probes.push(peer);
    this.probesOut = probes.length === 0 ? undefined : new Set(probes);
    for (const peer of probes)
      out.push({
        type: 'send',
        to: peer,
        transport: 'udp',
        message: this.pingRequest(this.pingSeq, 0),
      });
    out.push({ type: 'schedule', timer: PING_TIMER, at: now + this.config.pingIntervalMs });
  }

  /** The nearest peers declared dead within the probe window; older entries are forgotten. */
  private probeTargets(now: number): PeerId[] {
    if (this.gone === undefined || this.gone.size === 0) return [];
    const forgetBefore = now - GONE_PROBE_ROUNDS * this.config.pingIntervalMs;
    const dead: PeerId[] = [];
    for (const [peer, { at, probe }] of this.gone) {
      if (at >= forgetBefore) {
        if (probe) dead.push(peer);
        continue;
      }
      this.gone.delete(peer);
      // Its probes ran out: a cut that lasts this long is retried with backoff from now on (seeds.ts).
      if (probe) this.reconnect.lose(peer, now);
    }
    return dead.length === 0 ? [] : ringOrder(this.id, dead, this.config.idBits).slice(0, GONE_PROBES_PER_ROUND);
  }

  /** The ping-timeout timer: a round's pings still unanswered are misses; K in a row and the successor is gone. */
  pingTimeout(now: number, out: Effect[]): void {
    this.probesDue = undefined;
    this.probesOut = undefined; // unanswered by now: lost, perhaps (the next probe from one of them is probed back)
    this.lookBehind(now, out);
    const dead: PeerId[] = [];
    const notUpYet: PeerId[] = [];
    const probing: PeerId[] = [];
    let missed = false;
    for (const target of this.pingTargets()) {
      const state = this.known.get(target);
      if (state === undefined || state.unansweredSeq === 0) continue;
      if (!state.answered && now < (state.graceUntil ?? 0)) {
        notUpYet.push(target); // not up yet, perhaps
        continue;
      }
      if (state.countedSeq === state.unansweredSeq) continue;
      // Silent to a direct ping: asked through others first (a lost datagram is not a death); the miss counts only if
      // none of them hears it either by the next timeout.
      if (this.config.indirectProbes > 0 && state.probedSeq !== state.unansweredSeq) {
        state.probedSeq = state.unansweredSeq;
        probing.push(target);
        continue;
      }
      state.countedSeq = state.unansweredSeq; // one miss per round, however many timeouts the round has
      missed = true;
      out.push({ type: 'emit', line: lines.pingMissed(target, ++state.misses, this.config.pingMissLimit) });
      if (state.misses >= this.config.pingMissLimit) dead.push(target);
      else this.suspect(target, state, out);
    }
    this.retryNotUpYet(notUpYet, now, out);
    for (const target of probing) this.probeIndirectly(target, out);
    if (probing.length > 0) {
      this.scheduleTimeout(now, out);
      this.probesDue = now + this.config.pingTimeoutMs;
    }
    // A predecessor that has not pinged for a while is forgotten: join and quit then ask instead of guessing.
    const staleBefore = now - (this.config.pingMissLimit + 1) * this.config.pingIntervalMs;
    for (const rank of [0, 1] as const) if (this.predecessorSeenAt[rank] < staleBefore) this.predecessors[rank] = null;
    // Escalated by any miss; back to two only after a whole round (not the tail's extra timeout) with none.
    // A round whose silent successors are being probed indirectly has not ended yet.
    const roundEnd = this.roundOpen && probing.length === 0;
    if (probing.length === 0) this.roundOpen = false;
    const escalating = this.count > PINGED_SUCCESSORS && missed && !this.escalated;
    if (this.count > PINGED_SUCCESSORS && (missed || roundEnd)) this.escalated = missed;
    if (dead.length === 0) {
      if (escalating) this.pingTail(now, out);
      return;
    }
    for (const peer of dead) {
      this.suspicions?.delete(peer);
      this.markGone(peer, now, true);
      this.peers.gone(peer);
      out.push({ type: 'emit', line: lines.noLongerAlive(peer) });
    }
    this.repairSuccessors(now, out);
    // Said dead here: a departure of it that comes late (held up) says nothing more (rememberNamed kept it).
    for (const peer of dead) this.namedUntil.delete(peer);
  }

  /**
   * Successors it was started with that have not answered yet are asked again at each ping timeout of their grace
   * (quietly: no line), not an interval later, so a ring started process by process closes as soon as its last peer
   * is up.
   */
  private retryNotUpYet(targets: readonly PeerId[], now: number, out: Effect[]): void {
    if (targets.length === 0 || this.leaving !== undefined) return;
    for (const target of targets) {
      const state = this.stateOf(target);
      state.sentAt = now;
      out.push({
        type: 'send',
        to: target,
        transport: 'udp',
        message: this.pingRequest(state.unansweredSeq, this.successors.indexOf(target) + 1),
      });
    }
    this.scheduleTimeout(now, out);
  }

  /** The successor list without the peers gone, filled from what the live successors reported. */
  private repairSuccessors(now: number, out: Effect[]): void {
    const reported = new Map<PeerId, PeerId[]>();
    for (const [peer, state] of this.known) if (state.reported !== undefined) reported.set(peer, state.reported);
    const before = this.successors.filter((p) => p !== this.id);
    const gone = new Set(this.gone!.keys());
    let next = afterDeaths(this.id, this.successors, gone, reported, this.config.idBits, this.count);
    next = this.withVouched(next, gone, now);
    // A run of crashes longer than every list and report reached (r + 2 or more adjacent): no live successor is known.
    // The nearest peers farther on (fingers) stand in, and stabilisation walks back from them to the first live one.
    const farther = this.peers.farther?.().filter((p) => !gone.has(p)) ?? [];
    if (next.every((p) => p === this.id) && farther.length > 0)
      next = fillSuccessors(this.id, ringOrder(this.id, farther, this.config.idBits), this.count);
    if (next.every((p) => p === this.id)) this.probeHeard(gone, now);
    this.setSuccessors(next, now, out);
    // A burst took the whole list (r above 2: at least r adjacent crashes): the peers it is refilled with come from
    // reports older than the burst, and the next of them may be dead too (a longer run), though no live peer ever
    // pinged it. Each that has not answered yet is declared dead at its next missed round (indirect probes included),
    // not after K more: the ring closes within about one interval more, not one more detection period.
    if (this.count > NAMED_SUCCESSORS && before.length > 0 && before.every((p) => this.gone!.has(p)))
      for (const peer of new Set(this.successors)) {
        const state = peer === this.id ? undefined : this.stateOf(peer);
        if (state !== undefined && !state.answered)
          state.misses = Math.max(state.misses, this.config.pingMissLimit - 1);
      }
  }

  /**
   * Left alone by deaths (every successor and every peer they reported declared gone, no fingers): the peers heard of
   * lately are probed now, and those that answer are taken in as probed peers are (probeAnswered), the nearest first.
   * Alone, a peer otherwise took the first peer that pinged it, its own predecessor, for its successor: a loop that
   * stabilisation undid one peer a round, backwards round the whole ring (hosts 9696: {10, 11} for 50 s, `ring`).
   * Probed, not adopted: cut off (a partition), the peer would otherwise take peers across the cut for successors.
   */
  private probeHeard(gone: ReadonlySet<PeerId>, now: number): void {
    const heard = ringOrder(this.id, this.peers.heard?.() ?? [], this.config.idBits).filter((p) => !gone.has(p));
    // The nearest last: the retry list keeps the most recent (LOST_MAX).
    for (const peer of heard.slice(0, LOST_MAX).reverse()) this.reconnect.lose(peer, now, 0);
  }

  onPingRequest(from: PeerId, ping: PingRequest, now: number, out: Effect[]): void {
    // Not in a ring (a peer that restarted and has not joined again): no answer, so the peers that
    // still list it declare it gone and its join can then succeed.
    if (!this.joined || this.departed) return;
    if (ping.rank >= 1 && from !== this.id) this.pingedFromBehindAt = now;
    if (ping.rank === 1 || ping.rank === 2) {
      const slot = ping.rank === 1 ? 0 : 1;
      const held = this.predecessors[slot]!;
      // Chord's notify: two peers can both think they precede this one (one of them wrongly dropped the
      // other); the closer one keeps the slot, unless the holder has gone quiet.
      const stale = held === null || now - this.predecessorSeenAt[slot]! > this.missSpanMs;
      if (stale || held === from || between(held, from, this.id)) {
        this.takePredecessor(slot, from, now);
        if (slot === 0 && this.passOnLater.size > 0) this.passOnHeld(now, out, from);
        this.lastNamedBehind[slot] = ping.predecessors ?? [];
      }
    }
    if (ping.rank === 1 || ping.rank === 2) this.tellLatePredecessor(from, ping.rank, out);
    // Alone (it declared every other peer gone, perhaps wrongly), yet pinged: the pinger is in the ring
    // with it, so it becomes the successor (Chord's rule), and stabilisation finds the rest from it.
    const alone = this.pingTargets().length === 0 && from !== this.id;
    const probedBack = ping.rank === 0 && !alone && this.probing(from);
    if (!probedBack) {
      this.gone?.delete(from);
      this.reconnect.found(from);
    }
    // The answer first, the line after: posting the line to the main thread is not part of the round trip.
    const response: PingResponse = {
      type: 'pingResponse',
      seq: ping.seq,
      successors: [...this.successors],
      predecessor: this.predecessors[0],
      ...(this.incarnation > 0 ? { incarnation: this.incarnation } : {}),
    };
    out.push({ type: 'send', to: from, transport: 'udp', message: response });
    if (probedBack) this.probeBack(from, out);
    out.push({ type: 'emit', line: lines.pingReceived(from) });
    if (alone) this.setSuccessors(fillSuccessors(this.id, [from], this.count), now, out);
  }

  /**
   * The first successor reports peers after it that lie between this peer and it: by its list, its ring goes on past
   * this one to them, so this peer's ring and theirs are two that met (or one that loops). In one ring a successor's
   * list never wraps past this peer to a peer before the successor. Each such peer not known here (not a successor, not
   * declared gone) is probed, at most once an interval, and taken in if it answers: otherwise stabilisation takes the
   * successor's view, and a peer of this ring that learned of the other (a probe answered on one side only) forgets it
   * again on its successor's report; the rings stay two with nobody probing.
   */
  private probeSkipped(first: PeerId, reported: readonly PeerId[], now: number, out: Effect[]): void {
    for (const peer of reported) {
      if (peer === this.id || peer === first || !between(this.id, peer, first)) continue;
      if (this.successors.includes(peer) || this.gone?.has(peer) === true) continue;
      const skipped = (this.skipped ??= new Map());
      if ((skipped.get(peer) ?? Number.NEGATIVE_INFINITY) > now) continue;
      remember(skipped, peer, now + this.config.pingIntervalMs, MAX_SKIPPED);
      out.push({ type: 'send', to: peer, transport: 'udp', message: this.pingRequest(this.pingSeq, 0) });
    }
  }

  /** Whether `peer` is declared dead or lost and probed: only an answer to this peer's own probe takes it in. */
  private probing(peer: PeerId): boolean {
    return peer !== this.id && (this.gone?.get(peer)?.probe === true || this.reconnect.retrying(peer));
  }

  /**
   * A probe (a rank-0 ping) from a peer this one declared dead or lost and probes: it is alive, and the answer to a
   * probe of it says where it stands, so it is probed back now (unless probed since the last ping timeout), its mark
   * kept until that answer. Its probe once cleared the mark: after a partition healed, the two sides' probes crossed,
   * each side dropped the answer to its own as a late one, neither took the other in, and the two rings stayed two to
   * the end (hosts 471; one side's probe answered alone was undone by stabilisation from a peer that knew nothing).
   */
  private probeBack(peer: PeerId, out: Effect[]): void {
    if (this.probesOut?.has(peer) === true) return; // probed lately: the answer may be on its way
    (this.probesOut ??= new Set()).add(peer);
    out.push({ type: 'send', to: peer, transport: 'udp', message: this.pingRequest(this.pingSeq, 0) });
  }

  onPingResponse(from: PeerId, pong: PingResponse, now: number, out: Effect[]): void {
    if (!this.successors.includes(from)) {
      if (this.probing(from)) {
        this.reconnect.found(from);
        this.probeAnswered(from, pong, now, out);
      } else if (this.behind?.has(from) === true) this.behindAnswered(from, pong, now, out);
      else if (this.skipped?.delete(from) === true) this.takeIn(from, pong.successors, now, out);
      else if (this.dropFarther(from)) this.nearerAnswered(from, pong, now, out);
      return; // else a late answer from a peer that is no longer a successor
    }
    const state = this.stateOf(from);
    // Any answer proves the peer alive; only the answer to the latest round gives a round trip time.
    const rttMs = state.unansweredSeq !== 0 && state.unansweredSeq === pong.seq ? now - state.sentAt : undefined;
    const missed = state.misses;
    state.unansweredSeq = 0;
    state.misses = 0;
    state.answered = true;
    delete state.graceUntil;
    this.heardAlive(state, pong.incarnation ?? 0);
    // Sent before the list read last (a burst's repairs push lists at once, and the answer to a ping sent a moment
    // earlier may come after): read, its older list would undo the newer one until the next round (a 10^4 burst). The
    // 8-bit ring's two-entry lists, never pushed, read every answer as the original does.
    const overtaken = this.count > NAMED_SUCCESSORS && state.listSeq !== undefined && pong.seq <= state.listSeq;
    if (!overtaken) {
      state.reported = [...pong.successors];
      // Never a round not sent yet (a buggy peer, an answer to the previous process's pings): every later answer would
      // look overtaken.
      state.listSeq = Math.min(pong.seq, this.pingSeq);
    }
    out.push({ type: 'emit', line: lines.pingResponse(from, rttMs) });
    if (missed > 0) out.push({ type: 'emit', line: lines.pingRecovered(from, missed) });
    if (from === this.successors[0] && !overtaken) this.stabilize(from, pong, now, out);
  }

  /**
   * A peer declared dead answered a probe: it is alive and in a ring (a peer outside one does not answer).
   * It and the successors it reports take their places in ring order among this peer's own, so after a
   * partition heals the ring on each side takes in the other; stabilisation then fills in the rest.
   */
  private probeAnswered(from: PeerId, pong: PingResponse, now: number, out: Effect[]): void {
    this.gone?.delete(from);
    out.push({ type: 'emit', line: lines.aliveAgain(from) });
    this.takeIn(from, pong.successors, now, out);
  }

  /** `peer`, alive, and the successors it reported take their places in ring order among this peer's own. */
  private takeIn(peer: PeerId, reported: readonly PeerId[], now: number, out: Effect[]): void {
    const candidates = [...this.successors, peer, ...reported].filter((p) => this.gone?.has(p) !== true);
    const next = fillSuccessors(this.id, ringOrder(this.id, candidates, this.config.idBits), this.count);
    if (next.join(',') !== this.successors.join(',')) this.setSuccessors(next, now, out);
  }

  // --- a peer nobody pings looks for the peer before it ----------------------------------------

  /**
   * Nobody behind this peer pinged it for K intervals (as long as a successor's silence takes to be declared a death),
   * though it is in a ring: its predecessors are gone, and the live peer before them may not know of it. That happens
   * when a run of crashes is longer than every list that spanned it: the peer before the run took stand-ins past this
   * one (fingers, peers heard of), and stabilisation walked back from them one peer per ping round or two (hosts 10191:
   * 40 s). So it looks for that peer (Router.lookBehind), which probes it and takes it in (onBehind): the ring closes
   * when the run is declared gone, not intervals later. At most once per interval while nobody pings it (the peer before
   * the run may learn of the run's last peers only as it declares the first ones gone).
   */
  private lookBehind(now: number, out: Effect[]): void {
    const quietMs = this.missSpanMs;
    if (!this.joined || this.leaving !== undefined || this.pingTargets().length === 0) return;
    if (now - this.pingedFromBehindAt <= quietMs || now - this.lookedBehindAt < this.config.pingIntervalMs) return;
    // Up to four peers back: the peer before a run that spans its whole list may know only the run's first peers.
    const last = [...new Set([...this.lastPredecessors, ...this.lastNamedBehind.flat()])]
      .filter((p) => p !== this.id)
      .slice(0, 2 * NAMED_SUCCESSORS);
    if (last.length === 0) return; // nobody ever pinged it: none to name
    this.lookedBehindAt = now;
    this.peers.lookBehind?.(last, now, out);
  }

  /**
   * `origin` looks for the peer before it, and its find passed here. Unless a successor before it answers this peer
   * (then the ring before `origin` holds, and is no concern of this one), it is taken in: at once when it is a successor
   * already, else when it answers the probe sent now (a ping outside the ranks, as the dead are probed).
   */
  onBehind(origin: PeerId, predecessors: readonly PeerId[], now: number, out: Effect[]): void {
    if (!this.joined || this.leaving !== undefined || origin === this.id || this.answersBefore(origin)) return;
    // Only a peer just before the run: it lists the peers that pinged `origin` last, or saw them go. One farther back
    // (a ring broken elsewhere) would skip the live peers between it and the run.
    if (!predecessors.some((p) => this.successors.includes(p) || this.gone?.has(p) === true)) return;
    // Never past a live peer it could have known of (zones 10672: 169 took 53 in past 210, alive, which 53 named).
    const nearer = this.unknownBefore(origin, predecessors);
    const listed = this.successors.includes(origin);
    if (listed && nearer.length === 0) return this.takeInBehind(origin, [], now, out);
    const held = this.behind?.get(origin);
    if (held !== undefined && held.until > now) return;
    const behind = (this.behind ??= new Map());
    const entry: BehindEntry = { until: now + this.config.pingIntervalMs };
    if (listed) Object.assign(entry, { at: now, reported: [] });
    remember(behind, origin, entry, MAX_BEHIND);
    const probed = listed ? nearer : [origin, ...nearer];
    for (const peer of probed)
      out.push({ type: 'send', to: peer, transport: 'udp', message: this.pingRequest(this.pingSeq, 0) });
    if (nearer.length === 0) return;
    entry.nearer = new Set(nearer);
    entry.due = now + this.config.pingTimeoutMs;
    if (this.behindDueAt === undefined || this.behindDueAt > entry.due) {
      this.behindDueAt = entry.due;
      out.push({ type: 'schedule', timer: BEHIND_TIMER, at: entry.due });
    }
  }

  /**
   * The peers between this one and `origin` that it could know of but does not list and did not see go: those `origin`
   * named, then those routing heard of and its fingers, nearest the named first, at most MAX_BEHIND.
   */
  private unknownBefore(origin: PeerId, named: readonly PeerId[]): PeerId[] {
    const known = [...(this.peers.heard?.() ?? []), ...(this.peers.farther?.() ?? [])];
    const candidates = [...named, ...ringOrder(this.id, known, this.config.idBits)];
    const unknown = candidates.filter(
      (p) =>
        p !== this.id &&
        p !== origin &&
        between(this.id, p, origin) &&
        !this.successors.includes(p) &&
        this.gone?.has(p) !== true,
    );
    return [...new Set(unknown)].slice(0, MAX_BEHIND);
  }

  /** The origins probed with `peer` as a nearer peer (onBehind): `peer` answered, so none of them is taken in. */
  private dropFarther(peer: PeerId): boolean {
    let dropped = false;
    for (const [origin, entry] of this.behind ?? [])
      if (entry.nearer?.has(peer) === true) {
        this.behind!.delete(origin);
        dropped = true;
      }
    return dropped;
  }

  /**
   * A peer probed as nearer than one that looked behind (onBehind) answered: the origin is not taken in, and this one,
   * alive, is taken in instead, vouched for as an origin that answered is (unless a successor before it answers).
   */
  private nearerAnswered(from: PeerId, pong: PingResponse, now: number, out: Effect[]): void {
    if (this.answersBefore(from)) return;
    const behind = this.behind!;
    remember(behind, from, { until: now + this.missSpanMs, at: now, reported: [...pong.successors] }, MAX_BEHIND);
    this.takeInBehind(from, pong.successors, now, out);
  }

  /**
   * The BEHIND_TIMER: origins whose nearer peers have not answered their probes in a ping timeout are taken in if they
   * answered (else when they do: behindAnswered).
   */
  behindDue(now: number, out: Effect[]): void {
    this.behindDueAt = undefined;
    if (this.behind === undefined || this.leaving !== undefined) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [origin, entry] of this.behind) {
      if (entry.due === undefined) continue;
      if (entry.due > now) {
        next = Math.min(next, entry.due);
        continue;
      }
      delete entry.nearer;
      delete entry.due;
      if (entry.at === undefined) continue;
      if (entry.until <= now || this.gone?.has(origin) === true || this.answersBefore(origin)) {
        this.behind.delete(origin);
        continue;
      }
      this.takeInBehind(origin, entry.reported ?? [], now, out);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    this.behindDueAt = next;
    out.push({ type: 'schedule', timer: BEHIND_TIMER, at: next });
  }

  /** Whether a successor before `peer` answered a ping since it became one, and is not silent now. */
  private answersBefore(peer: PeerId): boolean {
    return this.successors.some(
      (s) => s !== this.id && s !== peer && between(this.id, s, peer) && this.answered(s) && !this.silent(s),
    );
  }

  private answered(peer: PeerId): boolean {
    return this.known.get(peer)?.answered === true;
  }

  /**
   * A peer that looked for the peer before it answered this one's probe: alive, it takes its place now (the successors
   * before it that never answered and are silent left out), and it is vouched for until K intervals from now: the
   * repair that declares the successors before it gone keeps it (withVouched).
   */
  private behindAnswered(from: PeerId, pong: PingResponse, now: number, out: Effect[]): void {
    const entry = this.behind!.get(from)!;
    this.dropFarther(from);
    if (this.answersBefore(from)) {
      this.behind!.delete(from);
      return;
    }
    entry.at = now;
    entry.reported = [...pong.successors];
    entry.until = now + this.missSpanMs;
    if (entry.nearer !== undefined) return; // held until the peers probed before it answer or time out (behindDue)
    this.takeInBehind(from, pong.successors, now, out);
  }

  /**
   * `peer` looked for the peer before it and answers: it and `reported` take their places in ring order, and the
   * successors before it that are silent and never answered this one (taken from reports older than the deaths) are
   * left out. Those that answered once stay until declared gone, with their lines.
   */
  private takeInBehind(peer: PeerId, reported: readonly PeerId[], now: number, out: Effect[]): void {
    const kept = this.successors.filter(
      (s) => s === peer || !between(this.id, s, peer) || this.answered(s) || !this.silent(s),
    );
    const candidates = [...kept, peer, ...reported].filter((p) => this.gone?.has(p) !== true);
    const next = fillSuccessors(this.id, ringOrder(this.id, candidates, this.config.idBits), this.count);
    // Those kept before it that never answered either are declared at their next missed round, not after K more (as a
    // burst's refilled successors are: repairSuccessors): alive, they answer it.
    for (const s of kept)
      if (s !== peer && s !== this.id && between(this.id, s, peer) && !this.answered(s)) {
        const state = this.stateOf(s);
        state.misses = Math.max(state.misses, this.config.pingMissLimit - 1);
      }
    if (next.join(',') === this.successors.join(',')) return;
    // Behind the named head (lists longer than the original's): quietly, as a report's tail is taken.
    if (sameHead(next, this.successors)) this.setTail(next, out);
    else this.setSuccessors(next, now, out);
  }

  /**
   * A repair's list with the peers vouched for lately (behindAnswered) in their places, and the entries before them
   * that never answered this peer left out: a repair takes them from reports older than the deaths, and alive, a peer
   * before the vouched one would have a way to it that pings it.
   */
  private withVouched(next: PeerId[], gone: ReadonlySet<PeerId>, now: number): PeerId[] {
    if (this.behind === undefined) return next;
    let list = next.filter((p) => p !== this.id);
    for (const [peer, entry] of this.behind) {
      if (entry.at === undefined || entry.nearer !== undefined || entry.until <= now || gone.has(peer)) continue;
      list = list.filter((s) => s === peer || !between(this.id, s, peer) || this.answered(s));
      list.push(peer, ...(entry.reported ?? []).filter((p) => !gone.has(p)));
    }
    return fillSuccessors(this.id, ringOrder(this.id, list, this.config.idBits), this.count);
  }

  /**
   * Chord's stabilisation, from the first successor's ping response: a peer it names as its
   * predecessor that lies between us is a closer first successor (one joined, or was wrongly declared
   * gone); otherwise its own first successor is our second. Either way a list that drifted (a lost
   * message, a false death) comes back to the ring as it is. Changes only, so a settled ring says nothing.
   */
  private stabilize(first: PeerId, pong: PingResponse, now: number, out: Effect[]): void {
    this.probeSkipped(first, pong.successors, now, out);
    const believable = (p: PeerId) => this.believable(p, now);
    // The original's two named successors wait for a report that names none of them; a longer list's tail
    // takes the report less those peers, so it does not wait rounds for the reporter to catch up.
    if (!pong.successors.slice(0, NAMED_SUCCESSORS).every(believable)) return;
    const reported = pong.successors.filter(believable);
    const closer = pong.predecessor !== null && believable(pong.predecessor) ? pong.predecessor : null;
    let next: PeerId[];
    if (closer !== null && closer !== this.id && closer !== first && between(this.id, closer, first)) {
      next = fillSuccessors(this.id, [closer, first, ...reported], this.count);
    } else {
      next = fillSuccessors(this.id, [first, ...reported], this.count);
    }
    const proposal = next.join(',');
    if (proposal === this.successors.join(',')) {
      this.stabilizing = undefined;
      return;
    }
    if (sameHead(next, this.successors)) return this.setTail(next, out);
    // Only a report seen twice in a row: a join or departure under way reports a change a moment
    // before its own message (Successor Change, Departure) arrives and says it, with its lines.
    if (this.stabilizing !== proposal && !this.dropsOnlyUnproven(next)) {
      this.stabilizing = proposal;
      return;
    }
    this.stabilizing = undefined;
    this.setSuccessors(next, now, out);
  }

  /**
   * Fast repair (lists longer than the original's): a report that only drops successors that never answered this peer
   * (taken in a repair from a report older than their death) and adds peers after every one it keeps is no join or
   * departure under way (those peers answered), so it is taken at once, not on a second report a round later.
   */
  private dropsOnlyUnproven(next: readonly PeerId[]): boolean {
    if (this.count <= NAMED_SUCCESSORS) return false;
    const kept = new Set(next.filter((p) => this.successors.includes(p)));
    const dropped = this.successors.filter((p) => p !== this.id && !kept.has(p));
    if (dropped.length === 0 || dropped.some((p) => this.known.get(p)?.answered !== false)) return false;
    let lastKept = -1;
    next.forEach((p, i) => {
      if (kept.has(p)) lastKept = i;
    });
    return next.every((p, i) => kept.has(p) || i > lastKept);
  }

  // --- SWIM: indirect probes, suspicion and refutation ---------------------------------------

  /**
   * The peers asked to probe `target` (and told of a suspicion of it): the successors that answer, then the
   * predecessors (they pinged lately), then the other successors; never the target, this peer, or a peer gone. At most k.
   */
  private helpers(target: PeerId): PeerId[] {
    const answering = this.successors.filter((p) => {
      const state = this.known.get(p);
      return state?.answered === true && state.misses === 0 && state.unansweredSeq === 0;
    });
    const candidates = [...answering, ...this.predecessors, ...this.successors];
    const chosen: PeerId[] = [];
    for (const p of candidates) {
      if (chosen.length >= this.config.indirectProbes) break;
      if (p === null || p === this.id || p === target || this.gone?.has(p) === true || chosen.includes(p)) continue;
      chosen.push(p);
    }
    return chosen;
  }

  /** Asks each helper to ping `target` for this peer (quietly: the original has no line for it). */
  private probeIndirectly(target: PeerId, out: Effect[]): void {
    const seq = this.known.get(target)?.unansweredSeq ?? 0;
    for (const helper of this.helpers(target))
      out.push({
        type: 'send',
        to: helper,
        transport: 'udp',
        message: { type: 'indirectProbe', target, requester: this.id, seq },
      });
  }

  /**
   * A successor missed a round, indirect probes included: it is suspected. It is told (alive, it refutes at once over
   * TCP, which the loss of datagrams does not stop), and so are the helpers, which watch it too.
   */
  private suspect(target: PeerId, state: SuccessorState, out: Effect[]): void {
    if (this.config.indirectProbes === 0) return; // the original's detection: misses only
    state.suspected = state.incarnation;
    state.told ??= this.helpers(target);
    const suspicion: Suspect = { type: 'suspect', peer: target, incarnation: state.incarnation };
    for (const peer of [target, ...state.told]) this.send(peer, suspicion, out);
  }

  /** A successor answered (or refuted) at `incarnation`: its suspicion here is over. */
  private heardAlive(state: SuccessorState, incarnation: number): void {
    state.incarnation = Math.max(state.incarnation, incarnation);
    state.suspected = undefined;
  }

  onIndirectProbe(from: PeerId, probe: IndirectProbe, out: Effect[]): void {
    // As with pings, a peer outside a ring does not answer: the peers that list it declare it gone.
    if (!this.joined || this.departed) return;
    if (probe.target === this.id) {
      const ack: IndirectAck = {
        type: 'indirectAck',
        target: this.id,
        requester: probe.requester,
        seq: probe.seq,
        incarnation: this.incarnation,
      };
      out.push({ type: 'send', to: from, transport: 'udp', message: ack });
    } else if (probe.requester === from && from !== this.id) {
      out.push({ type: 'send', to: probe.target, transport: 'udp', message: probe }); // a helper: passed on as it is
    }
  }

  onIndirectAck(from: PeerId, ack: IndirectAck, out: Effect[]): void {
    if (ack.requester !== this.id) {
      // A helper: the target's answer goes back to the peer that asked.
      if (from === ack.target && from !== this.id)
        out.push({ type: 'send', to: ack.requester, transport: 'udp', message: ack });
      return;
    }
    const state = this.successors.includes(ack.target) ? this.known.get(ack.target) : undefined;
    if (state === undefined) return; // no longer a successor
    // Any answer proves the peer alive, as a ping response does (but it brings no list and no round trip time).
    const missed = state.misses;
    state.unansweredSeq = 0;
    state.misses = 0;
    state.answered = true;
    delete state.graceUntil;
    this.heardAlive(state, ack.incarnation);
    if (missed > 0) out.push({ type: 'emit', line: lines.pingRecovered(ack.target, missed) });
  }

  onSuspect(from: PeerId, suspicion: Suspect, now: number, out: Effect[]): void {
    if (suspicion.peer === this.id) {
      // Suspected while alive: refuted with an incarnation above the suspected one, to the suspecter and the peers
      // that ping this one (its predecessors), which watch it too.
      // One the wire could not refute (uint32): never an incarnation this peer had.
      if (!this.joined || this.departed || suspicion.incarnation >= 2 ** 32 - 1) return;
      if (suspicion.incarnation >= this.incarnation) this.incarnation = suspicion.incarnation + 1;
      const alive: Alive = { type: 'alive', peer: this.id, incarnation: this.incarnation };
      for (const peer of new Set([from, ...this.predecessors]))
        if (peer !== null && peer !== this.id) this.send(peer, alive, out);
      return;
    }
    const state = this.known.get(suspicion.peer);
    if (state !== undefined && suspicion.incarnation < state.incarnation) return; // refuted already
    const suspicions = (this.suspicions ??= new Map());
    // Forgotten after K rounds: by then the suspecter declared it dead or heard it refute.
    const forgetBefore = now - (this.config.pingMissLimit + 1) * this.config.pingIntervalMs;
    for (const [peer, { at }] of suspicions) if (at < forgetBefore) suspicions.delete(peer);
    suspicions.delete(suspicion.peer); // re-inserted last: the map's order is the order heard
    // Bounded, whatever peers send: the oldest suspicion goes first.
    if (suspicions.size >= MAX_HEARD_SUSPICIONS) suspicions.delete(suspicions.keys().next().value!);
    suspicions.set(suspicion.peer, { incarnation: suspicion.incarnation, at: now });
    // A helper that lists it pings its whole list from the next round, so it finds out for itself.
    if (this.count > PINGED_SUCCESSORS && this.successors.includes(suspicion.peer)) this.escalated = true;
  }

  onAlive(from: PeerId, alive: Alive, out: Effect[]): void {
    if (alive.peer === this.id) return;
    const heard = this.suspicions?.get(alive.peer);
    if (heard !== undefined && alive.incarnation > heard.incarnation) this.suspicions!.delete(alive.peer);
    const state = this.successors.includes(alive.peer) ? this.known.get(alive.peer) : undefined;
    if (state === undefined) return;
    // The helpers told of the suspicion hear the refutation too (even when a ping response brought the incarnation first).
    for (const peer of state.told ?? []) if (peer !== from && peer !== alive.peer) this.send(peer, alive, out);
    state.told = undefined;
    if (alive.incarnation <= state.incarnation) return;
    // A refutation: its misses so far were lost datagrams, not a death.
    state.misses = 0;
    state.unansweredSeq = 0;
    this.heardAlive(state, alive.incarnation);
  }

  // --- join ---------------------------------------------------------------------------------

  /** This peer (not yet in a ring) asks `via` to place it. */
  join(op: number, via: PeerId, now: number, out: Effect[]): void {
    const seconds = this.config.joinTimeoutMs / 1000;
    if (
      !this.ops.open(op, 'join', `via ${via}`, now, out, {
        ms: this.config.joinTimeoutMs,
        // Silence looks the same whatever its cause: each is named, so the user knows what to check.
        error: `Peer ${via} did not answer the join request within ${seconds} s: it may be down, unreachable at the address used, or on another ring secret`,
      })
    )
      return;
    if (this.joined)
      return this.ops.finish(
        op,
        { ok: false, code: 'ALREADY_IN_RING', error: `Peer ${this.id} is already in a ring` },
        now,
        out,
      );
    if (via === this.id)
      return this.ops.finish(
        op,
        { ok: false, code: 'BAD_PEER', error: `Peer ${this.id} cannot join through itself` },
        now,
        out,
      );
    this.joining = { op, via, until: now + this.config.joinTimeoutMs };
    this.send(via, { type: 'joinRequest', newcomer: this.id, hops: 0 }, out);
  }

  /** `from`: the peer that sent it (the newcomer, or a peer passing it on; none when a refused hop is sent again). */
  onJoinRequest(request: JoinRequest, now: number, out: Effect[], from?: PeerId): void {
    const newcomer = request.newcomer;
    if (!this.joined) return this.joinOutsideRing(request, from, now, out);
    const alreadyIn = this.alreadyIn(newcomer);
    // A successor that asks to join while it does not answer this peer's pings (it never did since this peer started,
    // or its latest rounds went unanswered) has restarted: its old place is given up, and it joins as a newcomer. One
    // that answers is in the ring: a second peer with its id is refused.
    const listed = this.known.get(newcomer);
    if (
      this.successors.includes(newcomer) &&
      newcomer !== this.id &&
      (listed === undefined || !listed.answered || listed.misses > 0)
    ) {
      this.markGone(newcomer, now, false);
      this.peers.gone(newcomer);
      this.repairSuccessors(now, out);
    }
    if (newcomer === this.id || this.successors.includes(newcomer)) {
      this.send(newcomer, { type: 'joinRefused', reason: alreadyIn }, out);
      return;
    }
    const next = this.successors[0]!;
    if (!between(this.id, newcomer, next)) {
      if (request.hops >= spaceSize(this.config.idBits)) return; // went all the way round: a broken ring; the newcomer's deadline says so
      let hop = this.peers.towards?.(newcomer, now) ?? next;
      // Past the newcomer's place (the peer before it is avoided): to the first successor all the same, one hop nearer.
      if (hop !== newcomer && between(this.id, newcomer, hop)) hop = next;
      if (hop === newcomer) {
        // A finger of this peer: the ring still lists it.
        this.send(newcomer, { type: 'joinRefused', reason: alreadyIn }, out);
        return;
      }
      out.push({
        type: 'emit',
        line: hop === next ? lines.joinForwarded(newcomer, hop) : lines.joinForwardedTo(newcomer, hop),
      });
      this.send(hop, { ...request, hops: request.hops + 1 }, out);
      return;
    }
    // The newcomer's place is between this peer and its first successor.
    if (this.leaving !== undefined) return this.joinWhileLeaving(request, out);
    out.push({ type: 'emit', line: lines.joinReceived(newcomer) });
    const previous = this.successors;
    this.send(newcomer, { type: 'joinAccepted', successors: this.listForNewcomer(newcomer, previous) }, out);
    this.setSuccessors(afterJoin(this.id, previous, newcomer, this.count), now, out);
    const change: SuccessorChange = {
      type: 'successorChange',
      origin: this.id,
      successors: [...this.successors],
      hops: 0,
    };
    const predecessor = this.predecessors[0];
    if (previous[0] === this.id) return; // it was alone: its predecessor is now the newcomer, which knows its list
    if (predecessor !== null && predecessor !== this.id) this.send(predecessor, change, out);
    else this.send(previous[0]!, { ...change, hops: 1 }, out); // not known yet: ask along the ring
  }

  /** The refusal of a newcomer whose id the ring lists and that answers its pings. */
  private alreadyIn(newcomer: PeerId): string {
    return `Peer ${newcomer} is already in the ring (if it restarted, the ring notices within ${this.config.pingMissLimit} missed pings: join again then)`;
  }

  /**
   * A newcomer whose place is just after this peer, while its departure is under way: placed here, it would be skipped
   * by the predecessors, which put this peer's successors in its place (review29b: for two ping rounds, until
   * stabilisation found it). Passed back to a predecessor told of the departure (on that connection the departure went
   * first, so it no longer lists this peer), which places it between itself and this peer's successor. Once per
   * newcomer: back again with more hops (a bounce), or with no told predecessor to take it, it is refused with what
   * to do.
   */
  private joinWhileLeaving(request: JoinRequest, out: Effect[]): void {
    const state = this.leaving!;
    const newcomer = request.newcomer;
    const before = passedBefore(state.passedBack, request);
    if (before === 'copy') return;
    // The first predecessor if it was told; the second if the first slot is empty (it is leaving too, or it was not
    // known: the departure walks on to it from the second, on the connection the join then takes). A first that did not
    // hear the departure would send the join back here, and a told peer no slot holds is leaving or has left: refused.
    const [first, second] = this.predecessors;
    const to = first !== null ? first : second;
    if (to !== null && state.told.includes(to) && to !== newcomer && before === 'first') {
      this.passJoinBack((state.passedBack ??= new Map()), request, to, out);
      return;
    }
    const reason = `Peer ${this.id} is leaving the ring: join again in a moment, or through another peer`;
    this.send(newcomer, { type: 'joinRefused', reason }, out);
  }

  /** Sends a join back to `to` (a peer that places the newcomer), once per newcomer: `passed` keeps the hops it went with. */
  private passJoinBack(passed: Map<PeerId, number>, request: JoinRequest, to: PeerId, out: Effect[]): void {
    passed.set(request.newcomer, request.hops);
    out.push({ type: 'emit', line: lines.joinSentOn(request.newcomer, to) });
    this.send(to, { ...request, hops: request.hops + 1 }, out);
  }

  /**
   * A join request while this peer is in no ring. Passed on by the peer this one joins through, which still listed it (it
   * restarted and is joining again; hosts 471: 23 passed 8's join to 6 just before it placed 6): back to that peer at
   * once, which has taken this one's own join request first (one connection keeps their order) and now places the
   * newcomer; once per newcomer while this join lasts, the second time it is refused. Not held: nothing here waits for
   * this peer's own join. From any other peer it is refused with what to do: sent to the peer this one joins through,
   * it might go round the ring again to its place (hosts 8199, 0 passed 2's join to 8, past 2: a hop bound broken).
   */
  private joinOutsideRing(request: JoinRequest, from: PeerId | undefined, now: number, out: Effect[]): void {
    const { newcomer, hops } = request;
    const joining = this.joining;
    const fromVia = hops > 0 && joining !== undefined && from === joining.via && now < joining.until;
    const before = fromVia ? passedBefore(joining.passed, request) : undefined;
    if (before === 'copy') return;
    if (fromVia && newcomer !== this.id && before === 'first') {
      this.passJoinBack((joining.passed ??= new Map()), request, joining.via, out);
      return;
    }
    const reason =
      hops > 0
        ? `passed on to Peer ${this.id}, which the ring still lists but which is not in it now: join again in a moment, or through another peer`
        : `Peer ${this.id} is not in a ring yet: join through a peer that is in the ring`;
    this.send(newcomer, { type: 'joinRefused', reason }, out);
  }

  /**
   * The successor list handed to a newcomer placed after this peer: this peer's successors, less those silent here
   * (they missed a round: crashed, perhaps, and not declared gone yet), filled from what its successors last reported.
   * A newcomer handed only silent peers knows no live successor: as a key's new peer it walked to no holder, while the
   * key's third holder, past them, was live (restarts 10009: 8 was given [11, 12], both crashed, and answered NOT_FOUND).
   * A live peer left out (a false suspicion) is found again by the newcomer's stabilisation, through its successor's
   * predecessor. With none verified, the list as before.
   */
  private listForNewcomer(newcomer: PeerId, previous: readonly PeerId[]): PeerId[] {
    const plain = newcomerList(newcomer, this.id, previous, this.count);
    const silent = (p: PeerId) => p !== this.id && this.silent(p);
    if (!previous.some(silent)) return plain;
    const reported = previous.flatMap((p) => this.known.get(p)?.reported ?? []);
    const verified = [...previous, ...reported].filter((p) => p !== newcomer && !silent(p));
    if (verified.every((p) => p === this.id)) return plain;
    return fillSuccessors(newcomer, [...ringOrder(newcomer, verified, this.config.idBits), this.id], this.count);
  }

  onJoinAccepted(from: PeerId, successors: PeerId[], now: number, out: Effect[]): void {
    const joining = this.joining;
    if (joining === undefined) return;
    this.joining = undefined;
    // Too late: staying out is what the user was told; the peer that placed it finds it silent and closes the ring again.
    if (now >= joining.until) return;
    out.push({ type: 'emit', line: lines.joinAccepted() });
    this.pingedFromBehindAt = now;
    // The peer that placed it lists it first: its first predecessor, as its first ping will say. Known at once, a
    // request sent back here as the key's peer (a copy keeper's, Lookup.holds) is served here, not passed on round the
    // ring meanwhile (disk 2887: 22 rejoined through 12 and, with no first predecessor yet, sent 29's request for key 15
    // on to 28; it came back round the ring and walked the holders on hop 11 in a ring of 7: hopBound).
    if (from !== this.id) this.takePredecessor(0, from, now);
    this.setSuccessors(fillSuccessors(this.id, successors, this.count), now, out, true);
    this.ops.finish(joining.op, { ok: true, holder: from, hops: 0 }, now, out);
  }

  /** `from` holds predecessor slot `slot` (0: first), heard from now; never both slots (a ring of two pings with rank 1 only: the other was stale). */
  private takePredecessor(slot: 0 | 1, from: PeerId, now: number): void {
    this.predecessors[slot] = from;
    this.lastPredecessors[slot] = from;
    this.predecessorSeenAt[slot] = now;
    const other = slot === 0 ? 1 : 0;
    if (this.predecessors[other] === from) this.predecessors[other] = null;
  }

  onJoinRefused(reason: string, now: number, out: Effect[]): void {
    const joining = this.joining;
    if (joining === undefined) return;
    this.joining = undefined;
    out.push({ type: 'emit', line: lines.joinRefused(reason) });
    this.ops.finish(joining.op, { ok: false, code: 'JOIN_REFUSED', error: `join refused: ${reason}` }, now, out);
  }

  onSuccessorChange(change: SuccessorChange, now: number, out: Effect[]): void {
    if (this.successors[0] === change.origin && change.origin !== this.id) {
      out.push({ type: 'emit', line: lines.successorChangeReceived(change.origin) });
      this.setSuccessors(fillSuccessors(this.id, [change.origin, ...change.successors], this.count), now, out);
      return;
    }
    // Not the origin's first predecessor (the origin's knowledge was stale, or missing): the
    // real one lies ahead along the ring, so it goes on until it gets there.
    this.walkSuccessorChange(change, now, out);
  }

  /**
   * On towards the origin's first predecessor. `down`: the hop this peer sent the walk to refused it (a finger that has
   * left, or the first successor, crashed and not declared gone yet: the next one takes its place); it goes another
   * way, or the origin's predecessor keeps its old list until stabilisation (restarts seeds 394, 809).
   */
  walkSuccessorChange(change: SuccessorChange, now: number, out: Effect[], down?: PeerId): void {
    const next = this.nextPast(down, now);
    if (next === undefined || next === this.id || between(this.id, change.origin, next)) return;
    if (change.origin !== this.id && this.joined && change.hops < spaceSize(this.config.idBits)) {
      const { to, hops } = this.walkHop(this.walkTowards(change.origin, next, now), next, change.hops, down);
      this.send(to, { ...change, hops }, out);
    }
  }

  /**
   * A walk's hop and its count: not back to `down`, the hop that refused it (`next` instead); sent again after a
   * refusal, the hop not taken is not counted (the hop bound is of peers the walk passed).
   */
  private walkHop(hop: PeerId, next: PeerId, hops: number, down: PeerId | undefined): { to: PeerId; hops: number } {
    return { to: hop === down ? next : hop, hops: down === undefined ? hops + 1 : hops };
  }

  /**
   * A walk's next peer: the first successor, or after a refusal the first successor that neither refused nor is avoided
   * (each refusal shuns its peer, so a walk never goes back to one and ends once every successor refused). Not the one
   * after the refusing successor: a finger walk may have skipped to a later successor, and the earlier ones are live.
   */
  private nextPast(down: PeerId | undefined, now: number): PeerId | undefined {
    if (down === undefined) return this.successors[0];
    return this.successors.find((s) => s !== this.id && s !== down && this.peers.avoids?.(s, now) !== true);
  }

  /**
   * A walk's next hop towards the peers just before `id`: as a lookup of `id` would go (fingers: O(log N) hops, not one
   * peer a hop), never to `id` itself or past it; along the ring where routing knows nothing nearer.
   */
  private walkTowards(id: PeerId, next: PeerId, now: number): PeerId {
    const hop = this.peers.towards?.(id, now) ?? next;
    return hop === id || hop === this.id || between(this.id, id, hop) ? next : hop;
  }

  // --- graceful departure -------------------------------------------------------------------

  /** Tells the predecessors to put this peer's successors in its place; leaves once they confirmed (or after a bound). */
  quit(op: number, now: number, out: Effect[]): void {
    if (this.leaving !== undefined || !this.ops.open(op, 'quit', '', now, out)) return;
    const departure: Departure = {
      type: 'departure',
      leaving: this.id,
      successors: [...this.successors],
      hops: 0,
      rank: 0,
    };
    const others = this.pingTargets();
    const told = this.predecessors.filter((p): p is PeerId => p !== null && p !== this.id);
    this.leaving = { op, done: false, departure, told };
    out.push({ type: 'cancel', timer: PING_TIMER });
    out.push({ type: 'cancel', timer: PING_TIMEOUT_TIMER });
    if (others.length === 0) return this.departureDone(now, out); // alone (or never joined): nobody to tell
    // Its successors stop taking it for their predecessor, so its predecessors' pings can take the slot at once.
    for (const s of others) this.send(s, { type: 'leaving', peer: this.id }, out);
    const [first, second] = this.predecessors;
    if (first !== null && first !== this.id) {
      const toSecond = second !== null && second !== this.id && second !== first;
      // A second predecessor not known yet (its first ping has not reached this peer): the first passes it on.
      this.send(first, { ...departure, rank: 1, ...(toSecond ? {} : { passOn: true }) }, out);
      if (toSecond) this.send(second, { ...departure, rank: 2 }, out);
    } else if (second !== null && second !== this.id) {
      // The first is not known (it left before this peer, or its ping has not come): from the second, along the ring.
      // The second is often the first by now (the first's departure moved it up), so it passes the departure on.
      this.send(second, { ...departure, hops: 1, passOn: true }, out);
    } else {
      // Neither known yet: ask along the ring (its fingers may pass the second: the first then passes it on).
      this.send(others[0]!, { ...departure, hops: 1, passOn: true }, out);
    }
    out.push({ type: 'schedule', timer: QUIT_TIMER, at: now + this.config.departTimeoutMs });
  }

  /**
   * Leaving, pinged by a peer that lists this one first or second and was not told: a newcomer whose first ping came
   * after the departure was sent (its first successor, the first predecessor told, knows it and passes nothing on).
   * Told as the rank it pings with; taken as first, it passes the departure on as the first told would (membership
   * seed 2653: 374 joined before 434 and listed it second; 434 told 378 and 365, and 374 dropped 434 unsaid).
   */
  private tellLatePredecessor(from: PeerId, rank: 1 | 2, out: Effect[]): void {
    const state = this.leaving;
    if (state === undefined || state.done || from === this.id || state.told.includes(from)) return;
    state.told.push(from);
    this.send(from, { ...state.departure, rank, ...(rank === 1 ? { passOn: true } : {}) }, out);
  }

  onDeparture(departure: Departure, now: number, out: Effect[]): void {
    const leaving = departure.leaving;
    if (leaving === this.id) return;
    const dropped = this.namedUntil.get(leaving);
    if (
      departure.rank === 2 &&
      !this.successors.includes(leaving) &&
      dropped !== undefined &&
      now - dropped <= this.missSpanMs
    ) {
      // Told directly as its second predecessor, after its first successor's report had already put it out of this
      // list: said here all the same, and not walked on (the first predecessor was told directly too).
      this.namedUntil.delete(leaving);
      out.push({ type: 'emit', line: lines.departing(leaving) });
      this.markGone(leaving, now, false);
      this.peers.gone(leaving);
      return;
    }
    if (this.successors.includes(leaving)) {
      const wasFirst = this.successors[0] === leaving;
      out.push({ type: 'emit', line: lines.departing(leaving) });
      this.markGone(leaving, now, false);
      this.peers.gone(leaving);
      for (const rank of [0, 1] as const) if (this.predecessors[rank] === leaving) this.predecessors[rank] = null;
      // The leaving peer's own list may name peers that left before it without telling it.
      const replacing = departure.successors.filter((p) => this.gone?.has(p) !== true);
      this.setSuccessors(afterDeparture(this.id, this.successors, leaving, replacing, this.count), now, out);
      this.namedUntil.delete(leaving); // said: a second copy of the departure (passed on, duplicated) says nothing
      this.send(leaving, { type: 'departureAck', leaving, first: wasFirst }, out);
      // This peer's first predecessor lists the leaving peer second now, and may not have been told: the leaving peer
      // knew no second predecessor (passOn), took this peer for its second (rank 2: its first had left just before),
      // or this peer knows no first predecessor of its own (it may have left too: held until that one's first ping).
      // Or this peer's first predecessor left lately: the leaving peer may have told that one as its second, its
      // "leaving" not come yet (membership seed 3753: 30 left, 51 heard it first; 90 quit 140 ms later and told 51 and
      // 30, refused, while 2, which listed 90 second after 30's departure, dropped it unsaid).
      const firstLeft = now - this.firstLeftAt <= this.missSpanMs;
      const passing =
        wasFirst && (departure.passOn === true || departure.rank === 2 || this.predecessors[0] === null || firstLeft);
      if (passing) this.passOn(departure, now, out);
      else if (wasFirst) {
        remember(this.saidAsFirst, leaving, { departure, at: now }, PASS_ON_MAX);
      }
      // Leaving too, its own departure already sent: the list it gave its predecessors names this peer's leaving
      // successor, and the leaving one told only this peer and its first predecessor. So they hear it from here (after
      // this peer's own departure on the same connection; a copy to one that said it already says nothing).
      if (this.leaving !== undefined) this.tellLeavingPredecessors(departure, passing, out);
      // The first predecessor is the last peer that needs it; a second predecessor told directly is done too.
      if (wasFirst || departure.rank === 2) return;
    }
    // Not the predecessor the leaving peer took it for (its knowledge was stale), or a walk:
    // the real predecessors lie ahead along the ring, so it goes on until the first one has it.
    this.walkDeparture(departure, now, out);
  }

  /**
   * On towards the leaving peer's first predecessor. Not past the leaving peer: a first successor beyond it means every
   * peer before it has been passed (they dropped it already, or the walk was a late copy), and on a 32-bit ring the hop
   * bound alone would let it go round for good. `down`: the hop this peer sent the walk to refused it (a finger that has
   * left: the machine forgot it first, or the first successor, crashed and not declared gone yet: the next one takes its
   * place); it goes another way, or the peers listing the leaving peer never hear it (membership seed 1347).
   */
  walkDeparture(departure: Departure, now: number, out: Effect[], down?: PeerId): void {
    const leaving = departure.leaving;
    const next = this.nextPast(down, now);
    if (next === undefined || next === this.id || between(this.id, leaving, next)) return;
    if (this.joined && departure.hops < spaceSize(this.config.idBits)) {
      const { passOn: _, ...walk } = departure;
      // Sent to a predecessor that was not (stale knowledge): the real ones are near, along the ring.
      const hop = departure.rank === 0 ? this.walkTowards(leaving, next, now) : next;
      // A walk on a finger may pass the second predecessor by, and a peer that lists the leaving peer second may not be
      // its second predecessor (a newcomer between it and the first that it does not know yet): the first passes it on.
      const { to, hops } = this.walkHop(hop, next, departure.hops, down);
      this.send(to, { ...walk, rank: 0, hops, passOn: true }, out);
    }
  }

  /**
   * `down` refused the connection (crashed, not declared gone yet) for a walked departure or successor change, or for
   * this peer's own sent along the ring (it knew no first predecessor; to its predecessor, refused, there is no one else
   * to tell): it goes on past `down`, or the peers it was for keep their old lists until their pings or stabilisation
   * find out. Anything else refused is not membership's.
   */
  refused(message: Message, down: PeerId, now: number, out: Effect[]): void {
    if (message.type === 'departure' && message.rank === 0) {
      this.peers.shun?.(down, now);
      if (message.leaving !== this.id) this.walkDeparture(message, now, out, down);
      else if (this.leaving?.done === false) this.alongRing({ ...message, passOn: true }, down, now, out);
    } else if (message.type === 'departure' && message.rank === 2 && message.leaving !== this.id) {
      this.passOnPast(message, down, out);
    } else if (message.type === 'successorChange' && message.origin !== this.id) {
      this.peers.shun?.(down, now);
      this.walkSuccessorChange(message, now, out, down);
    } else if (message.type === 'successorChange' && message.hops === 1) {
      this.peers.shun?.(down, now);
      this.alongRing(message, down, now, out);
    } else if (message.type === 'joinRequest' && message.newcomer !== this.id) {
      this.peers.shun?.(down, now);
      this.joinPast(message, down, now, out);
    }
  }

  /**
   * A newcomer's join request refused by `down` (the first successor here, crashed and not declared gone yet; a finger
   * refused is routed another way by the machine): dropped, the newcomer would wait out its deadline and be told the
   * peer it asked did not answer. To the next successor past `down`, as a walk goes, when the newcomer's place lies
   * past that one; refused at once when its place is just after `down` (nobody may place it until `down` is declared
   * gone) or no successor is left.
   */
  private joinPast(request: JoinRequest, down: PeerId, now: number, out: Effect[]): void {
    const newcomer = request.newcomer;
    const next = this.joined ? this.nextPast(down, now) : undefined;
    if (
      next !== undefined &&
      next !== this.id &&
      next !== newcomer &&
      !between(down, newcomer, next) &&
      request.hops < spaceSize(this.config.idBits)
    ) {
      out.push({ type: 'emit', line: lines.joinForwarded(newcomer, next) }); // a successor: the SPEC's words
      this.send(next, { ...request, hops: request.hops + 1 }, out);
      return;
    }
    // The newcomer is itself the next live successor, and answers: a second peer with its id (a restarted one answers
    // no pings, and its place is just after `down`).
    const listed = next === newcomer ? this.known.get(newcomer) : undefined;
    const reason =
      listed?.answered === true && listed.misses === 0
        ? this.alreadyIn(newcomer)
        : `Peer ${down} did not answer on the way (down, and not declared gone yet): join again in a moment`;
    this.send(newcomer, { type: 'joinRefused', reason }, out);
  }

  /** This peer's own departure or successor change, refused by `down`: to the next successor past it (as a walk goes). */
  private alongRing(message: Departure | SuccessorChange, down: PeerId, now: number, out: Effect[]): void {
    const next = this.nextPast(down, now);
    if (next !== undefined && next !== this.id) this.send(next, { ...message, hops: 1 }, out);
  }

  /**
   * To this peer's first predecessor, which lists the leaving peer second now (onDeparture says when it may not have
   * been told): sent now, or held until that one's first ping arrives.
   */
  private passOn(departure: Departure, now: number, out: Effect[], before = this.predecessors[0]): void {
    // Listed again (a held departure whose peer has joined again since): its departure is over.
    if (before === this.id || this.successors.includes(departure.leaving)) return;
    if (before === null) {
      remember(this.passOnLater, departure.leaving, { departure, at: now }, PASS_ON_MAX);
      return;
    }
    if (before !== departure.leaving) this.send(before, toldAsSecond(departure), out);
  }

  /**
   * A departure passed on to this peer's first predecessor (which lists the leaving peer second), refused: that peer
   * left or crashed meanwhile, and the peer before it took its list, the leaving peer second in it. To that one: the
   * first predecessor known now, if it pinged since (the slot moved on from `down`), else the second (membership seed
   * 2025: 23 passed 24's departure to 22, which had just left; 21, given [23, 24] by 22's departure, dropped 24 unsaid).
   */
  private passOnPast(departure: Departure, down: PeerId, out: Effect[]): void {
    const [first, second] = this.predecessors;
    // A refused copy to the second predecessor (tellLeavingPredecessors): the first had its own.
    if (second === down) return;
    const to = first !== null && first !== down ? first : second;
    if (to !== null && to !== down && to !== this.id && to !== departure.leaving)
      this.send(to, { ...departure, hops: departure.hops + 1 }, out);
  }

  /** `passedOn`: the first predecessor has it already (passOn). */
  private tellLeavingPredecessors(departure: Departure, passedOn: boolean, out: Effect[]): void {
    const [first, second] = this.predecessors;
    for (const before of passedOn || second === first ? [second] : [first, second])
      if (before !== null && before !== this.id && before !== departure.leaving)
        this.send(before, toldAsSecond(departure), out);
  }

  /** To `before`, now known as the first predecessor. */
  private passOnHeld(now: number, out: Effect[], before: PeerId): void {
    const since = now - this.missSpanMs;
    for (const { departure, at } of this.passOnLater.values())
      if (at >= since) this.passOn(departure, now, out, before);
    this.passOnLater.clear();
  }

  onDepartureAck(from: PeerId, leaving: PeerId, first: boolean, now: number, out: Effect[]): void {
    const state = this.leaving;
    if (state === undefined || state.done || leaving !== this.id || !first) return;
    // Departures held for a first predecessor whose ping never came: the peer that confirms as the first is that one.
    // It has just taken this peer's list, which passes over the peer held for (membership seeds 320, 917).
    if (this.passOnLater.size > 0) this.passOnHeld(now, out, from);
    // Done once the first predecessor has it: the second was told directly or passed on the way.
    this.departureDone(now, out);
  }

  /** Confirmed by the first predecessor, or the quit timer: the departure is done. */
  departureDone(now: number, out: Effect[]): void {
    const state = this.leaving;
    if (state === undefined || state.done) return;
    state.done = true;
    out.push({ type: 'cancel', timer: QUIT_TIMER });
    out.push({ type: 'emit', line: lines.departed(this.id) });
    this.ops.finish(state.op, { ok: true, holder: this.id, hops: 0 }, now, out);
    out.push({ type: 'leave' });
  }
}

/** The successors the original names in its lines are the same in both lists. */
function sameHead(a: readonly PeerId[], b: readonly PeerId[]): boolean {
  for (let i = 0; i < NAMED_SUCCESSORS; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sets `key` as the newest entry of `map` (re-inserted last), forgetting the oldest beyond `max`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/**
 * Whether a join was passed back for its newcomer before (`passed`: newcomer -> the hops it went with): 'copy', a second
 * copy of that one (duplicated TCP, same hops: it is on its way to be placed, dropped); 'again', back once more (a
 * bounce: refused); 'first', not yet.
 */
function passedBefore(
  passed: ReadonlyMap<PeerId, number> | undefined,
  request: JoinRequest,
): 'first' | 'copy' | 'again' {
  const hops = passed?.get(request.newcomer);
  return hops === undefined ? 'first' : hops === request.hops ? 'copy' : 'again';
}
