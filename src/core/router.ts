// A peer's routing state: the next hop of each lookup, and with finger routing the finger table, its fix-fingers rounds and hop acknowledgements. Pure.
import { FingerTable, fingerStart } from './fingers.ts';
import type { Effect, TimerName } from './io.ts';
import type { FindSuccessor, HopAck, Lookup, SuccessorFound } from './messages.ts';
import { between, distance, spaceSize, type PeerId } from './ring.ts';
import { Fingerprint, RecentKeys } from './recent-keys.ts';
import { nextHop, straightToKeyPeer, type Hop, type Routing } from './routing.ts';

export interface RouterConfig {
  id: PeerId;
  idBits: number;
  routing: Routing;
  /** How often fix-fingers looks up the next finger that its successor does not already give. */
  fingerIntervalMs: number;
  /**
   * A hop not acknowledged within this is taken as lost and the lookup goes another way: the least hop timeout. Where
   * acknowledgements come slower (a loaded machine), the timeout follows them, up to MAX_HOP_TIMEOUT_FACTOR times this.
   */
  hopTimeoutMs: number;
  /** A peer that did not acknowledge a hop is not routed to for this long. */
  avoidMs: number;
  /** How long a lookup passed on is remembered, so that a second copy of it is not passed on too (a few op deadlines). */
  passedOnMs: number;
  /** A command's deadline: no hop timeout is longer (see hopTimeoutMs). */
  opTimeoutMs: number;
  /** The table as built (the simulator's static rings); learned otherwise. */
  fingers?: readonly PeerId[];
  /** A peer heard from within this is heard from lately (backTowards): one ping interval, in which a predecessor pings. */
  lateMs: number;
}

/** What the router needs of its machine. */
export interface RouterHost {
  successors(): readonly PeerId[];
  /** The peers that ping this one, nearest first (null: not known yet). */
  predecessors(): readonly (PeerId | null)[];
  joined(): boolean;
  /** A lookup whose hop to `unreachable` was not acknowledged (or refused): route it again from here, another way. */
  reroute(lookup: Lookup, unreachable: PeerId, now: number, out: Effect[]): void;
  /** The answer to a find(): `successor` is responsible for `target`. */
  found(target: number, successor: PeerId, now: number, out: Effect[]): void;
  /** A peer whose predecessors went quiet looks for the peer before it (lookBehind): its find passes here. */
  behind?(origin: PeerId, predecessors: readonly PeerId[], now: number, out: Effect[]): void;
}

/** Finds under way for other parts of the machine (not fix-fingers); the oldest are forgotten past this. */
const MAX_FINDS = 256;
/** Lookups passed on lately that a peer remembers (slots of 16 bytes); the oldest are forgotten past this. */
const MAX_PASSED_ON = 8192;
/** The hop timeout follows slow acknowledgements up to this many times the configured one. */
const MAX_HOP_TIMEOUT_FACTOR = 8;
/** Hops that timed out whose late acknowledgements still count as samples of how long one takes; the oldest are forgotten past this. */
const MAX_LATE = 256;
/** Successor routing: peers heard from or of lately that a lookup may detour through when no successor answers. */
const MAX_HEARD = 32;

const FINGER_TIMER: TimerName = { kind: 'fingers' };
const hopTimer = (ack: number): TimerName => ({ kind: 'hop', ack });

type Routed = Lookup | FindSuccessor;

const NO_PEERS: ReadonlySet<PeerId> = new Set();

/**
 * `message` less the hop number it arrived with: itself when it has none (a lookup the machine just made, as at its
 * origin), a copy otherwise. Messages are never changed once made, so the same object may be both sent and kept.
 */
function withoutAck<T extends Routed>(message: T): T {
  if (!('ack' in message)) return message;
  const { ack: _ack, ...plain } = message;
  return plain as T;
}

