// Where other peers listen: BASE_PORT + id on the original's 8-bit rings; in larger id spaces, addresses learned from the envelopes.
import type { PeerId } from '../core/ring.ts';
import type { Body, PeerAddress } from '../wire/codec.ts';

export interface Address {
  host: string;
  port: number;
}

/** 'ports': peer N is at host:BASE_PORT+N (the original); 'carried': addresses travel in the protocol. */
export type Addressing = 'ports' | 'carried';

/** The peers a message names, whose addresses the receiver may need next (to ping, to answer, to forward to). */
export function mentionedPeers(message: Body): PeerId[] {
  switch (message.type) {
    case 'pingResponse':
      return message.predecessor === null ? message.successors : [...message.successors, message.predecessor];
    case 'joinAccepted':
    case 'successorList':
      return message.successors;
    case 'successorChange':
      return [message.origin, ...message.successors];
    case 'departure':
      return [message.leaving, ...message.successors];
    case 'lookup':
    case 'findSuccessor':
      return [message.origin];
    case 'successorFound':
      return [message.successor];
    case 'joinRequest':
      return [message.newcomer];
    default:
      return [];
  }
}

export class AddressBook {
  private readonly known = new Map<PeerId, Address>();

  constructor(
    readonly self: PeerId,
    readonly own: Address,
    private readonly options: { addressing: Addressing; host: string; basePort: number },
    known: readonly PeerAddress[] = [],
  ) {
    for (const { id, host, port } of known) if (id !== self) this.known.set(id, { host, port });
  }

  /** Where `peer` listens, or undefined when nothing has said so yet. */
  of(peer: PeerId): Address | undefined {
    if (peer === this.self) return this.own;
    if (this.options.addressing === 'ports') return { host: this.options.host, port: this.options.basePort + peer };
    return this.known.get(peer);
  }

  /** What an envelope carries: the sender's address and those of the peers its message names (nothing on 8-bit rings). */
  hints(message: Body): PeerAddress[] {
    if (this.options.addressing === 'ports') return [];
    const out: PeerAddress[] = [{ id: this.self, ...this.own }];
    for (const peer of new Set(mentionedPeers(message))) {
      const address = peer === this.self ? undefined : this.known.get(peer);
      if (address !== undefined) out.push({ id: peer, ...address });
    }
    return out;
  }

  /** Addresses that came in an envelope; the newest word wins (a peer that restarted elsewhere). */
  learn(hints: readonly PeerAddress[]): void {
    if (this.options.addressing === 'ports') return;
    for (const { id, host, port } of hints) if (id !== this.self) this.known.set(id, { host, port });
  }
}
