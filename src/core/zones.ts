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
    out.forEach((effect, i) => {
      if (effect.type !== 'send' || !carriesList(effect.message)) return;
      const message = effect.message;
      const zones = message.successors.map((peer) => this.of(peer) ?? '');
      out[i] = {
        ...effect,
        message: message.type === 'pingResponse' ? { ...message, zone: this.own, zones } : { ...message, zones },
      };
    });
  }
}