/**
 * Whether a request routed from `origin` and stuck before its key may be sent past the key to `peer`: it lies nearer
 * the key (clockwise from it) than the origin. The route came from the origin, so a peer past the origin lies on the
 * route already taken: sent back there (a peer's own predecessor, when it knows no other), the request walked back
 * over it one known peer at a time, a whole ring past the hop bound (partitions 4004: hop 28 in a ring of 25). The
 * origin, told that the way was cut, retries from where it is, with the peers it knows near the key.
 */
export function pastKeyWithin(key: number, peer: PeerId, origin: PeerId, size: number): boolean {
  return distance(key, peer, size) < distance(key, origin, size);
}

export class Router {
  readonly table: FingerTable | undefined;
  private fixIndex = 0;
  private fixSeq = 0;
  private fixing?: { seq: number; index: number };
  private ackSeq = 0;
  /** Hops (every lookup's, and fix-fingers' to a finger) not acknowledged yet: what to route again if they never are. */
  private readonly unacked = new Map<number, { to: PeerId; message: Routed; sentAt: number }>();
  /** Hops that timed out, by ack: when they were sent (an acknowledgement that comes late says how slow hops are now). */
  private readonly late = new Map<number, { to: PeerId; sentAt: number }>();
  /** Smoothed round trip of a hop and its variation (RFC 6298's estimator), once a hop has been acknowledged. */
  private rtt?: { smoothed: number; variation: number };
  private readonly avoid = new Map<PeerId, number>(); // -> until when
  /** Finds asked by find(), by seq: their targets. */
  private readonly finds = new Map<number, { target: number; at: number }>();
  /** Lookups this peer passed on, by what makes one lookup (see passedOnBefore), each until it expires. */
  private readonly passedOn = new RecentKeys(MAX_PASSED_ON);
  /** Successor routing: the last MAX_HEARD peers heard from or of, most recent last (fingers keep their own table). */
  private readonly heard = new Set<PeerId>();
  /** The last MAX_HEARD peers that sent this one a message, most recent last: when (backTowards). */
  private readonly lastHeard = new Map<PeerId, number>();

  constructor(
    private readonly config: RouterConfig,
    private readonly host: RouterHost,
  ) {
    if (config.routing === 'finger') this.table = new FingerTable(config.id, config.idBits, config.fingers);
  }

  get id(): PeerId {
    return this.config.id;
  }

  /** Finger routing: the first fix-fingers tick (a statically built table waits one interval). */
  start(now: number, out: Effect[]): void {
    if (this.table === undefined) return;
    out.push({
      type: 'schedule',
      timer: FINGER_TIMER,
      at: this.config.fingers === undefined ? now : now + this.config.fingerIntervalMs,
    });
  }

  /**
   * Where a lookup for `key` goes from here; undefined when this peer serves it. Successors that did not acknowledge a
   * hop are passed over (as they will be once declared dead), so a lookup never waits for a death to be declared.
   * `straight` (a store's or request's lookup, on fingers): a key within the successor list goes straight to its peer
   * (straightToKeyPeer); not fix-fingers' finds nor a join's way to its place, whose answers must be the peer before.
   */
  next(key: number, final: boolean, now: number, straight = false): Hop | undefined {
    if (final) return undefined;
    const successors = this.liveSuccessors(now);
    if (this.table === undefined) return nextHop(this.id, key, successors, this.config.idBits);
    if (straight && !between(this.id, key, successors[0] ?? this.id)) {
      const hop = straightToKeyPeer(this.id, key, successors, this.config.idBits);
      if (hop !== undefined) return hop;
    }
    // No set of the avoided made when none is (most lookups): a lookup's hop is on every get's path, cold.
    return nextHop(
      this.id,
      key,
      successors,
      this.config.idBits,
      successors.concat(this.table.peers()),
      this.avoid.size === 0 ? NO_PEERS : new Set(this.avoid.keys()),
    );
  }

