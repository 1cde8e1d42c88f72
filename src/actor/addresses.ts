// Where other peers listen, and what this peer tells them of itself. Addresses travel in every envelope (the
// sender's and those of the peers its message names); on 8-bit rings a peer nobody has placed yet is guessed at
// BASE_PORT + id on this peer's own host, as the original. A learned address never replaces a configured or working
// one with a worse one, and none that is unspecified (0.0.0.0) or, to a peer elsewhere, loopback is ever given out.
import type { PeerId } from '../core/ring.ts';
import type { Body, PeerAddress } from '../wire/codec.ts';
import { isHostName, isLoopback, isUnspecified, rememberedPerHost } from '../wire/hosts.ts';

export interface Address {
  host: string;
  port: number;
}

/** An address as one string (`host:port`): a map key, and the target a connection was opened to. */
export function addressKey(address: Address): string {
  return `${address.host}:${address.port}`;
}

/** 'ports': peer N is at host:BASE_PORT+N unless told otherwise (the original); 'carried': only what is told. */
export type Addressing = 'ports' | 'carried';

/** Where an entry came from: given by the user (ID@HOST:PORT, seeds, a join's known peer) or heard in a message. */
type Origin = 'configured' | 'learned';

interface Entry extends Address {
  origin: Origin;
  /** The peer answered at this address (a ping response, a connection accepted) since it was last silent. */
  working: boolean;
  /** Another address heard for it while this one worked: tried when this one stops answering. */
  candidate?: Address;
  /** This entry as an address hint, made at its first use in an envelope (dropped when its address changes). */
  hint?: PeerAddress;
  /** Its address as a key (addressKey), made at its first use by an in-process send (dropped when its address changes). */
  key?: string;
}

/** No hint: to a peer elsewhere from a peer on loopback. */
const NO_HINTS: readonly PeerAddress[] = Object.freeze([]);

export interface AddressBookOptions {
  addressing: Addressing;
  /** Ports addressing: the base port, and where an unplaced peer is guessed to be (this peer's advertised host). */
  basePort: number;
}

export class AddressBook {
  private readonly known = new Map<PeerId, Entry>();
  /** Hints refused: unspecified, or loopback while this peer is not (counted for `stats`). */
  refused = 0;
  /** isLoopback, remembered per host (hints are made for every envelope sent). */
  private readonly loopback = rememberedPerHost(isLoopback);
  /**
   * Whether `host` is worse than what this peer can use: unspecified, or loopback to a peer that is not. Remembered per
   * host (a function of the host alone, this peer's own host being fixed): every envelope read names the same few.
   */
  private readonly unfit = rememberedPerHost(
    (host) => isUnspecified(host) || (this.loopback(host) && !this.loopback(this.own.advertised.host)),
  );
  /** This peer's own hint alone, as `hints` gives it for most messages (ownHints). */
  private ownKept: readonly PeerAddress[] = NO_HINTS;

  constructor(
    readonly self: PeerId,
    /** What this peer binds, and what it tells others (never unspecified). */
    readonly own: { bound: Address; advertised: Address },
    private readonly options: AddressBookOptions,
    configured: readonly PeerAddress[] = [],
  ) {
    this.configure(configured);
  }

  /** Addresses given by the host (at spawn, or once peers that took any free port are bound): configured ones. */
  configure(list: readonly PeerAddress[]): void {
    for (const { id, host, port } of list)
      if (id !== this.self && !isUnspecified(host) && port !== 0)
        this.known.set(id, { host, port, origin: 'configured', working: false });
  }

  /** Where `peer` listens, or undefined when nothing has said so yet. */
  of(peer: PeerId): Address | undefined {
    if (peer === this.self) return this.own.advertised;
    const entry = this.known.get(peer);
    if (entry !== undefined) return { host: entry.host, port: entry.port };
    if (this.options.addressing === 'ports')
      return { host: this.own.advertised.host, port: this.options.basePort + peer };
    return undefined;
  }

