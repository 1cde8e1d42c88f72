// What the live view shows of a ring, kept on the main thread: each local peer's lists and files (from its status),
// refreshed when its lines say something changed, and every event passed on to the pages in batches.
import type { ActorStatus } from '../actor/actor.ts';
import { keyOf, type PeerId } from '../core/ring.ts';
import type { Ring, RingEvent } from '../host/ring.ts';
import { sha1First32 } from '../wire/name-hash.ts';
import type { ViewItem, ViewPeer, ViewSnapshot } from './protocol.ts';

/** Statuses asked for at most this often per peer after its lines said something changed. */
const REFRESH_DELAY_MS = 100;
/**
 * While a page watches, every local peer's status is asked for in turn (fingers and predecessors change without a
 * line): a few peers each tick, each peer about every 2 s, but no more than 32 statuses a second (256 peers: 8 s).
 */
const TICK_MS = 250;
const CYCLE_MIN_MS = 2_000;
const STATUSES_PER_SECOND = 32;
/** Events reach the pages in batches this often, so 256 peers' pings are a few messages a second, not thousands. */
const BATCH_MS = 50;
/** A batch holds at most this many items; past it the oldest pings are left out (a faint pulse missed, nothing else). */
const MAX_BATCH_ITEMS = 5_000;

export class RingPicture {
  private readonly peers = new Map<PeerId, ViewPeer>();
  private readonly dirty = new Set<PeerId>();
  private batch: ViewItem[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly everyone: NodeJS.Timeout;
  private readonly off: () => void;
  private closed = false;

  constructor(
    private readonly ring: Ring,
    /** Called with each batch of items for the pages. */
    private readonly publish: (items: ViewItem[]) => void,
    /** Whether any page is watching (no page: no periodic statuses). */
    private readonly watched: () => boolean,
  ) {
    this.off = ring.on((event) => this.heard(event));
    let next = 0;
    this.everyone = setInterval(() => {
      if (!this.watched()) return;
      const ids = this.ring.ids();
      const cycleMs = Math.max(CYCLE_MIN_MS, (ids.length / STATUSES_PER_SECOND) * 1000);
      const count = Math.min(ids.length, Math.ceil((ids.length * TICK_MS) / cycleMs));
      const turn = Array.from({ length: count }, (_, i) => ids[(next + i) % ids.length]!);
      next = (next + count) % Math.max(ids.length, 1);
      this.markDirty(...turn);
    }, TICK_MS).unref();
  }

  /** The whole picture now, for a page that just opened: every local peer's status, asked for afresh. */
  async snapshot(): Promise<ViewSnapshot> {
    await this.refresh(this.ring.ids());
    const o = this.ring.options;
    return {
      type: 'snapshot',
      idBits: o.idBits,
      routing: o.routing,
      pingIntervalMs: o.pingIntervalMs,
      maxFileBytes: o.maxFileBytes,
      peers: this.ring
        .ids()
        .map((id) => this.peers.get(id))
        .filter((p) => p !== undefined),
    };
  }

  close(): void {
    this.closed = true;
    this.off();
    clearInterval(this.everyone);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.batchTimer);
  }

  private heard(event: RingEvent): void {
    switch (event.kind) {
      case 'line': {
        this.queue({ type: 'line', peer: event.peer, t: event.t, line: event.line });
        // A ping changes nothing shown but predecessors, which the periodic refresh picks up.
        if (!event.line.event.startsWith('ping.')) this.markDirty(event.peer);
        return;
      }
      case 'done': {
        const r = event.result;
        this.queue({
          type: 'done',
          peer: event.peer,
          t: event.t,
          command: event.command,
          ok: r.ok,
          ...(r.holder === undefined ? {} : { holder: r.holder }),
          ...(r.hops === undefined ? {} : { hops: r.hops }),
          ...(r.ok ? {} : { error: r.error }),
        });
        this.markDirty(event.peer);
        return;
      }
      case 'closed':
      case 'crashed':
      case 'killed': {
        this.peers.delete(event.peer);
        this.queue({ type: 'gone', peer: event.peer, t: event.t, how: event.kind === 'closed' ? 'left' : event.kind });
        return;
      }
    }
  }

  private markDirty(...ids: PeerId[]): void {
    if (!this.watched()) return; // a page that opens gets every status afresh
    for (const id of ids) this.dirty.add(id);
    if (this.refreshTimer !== undefined || this.closed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const ids = [...this.dirty];
      this.dirty.clear();
      void this.refresh(ids);
    }, REFRESH_DELAY_MS).unref();
  }

  /** Asks these peers for their status and publishes the ones that changed. A peer gone meanwhile is skipped. */
  private async refresh(ids: PeerId[]): Promise<void> {
    const statuses = await Promise.allSettled(
      ids.filter((id) => this.ring.has(id)).map((id) => this.ring.peer(id).status()),
    );
    for (const outcome of statuses) {
      if (outcome.status !== 'fulfilled' || this.closed || !this.ring.has(outcome.value.id)) continue;
      const peer = this.viewOf(outcome.value);
      const before = this.peers.get(peer.id);
      if (before !== undefined && JSON.stringify(before) === JSON.stringify(peer)) continue;
      this.peers.set(peer.id, peer);
      this.queue({ type: 'peer', peer });
    }
  }

  private viewOf(status: ActorStatus): ViewPeer {
    const idBits = this.ring.options.idBits;
    return {
      id: status.id,
      successors: status.successors,
      predecessors: status.predecessors,
      ...(status.fingers === undefined ? {} : { fingers: status.fingers }),
      files: status.files.map((f) => ({
        name: f.name,
        sizeBytes: f.sizeBytes,
        key: keyOf(f.name, idBits, sha1First32),
      })),
    };
  }

  private queue(item: ViewItem): void {
    if (this.closed) return;
    this.batch.push(item);
    if (this.batch.length > MAX_BATCH_ITEMS) {
      const i = this.batch.findIndex((x) => x.type === 'line' && x.line.event.startsWith('ping.'));
      this.batch.splice(i === -1 ? 0 : i, 1);
    }
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      const items = this.batch;
      this.batch = [];
      this.publish(items);
    }, BATCH_MS).unref();
  }
}