  /**
   * Whether `lookup`, arrived to be passed on, was passed on by this peer already: its sender, or a peer before it,
   * took a hop's acknowledgement as lost and sent it another way too, while the slow copy went on. Passed on again, the
   * lookup would fork, and on a busy ring forks of forks flood it. A lookup is its origin, op, kind and name (a peer's
   * op numbers start again with its process: the name keeps a new command from passing for an old one), the holder it
   * has reached (attempt), the requester's retry, whether it carries a kept copy's version and whether it is asked
   * again after a stale copy: a request sent again afresh differs in one.
   * Otherwise it is remembered now. `as`: passed on along the route, sent on a detour (once is all it may), or served
   * here (as the key's peer: served, or walked to its replicas, once).
   */
  passedOnBefore(lookup: Lookup, now: number, as: 'route' | 'detour' | 'served' = 'route'): boolean {
    const print = new Fingerprint()
      .number(lookup.origin)
      .number(lookup.op)
      .string(lookup.kind)
      .string(lookup.name)
      .number(lookup.attempt)
      .number(lookup.retry ?? 0)
      .number((lookup.holds === undefined ? 0 : 1) | (lookup.stale === true ? 2 : 0))
      .string(as);
    const first = print.value();
    const until = now + this.config.passedOnMs;
    if (lookup.also !== true) return this.passedOn.seenBefore(first, now, until);
    // A request's marked second copy: dropped where the first passed already, and remembered apart, so that the first,
    // come after it, is not taken for it (it would be dropped, and the second ends silently: no report of that way).
    return this.passedOn.has(first, now) || this.passedOn.seenBefore(print.string('also').value(), now, until);
  }

  /**
   * The successor list less the peers that did not acknowledge a hop lately (all of it when that leaves none but this
   * peer: a peer whose only other successors are silent is not alone, and serving every key itself would take stores
   * and answer requests for keys it does not hold; its lookups go to a silent successor and are sent again. Hosts 3044:
   * 44's successors 47 and 58 crashed and were rejoining; with 58 declared gone its list was [47, 44], and with 47
   * avoided a store of key 109 landed on 44).
   */
  liveSuccessors(now: number): readonly PeerId[] {
    const successors = this.host.successors();
    if (this.avoid.size === 0) return successors;
    for (const [peer, until] of this.avoid) if (until <= now) this.avoid.delete(peer);
    const live = successors.filter((s) => !this.avoid.has(s));
    return live.some((s) => s !== this.id) ? live : successors;
  }

  /** The nearest successor that has not failed to acknowledge a hop lately; undefined when there is none. */
  firstLive(now: number): PeerId | undefined {
    return this.host.successors().find((s) => s !== this.id && !this.avoids(s, now));
  }

  /** The first of `peers` after `after` (from the start when it is not among them) that has not failed to acknowledge a hop lately. */
  nextLive(peers: readonly PeerId[], after: PeerId, now: number): PeerId | undefined {
    return peers.slice(peers.indexOf(after) + 1).find((p) => p !== this.id && !this.avoids(p, now));
  }

  /**
   * Whether a final hop to `to` passes over successors at or past `key` that this peer avoids (they missed a hop lately):
   * `to` is the key's peer only by the list less them. They may be its holders, cut off a moment ago and reachable
   * again (partitions 5076: a heal 13 ms before; `to` walked its own successors and the request failed NOT_FOUND).
   */
  passesOver(key: number, to: PeerId, now: number): boolean {
    const successors = this.host.successors();
    const at = successors.indexOf(to);
    return successors
      .slice(0, at < 0 ? successors.length : at)
      .some((s) => s !== this.id && between(this.id, key, s) && this.avoids(s, now));
  }

  /** Whether every successor (other than this peer) failed to acknowledge a hop lately: no way on from here. */
  noWayOn(now: number): boolean {
    const others = this.host.successors().filter((s) => s !== this.id);
    return others.length > 0 && others.every((s) => this.avoids(s, now));
  }