  /** `of(peer)`'s host, without a new object (a message read asks it of its sender). */
  hostOf(peer: PeerId): string | undefined {
    if (peer === this.self) return this.own.advertised.host;
    const entry = this.known.get(peer);
    if (entry !== undefined) return entry.host;
    return this.options.addressing === 'ports' ? this.own.advertised.host : undefined;
  }

  /**
   * `addressKey(of(peer))`, kept with the peer's entry: an in-process send looks its receiver up by it, and a string
   * made per message was garbage of every message between peers of one process (bench/README.md, alloc29's round).
   */
  keyOf(peer: PeerId): string | undefined {
    const entry = peer === this.self ? undefined : this.known.get(peer);
    if (entry !== undefined) return (entry.key ??= addressKey(entry));
    const address = this.of(peer);
    return address === undefined ? undefined : addressKey(address);
  }

  /** Every peer with an address: id, where, and whether it answered there. */
  entries(): { id: PeerId; host: string; port: number; working: boolean }[] {
    return [...this.known].map(([id, e]) => ({ id, host: e.host, port: e.port, working: e.working }));
  }

  /**
   * What an envelope to `to` carries: this peer's address and those of the peers its message names, where `to` can use
   * them. Made for every message sent, so nothing is built when there is nothing but this peer's own to tell (most
   * messages): the answer is then one kept, frozen array; an entry's hint object is kept with the entry. Read-only.
   */
  hints(message: Body, to?: PeerId): readonly PeerAddress[] {
    // A loopback address means nothing to a peer on another machine (it would reach itself).
    const toLoopback = this.onLoopback(to);
    const own = this.ownHints(toLoopback);
    // The peers a message names (whose addresses the receiver may need next: to ping, to answer, to forward to), walked
    // from its fields: one call each, the list made only when one is added (test/actor/addresses.test.ts pins each kind).
    switch (message.type) {
      case 'pingResponse': {
        let out = this.addAll(undefined, own, message.successors, to, toLoopback);
        if (message.predecessor !== null) out = this.add(out, own, message.predecessor, to, toLoopback);
        return out ?? own;
      }
      case 'joinAccepted':
      case 'successorList':
        return this.addAll(undefined, own, message.successors, to, toLoopback) ?? own;
      case 'successorChange':
      case 'departure': {
        const first = message.type === 'departure' ? message.leaving : message.origin;
        return (
          this.addAll(this.add(undefined, own, first, to, toLoopback), own, message.successors, to, toLoopback) ?? own
        );
      }
      case 'lookup':
      case 'findSuccessor':
        return this.add(undefined, own, message.origin, to, toLoopback) ?? own;
      case 'successorFound':
        return this.add(undefined, own, message.successor, to, toLoopback) ?? own;
      case 'joinRequest':
        return this.add(undefined, own, message.newcomer, to, toLoopback) ?? own;
      case 'indirectProbe':
      case 'indirectAck':
        return (
          this.add(this.add(undefined, own, message.target, to, toLoopback), own, message.requester, to, toLoopback) ??
          own
        );
      default:
        return own;
    }
  }

  /**
   * Whether `to` is on loopback, so that it can use loopback addresses (true when it is not known where it is). Where
   * `to` is, as `of` says, without `of`'s object per call (once per message sent): the two must agree.
   */
  private onLoopback(to: PeerId | undefined): boolean {
    if (to === undefined) return true;
    const there = to === this.self ? this.own.advertised : this.known.get(to);
    if (there !== undefined) return this.loopback(there.host);
    // Ports addressing guesses it on this peer's own host (`of`); carried addressing knows nothing of it.
    return this.options.addressing === 'ports' ? this.loopback(this.own.advertised.host) : true;
  }

  /** This peer's own hint, alone, as a kept array (rebuilt if the advertised port is filled in once bound). */
  private ownHints(toLoopback: boolean): readonly PeerAddress[] {
    const { host, port } = this.own.advertised;
    if (!toLoopback && this.loopback(host)) return NO_HINTS;
    const kept = this.ownKept;
    if (kept.length === 1 && kept[0]!.host === host && kept[0]!.port === port) return kept;
    this.ownKept = Object.freeze([Object.freeze({ id: this.self, host, port })]);
    return this.ownKept;
  }

