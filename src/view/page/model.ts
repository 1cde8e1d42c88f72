// The page's picture of the ring: the local peers' lists and files, who is dead, and what is moving (hops, transfers,
// pings), built from the server's snapshot and the items that follow it.
import type { ViewItem, ViewPeer, ViewSnapshot } from '../protocol.ts';

/** How long one hop of a lookup takes on screen; a route's hops are shown one after another. */
export const HOP_MS = 380;
/** A transfer (the file itself) takes a little longer than a hop. */
export const TRANSFER_MS = 650;
/** A drawn hop stays visible, fading, this long after it arrived. */
export const TRAIL_MS = 5_000;
/** A dead peer no live peer lists any more fades out over this long. */
export const FADE_MS = 1_500;

export type FlightKind = 'store' | 'request' | 'transfer' | 'copy' | 'join';

/** One hop (or transfer) drawn from one peer to another: a dot that moves, then a fading trail. */
export interface Flight {
  kind: FlightKind;
  name: string;
  from: number;
  to: number;
  startsAt: number;
  endsAt: number;
}

/** A short mark at a peer: a ping's faint pulse, a lookup served, a death, a file arrived. */
export interface Pulse {
  peer: number;
  kind: 'ping' | 'found' | 'dead' | 'stored' | 'joined';
  at: number;
}

export interface LogEntry {
  peer: number;
  text: string;
  kind: 'line' | 'done' | 'error';
}

/** The peers the page draws now, each with how it is shown. */
export interface DrawnPeer {
  id: number;
  /** local: a peer of the ring's process; remote: known only from the lists; dead: killed, crashed or declared dead. */
  state: 'local' | 'remote' | 'dead' | 'fading';
  /** 0..1: 1 once fully shown (a joining peer grows in, a dead one no one lists fades out). */
  opacity: number;
}

/** The field naming where the hop goes, in lines that send a lookup on (other than `to` or `successor`). */
const HOP_TARGET: Record<'request.replica' | 'lookup.rerouted' | 'lookup.retried', string> = {
  'request.replica': 'replica',
  'lookup.rerouted': 'next',
  'lookup.retried': 'via',
};

export class RingModel {
  idBits = 8;
  routing: 'successor' | 'finger' = 'successor';
  maxFileBytes = 0;
  readonly peers = new Map<number, ViewPeer>();
  /** Peers known dead (killed here, crashed, or reported "no longer alive"), since when. */
  readonly dead = new Map<number, number>();
  /** Dead peers no one lists any more: fading out since. */
  readonly fading = new Map<number, number>();
  /** When each peer first appeared (it grows in). */
  readonly appeared = new Map<number, number>();
  /** When a peer's successor list last changed (its arrows flash: a repair or a join). */
  readonly repaired = new Map<number, number>();
  flights: Flight[] = [];
  pulses: Pulse[] = [];
  readonly log: LogEntry[] = [];
  /** Bumped on every change a panel shows (peers, files, deaths), so the panel redraws only then. */
  version = 0;
  /** Per route (store NAME, request NAME, join N): when its last queued hop ends, so hops follow each other. */
  private readonly routeEnds = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  get spaceSize(): number {
    return 2 ** this.idBits;
  }

  reset(snapshot: ViewSnapshot): void {
    this.idBits = snapshot.idBits;
    this.routing = snapshot.routing;
    this.maxFileBytes = snapshot.maxFileBytes;
    this.peers.clear();
    for (const peer of snapshot.peers) this.peers.set(peer.id, peer);
    this.version++;
  }

  apply(item: ViewItem | ViewSnapshot): void {
    const now = this.now();
    switch (item.type) {
      case 'snapshot':
        return this.reset(item);
      case 'peer': {
        const before = this.peers.get(item.peer.id);
        if (before === undefined) this.appeared.set(item.peer.id, now);
        else if (before.successors.join() !== item.peer.successors.join()) this.repaired.set(item.peer.id, now);
        this.peers.set(item.peer.id, item.peer);
        this.dead.delete(item.peer.id);
        this.fading.delete(item.peer.id);
        this.version++;
        return;
      }
      case 'gone': {
        this.peers.delete(item.peer);
        if (item.how !== 'left') {
          this.dead.set(item.peer, now);
          this.pulses.push({ peer: item.peer, kind: 'dead', at: now });
        } else this.fading.set(item.peer, now);
        this.log.push({ peer: item.peer, text: goneText(item.peer, item.how), kind: 'error' });
        this.version++;
        return;
      }
      case 'done':
        this.log.push({
          peer: item.peer,
          text: item.ok
            ? `${item.command}: done${item.holder === undefined ? '' : ` (Peer ${item.holder}, ${item.hops ?? 0} hops)`}`
            : `${item.command} failed: ${item.error ?? ''}`,
          kind: item.ok ? 'done' : 'error',
        });
        this.version++;
        return;
      case 'line':
        return this.line(item.peer, item.line, now);
    }
  }