  /**
   * Whether a peer strictly between `from` and `to` failed to acknowledge a hop lately (any peer but them when they are
   * one: a walk that ended at the peer it began at passed over every successor).
   */
  avoidsBetween(from: PeerId, to: PeerId, now: number): boolean {
    for (const [peer, until] of this.avoid)
      if (until > now && peer !== from && peer !== to && between(from, peer, to)) return true;
    return false;
  }

  /** Whether `peer` failed to acknowledge a hop lately. */
  avoids(peer: PeerId, now: number): boolean {
    const until = this.avoid.get(peer);
    return until !== undefined && until > now;
  }

  /**
   * Sends a routed message on its hop. Every lookup's hop asks for an acknowledgement (along successors too), and so
   * does a fix-fingers hop to a finger: a hop not acknowledged within the hop timeout goes another way.
   */
  forward(message: Routed, before: Routed, to: PeerId, now: number, out: Effect[]): void {
    const plain = withoutAck(message);
    if (message.type !== 'lookup' && (this.table === undefined || to === this.host.successors()[0])) {
      out.push({ type: 'send', to, transport: 'tcp', message: plain });
      return;
    }
    const ack = ++this.ackSeq;
    // A lookup is kept as sent (its host undoes the hop when it routes it again); a find as it was before the hop.
    this.unacked.set(ack, { to, message: message.type === 'lookup' ? plain : withoutAck(before), sentAt: now });
    // Object.assign, not `{ ...plain, ack }`: V8 (Node 20) makes a spread that adds a key 2-3 µs and a new hidden
    // class per object once optimised, which every later reader of the message then meets (bench/README.md, get28).
    out.push({ type: 'send', to, transport: 'tcp', message: Object.assign({}, plain, { ack }) });
    out.push({ type: 'schedule', timer: hopTimer(ack), at: now + this.hopTimeoutMs() });
  }

  /**
   * How long a hop may go unacknowledged: the configured timeout, or longer where acknowledgements have been coming
   * slower (smoothed round trip plus four times its variation, as TCP's retransmission timeout), so a loaded machine's
   * slow but live peers are not taken for lost, and their lookups not forked round them.
   */
  hopTimeoutMs(): number {
    const least = this.config.hopTimeoutMs;
    // However slow acknowledgements have been, never past the command's deadline (a busy ring's grew to 8 times the
    // least, past a 2.2 s deadline: stalls 15). Shorter shares (a quarter, a third) were tried: they took more live but
    // busy peers for lost and forked lookups round them (stalls 1100, 1334, 1357, 1498 broke `forks`). A lookup gets its
    // other way from its requester instead, within a third of the deadline (PeerMachine.watch).
    const most = Math.min(least * MAX_HOP_TIMEOUT_FACTOR, this.config.opTimeoutMs);
    if (this.rtt === undefined) return Math.min(least, most);
    const followed = this.rtt.smoothed + 4 * this.rtt.variation;
    return Math.min(Math.max(least, followed), most);
  }

  /**
   * How long a lookup of `key` sent from here should take to be answered, as far as this peer can tell: its hops (along
   * successors, one per peer up to the key, as the spacing of its successor list suggests; on fingers, log2 of the
   * peers), each a hop's round trip as acknowledgements have measured it (a quarter of the hop timeout before any),
   * and `extraHops` more (the walk over the key's holders, the answer), plus two hop timeouts for peers gone on the way.
   */
  routeMs(key: number, extraHops: number): number {
    const size = spaceSize(this.config.idBits);
    const others = this.host.successors().filter((s) => s !== this.id);
    const last = others.at(-1);
    const spacing = last === undefined ? size : Math.max(1, distance(this.id, last, size) / others.length);
    const hops =
      this.table === undefined
        ? Math.ceil(distance(this.id, key, size) / spacing)
        : Math.ceil(Math.log2(Math.max(2, size / spacing)));
    const hopMs = this.rtt?.smoothed ?? this.config.hopTimeoutMs / 4;
    return (hops + extraHops) * hopMs + 2 * this.hopTimeoutMs();
  }