  private addAll(
    out: PeerAddress[] | undefined,
    own: readonly PeerAddress[],
    peers: readonly PeerId[],
    to: PeerId | undefined,
    toLoopback: boolean,
  ): PeerAddress[] | undefined {
    for (let i = 0; i < peers.length; i++) out = this.add(out, own, peers[i]!, to, toLoopback);
    return out;
  }

  /** `out` with `peer`'s hint added if it has one `to` can use and it is not there yet; made from `own` at the first. */
  private add(
    out: PeerAddress[] | undefined,
    own: readonly PeerAddress[],
    peer: PeerId,
    to: PeerId | undefined,
    toLoopback: boolean,
  ): PeerAddress[] | undefined {
    // Not the receiver's own address: it never learns its own (learn), and a ping response names it (~15 bytes).
    if (peer === this.self || peer === to) return out;
    const entry = this.known.get(peer);
    if (entry === undefined || (!toLoopback && this.loopback(entry.host))) return out;
    if (out === undefined) out = own.slice();
    else for (let i = own.length; i < out.length; i++) if (out[i]!.id === peer) return out;
    entry.hint ??= Object.freeze({ id: peer, host: entry.host, port: entry.port });
    out.push(entry.hint);
    return out;
  }

  /**
   * Addresses that came in an envelope from `sender`. The newest word wins (a peer that restarted elsewhere), except
   * that nothing unfit is taken, a host name the user gave is kept over a literal (the name is resolved again when the
   * peer goes silent), and an address that works is kept over one heard second-hand (the other is tried when it stops
   * answering). What a sender says of itself, from that very address (`source`, where the message came from), is
   * where that peer is now: a newcomer with the id of a running peer is answered there. (From elsewhere, a peer
   * behind NAT telling its private address, it is only the alternative.)
   */
  learn(hints: readonly PeerAddress[], sender?: PeerId, source?: string): void {
    // Indexed, not for-of: the array iterator was garbage of every message read (alloc29's round).
    for (let i = 0; i < hints.length; i++) {
      const { id, host, port } = hints[i]!;
      if (id === this.self) continue;
      if (this.unfit(host)) {
        this.refused++;
        continue;
      }
      const entry = this.known.get(id);
      if (entry === undefined) {
        this.known.set(id, { host, port, origin: 'learned', working: false });
        continue;
      }
      if (entry.host === host && entry.port === port) continue;
      const keepName = entry.origin === 'configured' && isHostName(entry.host) && !isHostName(host);
      const firstHand = id === sender && source !== undefined && host === source;
      if (keepName || (entry.working && !firstHand)) entry.candidate = { host, port };
      else this.known.set(id, { host, port, origin: 'learned', working: false });
    }
  }

  /** `peer` answered at the address this peer has for it. */
  answered(peer: PeerId): void {
    const entry = this.known.get(peer);
    if (entry !== undefined) entry.working = true;
  }

  /**
   * `peer` stopped answering: its address is no longer known to work, and another one heard meanwhile is tried
   * (the old one becomes the alternative). Returns the host to resolve again.
   */
  silent(peer: PeerId): string | undefined {
    const entry = this.known.get(peer);
    if (entry === undefined) return this.of(peer)?.host;
    entry.working = false;
    const { candidate } = entry;
    if (candidate !== undefined) {
      entry.candidate = { host: entry.host, port: entry.port };
      entry.host = candidate.host;
      entry.port = candidate.port;
      entry.hint = undefined;
      entry.key = undefined;
    }
    return entry.host;
  }

  /** The peer that listens at host:port (a datagram's source), among those this peer knows. */
  peerAt(host: string, port: number, resolved: (host: string) => string | undefined): PeerId | undefined {
    for (const [id, e] of this.known) if (e.port === port && (e.host === host || resolved(e.host) === host)) return id;
    const id = port - this.options.basePort; // ports addressing: ids of at most 8 bits
    if (this.options.addressing === 'ports' && id >= 0 && id < 256 && id !== this.self) return id;
    return undefined;
  }
}
