// Zones (--zone): a peer learns the zones of the peers its successor lists name from the lists themselves (every
// message carrying a successor list carries their zones, and a ping response its sender's), so it can place a key's
// copies across zones (src/core/replication.ts). Pure.
import type { Effect } from './io.ts';
import type { Departure, JoinAccepted, Message, PingResponse, SuccessorChange, SuccessorList } from './messages.ts';
import type { PeerId } from './ring.ts';

/** The messages that carry a successor list, and with it the zones of its peers. */
type ListMessage = PingResponse | JoinAccepted | SuccessorChange | Departure | SuccessorList;
const LISTS: ReadonlySet<Message['type']> = new Set([
  'pingResponse',
  'joinAccepted',
  'successorChange',
  'departure',
  'successorList',
]);
function carriesList(message: Message): message is ListMessage {
  return LISTS.has(message.type);
}

export class ZoneBook {
  private readonly known = new Map<PeerId, string>();

  /** `own`: this peer's zone (undefined: none, so it neither learns nor tells any); `most`: zones remembered. */
  constructor(
    private readonly self: PeerId,
    private readonly own: string | undefined,
    private readonly most: number,
  ) {}

  of(peer: PeerId): string | undefined {
    return peer === this.self ? this.own : this.known.get(peer);
  }

  /** Takes the zones a message names; past `most` remembered, keeps only those of `keep` (the successors). */
  learn(from: PeerId, message: Message, keep: readonly PeerId[]): void {
    if (this.own === undefined) return;
    if (message.type === 'pingResponse' && message.zone !== undefined) this.known.set(from, message.zone);
    if (carriesList(message) && message.zones !== undefined) {
      const { zones } = message;
      message.successors.forEach((peer, i) => {
        if (zones[i] !== '' && peer !== this.self) this.known.set(peer, zones[i]!);
      });
    }
    if (this.known.size > this.most)
      for (const peer of this.known.keys()) if (!keep.includes(peer)) this.known.delete(peer);
  }

  /** Adds the zones to the successor lists this peer sends (and its own to its ping responses). */
  tell(out: Effect[]): void {
    if (this.own === undefined) return;
    for (let i = 0; i < out.length; i++) {
      const effect = out[i]!;
      if (effect.type !== 'send' || !carriesList(effect.message)) continue;
      const message = effect.message;
      const zones = message.successors.map((peer) => this.of(peer) ?? '');
      // Built field by field, not spread: spreading the effect and the message was about 14 µs of a ping's answer in a
      // thread that slept since the last (V8's generic copy), half the machine's work for it (bench/README.md,
      // fifteenth round). The other lists are not on a ping's way.
      out[i] = {
        type: 'send',
        to: effect.to,
        transport: effect.transport,
        message: message.type === 'pingResponse' ? pingResponseWith(message, this.own, zones) : { ...message, zones },
      };
    }
  }
}

/** The fields pingResponseWith copies: TypeScript refuses `EVERY_FIELD_COPIED` once PingResponse has another. */
type Copied = 'type' | 'seq' | 'successors' | 'predecessor' | 'incarnation' | 'zone' | 'zones';
const EVERY_FIELD_COPIED: [Exclude<keyof PingResponse, Copied>] extends [never] ? true : never = true;

/** `m` with the responder's zone and its successors' zones (as `{ ...m, zone, zones }`, without V8's generic copy). */
function pingResponseWith(m: PingResponse, zone: string, zones: string[]): PingResponse {
  void EVERY_FIELD_COPIED;
  return {
    type: m.type,
    seq: m.seq,
    successors: m.successors,
    predecessor: m.predecessor,
    ...(m.incarnation === undefined ? {} : { incarnation: m.incarnation }),
    zone,
    zones,
  };
}