  /** One hop's round trip, acknowledged in time or late. */
  private sampled(ms: number): void {
    if (this.rtt === undefined) this.rtt = { smoothed: ms, variation: ms / 2 };
    else {
      this.rtt.variation = 0.75 * this.rtt.variation + 0.25 * Math.abs(this.rtt.smoothed - ms);
      this.rtt.smoothed = 0.875 * this.rtt.smoothed + 0.125 * ms;
    }
  }

  /** A routed message arrived: acknowledge its hop when the sender asked. */
  acknowledge(from: PeerId, message: Routed, out: Effect[]): void {
    if (message.ack !== undefined && message.ack > 0)
      out.push({ type: 'send', to: from, transport: 'tcp', message: { type: 'hopAck', ack: message.ack } });
  }

  /** A live peer was heard from: it may be a closer finger. */
  learn(peer: PeerId): void {
    this.table?.learn(peer);
  }

  /**
   * A peer sent this one a message: it is up and handling messages, so lookups may go to it again, though it did not
   * acknowledge a hop a while ago (cut off then, or busy). Passed over still, the key's own peer would be skipped and
   * the next one taken for responsible: its walk finds no copy (partitions 96).
   */
  heardFrom(peer: PeerId, now: number): void {
    this.avoid.delete(peer);
    this.lastHeard.delete(peer); // re-inserted last: the oldest is forgotten first
    this.lastHeard.set(peer, now);
    if (this.lastHeard.size > MAX_HEARD) this.lastHeard.delete(this.lastHeard.keys().next().value!);
  }

  /**
   * A request going back towards its key from past it, and no peer known nearer: the peer heard from lately (within
   * lateMs) nearest at or past the key, other than this one, `except` and avoided ones, when nearer the key than this
   * one. A peer that pings this one (its predecessors) is up and not cut off from it, where the nearest peer known
   * may lie across a cut: each hop there costs a hop timeout (partitions 1480, hosts 10162: the requester's side
   * knew a way back to the holder through its predecessors, and every nearest peer known was cut off).
   */
  backTowards(key: number, now: number, except?: PeerId): PeerId | undefined {
    const size = spaceSize(this.config.idBits);
    let best: PeerId | undefined;
    for (const peer of this.heardLately(now)) {
      if (peer === except || this.avoids(peer, now)) continue;
      if (distance(key, peer, size) >= distance(key, this.id, size)) continue;
      if (best === undefined || distance(key, peer, size) < distance(key, best, size)) best = peer;
    }
    return best;
  }

  /**
   * A peer sent this one a message, or a successor named it among its own successors: along successors, a peer a lookup
   * may detour through (see detour).
   */
  heardOf(peer: PeerId): void {
    if (this.table !== undefined || peer === this.id) return;
    this.heard.delete(peer); // re-inserted last: the set keeps peers in the order they were last heard of
    this.heard.add(peer);
    if (this.heard.size > MAX_HEARD) this.heard.delete(this.heard.values().next().value!);
  }

  /**
   * No successor acknowledges (neighbours crashed together, or cut off, and not declared gone yet): the peer heard of
   * lately (a successor's successors among them), or finger, that most closely precedes `key` (the key's own peer:
   * final), past the gap the successor list cannot see. With `pastKey` (a request) and none known before the key (the key's own peer is among the silent
   * ones), the nearest known after it instead, as the final hop: the first of the key's holders that is left, as far
   * as this peer knows; it serves its copy, or the requester hears that the route was cut. Only a peer nearer the key
   * than `origin` (pastKeyWithin): never the requester, which hears that anyway, nor one behind it. Undefined when
   * there is no such peer.
   */
  detour(key: number, now: number, pastKey = false, origin?: PeerId): Hop | undefined {
    const size = spaceSize(this.config.idBits);
    let before: PeerId | undefined;
    let after: PeerId | undefined;
    for (const peer of [...(this.table?.peers() ?? []), ...this.heard]) {
      if (peer === this.id || peer === origin || this.avoids(peer, now)) continue;
      if (between(this.id, peer, key)) {
        if (before === undefined || distance(peer, key, size) < distance(before, key, size)) before = peer;
      } else if (
        (origin === undefined || pastKeyWithin(key, peer, origin, size)) &&
        (after === undefined || distance(key, peer, size) < distance(key, after, size))
      )
        after = peer;
    }
    if (before !== undefined) return { to: before, final: before === key };
    return pastKey && after !== undefined ? { to: after, final: true } : undefined;
  }