  private line(peer: number, line: { event: string; text: string; [field: string]: unknown }, now: number): void {
    const num = (key: string) => (typeof line[key] === 'number' ? (line[key] as number) : undefined);
    const name = typeof line.name === 'string' ? line.name : '';
    const next = num('to') ?? num('successor');
    if (line.event === 'ping.sent') {
      this.pulses.push({ peer, kind: 'ping', at: now });
      return; // pings are pulses, not log lines
    }
    if (line.event.startsWith('ping.')) return;
    this.log.push({ peer, text: line.text, kind: 'line' });
    this.version++;
    switch (line.event) {
      case 'store.forwarded':
        if (next !== undefined) this.fly('store', name, peer, next, HOP_MS, now);
        return;
      case 'store.accepted': {
        const from = num('from');
        if (from !== undefined && from !== peer)
          this.fly('transfer', name, from, peer, TRANSFER_MS, now, `store:${name}`);
        this.pulses.push({ peer, kind: 'stored', at: this.routeEnd(`store:${name}`, now) });
        return;
      }
      case 'request.sent':
      case 'request.forwarded':
        if (next !== undefined) this.fly('request', name, peer, next, HOP_MS, now);
        return;
      case 'request.replica':
      case 'lookup.rerouted':
      case 'lookup.retried': {
        // A hop to the peer the line names: a replica asked, a hop sent another way, the requester's lost lookup sent
        // again.
        const to = num(HOP_TARGET[line.event]);
        if (to !== undefined) this.fly('request', name, peer, to, HOP_MS, now);
        return;
      }
      case 'request.found':
        this.pulses.push({ peer, kind: 'found', at: this.routeEnd(`request:${name}`, now) });
        return;
      case 'file.sending': {
        const to = num('to');
        if (to !== undefined && to !== peer) this.fly('transfer', name, peer, to, TRANSFER_MS, now, `request:${name}`);
        return;
      }
      case 'copy.stored': {
        const from = num('from');
        // Copies follow the store that made them.
        if (from !== undefined) this.fly('copy', name, from, peer, HOP_MS, now, `store:${name}`);
        return;
      }
      case 'join.forwarded': {
        const newcomer = num('newcomer');
        if (next !== undefined) this.fly('join', String(newcomer ?? ''), peer, next, HOP_MS, now);
        return;
      }
      case 'join.accepted':
        this.pulses.push({ peer, kind: 'joined', at: now });
        return;
      case 'peer.dead': {
        const dead = num('dead');
        if (dead !== undefined && !this.peers.has(dead)) {
          if (!this.dead.has(dead)) this.pulses.push({ peer: dead, kind: 'dead', at: now });
          this.dead.set(dead, this.dead.get(dead) ?? now);
        }
        return;
      }
    }
  }

  /** Queues a hop on its route: it starts when the route's previous hop has arrived. */
  private fly(kind: FlightKind, name: string, from: number, to: number, ms: number, now: number, route?: string): void {
    const key = route ?? `${kind === 'copy' || kind === 'transfer' ? 'store' : kind}:${name}`;
    const startsAt = Math.max(now, this.routeEnds.get(key) ?? 0);
    const endsAt = startsAt + ms;
    // Copies of one store travel side by side, not one after another.
    if (kind !== 'copy') this.routeEnds.set(key, endsAt);
    this.flights.push({ kind, name, from, to, startsAt, endsAt });
  }

  private routeEnd(key: string, now: number): number {
    return Math.max(now, this.routeEnds.get(key) ?? 0);
  }

  /** Forgets what has finished showing; keeps the log short. */
  prune(now: number): void {
    this.flights = this.flights.filter((f) => f.endsAt + TRAIL_MS > now);
    this.pulses = this.pulses.filter((p) => p.at + 1_500 > now);
    for (const [key, end] of this.routeEnds) if (end + TRAIL_MS < now) this.routeEnds.delete(key);
    if (this.log.length > 400) this.log.splice(0, this.log.length - 300);
    for (const [id, since] of this.fading) if (since + FADE_MS < now) this.fading.delete(id);
  }

  /**
   * The peers on the circle now: every local peer, every peer a local one lists (successors, fingers), dead ones while
   * some live peer still lists them, then fading out.
   */
  drawn(now: number): DrawnPeer[] {
    const listed = new Set<number>();
    for (const peer of this.peers.values()) {
      for (const s of peer.successors) listed.add(s);
      for (const f of peer.fingers ?? []) if (f !== null) listed.add(f);
    }
    const out: DrawnPeer[] = [];
    const grow = (id: number) => Math.min(1, (now - (this.appeared.get(id) ?? -1e9)) / 600);
    for (const id of this.peers.keys()) out.push({ id, state: 'local', opacity: Math.max(0.15, grow(id)) });
    for (const id of listed) {
      if (this.peers.has(id)) continue;
      out.push({ id, state: this.dead.has(id) ? 'dead' : 'remote', opacity: 1 });
    }
    for (const id of this.dead.keys()) {
      if (this.peers.has(id) || listed.has(id)) continue;
      // Nobody lists it now: the ring has closed without it.
      this.dead.delete(id);
      this.fading.set(id, now);
    }
    for (const [id, since] of this.fading) {
      if (this.peers.has(id) || listed.has(id)) continue;
      out.push({ id, state: 'fading', opacity: Math.max(0, 1 - (now - since) / FADE_MS) });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** The live peers as the ring orders them: local ones and the others listed. */
  liveIds(now: number): number[] {
    return this.drawn(now)
      .filter((p) => p.state === 'local' || p.state === 'remote')
      .map((p) => p.id);
  }
}

function goneText(peer: number, how: 'left' | 'killed' | 'crashed'): string {
  if (how === 'killed') return `Peer ${peer} was killed: no notice to anyone`;
  if (how === 'crashed') return `Peer ${peer} stopped unexpectedly`;
  return `Peer ${peer} has left`;
}