  /**
   * A request sent again: the nearest peer known (heard of or from lately, or a finger) at or past `key` that has not
   * failed to acknowledge a hop lately, other than this one: the key's own peer or, as far as this peer knows, the first
   * holder after it. Undefined when none is known.
   */
  beyond(key: number, now: number, except?: PeerId): PeerId | undefined {
    return this.holdersKnown(key, 1, now, except)[0];
  }

  /**
   * The `count` nearest peers known at or past `key` (as beyond), nearest first: the key's holders, as far as this peer
   * knows them.
   */
  holdersKnown(key: number, count: number, now: number, except?: PeerId): PeerId[] {
    const size = spaceSize(this.config.idBits);
    const peers = new Set(this.known(now).filter((p) => p !== this.id && p !== except && !this.avoids(p, now)));
    return [...peers].sort((a, b) => distance(key, a, size) - distance(key, b, size)).slice(0, count);
  }

  /**
   * The peers known (heard of or from lately, or fingers), this one among them, strictly between `from` and `to`,
   * nearest `from` first, other than avoided ones.
   */
  knownBetween(from: PeerId, to: PeerId, now: number): PeerId[] {
    if (from === to) return [];
    const size = spaceSize(this.config.idBits);
    const peers = new Set([...this.known(now), this.id].filter((p) => p !== from && p !== to && between(from, p, to)));
    return [...peers]
      .filter((p) => p === this.id || !this.avoids(p, now))
      .sort((a, b) => distance(from, a, size) - distance(from, b, size));
  }

  /**
   * Every peer this one knows of: successors, predecessors, fingers, peers heard of lately (along successors), and,
   * with `now`, peers heard from within lateMs. On fingers `heard` stays empty (the table keeps only a peer nearer a
   * finger's start), so without these a peer that pinged this one a moment ago, the key's holder, was unknown to the
   * requester's retries, which repeated a walk from the wrong peer (partitions 1410: 585 heard from 275 and 308, cut off
   * with it, while the other side's peers, not merged yet, walked key 252 from 438).
   */
  private known(now?: number): PeerId[] {
    const predecessors = this.host.predecessors().filter((p) => p !== null);
    const known = [...this.host.successors(), ...predecessors, ...(this.table?.peers() ?? []), ...this.heard];
    if (now !== undefined) for (const peer of this.heardLately(now)) known.push(peer);
    return known;
  }

  /** The peers heard from within lateMs: up, and not cut off from this one (they reached it). */
  private *heardLately(now: number): Generator<PeerId> {
    for (const [peer, at] of this.lastHeard) if (now - at <= this.config.lateMs) yield peer;
  }

  /**
   * Every peer this one knows of now (known), those heard from within lateMs among them: any it may send a lookup to.
   * Not a peer last heard from longer ago, which no lookup goes to (holdersKnown, backTowards), though lastHeard keeps
   * it (hosts 1881: 381 had a lookup from the holder 109 4.97 s before it asked, and neither heard from the other
   * while a cut kept them apart from the rest; 109 counted as known, its failed requests as with a reachable holder).
   */
  knownPeers(now: number): PeerId[] {
    return [...new Set(this.known(now))].filter((p) => p !== this.id);
  }

  /** Along successors, the peers heard from or of lately, the most recent last (fingers keep their own table). */
  heardPeers(): PeerId[] {
    return [...this.heard];
  }

  /**
   * A peer died or departed: not a finger, nor known as heard from lately (holdersKnown, beyond, knownBetween and
   * backTowards would send lookups to it for up to lateMs after).
   */
  forget(peer: PeerId): void {
    this.table?.forget(peer);
    this.lastHeard.delete(peer);
  }

  /** A peer refused a connection: not a finger any more, and no hop goes to it for a while. */
  shun(peer: PeerId, now: number): void {
    this.table?.forget(peer); // heard from lately still: it is avoided till avoidMs, and may be back after
    this.avoid.set(peer, now + this.config.avoidMs);
  }

  fingers(): (PeerId | null)[] | undefined {
    return this.table?.list();
  }

  onFindSuccessor(from: PeerId, find: FindSuccessor, now: number, out: Effect[]): void {
    if (!this.host.joined()) return; // not placed yet: no answer, so the sender routes around it
    this.acknowledge(from, find, out);
    this.learn(from);
    if (find.behind !== undefined && find.origin !== this.id) this.host.behind?.(find.origin, find.behind, now, out);
    this.routeFind(find, now, out);
  }

  onSuccessorFound(found: SuccessorFound, now: number, out: Effect[]): void {
    if (this.finds.get(found.seq)?.target === found.target) {
      this.finds.delete(found.seq);
      this.host.found(found.target, found.successor, now, out);
      return;
    }
    const fixing = this.fixing;
    if (
      this.table === undefined ||
      fixing?.seq !== found.seq ||
      found.target !== fingerStart(this.id, fixing.index, this.config.idBits)
    )
      return;
    this.fixing = undefined;
    this.fixIndex = this.table.found(fixing.index, found.successor) % this.config.idBits;
  }

  onHopAck(from: PeerId, hopAck: HopAck, now: number, out: Effect[]): void {
    const hop = this.unacked.get(hopAck.ack);
    if (hop?.to === from) {
      this.unacked.delete(hopAck.ack);
      out.push({ type: 'cancel', timer: hopTimer(hopAck.ack) });
      this.sampled(now - hop.sentAt);
      return;
    }
    // Too late: the lookup went another way already, but the next hops' timeout learns how slow they are now, and the
    // peer, alive after all, is routed to again.
    const late = this.late.get(hopAck.ack);
    if (late?.to !== from) return;
    this.late.delete(hopAck.ack);
    this.sampled(now - late.sentAt);
    this.avoid.delete(from);
    this.learn(from);
  }

  /** The fingers timer: one fix-fingers step, and the next one scheduled. */
  fingersTick(now: number, out: Effect[]): void {
    this.fixNext(now, out);
    out.push({ type: 'schedule', timer: FINGER_TIMER, at: now + this.config.fingerIntervalMs });
  }

  /** A hop's timer: it was not acknowledged in time, so it goes another way. */
  hopTimedOut(ack: number, now: number, out: Effect[]): void {
    const hop = this.unacked.get(ack);
    if (hop !== undefined) this.giveUp(ack, hop, now, out);
  }

  /** A peer refused the connection: hops sent to it as a finger go another way now, not at their timeout. */
  unreachable(peer: PeerId, now: number, out: Effect[]): void {
    const hops = [...this.unacked].filter(([, hop]) => hop.to === peer);
    for (const [ack, hop] of hops) {
      out.push({ type: 'cancel', timer: hopTimer(ack) });
      this.giveUp(ack, hop, now, out);
    }
  }

  /** Dead or not placed: forget it as a finger, and send the lookup on from here another way. */
  private giveUp(ack: number, hop: { to: PeerId; message: Routed; sentAt: number }, now: number, out: Effect[]): void {
    this.unacked.delete(ack);
    this.late.set(ack, { to: hop.to, sentAt: hop.sentAt });
    if (this.late.size > MAX_LATE) this.late.delete(this.late.keys().next().value!);
    this.shun(hop.to, now);
    if (hop.message.type === 'lookup') this.host.reroute(hop.message, hop.to, now, out);
    else this.routeFind(hop.message, now, out);
  }

  /** Looks up the peer responsible for `target` (on fingers, or along successors); the answer goes to the host's found(). */
  find(target: number, now: number, out: Effect[]): void {
    if (!this.host.joined()) return;
    // An answer that never came is forgotten after an op deadline; while MAX_FINDS are under way, no more is sent (its
    // answer would be dropped): the caller asks again at its next round.
    for (const [old, { at }] of this.finds) {
      if (at > now - this.config.opTimeoutMs) break;
      this.finds.delete(old);
    }
    if (this.finds.size >= MAX_FINDS) return;
    const seq = ++this.fixSeq;
    this.finds.set(seq, { target, at: now });
    this.routeFind({ type: 'findSuccessor', origin: this.id, seq, target, final: false, hops: 0 }, now, out);
  }

  /**
   * Nobody pinged this peer lately (Membership.lookBehind): a find for the id just before its own goes round from its
   * first live successor, so it ends at the peer that takes itself for that id's predecessor, and every peer on the way
   * sees it (RouterHost.behind). Not its own id: a peer that has this one as a finger would send it straight here.
   * Nobody answers it (no seq is kept): what it is for is the peers it passes. It names `predecessors`, the peers that
   * pinged this one last: a peer that knows them lies just before them.
   */
  lookBehind(predecessors: readonly PeerId[], now: number, out: Effect[]): void {
    const first = this.firstLive(now);
    if (first === undefined || !this.host.joined()) return;
    const target = (this.id - 1 + spaceSize(this.config.idBits)) % spaceSize(this.config.idBits);
    const find: FindSuccessor = {
      type: 'findSuccessor',
      origin: this.id,
      seq: ++this.fixSeq,
      target,
      final: false,
      hops: 0,
      behind: [...predecessors],
    };
    this.forward({ ...find, hops: 1 }, find, first, now, out);
  }

  /**
   * One fix-fingers step: the fingers its first successor covers are set at once; the next one is looked
   * up (one lookup per tick, as Chord's fix_fingers), and its answer sets every finger it covers too.
   */
  private fixNext(now: number, out: Effect[]): void {
    const table = this.table;
    const first = this.host.successors()[0];
    if (table === undefined || first === undefined || !this.host.joined()) return;
    if (this.fixing !== undefined) this.fixIndex = (this.fixing.index + 1) % this.config.idBits; // no answer: move on
    this.fixing = undefined;
    const bits = this.config.idBits;
    for (let step = 0; step < bits; step++) {
      const i = this.fixIndex;
      if (first === this.id || table.coveredBySuccessor(i, first)) {
        table.found(i, first);
        this.fixIndex = (i + 1) % bits;
        continue;
      }
      const seq = ++this.fixSeq;
      this.fixing = { seq, index: i };
      this.routeFind(
        { type: 'findSuccessor', origin: this.id, seq, target: fingerStart(this.id, i, bits), final: false, hops: 0 },
        now,
        out,
      );
      return;
    }
  }

  /** One step of a fix-fingers lookup at this peer: answer the origin when this peer holds the target. */
  private routeFind(find: FindSuccessor, now: number, out: Effect[]): void {
    const hop = this.next(find.target, find.final, now);
    if (hop === undefined) {
      if (find.behind !== undefined) return; // nobody waits for its answer
      const answer = { type: 'successorFound', seq: find.seq, target: find.target, successor: this.id } as const;
      if (find.origin === this.id) this.onSuccessorFound(answer, now, out);
      else out.push({ type: 'send', to: find.origin, transport: 'tcp', message: answer });
      return;
    }
    if (find.hops >= 2 ** this.config.idBits) return; // went round without end: a broken ring; the next tick tries again
    this.forward({ ...find, final: hop.final, hops: find.hops + 1 }, find, hop.to, now, out);
  }
}
